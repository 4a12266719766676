// Time left, "continue where you left off", a passed knowledge check, and the record as print-friendly HTML.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  cohortName,
  fillLabel,
  formatMinutes,
  quizPassed,
  readLearner,
  recordHtml,
  recordMarkdown,
  resumeTarget,
  timeLeft,
  writeLearner,
} from "../../plugins/learning_journeys/site/assets/learning-journeys-record.js";
import { JOURNEY, MemoryStorage, T1, T2, T3 } from "./helpers.mjs";

const MINUTES = { welcome: 30, basics: 15, workshop: 480, reflect: 20 };
const DATA = {
  ...JOURNEY,
  activities: JOURNEY.activities.map((a) => ({ ...a, minutes: MINUTES[a.id], objectives: a.id === "reflect" ? ["lead"] : [] })),
  objectives: [{ id: "lead", title: "You lead <well>" }],
  cohorts: [{ id: "spring", title: "Spring 2027", start: "2027-03-01", groups: [{ id: "a", title: "Group A" }] }],
};

describe("timeLeft", () => {
  it("counts the required activities only, and goes down as they are done", () => {
    assert.equal(timeLeft(DATA, {}), 15 + 480 + 20);
    assert.equal(timeLeft(DATA, { basics: { done: T1 } }), 480 + 20);
    assert.equal(timeLeft(DATA, { welcome: { done: T1 } }), 15 + 480 + 20, "an optional one done changes nothing");
    assert.equal(timeLeft(DATA, { basics: { done: T1 }, workshop: { done: T1 }, reflect: { done: T1 } }), 0);
  });

  it("counts prior learning with evidence as done", () => {
    assert.equal(timeLeft(DATA, { workshop: { prior: { text: "Certificate", saved: T1 } } }), 35);
  });

  it("counts the meetings still open of an activity with several", () => {
    const meetings = [1, 2, 3, 4].map((n) => ({ activity: "workshop", id: `day-${n}`, number: n, cohort: "spring", day: `2027-03-0${n}` }));
    const data = { ...DATA, meetings };
    const choice = { cohort: "spring" };
    assert.equal(timeLeft(data, { workshop: { meetings: { "day-1": T1 } } }, choice), 15 + 360 + 20);
    assert.equal(timeLeft(data, { workshop: { meetings: { "day-1": T1, "day-2": T1, "day-3": T1, "day-4": T1 } } }, choice), 15 + 0 + 20);
    const cancelled = meetings.map((m) => (m.number === 4 ? { ...m, cancelled: true } : m));
    assert.equal(timeLeft({ ...data, meetings: cancelled }, { workshop: { meetings: { "day-1": T1 } } }, choice), 15 + 320 + 20);
  });

  it("formats minutes as the pages do", () => {
    assert.equal(formatMinutes(515, "h", "min"), "8 h 35 min");
    assert.equal(formatMinutes(480, "u", "min"), "8 u");
    assert.equal(formatMinutes(20, "h", "min"), "20 min");
  });
});

describe("resumeTarget", () => {
  it("returns to the page visited last while it is not done", () => {
    assert.equal(resumeTarget(DATA, {}, null, "workshop").id, "workshop");
  });

  it("moves on to the next activity once the last one visited is done", () => {
    assert.equal(resumeTarget(DATA, { basics: { done: T1 } }, null, "basics").id, "workshop");
  });

  it("suggests the next one without a visit, or one the journey no longer has", () => {
    assert.equal(resumeTarget(DATA, {}, null, null).id, "basics");
    assert.equal(resumeTarget(DATA, {}, null, "gone").id, "basics");
  });

  it("is null when everything is done", () => {
    const all = Object.fromEntries(DATA.activities.map((a) => [a.id, { done: T1 }]));
    assert.equal(resumeTarget(DATA, all, null, "reflect"), null);
  });
});

describe("quizPassed", () => {
  const right = { choice: 0, correct: true, at: T1 };
  const wrong = { choice: 1, correct: false, at: T1 };
  it("needs every question answered right", () => {
    assert.equal(quizPassed({ quiz: { 0: right, 1: right } }, 2), true);
    assert.equal(quizPassed({ quiz: { 0: right, 1: wrong } }, 2), false);
    assert.equal(quizPassed({ quiz: { 0: right } }, 2), false);
    assert.equal(quizPassed({}, 0), false);
  });
});

const LABELS = {
  js_md_title: "Journey record",
  js_md_exported: "Exported on {date}",
  js_progress_count: "{done} of {total} activities done",
  js_progress_heading: "Your progress",
  js_done_on: "Done on {date}",
  js_saved: "Saved: {date}",
  js_learner_name: "Learner",
  js_record_cohort: "Cohort",
  js_md_objectives: "Evidence and reflections per objective",
  js_md_notes: "Reflections and notes",
};
const words = {
  t: (key, vars) => fillLabel(LABELS[key] ?? key, vars),
  date: (iso, withTime) => (withTime === false ? `[${iso.slice(0, 10)}]` : `[${iso.slice(0, 16)}]`),
  choice: { cohort: "spring", group: "a" },
  learner: "Ann <script>alert(1)</script>",
  lang: "en",
};
const RECORDS = {
  basics: { done: T1 },
  reflect: { reflections: { 0: { text: "I <b>listened</b>.\n\nThen I asked & waited.", saved: T2, prompt: "What did you do?" } } },
};

describe("the record names the learner, the journey and the cohort", () => {
  it("in Markdown", () => {
    const md = recordMarkdown(DATA, RECORDS, T3, words);
    assert.ok(md.startsWith("# Journey record: Onboarding \\*new\\* staff\n\n- **Learner:** Ann \\<script\\>alert(1)\\</script\\>\n- **Cohort:** Spring 2027 · Group A\n\n"), md);
  });

  it("without a name or a cohort, says neither", () => {
    const md = recordMarkdown(DATA, RECORDS, T3, { ...words, learner: "  ", choice: null });
    assert.ok(!md.includes("**Learner:**") && !md.includes("**Cohort:**"), md);
    assert.equal(cohortName(DATA, { cohort: "autumn" }), "");
  });
});

describe("recordHtml", () => {
  const html = recordHtml(DATA, RECORDS, T3, words);

  it("is a whole document in the journey's language that loads nothing", () => {
    assert.ok(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    assert.doesNotMatch(html, /<script|<link|<img|src=|href=|url\(|@import/i);
  });

  it("escapes everything an author or the learner wrote", () => {
    assert.ok(html.includes("<title>Journey record: Onboarding *new* staff</title>"));
    assert.ok(html.includes("<dd>Ann &#60;script&#62;alert(1)&#60;/script&#62;</dd>"), html);
    assert.ok(html.includes("<h3>You lead &#60;well&#62;</h3>"));
    assert.ok(html.includes("<blockquote><p>I &#60;b&#62;listened&#60;/b&#62;.</p><p>Then I asked &#38; waited.</p></blockquote>"), html);
  });

  it("groups reflections under their objective, with the dates as the journey's language writes them", () => {
    const objective = html.indexOf("<h3>You lead &#60;well&#62;</h3>");
    assert.ok(objective > html.indexOf("<h2>Evidence and reflections per objective</h2>"));
    assert.ok(html.indexOf("<h4>Look back</h4>", objective) > objective);
    assert.ok(html.includes("Saved: [2027-04-02T10:00]"));
    assert.ok(html.includes("Done on [2027-04-01]"));
  });

  it("refuses a language tag that is not one", () => {
    assert.ok(recordHtml(DATA, {}, T3, { ...words, lang: '"><script>' }).startsWith("<!DOCTYPE html>\n<html>\n"));
  });
});

describe("the learner's name", () => {
  it("is kept as JSON, cut to its limit, and forgotten when blank", () => {
    const store = new MemoryStorage();
    writeLearner(store, "j", "Ann \"A\" <x>");
    assert.equal(store.getItem("learning-journeys:v1:j:@learner"), '"Ann \\"A\\" <x>"');
    assert.equal(readLearner(store, "j"), 'Ann "A" <x>');
    writeLearner(store, "j", "x".repeat(500));
    assert.equal(readLearner(store, "j").length, 200);
    writeLearner(store, "j", "   ");
    assert.equal(store.getItem("learning-journeys:v1:j:@learner"), null);
    store.setItem("learning-journeys:v1:j:@learner", "{broken");
    assert.equal(readLearner(store, "j"), "");
  });
});
