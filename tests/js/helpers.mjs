// Shared by the unit tests of the learner's record module.
import { fileURLToPath } from "node:url";

export const RECORD_MODULE = fileURLToPath(
  new URL("../../plugins/learning_journeys/site/assets/learning-journeys-record.js", import.meta.url),
);

/** A Storage stand-in that, like a browser's, refuses a write past its quota (in characters). */
export class MemoryStorage {
  constructor(quota = Infinity) {
    this.quota = quota;
    this.items = new Map();
    this.writes = 0;
  }

  get length() {
    return this.items.size;
  }

  key(i) {
    return [...this.items.keys()][i] ?? null;
  }

  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }

  setItem(key, value) {
    const text = String(value);
    const used = this.used() - (this.items.has(key) ? key.length + this.items.get(key).length : 0);
    if (used + key.length + text.length > this.quota) {
      const error = new Error("The quota has been exceeded.");
      error.name = "QuotaExceededError";
      throw error;
    }
    this.items.set(key, text);
    this.writes += 1;
  }

  removeItem(key) {
    this.items.delete(key);
  }

  clear() {
    this.items.clear();
  }

  used() {
    let n = 0;
    for (const [k, v] of this.items) n += k.length + v.length;
    return n;
  }

  snapshot() {
    return Object.fromEntries(this.items);
  }
}

export const JOURNEY = {
  id: "onboarding",
  title: "Onboarding *new* staff",
  activities: [
    { id: "welcome", title: "Welcome", phase: "Before", type: "Reading", optional: true, prerequisites: [] },
    { id: "basics", title: "The basics", phase: "Before", type: "Micro-module", optional: false, prerequisites: [] },
    { id: "workshop", title: "Workshop", phase: "During", type: "Workshop", optional: false, prerequisites: ["basics"] },
    { id: "reflect", title: "Look back", phase: "After", type: "Reflection", optional: false, prerequisites: ["workshop"] },
  ],
};

export const T1 = "2027-04-01T10:00:00.000Z";
export const T2 = "2027-04-02T10:00:00.000Z";
export const T3 = "2027-04-03T10:00:00.000Z";

/** An export of JOURNEY, as the page writes it. */
export function exportFile(activities, overrides = {}) {
  return {
    format: "mkdocs-learning-journeys/journey-record",
    version: 1,
    exported: T3,
    journey: { id: JOURNEY.id, title: JOURNEY.title },
    activities,
    ...overrides,
  };
}
