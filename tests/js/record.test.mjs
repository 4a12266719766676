// Reading, cleaning and writing one activity's record: the same limits both ways.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";

import {
  KEY_PREFIX,
  LIMITS,
  cleanRecord,
  cutText,
  isEmptyRecord,
  mergeRecords,
  parseRecord,
  readRecord,
  storageKey,
  storedActivities,
  writeRecord,
  collect,
} from "../../plugins/learning_journeys/site/assets/learning-journeys-record.js";
import { MemoryStorage, RECORD_MODULE, T1, T2, T3 } from "./helpers.mjs";

const reflection = (text, saved = T1, prompt = "What did you notice?") => ({ text, saved, prompt });

describe("the module", () => {
  it("needs no browser: no window, document or localStorage in its source", async () => {
    const source = await readFile(RECORD_MODULE, "utf8");
    const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    for (const name of ["window", "document", "localStorage", "navigator"]) {
      assert.doesNotMatch(code, new RegExp(`\\b${name}\\b`), `${name} in the record module`);
    }
  });
});

describe("parseRecord (load)", () => {
  it("reads a good record unchanged", () => {
    const record = { done: T1, reflections: { 0: reflection("I heard it.") }, quiz: { 1: { choice: 2, correct: true, at: T2 } },
      evidence: { text: "In my folder.", saved: T3 } };
    assert.deepEqual(parseRecord(JSON.stringify(record)), record);
  });

  it("counts nothing, damaged JSON and non-objects as empty", () => {
    for (const text of [null, "", "{broken", "42", "[1,2]", "null", '"text"']) {
      assert.deepEqual(parseRecord(text), {}, String(text));
    }
  });

  it("keeps the rest of a record with text over the limit (the long text is cut to it)", () => {
    // The bug: a 100,000-character reflection made the whole record read as empty, and the
    // next keystroke saved that emptiness over the done mark and the other reflection.
    const long = "a".repeat(LIMITS.text + 1);
    const stored = { done: T1, reflections: { 0: reflection(long), 1: reflection("Another one.", T2) } };
    const record = parseRecord(JSON.stringify(stored));
    assert.equal(record.done, T1);
    assert.equal(record.reflections[1].text, "Another one.");
    assert.equal(record.reflections[0].text.length, LIMITS.text);
    assert.equal(record.reflections[0].text, long.slice(0, LIMITS.text));
  });

  it("reads text exactly at the limit as it is", () => {
    const text = "b".repeat(LIMITS.text);
    assert.equal(parseRecord(JSON.stringify({ evidence: { text, saved: T1 } })).evidence.text, text);
  });

  it("drops a bad entry alone, never the whole record", () => {
    const stored = {
      done: T1,
      reflections: { 0: { text: 42, saved: T1 }, 1: reflection("Kept.") , x: reflection("bad index") },
      quiz: { 0: { choice: -1, correct: true, at: T1 }, 1: { choice: 1, correct: false, at: T2 } },
      evidence: { text: "no date" },
      unknown: "field",
    };
    const { value, problems } = cleanRecord(stored);
    assert.deepEqual(value, {
      done: T1,
      reflections: { 1: reflection("Kept.") },
      quiz: { 1: { choice: 1, correct: false, at: T2 } },
    });
    assert.deepEqual(problems.sort(), ["evidence", "quiz 0", "reflections 0", "reflections x"]);
    assert.deepEqual(parseRecord(JSON.stringify(stored)), value);
  });

  it("drops a bad done mark alone", () => {
    assert.deepEqual(parseRecord(JSON.stringify({ done: "yesterday-ish", evidence: { text: "x", saved: T1 } })),
      { evidence: { text: "x", saved: T1 } });
    assert.deepEqual(parseRecord(JSON.stringify({ done: "x".repeat(LIMITS.date + 1) })), {});
  });

  it("leaves out a part that is not an object, and empty parts", () => {
    assert.deepEqual(parseRecord(JSON.stringify({ done: T1, reflections: [1, 2], quiz: {} })), { done: T1 });
  });

  it("cuts an over-long prompt rather than dropping the reflection", () => {
    const record = parseRecord(JSON.stringify({ reflections: { 0: reflection("Mine.", T1, "p".repeat(LIMITS.prompt + 9)) } }));
    assert.equal(record.reflections[0].text, "Mine.");
    assert.equal(record.reflections[0].prompt.length, LIMITS.prompt);
  });

  it("does not let an entry named __proto__ reach the prototype", () => {
    const record = parseRecord('{"reflections": {"__proto__": {"text": "x", "saved": "2027-04-01"}}, "done": "2027-04-01"}');
    assert.deepEqual(record, { done: "2027-04-01" });
    assert.equal(({}).text, undefined);
  });
});

describe("cleanRecord, strict (an imported file)", () => {
  it("refuses text over the limit instead of cutting it", () => {
    const { problems } = cleanRecord({ evidence: { text: "c".repeat(LIMITS.text + 1), saved: T1 } }, { strict: true });
    assert.deepEqual(problems, ["evidence"]);
    const prompt = cleanRecord({ reflections: { 3: reflection("ok", T1, "p".repeat(LIMITS.prompt + 1)) } }, { strict: true });
    assert.deepEqual(prompt.problems, ["reflections 3"]);
  });

  it("names a record that is not an object", () => {
    assert.deepEqual(cleanRecord("text", { strict: true }), { value: {}, problems: ["record"] });
  });
});

describe("cutText", () => {
  it("leaves short text alone and never splits a surrogate pair", () => {
    assert.equal(cutText("abc", 5), "abc");
    assert.equal(cutText("abcdef", 3), "abc");
    assert.equal(cutText("ab😀", 3), "ab");  // the emoji is two code units: cut before it
    assert.equal(cutText("ab😀", 4), "ab😀");
  });
});

describe("writeRecord (save)", () => {
  it("stores what readRecord reads back, with the same limits", () => {
    const store = new MemoryStorage();
    const long = "d".repeat(LIMITS.text + 500);
    const written = writeRecord(store, "j", "a", { done: T1, reflections: { 0: reflection(long) } });
    assert.equal(written.reflections[0].text.length, LIMITS.text);
    assert.deepEqual(readRecord(store, "j", "a"), written);
    assert.equal(store.getItem(`${KEY_PREFIX}j:a`), JSON.stringify(written));
  });

  it("removes the entry when the record is empty", () => {
    const store = new MemoryStorage();
    writeRecord(store, "j", "a", { done: T1 });
    assert.equal(store.length, 1);
    writeRecord(store, "j", "a", { reflections: {} });
    assert.equal(store.length, 0);
    assert.ok(isEmptyRecord(readRecord(store, "j", "a")));
  });

  it("throws when storage refuses, and leaves what was stored", () => {
    const store = new MemoryStorage(200);
    writeRecord(store, "j", "a", { done: T1 });
    const before = store.snapshot();
    assert.throws(() => writeRecord(store, "j", "a", { done: T1, evidence: { text: "e".repeat(300), saved: T2 } }),
      { name: "QuotaExceededError" });
    assert.deepEqual(store.snapshot(), before);
  });
});

describe("storedActivities and collect", () => {
  it("find this journey's entries only, with valid ids", () => {
    const store = new MemoryStorage();
    store.setItem(storageKey("j", "b"), JSON.stringify({ done: T1 }));
    store.setItem(storageKey("j", "a"), JSON.stringify({ evidence: { text: "x", saved: T2 } }));
    store.setItem(storageKey("j", "Bad Id"), JSON.stringify({ done: T1 }));
    store.setItem(storageKey("j", "broken"), "{broken");
    store.setItem(storageKey("other", "a"), JSON.stringify({ done: T1 }));
    store.setItem("unrelated", "1");
    assert.deepEqual(storedActivities(store, "j").sort(), ["a", "b", "broken"]);
    assert.deepEqual(Object.keys(collect(store, "j")), ["a", "b"]);
  });
});

describe("mergeRecords", () => {
  it("keeps the newest of every entry and the earliest done mark", () => {
    const mine = {
      done: T2,
      reflections: { 0: reflection("mine, newer", T3), 1: reflection("mine, older", T1) },
      quiz: { 0: { choice: 1, correct: false, at: T1 } },
      evidence: { text: "mine", saved: T1 },
    };
    const theirs = {
      done: T1,
      reflections: { 0: reflection("theirs, older", T1), 1: reflection("theirs, newer", T2), 2: reflection("only theirs", T1) },
      quiz: { 0: { choice: 2, correct: true, at: T2 } },
      evidence: { text: "theirs", saved: T3 },
    };
    assert.deepEqual(mergeRecords(mine, theirs), {
      done: T1,
      reflections: { 0: reflection("mine, newer", T3), 1: reflection("theirs, newer", T2), 2: reflection("only theirs", T1) },
      quiz: { 0: { choice: 2, correct: true, at: T2 } },
      evidence: { text: "theirs", saved: T3 },
    });
  });

  it("keeps a done mark from either side, and adds no empty parts", () => {
    assert.deepEqual(mergeRecords({}, { done: T2 }), { done: T2 });
    assert.deepEqual(mergeRecords({ done: T3 }, {}), { done: T3 });
    assert.deepEqual(mergeRecords({}, {}), {});
  });

  it("prefers this browser's entry on a tie", () => {
    const merged = mergeRecords({ evidence: { text: "here", saved: T1 } }, { evidence: { text: "file", saved: T1 } });
    assert.equal(merged.evidence.text, "here");
  });
});
