// The suggested next activity, the Markdown portfolio and small text helpers.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  fillLabel,
  mdEscape,
  quoteLines,
  recordMarkdown,
  suggestNext,
  withoutVerdict,
} from "../../plugins/learning_journeys/site/assets/learning-journeys-record.js";
import { JOURNEY, T1, T2, T3 } from "./helpers.mjs";

const ids = (...list) => new Set(list);

describe("suggestNext", () => {
  it("skips an optional activity for the first required one", () => {
    assert.equal(suggestNext(JOURNEY.activities, ids()).id, "basics");
  });

  it("sends the learner to an unfinished prerequisite first", () => {
    const activities = JOURNEY.activities.map((a) => (a.id === "workshop" ? { ...a, prerequisites: ["welcome"] } : a));
    assert.equal(suggestNext(activities, ids("basics")).id, "welcome");
  });

  it("follows a chain of prerequisites", () => {
    const activities = [
      { id: "c", title: "C", phase: "p", type: "t", prerequisites: ["b"] },
      { id: "b", title: "B", phase: "p", type: "t", prerequisites: ["a"], optional: true },
      { id: "a", title: "A", phase: "p", type: "t", optional: true },
    ];
    assert.equal(suggestNext(activities, ids()).id, "a");
  });

  it("offers an optional activity when only those are left, and null when all are done", () => {
    assert.equal(suggestNext(JOURNEY.activities, ids("basics", "workshop", "reflect")).id, "welcome");
    assert.equal(suggestNext(JOURNEY.activities, ids("welcome", "basics", "workshop", "reflect")), null);
  });

  it("stops on a cycle of prerequisites", () => {
    const activities = [
      { id: "a", title: "A", phase: "p", type: "t", prerequisites: ["b"] },
      { id: "b", title: "B", phase: "p", type: "t", prerequisites: ["a"] },
    ];
    assert.ok(["a", "b"].includes(suggestNext(activities, ids()).id));
  });

  it("ignores a prerequisite the journey does not have", () => {
    const activities = [{ id: "a", title: "A", phase: "p", type: "t", prerequisites: ["gone"] }];
    assert.equal(suggestNext(activities, ids()).id, "a");
  });
});

const LABELS = {
  js_md_title: "Journey record",
  js_md_exported: "Exported on {date}",
  js_progress_count: "{done} of {total} activities done",
  js_progress_heading: "Your progress",
  js_done_on: "Done on {date}",
  js_saved: "Saved: {date}",
  js_evidence_label: "Your evidence notes",
  knowledge_check: "Knowledge check",
  js_quiz_score: "{right} of {total} answered correctly",
  js_md_notes: "Reflections and notes",
  js_md_other: "Saved for activities that are no longer in this journey",
};
const words = {
  t: (key, vars) => fillLabel(LABELS[key] ?? key, vars),
  date: (iso, withTime) => (withTime === false ? iso.slice(0, 10) : iso.slice(0, 16)),
};

describe("recordMarkdown", () => {
  const activities = {
    basics: { done: T1, quiz: { 0: { choice: 1, correct: true, at: T1 }, 1: { choice: 0, correct: false, at: T1 } } },
    reflect: {
      reflections: {
        10: { text: "Tenth.", saved: T2, prompt: "Prompt 10" },
        2: { text: "First line\nsecond line\n\nnew *paragraph*\n", saved: T2, prompt: "What <b>struck</b> you?" },
        3: { text: "   ", saved: T2, prompt: "Blank" },
      },
    },
    workshop: { evidence: { text: "Plan in my folder.", saved: T3 } },
    "removed-one": { done: T2 },
  };
  const md = recordMarkdown(JOURNEY, activities, T3, words);

  it("opens with the title, the export date and the progress", () => {
    assert.ok(md.startsWith("# Journey record: Onboarding \\*new\\* staff\n\nExported on 2027-04-03T10:00. 1 of 4 activities done.\n"));
  });

  it("lists every activity as a checklist in journey order", () => {
    assert.match(md, /## Your progress\n\n- \[ \] Welcome \(Before · Reading\)\n- \[x\] The basics \(Before · Micro-module\) · Done on 2027-04-01\n- \[ \] Workshop/);
  });

  it("quotes reflections in prompt order, keeping line breaks, and escapes the prompt", () => {
    const second = md.indexOf("**What \\<b\\>struck\\</b\\> you?**");
    const tenth = md.indexOf("**Prompt 10**");
    assert.ok(second > 0 && tenth > second, "prompt 2 before prompt 10");
    assert.ok(md.includes("> First line  \n> second line\n>\n> new *paragraph*\n"));
    assert.ok(!md.includes("**Blank**"), "a blank reflection is left out");
  });

  it("has the evidence notes and the knowledge check score", () => {
    assert.ok(md.includes("### Workshop\n\n**Your evidence notes**\n\n> Plan in my folder.\n\n*Saved: 2027-04-03T10:00*"));
    assert.ok(md.includes("**Knowledge check:** 1 of 2 answered correctly"));
  });

  it("keeps what was saved for activities no longer in the journey", () => {
    assert.ok(md.includes("## Saved for activities that are no longer in this journey\n\n### removed-one\n\nDone on 2027-04-02"));
  });

  it("has no run of blank lines and ends with one newline", () => {
    assert.doesNotMatch(md, /\n\n\n/);
    assert.ok(md.endsWith("\n") && !md.endsWith("\n\n"));
  });

  it("leaves out the notes section when there is nothing to say", () => {
    const empty = recordMarkdown(JOURNEY, {}, T3, words);
    assert.ok(!empty.includes("## Reflections and notes"));
    assert.ok(empty.includes("0 of 4 activities done"));
  });
});

describe("text helpers", () => {
  it("fillLabel fills known placeholders and keeps unknown ones", () => {
    assert.equal(fillLabel("{done} of {total} ({x})", { done: 1, total: 3 }), "1 of 3 ({x})");
    assert.equal(fillLabel("{toString}", {}), "{toString}");
  });

  it("mdEscape escapes Markdown's special characters", () => {
    assert.equal(mdEscape("a*b_c`d[e]<f>|g#h\\"), "a\\*b\\_c\\`d\\[e\\]\\<f\\>\\|g\\#h\\\\");
  });

  it("quoteLines quotes every line", () => {
    assert.equal(quoteLines("one\r\ntwo\n"), "> one  \n> two");
  });

  it("withoutVerdict says the verdict once", () => {
    assert.equal(withoutVerdict("Right. because it is.", "Right."), "Because it is.");
    assert.equal(withoutVerdict("Rightly so.", "Right."), "Rightly so.");
    assert.equal(withoutVerdict("Klopt! Goed zo.", "Klopt."), "Goed zo.");
    assert.equal(withoutVerdict("No verdict here.", "Right."), "No verdict here.");
  });
});
