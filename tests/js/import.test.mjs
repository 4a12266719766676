// Importing a journey record: checked completely first, then written all or nothing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  LIMITS,
  applyImport,
  collect,
  storageKey,
  validateImport,
  writeRecord,
} from "../../plugins/learning_journeys/site/assets/learning-journeys-record.js";
import { JOURNEY, MemoryStorage, T1, T2, T3, exportFile } from "./helpers.mjs";

const J = JOURNEY.id;

describe("validateImport", () => {
  it("accepts a record of this journey", () => {
    const file = exportFile({ basics: { done: T1 }, reflect: { reflections: { 0: { text: "x", saved: T2, prompt: "p" } } } });
    assert.deepEqual(validateImport(file, JOURNEY), {
      activities: { basics: { done: T1 }, reflect: { reflections: { 0: { text: "x", saved: T2, prompt: "p" } } } },
      exported: T3,
      skipped: [],
    });
  });

  it("refuses what is not a journey record", () => {
    for (const raw of [null, 42, "x", [], {}, { hello: "world" }, exportFile({}, { format: "other" }),
      exportFile({}, { version: 2 }), exportFile({}, { exported: "not a date" }), exportFile([]),
      exportFile({}, { journey: "onboarding" })]) {
      assert.deepEqual(validateImport(raw, JOURNEY), { error: { key: "js_import_not_record" } }, JSON.stringify(raw));
    }
  });

  it("refuses the record of another journey, naming it", () => {
    const file = exportFile({}, { journey: { id: "sales", title: "Selling well" } });
    assert.deepEqual(validateImport(file, JOURNEY),
      { error: { key: "js_import_other_journey", vars: { journey: "Selling well" } } });
  });

  it("leaves out, and names, activities the journey does not have", () => {
    // The bug: such entries were imported, into ids the journey has no page for.
    const file = exportFile({
      basics: { done: T1 },
      "removed-activity": { done: T1 },
      "Not An Id!": { done: T1 },
      __proto__: { done: T1 },
    });
    const checked = validateImport(JSON.parse(JSON.stringify(file)), JOURNEY);
    assert.deepEqual(checked.activities, { basics: { done: T1 } });
    assert.deepEqual(checked.skipped.sort(), ["Not An Id!", "removed-activity"].sort());
  });

  it("refuses the whole file when one entry is damaged, naming the activity and the field", () => {
    const file = exportFile({ basics: { done: T1 }, reflect: { reflections: { 0: { text: 42, saved: "x" } } } });
    assert.deepEqual(validateImport(file, JOURNEY),
      { error: { key: "js_import_bad_entry", vars: { activity: "Look back", field: "reflections 0" } } });
  });

  it("refuses text over the limit rather than cutting it", () => {
    const file = exportFile({ workshop: { evidence: { text: "e".repeat(LIMITS.text + 1), saved: T1 } } });
    assert.deepEqual(validateImport(file, JOURNEY),
      { error: { key: "js_import_bad_entry", vars: { activity: "Workshop", field: "evidence" } } });
  });

  it("drops empty records", () => {
    assert.deepEqual(validateImport(exportFile({ basics: {} }), JOURNEY).activities, {});
  });
});

/** A store holding `records` of JOURNEY, with room for `spare` more characters. */
function storeWith(records, spare = Infinity) {
  const store = new MemoryStorage();
  for (const [id, record] of Object.entries(records)) writeRecord(store, J, id, record);
  store.setItem("another-site-key", "kept");
  store.quota = store.used() + spare;
  return store;
}

const MINE = {
  basics: { done: T1, evidence: { text: "mine", saved: T2 } },
  workshop: { reflections: { 0: { text: "here", saved: T1, prompt: "p" } } },
};

describe("applyImport", () => {
  it("merges: the newest of each entry, the rest kept", () => {
    const store = storeWith(MINE);
    const result = applyImport(store, J, { basics: { evidence: { text: "file", saved: T3 } }, reflect: { done: T2 } }, "merge");
    assert.deepEqual(result, { ok: true, count: 2 });
    assert.deepEqual(collect(store, J), {
      basics: { done: T1, evidence: { text: "file", saved: T3 } },
      reflect: { done: T2 },
      workshop: MINE.workshop,
    });
    assert.equal(store.getItem("another-site-key"), "kept");
  });

  it("replaces: the journey holds exactly the import", () => {
    const store = storeWith(MINE);
    const result = applyImport(store, J, { reflect: { done: T2 } }, "replace");
    assert.deepEqual(result, { ok: true, count: 1 });
    assert.deepEqual(collect(store, J), { reflect: { done: T2 } });
    assert.equal(store.getItem("another-site-key"), "kept");
  });

  for (const mode of ["merge", "replace"]) {
    it(`${mode}: restores everything when storage fills halfway`, () => {
      // The bug: the import stopped at the first refused write and left half of it stored.
      const store = storeWith(MINE, 150);
      const before = store.snapshot();
      const activities = {
        basics: { done: T2 },
        reflect: { done: T2 },
        welcome: { evidence: { text: "w".repeat(400), saved: T3 } },
      };
      const result = applyImport(store, J, activities, mode);
      assert.equal(result.ok, false);
      assert.equal(result.restored, true);
      assert.equal(result.error.name, "QuotaExceededError");
      assert.ok(store.writes > Object.keys(MINE).length + 1, "some writes went through before the refusal");
      assert.deepEqual(store.snapshot(), before);
    });
  }

  it("restores even when the import grew an entry that existed before", () => {
    const store = storeWith(MINE, 60);
    const before = store.snapshot();
    const activities = {
      basics: { done: T1, evidence: { text: "x".repeat(50), saved: T3 } },
      workshop: { reflections: { 0: { text: "y".repeat(200), saved: T3, prompt: "p" } } },
    };
    const result = applyImport(store, J, activities, "replace");
    assert.equal(result.ok, false);
    assert.deepEqual(store.snapshot(), before);
  });

  it("writes nothing when storage cannot even be read", () => {
    const store = storeWith(MINE);
    const before = store.snapshot();
    store.getItem = () => {
      throw new Error("SecurityError");
    };
    const result = applyImport(store, J, { reflect: { done: T2 } }, "merge");
    assert.equal(result.ok, false);
    assert.deepEqual(Object.fromEntries(store.items), before);
  });

  it("an empty import in merge mode changes nothing", () => {
    const store = storeWith(MINE);
    const before = store.snapshot();
    assert.deepEqual(applyImport(store, J, {}, "merge"), { ok: true, count: 0 });
    assert.deepEqual(store.snapshot(), before);
  });

  it("validated then applied: an export read back into another browser is the same", () => {
    const source = storeWith(MINE);
    const file = exportFile(collect(source, J));
    const checked = validateImport(JSON.parse(JSON.stringify(file)), JOURNEY);
    const target = new MemoryStorage();
    assert.deepEqual(applyImport(target, J, checked.activities, "replace"), { ok: true, count: 2 });
    assert.deepEqual(collect(target, J), collect(source, J));
    assert.equal(target.getItem(storageKey(J, "basics")), source.getItem(storageKey(J, "basics")));
  });
});
