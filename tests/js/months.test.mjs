// Journeys that run for months: the learner's cohort and group, meetings, "next" on the calendar,
// prior learning and the portfolio per objective.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  applyImport,
  cleanRecord,
  isDone,
  markMeeting,
  meetingProgress,
  meetingsFor,
  mergeRecords,
  readChoice,
  recordMarkdown,
  suggestNextInTime,
  validateImport,
  weekDay,
  writeChoice,
} from "../../plugins/learning_journeys/site/assets/learning-journeys-record.js";
import { MemoryStorage, T1, T2, T3 } from "./helpers.mjs";

const meeting = (n, cohort, group, day, extra = {}) => ({
  activity: "intervisie", id: `intervisie-${n}`, number: n, cohort, group, day, start: `${day}T15:00:00+02:00`, ...extra,
});

/** A year-long journey: an intake before the start, a workshop in week 4, assignments in week 5,
 * a follow-up in week 10 (listed before the assignments), intervision in two groups. */
export const MONTHS = {
  id: "intervisiejaar",
  title: "Een jaar intervisie",
  objectives: [{ id: "feedback", title: "Je geeft feedback" }, { id: "regie", title: "Je houdt regie" }],
  cohorts: [
    { id: "voorjaar", title: "Voorjaar", start: "2027-03-01", timezone: "Europe/Amsterdam",
      groups: [{ id: "groep-a", title: "Groep A" }, { id: "groep-b", title: "Groep B" }] },
    { id: "najaar", title: "Najaar", start: "2027-09-06", timezone: "Europe/Amsterdam", groups: [] },
  ],
  activities: [
    { id: "intake", title: "Intake", phase: "Voor", type: "Opdracht", week: 0, prerequisites: [] },
    { id: "workshop", title: "Workshop", phase: "Leren", type: "Workshop", week: 4, prerequisites: ["intake"],
      objectives: ["feedback"] },
    { id: "follow-up", title: "Terugkomdag", phase: "Leren", type: "Workshop", week: 10, prerequisites: ["workshop"] },
    { id: "opdracht", title: "Opdracht", phase: "Leren", type: "Opdracht", week: 5, due_week: 5, prerequisites: ["workshop"],
      objectives: ["feedback"], prior_learning: true },
    { id: "intervisie", title: "Intervisie", phase: "Toepassen", type: "Intervisie", week: 2, objectives: ["regie"] },
    { id: "na-intervisie", title: "Na elke bijeenkomst", phase: "Toepassen", type: "Reflectie", after: "intervisie",
      objectives: ["regie"] },
    { id: "portfolio", title: "Portfolio", phase: "Toepassen", type: "Portfolio", week: 1, until_week: 52 },
  ],
  meetings: [
    meeting(1, "voorjaar", "groep-a", "2027-03-08"),
    meeting(2, "voorjaar", "groep-a", "2027-04-19"),
    meeting(3, "voorjaar", "groep-a", "2027-05-31", { cancelled: true }),
    meeting(1, "voorjaar", "groep-b", "2027-03-09"),
    meeting(2, "voorjaar", "groep-b", "2027-04-20"),
    meeting(3, "voorjaar", "groep-b", "2027-06-01"),
    meeting(1, "najaar", null, "2027-09-13"),
    meeting(2, "najaar", null, "2027-10-25"),
    meeting(3, "najaar", null, "2027-12-06"),
  ],
};
const A = { cohort: "voorjaar", group: "groep-a" };

describe("meetingsFor", () => {
  it("gives the chosen group's meetings with their dates", () => {
    const list = meetingsFor(MONTHS, "intervisie", A);
    assert.deepEqual(list.map((m) => [m.id, m.day, m.cancelled]),
      [["intervisie-1", "2027-03-08", false], ["intervisie-2", "2027-04-19", false], ["intervisie-3", "2027-05-31", true]]);
  });

  it("without a choice gives every meeting id once, without a date where cohorts differ", () => {
    const list = meetingsFor(MONTHS, "intervisie", null);
    assert.deepEqual(list.map((m) => [m.id, m.day, m.cancelled]),
      [["intervisie-1", null, false], ["intervisie-2", null, false], ["intervisie-3", null, false]]);
  });

  it("a cohort without groups has its own dates", () => {
    assert.deepEqual(meetingsFor(MONTHS, "intervisie", { cohort: "najaar" }).map((m) => m.day),
      ["2027-09-13", "2027-10-25", "2027-12-06"]);
  });
});

describe("markMeeting", () => {
  const mine = meetingsFor(MONTHS, "intervisie", A);

  it("keeps the day of each meeting; the last open one marks the activity done (cancelled ones do not count)", () => {
    let record = markMeeting({}, mine, "intervisie-1", true, T1);
    assert.deepEqual(record, { meetings: { "intervisie-1": T1 } });
    assert.equal(isDone(record), false);
    record = markMeeting(record, mine, "intervisie-2", true, T2);
    assert.deepEqual(record, { meetings: { "intervisie-1": T1, "intervisie-2": T2 }, done: T2 });
    assert.equal(isDone(record), true);
    record = markMeeting(record, mine, "intervisie-1", false, T3);
    assert.deepEqual(record, { meetings: { "intervisie-2": T2 } });
  });

  it("an old record (one done mark for the activity) keeps its other meetings done when one is un-marked", () => {
    const record = markMeeting({ done: T1 }, mine, "intervisie-2", false, T3);
    assert.deepEqual(record, { meetings: { "intervisie-1": T1 } });
  });

  it("counts meetings in progress, an old done mark counting for all", () => {
    assert.deepEqual(meetingProgress(MONTHS, { intervisie: { meetings: { "intervisie-1": T1 } } }, A), { done: 1, total: 2 });
    assert.deepEqual(meetingProgress(MONTHS, { intervisie: { done: T1 } }, { cohort: "voorjaar", group: "groep-b" }),
      { done: 3, total: 3 });
  });
});

describe("suggestNextInTime", () => {
  const done = (...ids) => Object.fromEntries(ids.map((id) => [id, { done: T1 }]));

  it("after the week-4 workshop suggests the week-5 assignment before the week-10 follow-up", () => {
    const records = { ...done("intake", "workshop", "portfolio"),
      intervisie: { meetings: { "intervisie-1": T1, "intervisie-2": T1 } } };
    const next = suggestNextInTime(MONTHS, records, A);
    assert.equal(next && next.activity.id, "opdracht");
    assert.equal(next && next.day, weekDay("2027-03-01", 5, true));
    // Without a cohort: the journey's order, as before.
    assert.equal(suggestNextInTime(MONTHS, records, null)?.activity.id, "follow-up");
  });

  it("puts a meeting before later work, and names the first open meeting", () => {
    const next = suggestNextInTime(MONTHS, done("intake", "portfolio"), A);
    assert.equal(next?.activity.id, "intervisie");
    assert.equal(next?.meeting?.id, "intervisie-1");
    assert.equal(next?.day, "2027-03-08");
  });

  it("respects prerequisites: work due early waits for what it needs", () => {
    assert.equal(suggestNextInTime(MONTHS, {}, A)?.activity.id, "intake");
    const records = { ...done("intake", "portfolio"), intervisie: { done: T1 } };
    // The assignment (week 5) needs the workshop (week 4); the follow-up comes later.
    assert.equal(suggestNextInTime(MONTHS, records, A)?.activity.id, "workshop");
  });

  it("counts prior learning as done and skips an activity whose meetings are all done", () => {
    const records = { ...done("intake", "workshop", "portfolio", "follow-up", "na-intervisie"),
      opdracht: { prior: { text: "Mijn certificaat", saved: T1 } },
      intervisie: { meetings: { "intervisie-1": T1, "intervisie-2": T1 } } };
    assert.equal(suggestNextInTime(MONTHS, records, A), null);
  });

  it("weeks before the start are before the start", () => {
    assert.equal(weekDay("2027-03-01", 0), "2027-02-22");
    assert.equal(weekDay("2027-03-01", -1), "2027-02-15");
    assert.equal(weekDay("2027-03-01", 1, true), "2027-03-07");
  });
});

describe("the new parts of a record", () => {
  const record = {
    meetings: { "intervisie-1": T1 },
    journal: { "intervisie-1": { 0: { text: "Goed gesprek.", saved: T2, prompt: "Wat nam je mee?" } } },
    prior: { text: "Certificaat 2025", saved: T1 },
    portfolio: { feedback: { text: "Gesprek met klant X", saved: T3 } },
  };

  it("are kept when read, and bad ones left out", () => {
    assert.deepEqual(cleanRecord(record), { value: record, problems: [] });
    const bad = cleanRecord({ ...record, meetings: { "intervisie-1": "nooit", "Bad Id": T1 } });
    assert.deepEqual(bad.problems, ["meetings intervisie-1", "meetings Bad Id"]);
    assert.equal(bad.value.meetings, undefined);
  });

  it("are merged: the earliest meeting mark, the newest text", () => {
    const theirs = { meetings: { "intervisie-1": T2, "intervisie-2": T3 },
      journal: { "intervisie-1": { 0: { text: "Later.", saved: T3, prompt: "Wat nam je mee?" } } } };
    const merged = mergeRecords(record, theirs);
    assert.deepEqual(merged.meetings, { "intervisie-1": T1, "intervisie-2": T3 });
    assert.equal(merged.journal["intervisie-1"][0].text, "Later.");
    assert.equal(merged.prior.text, "Certificaat 2025");
  });
});

describe("the cohort choice", () => {
  it("is stored apart from the activities and read back only for a cohort and group the journey has", () => {
    const store = new MemoryStorage();
    writeChoice(store, MONTHS.id, A);
    assert.deepEqual(readChoice(store, MONTHS.id, MONTHS), A);
    writeChoice(store, MONTHS.id, { cohort: "najaar", group: "groep-a" });
    assert.deepEqual(readChoice(store, MONTHS.id, MONTHS), { cohort: "najaar" });
    writeChoice(store, MONTHS.id, { cohort: "gone" });
    assert.equal(readChoice(store, MONTHS.id, MONTHS), null);
    writeChoice(store, MONTHS.id, null);
    assert.equal(store.length, 0);
  });

  it("travels in the exported record and comes back on import", () => {
    const file = { format: "mkdocs-learning-journeys/journey-record", version: 1, exported: T3,
      journey: { id: MONTHS.id, title: MONTHS.title }, choice: A,
      activities: { intervisie: { meetings: { "intervisie-1": T1 } } } };
    const checked = validateImport(file, MONTHS);
    assert.deepEqual(checked.choice, A);
    const store = new MemoryStorage();
    assert.deepEqual(applyImport(store, MONTHS.id, checked.activities, "replace", checked.choice), { ok: true, count: 1 });
    assert.deepEqual(readChoice(store, MONTHS.id, MONTHS), A);
    assert.deepEqual(validateImport({ ...file, choice: { cohort: 42 } }, MONTHS), { error: { key: "js_import_not_record" } });
    assert.equal("choice" in validateImport({ ...file, choice: { cohort: "elders" } }, MONTHS), false);
  });

  it("is put back when the import fails", () => {
    const store = new MemoryStorage(200);
    writeChoice(store, MONTHS.id, { cohort: "najaar" });
    const big = { intervisie: { prior: { text: "x".repeat(500), saved: T1 } } };
    const result = applyImport(store, MONTHS.id, big, "merge", A);
    assert.equal(result.ok, false);
    assert.deepEqual(readChoice(store, MONTHS.id, MONTHS), { cohort: "najaar" });
  });
});

describe("the portfolio in Markdown", () => {
  const words = { t: (key, vars) => `${key}${vars ? JSON.stringify(vars) : ""}`, date: (iso) => iso.slice(0, 10) };

  it("groups evidence, reflections and prior learning per objective", () => {
    const records = {
      opdracht: { prior: { text: "Certificaat 2025", saved: T1 } },
      "na-intervisie": { journal: { "intervisie-2": { 0: { text: "Ik vroeg door.", saved: T2, prompt: "Wat deed je?" } } } },
      portfolio: { portfolio: { feedback: { text: "Gesprek met klant X", saved: T3 } } },
    };
    const md = recordMarkdown(MONTHS, records, T3, words);
    const feedback = md.indexOf("### Je geeft feedback");
    const regie = md.indexOf("### Je houdt regie");
    assert.ok(md.includes("## js_md_objectives"), md);
    assert.ok(feedback > 0 && regie > feedback, md);
    const part = md.slice(feedback, regie);
    assert.match(part, /\*\*js_portfolio_evidence\*\* \(Portfolio\)\n\n> Gesprek met klant X/);
    assert.match(part, /#### Opdracht\n\n\*\*js_prior_recognised\*\*\n\n> Certificaat 2025/);
    assert.match(md.slice(regie), /#### Na elke bijeenkomst\n\n\*\*js_journal_after\{"meeting":"js_meeting\{\\"number\\":\\"2\\"\}"\}\*\*/);
    assert.match(md, /- \[x\] Opdracht \(Leren · Opdracht\) · js_prior_recognised/);
    assert.equal(md.split("Gesprek met klant X").length, 2, "the evidence once");
  });
});
