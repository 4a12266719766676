// @ts-check
/* The learner's journey record, apart from the page: reading and checking what is
   stored, combining records, checking an imported file, applying it all or nothing,
   the suggested next activity and the Markdown portfolio.

   A plain ES module without DOM and without `window`: learning-journeys.js imports it
   in the browser, and `node --test tests/js/` imports it to test it. Storage comes in
   as an argument (localStorage in the browser, a stand-in in the tests). */

export const KEY_PREFIX = "learning-journeys:v1:";
export const RECORD_FORMAT = "mkdocs-learning-journeys/journey-record";
export const RECORD_VERSION = 1;
export const ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const INDEX = /^[0-9]{1,3}$/;
/** A meeting's id: a session's, or `SERIES-N` of a series (a session id and a number). */
export const MEETING = /^[a-z0-9](?:[a-z0-9-]{0,66}[a-z0-9])?$/;

/** The same limits hold when the script writes and when it reads: what it saves, it can read back. */
export const LIMITS = Object.freeze({
  /** Characters (UTF-16 code units, as a textarea's maxlength counts them) of a reflection or note. */
  text: 100000,
  /** Characters of the prompt saved with a reflection. */
  prompt: 5000,
  /** Characters of a stored date. */
  date: 40,
  /** Highest choice number of a stored answer. */
  choice: 999,
  /** Bytes of a file to import. */
  importBytes: 5 * 1024 * 1024,
});

/**
 * @typedef {{text: string, saved: string, prompt?: string}} TextEntry
 * @typedef {{choice: number, correct: boolean, at: string}} Answer
 * @typedef {{done?: string, meetings?: Record<string, string>, reflections?: Record<string, TextEntry>,
 *   journal?: Record<string, Record<string, TextEntry>>, quiz?: Record<string, Answer>,
 *   evidence?: TextEntry, prior?: TextEntry, portfolio?: Record<string, TextEntry>}} ActivityRecord
 *   `meetings`: the day each meeting was marked done, by meeting id; `journal`: the reflection after
 *   each meeting (meeting id, then prompt index); `prior`: the evidence of "I can already show this";
 *   `portfolio`: evidence per objective id.
 * @typedef {Record<string, ActivityRecord>} Activities
 * @typedef {{id: string, title: string, phase: string, type: string, optional?: boolean,
 *   prerequisites?: string[], week?: number | null, until_week?: number | null, due_week?: number | null,
 *   objectives?: string[], prior_learning?: boolean, after?: string | null, minutes?: number | null,
 *   path?: string}} ActivityInfo
 *   `minutes`: its duration; `path`: its page as PHASE/ID from the journey's overview (the catalogue)
 * @typedef {{activity: string, id: string, number?: number | null, title?: string | null, cohort: string, group?: string | null,
 *   day?: string | null, start?: string | null, cancelled?: boolean}} Meeting
 *   One meeting of one cohort (and group): `day` is YYYY-MM-DD, `start` an ISO date and time.
 * @typedef {{id: string, title: string}} Named
 * @typedef {{id: string, title: string, start: string, timezone?: string, groups?: Named[]}} CohortInfo
 * @typedef {{id: string, title: string, activities: ActivityInfo[], objectives?: Named[],
 *   cohorts?: CohortInfo[], meetings?: Meeting[]}} JourneyData
 * @typedef {{cohort: string, group?: string}} Choice the learner's cohort and group
 * @typedef {{id: string, number: number | null, title: string | null, day: string | null, start: string | null,
 *   cancelled: boolean}} MeetingView a meeting as the learner sees it
 * @typedef {Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">} Store
 * @typedef {{key: string, vars?: Record<string, string | number>}} Message
 * @typedef {(key: string, vars?: Record<string, string | number>) => string} Translate
 * @typedef {(iso: string, withTime?: boolean) => string} FormatDate
 */

/* ------------------------------------------------------------------ values */

/**
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * @param {unknown} v
 * @returns {v is string}
 */
export const isDate = (v) => typeof v === "string" && v.length <= LIMITS.date && !Number.isNaN(Date.parse(v));

/** @param {ActivityRecord | null | undefined} r */
export const isEmptyRecord = (r) => !r || Object.keys(r).length === 0;

/** @param {unknown} target @param {string} key */
const has = (target, key) => Object.prototype.hasOwnProperty.call(target, key);

/**
 * At most `max` UTF-16 code units of `text`, never half a surrogate pair.
 * @param {string} text
 * @param {number} max
 */
export function cutText(text, max) {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * A label with its {placeholders} filled in; unknown placeholders stay as they are.
 * @param {string} text
 * @param {Record<string, string | number>} [vars]
 */
export function fillLabel(text, vars) {
  return text.replace(/\{(\w+)\}/g, (match, name) => (vars && has(vars, name) ? String(vars[name]) : match));
}

/* ----------------------------------------------------------------- records */

/**
 * @param {unknown} v
 * @param {boolean} strict refuse over-long text instead of cutting it
 * @returns {TextEntry | null}
 */
function cleanText(v, strict) {
  if (!isObject(v) || typeof v.text !== "string" || !isDate(v.saved)) return null;
  if (strict && v.text.length > LIMITS.text) return null;
  /** @type {TextEntry} */
  const out = { text: cutText(v.text, LIMITS.text), saved: v.saved };
  if (v.prompt !== undefined) {
    if (typeof v.prompt !== "string" || (strict && v.prompt.length > LIMITS.prompt)) return null;
    out.prompt = cutText(v.prompt, LIMITS.prompt);
  }
  return out;
}

/**
 * @param {unknown} v
 * @returns {Answer | null}
 */
function cleanAnswer(v) {
  if (!isObject(v) || !Number.isInteger(v.choice) || typeof v.choice !== "number") return null;
  if (v.choice < 0 || v.choice > LIMITS.choice || typeof v.correct !== "boolean" || !isDate(v.at)) return null;
  return { choice: v.choice, correct: v.correct, at: v.at };
}

/**
 * A record with only the fields known here, and the names of the entries left out.
 *
 * A bad entry is left out alone: the rest of the record stays. Text over the limit is
 * cut to it, or with `strict` (an imported file) counts as a bad entry.
 *
 * @param {unknown} raw
 * @param {{strict?: boolean}} [options]
 * @returns {{value: ActivityRecord, problems: string[]}}
 */
export function cleanRecord(raw, options) {
  const strict = !!(options && options.strict);
  /** @type {ActivityRecord} */
  const value = {};
  /** @type {string[]} */
  const problems = [];
  if (!isObject(raw)) return { value, problems: ["record"] };
  if (raw.done !== undefined && raw.done !== null) {
    if (isDate(raw.done)) value.done = raw.done;
    else problems.push("done");
  }
  const reflections = cleanEntries(raw.reflections, (v) => cleanText(v, strict), "reflections", problems);
  if (reflections) value.reflections = reflections;
  const quiz = cleanEntries(raw.quiz, cleanAnswer, "quiz", problems);
  if (quiz) value.quiz = quiz;
  if (raw.evidence !== undefined && raw.evidence !== null) {
    const evidence = cleanText(raw.evidence, strict);
    if (evidence) value.evidence = evidence;
    else problems.push("evidence");
  }
  const meetings = cleanEntries(raw.meetings, (v) => (isDate(v) ? v : null), "meetings", problems, MEETING);
  if (meetings) value.meetings = meetings;
  const journal = cleanEntries(raw.journal, (v) => {
    /** @type {string[]} */
    const inner = [];
    const entries = cleanEntries(v, (x) => cleanText(x, strict), "journal", inner);
    return strict && inner.length ? null : entries;
  }, "journal", problems, MEETING);
  if (journal) value.journal = journal;
  if (raw.prior !== undefined && raw.prior !== null) {
    const prior = cleanText(raw.prior, strict);
    if (prior) value.prior = prior;
    else problems.push("prior");
  }
  const portfolio = cleanEntries(raw.portfolio, (v) => cleanText(v, strict), "portfolio", problems, ID);
  if (portfolio) value.portfolio = portfolio;
  return { value, problems };
}

/**
 * @template T
 * @param {unknown} raw
 * @param {(v: unknown) => T | null} clean
 * @param {string} part
 * @param {string[]} problems
 * @param {RegExp} [keys] what a key must look like (a prompt's index unless told)
 * @returns {Record<string, T> | null} the good entries, or null when there are none
 */
function cleanEntries(raw, clean, part, problems, keys) {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) {
    problems.push(part);
    return null;
  }
  /** @type {Record<string, T>} */
  const out = {};
  let any = false;
  for (const [index, entry] of Object.entries(raw)) {
    const item = (keys || INDEX).test(index) ? clean(entry) : null;
    if (item) {
      out[index] = item;
      any = true;
    } else {
      problems.push(`${part} ${index.slice(0, 20)}`);
    }
  }
  return any ? out : null;
}

/**
 * A stored entry read back: what is good in it, and {} when nothing is (or it is not JSON).
 * @param {string | null} text
 * @returns {ActivityRecord}
 */
export function parseRecord(text) {
  if (!text) return {};
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  return cleanRecord(raw).value;
}

/**
 * @template {{[field: string]: unknown}} T
 * @param {T | undefined} a
 * @param {T | undefined} b
 * @param {keyof T & string} field
 * @returns {T | undefined}
 */
const newer = (a, b, field) => (!a ? b : !b ? a : Date.parse(String(b[field])) > Date.parse(String(a[field])) ? b : a);

/**
 * Both records combined: of every entry the newest survives; a done mark is kept (the earliest).
 * @param {ActivityRecord} mine
 * @param {ActivityRecord} theirs
 * @returns {ActivityRecord}
 */
export function mergeRecords(mine, theirs) {
  /** @type {ActivityRecord} */
  const out = {};
  const dates = [mine.done, theirs.done].filter(isDate).sort((a, b) => Date.parse(a) - Date.parse(b));
  if (dates.length) out.done = dates[0];
  /** @type {Record<string, TextEntry>} */
  const reflections = {};
  for (const k of new Set([...Object.keys(mine.reflections || {}), ...Object.keys(theirs.reflections || {})])) {
    const entry = newer((mine.reflections || {})[k], (theirs.reflections || {})[k], "saved");
    if (entry) reflections[k] = entry;
  }
  if (Object.keys(reflections).length) out.reflections = reflections;
  /** @type {Record<string, Answer>} */
  const quiz = {};
  for (const k of new Set([...Object.keys(mine.quiz || {}), ...Object.keys(theirs.quiz || {})])) {
    const entry = newer((mine.quiz || {})[k], (theirs.quiz || {})[k], "at");
    if (entry) quiz[k] = entry;
  }
  if (Object.keys(quiz).length) out.quiz = quiz;
  const evidence = newer(mine.evidence, theirs.evidence, "saved");
  if (evidence) out.evidence = evidence;
  /** @type {Record<string, string>} */
  const meetings = {};
  for (const k of new Set([...Object.keys(mine.meetings || {}), ...Object.keys(theirs.meetings || {})])) {
    const found = [(mine.meetings || {})[k], (theirs.meetings || {})[k]].filter(isDate);
    found.sort((a, b) => Date.parse(a) - Date.parse(b));
    if (found.length) meetings[k] = found[0];
  }
  if (Object.keys(meetings).length) out.meetings = meetings;
  /** @type {Record<string, Record<string, TextEntry>>} */
  const journal = {};
  for (const m of new Set([...Object.keys(mine.journal || {}), ...Object.keys(theirs.journal || {})])) {
    const a = (mine.journal || {})[m] || {};
    const b = (theirs.journal || {})[m] || {};
    /** @type {Record<string, TextEntry>} */
    const entries = {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const entry = newer(a[k], b[k], "saved");
      if (entry) entries[k] = entry;
    }
    if (Object.keys(entries).length) journal[m] = entries;
  }
  if (Object.keys(journal).length) out.journal = journal;
  const prior = newer(mine.prior, theirs.prior, "saved");
  if (prior) out.prior = prior;
  /** @type {Record<string, TextEntry>} */
  const portfolio = {};
  for (const k of new Set([...Object.keys(mine.portfolio || {}), ...Object.keys(theirs.portfolio || {})])) {
    const entry = newer((mine.portfolio || {})[k], (theirs.portfolio || {})[k], "saved");
    if (entry) portfolio[k] = entry;
  }
  if (Object.keys(portfolio).length) out.portfolio = portfolio;
  return out;
}

/* ----------------------------------------------------------------- storage */

// One storage entry per journey and activity: re-publishing a journey with new titles
// or another order keeps what the learner did, and two tabs rarely collide.
/** @param {string} journey @param {string} activity */
export const storageKey = (journey, activity) => `${KEY_PREFIX}${journey}:${activity}`;

/**
 * The ids of the activities of a journey that have an entry in storage.
 * @param {Store} store
 * @param {string} journey
 */
export function storedActivities(store, journey) {
  const prefix = `${KEY_PREFIX}${journey}:`;
  /** @type {string[]} */
  const ids = [];
  for (let i = 0; i < store.length; i += 1) {
    const key = store.key(i);
    if (key && key.startsWith(prefix) && ID.test(key.slice(prefix.length))) ids.push(key.slice(prefix.length));
  }
  return ids;
}

/**
 * @param {Store} store
 * @param {string} journey
 * @param {string} activity
 */
export const readRecord = (store, journey, activity) => parseRecord(store.getItem(storageKey(journey, activity)));

/**
 * Store a record, cleaned with the limits `readRecord` applies (an empty one removes the entry).
 * Storage errors (a full or blocked storage) are thrown.
 * @param {Store} store
 * @param {string} journey
 * @param {string} activity
 * @param {ActivityRecord} record
 * @returns {ActivityRecord} what was stored
 */
export function writeRecord(store, journey, activity, record) {
  const { value } = cleanRecord(record);
  if (isEmptyRecord(value)) store.removeItem(storageKey(journey, activity));
  else store.setItem(storageKey(journey, activity), JSON.stringify(value));
  return value;
}

/**
 * The learner's whole journey, as stored.
 * @param {Store} store
 * @param {string} journey
 * @returns {Activities}
 */
export function collect(store, journey) {
  /** @type {Activities} */
  const activities = {};
  for (const id of storedActivities(store, journey).sort()) {
    const record = readRecord(store, journey, id);
    if (!isEmptyRecord(record)) activities[id] = record;
  }
  return activities;
}

/* ------------------------------------------------------- cohort and group */

// Beside the activities' entries, under a suffix no activity id can have.
/** @param {string} journey */
export const choiceKey = (journey) => `${KEY_PREFIX}${journey}:@cohort`;

/**
 * A cohort (and group) choice with only known fields; with `data`, a cohort the journey does not
 * have is no choice, and a group its cohort does not have is left out.
 * @param {unknown} raw
 * @param {JourneyData} [data]
 * @returns {Choice | null}
 */
export function cleanChoice(raw, data) {
  if (!isObject(raw) || typeof raw.cohort !== "string" || !ID.test(raw.cohort)) return null;
  /** @type {Choice} */
  const out = { cohort: raw.cohort };
  if (typeof raw.group === "string" && ID.test(raw.group)) out.group = raw.group;
  if (data) {
    const cohort = (data.cohorts || []).find((c) => c.id === out.cohort);
    if (!cohort) return null;
    if (out.group && !(cohort.groups || []).some((g) => g.id === out.group)) delete out.group;
  }
  return out;
}

/**
 * @param {Store} store
 * @param {string} journey
 * @param {JourneyData} [data]
 * @returns {Choice | null}
 */
export function readChoice(store, journey, data) {
  const text = store.getItem(choiceKey(journey));
  if (!text) return null;
  try {
    return cleanChoice(JSON.parse(text), data);
  } catch {
    return null;
  }
}

/**
 * Store the learner's cohort and group (null forgets them). Storage errors are thrown.
 * @param {Store} store
 * @param {string} journey
 * @param {Choice | null} choice
 */
export function writeChoice(store, journey, choice) {
  const clean = cleanChoice(choice);
  if (clean) store.setItem(choiceKey(journey), JSON.stringify(clean));
  else store.removeItem(choiceKey(journey));
  return clean;
}

/* ------------------------------------------------------------------ import */

/**
 * An imported file checked completely, before anything is written.
 *
 * Entries for activities the journey does not have are left out and named in `skipped`;
 * a damaged entry refuses the whole file.
 *
 * @param {unknown} raw the parsed file
 * @param {JourneyData} journey
 * A cohort choice in the file comes back as `choice` (left out when the journey has no such cohort).
 *
 * @returns {{error: Message} | {activities: Activities, exported: string, skipped: string[], choice?: Choice}}
 */
export function validateImport(raw, journey) {
  if (!isObject(raw) || raw.format !== RECORD_FORMAT || raw.version !== RECORD_VERSION
      || !isObject(raw.journey) || !isObject(raw.activities) || !isDate(raw.exported)) {
    return { error: { key: "js_import_not_record" } };
  }
  if (raw.journey.id !== journey.id) {
    const name = String(raw.journey.title || raw.journey.id || "?").slice(0, 200);
    return { error: { key: "js_import_other_journey", vars: { journey: name } } };
  }
  const known = new Map(journey.activities.map((a) => [a.id, a]));
  /** @type {Activities} */
  const activities = {};
  /** @type {string[]} */
  const skipped = [];
  for (const [id, record] of Object.entries(raw.activities)) {
    const activity = known.get(id);
    if (!activity) {
      skipped.push(id.slice(0, 80));
      continue;
    }
    const clean = cleanRecord(record, { strict: true });
    if (clean.problems.length) {
      return { error: { key: "js_import_bad_entry", vars: { activity: activity.title, field: clean.problems[0] } } };
    }
    if (!isEmptyRecord(clean.value)) activities[id] = clean.value;
  }
  if (raw.choice !== undefined && raw.choice !== null) {
    if (!cleanChoice(raw.choice)) return { error: { key: "js_import_not_record" } };
    const choice = cleanChoice(raw.choice, journey);
    if (choice) return { activities, exported: raw.exported, skipped, choice };
  }
  return { activities, exported: raw.exported, skipped };
}

/**
 * Write a checked import all or nothing. "merge" combines each entry with what is
 * stored; "replace" makes the journey's stored entries exactly the imported ones.
 * When storage refuses a write, every entry of the journey gets back what it held
 * before (`restored` says whether that worked).
 *
 * @param {Store} store
 * @param {string} journey
 * @param {Activities} activities
 * @param {"merge" | "replace"} mode
 * @param {Choice} [choice] the file's cohort and group: they replace the stored ones (without one,
 *   the stored choice stays)
 * @returns {{ok: true, count: number} | {ok: false, restored: boolean, error: unknown}}
 */
export function applyImport(store, journey, activities, mode, choice) {
  /** @type {Map<string, string | null>} */
  const before = new Map();
  /** @type {string | null} */
  let choiceBefore = null;
  try {
    for (const id of new Set([...storedActivities(store, journey), ...Object.keys(activities)])) {
      before.set(id, store.getItem(storageKey(journey, id)));
    }
    choiceBefore = store.getItem(choiceKey(journey));
  } catch (error) {
    return { ok: false, restored: true, error };  // nothing written yet
  }
  try {
    if (mode === "replace") {
      // Removed first: their room may be needed for the imported entries.
      for (const id of before.keys()) if (!has(activities, id)) store.removeItem(storageKey(journey, id));
    }
    for (const [id, record] of Object.entries(activities)) {
      const value = mode === "merge" ? mergeRecords(parseRecord(before.get(id) ?? null), record) : record;
      writeRecord(store, journey, id, value);
    }
    if (choice) writeChoice(store, journey, choice);
    return { ok: true, count: Object.keys(activities).length };
  } catch (error) {
    let restored = restore(store, journey, before);
    try {
      if (choiceBefore === null) store.removeItem(choiceKey(journey));
      else store.setItem(choiceKey(journey), choiceBefore);
    } catch {
      restored = false;
    }
    return { ok: false, restored, error };
  }
}

/**
 * Put back what the entries held: first remove them all, which frees the room the import
 * took, then write the old values (they fitted before).
 * @param {Store} store
 * @param {string} journey
 * @param {Map<string, string | null>} before
 */
function restore(store, journey, before) {
  let ok = true;
  for (const id of before.keys()) {
    try {
      store.removeItem(storageKey(journey, id));
    } catch {
      ok = false;
    }
  }
  for (const [id, raw] of before) {
    if (raw === null) continue;
    try {
      store.setItem(storageKey(journey, id), raw);
    } catch {
      ok = false;
    }
  }
  return ok;
}

/* ---------------------------------------------------------------- progress */

/**
 * First required activity not done (else any), or the first unfinished prerequisite it waits for.
 * @param {ActivityInfo[]} activities in journey order
 * @param {Set<string>} done
 * @returns {ActivityInfo | null}
 */
export function suggestNext(activities, done) {
  const open = activities.filter((a) => !done.has(a.id));
  let next = open.find((a) => !a.optional) || open[0];
  const byId = new Map(activities.map((a) => [a.id, a]));
  for (let guard = 0; next && guard < activities.length; guard += 1) {
    const waiting = (next.prerequisites || []).map((id) => byId.get(id)).find((a) => a && !done.has(a.id));
    if (!waiting) break;
    next = waiting;
  }
  return next || null;
}

/* ---------------------------------------------------------------- meetings */

/**
 * Whether an activity counts as done: marked done (for an activity with meetings: every meeting of
 * the learner's was), or recognised as prior learning with evidence.
 * @param {ActivityRecord | null | undefined} record
 */
export const isDone = (record) => !!record && (!!record.done || !!(record.prior && record.prior.text.trim()));

/**
 * The meetings of an activity as the learner sees them, in date order: their cohort's (and group's)
 * with dates; without a choice, every meeting id the journey has, dated only where all cohorts and
 * groups meet on the same day.
 * @param {JourneyData} data
 * @param {string} activity
 * @param {Choice | null} choice
 * @returns {MeetingView[]}
 */
export function meetingsFor(data, activity, choice) {
  const all = (data.meetings || []).filter((m) => m.activity === activity);
  const mine = choice ? all.filter((m) => m.cohort === choice.cohort) : all;
  // A group chosen: its own meetings and the cohort's; none chosen: every group's, by meeting id.
  const inGroup = choice && choice.group ? mine.filter((m) => !m.group || m.group === choice.group) : mine;
  /** @type {Map<string, Meeting[]>} */
  const byId = new Map();
  for (const m of inGroup) byId.set(m.id, [...(byId.get(m.id) || []), m]);
  /** @type {MeetingView[]} */
  const out = [];
  for (const [id, list] of byId) {
    const same = (/** @type {"day" | "start"} */ key) => (list.every((m) => m[key] === list[0][key]) ? list[0][key] || null : null);
    out.push({
      id,
      number: typeof list[0].number === "number" ? list[0].number : null,
      title: typeof list[0].title === "string" ? list[0].title : null,
      day: same("day"),
      start: same("start"),
      cancelled: list.every((m) => !!m.cancelled),
    });
  }
  const order = new Map(out.map((m, i) => [m.id, i]));
  return out.sort((a, b) => (a.day && b.day && a.day !== b.day ? (a.day < b.day ? -1 : 1)
    : (order.get(a.id) || 0) - (order.get(b.id) || 0)));
}

/**
 * @param {ActivityRecord} record
 * @param {string} meeting
 */
export const meetingDone = (record, meeting) => !!record.done || !!(record.meetings && record.meetings[meeting]);

/**
 * The record with one meeting marked done (or not). Marking the last open meeting marks the
 * activity done; un-marking a meeting of an activity marked done as a whole keeps the others done.
 * @param {ActivityRecord} record
 * @param {MeetingView[]} meetings the learner's meetings of the activity
 * @param {string} meeting
 * @param {boolean} done
 * @param {string} now ISO date
 * @returns {ActivityRecord}
 */
export function markMeeting(record, meetings, meeting, done, now) {
  /** @type {Record<string, string>} */
  const marks = { ...(record.meetings || {}) };
  const out = { ...record };
  const open = meetings.filter((m) => !m.cancelled);
  if (done) {
    marks[meeting] = marks[meeting] || now;
    if (open.length && open.every((m) => marks[m.id])) out.done = out.done || now;
  } else {
    if (out.done) {
      for (const m of open) marks[m.id] = marks[m.id] || out.done;
      delete out.done;
    }
    delete marks[meeting];
  }
  if (Object.keys(marks).length) out.meetings = marks;
  else delete out.meetings;
  return out;
}

/**
 * Meetings counted: of every activity with more than one meeting, the learner's meetings that are
 * not cancelled, and how many of them are done.
 * @param {JourneyData} data
 * @param {Activities} records
 * @param {Choice | null} choice
 */
export function meetingProgress(data, records, choice) {
  let done = 0;
  let total = 0;
  for (const a of data.activities) {
    const open = meetingsFor(data, a.id, choice).filter((m) => !m.cancelled);
    if (open.length < 2) continue;
    const record = records[a.id] || {};
    total += open.length;
    done += open.filter((m) => meetingDone(record, m.id) || isDone(record)).length;
  }
  return { done, total };
}

/**
 * The day a week of the journey starts (week 1 starts on the cohort's start; week 0 is the week
 * before), or ends.
 * @param {string} start YYYY-MM-DD
 * @param {number} week
 * @param {boolean} [end]
 */
export function weekDay(start, week, end) {
  const day = new Date(`${start}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + (week - 1) * 7 + (end ? 6 : 0));
  return day.toISOString().slice(0, 10);
}

/**
 * "Next" on the learner's calendar: of the activities not done, the one due or coming up first
 * (its first open meeting, else its due week, else its week; an activity without a time keeps its
 * place after the one before it), required before optional, or the first unfinished prerequisite
 * it waits for. Without a cohort, the journey's order (suggestNext).
 * @param {JourneyData} data
 * @param {Activities} records
 * @param {Choice | null} choice
 * @returns {{activity: ActivityInfo, meeting: MeetingView | null, day: string | null} | null}
 */
export function suggestNextInTime(data, records, choice) {
  const cohort = choice ? (data.cohorts || []).find((c) => c.id === choice.cohort) : undefined;
  const done = new Set(data.activities.filter((a) => isDone(records[a.id])).map((a) => a.id));
  /** @param {ActivityInfo} a */
  const firstOpen = (a) => {
    const record = records[a.id] || {};
    return meetingsFor(data, a.id, cohort ? choice : null)
      .find((m) => !m.cancelled && !meetingDone(record, m.id)) || null;
  };
  if (!cohort) {
    const next = suggestNext(data.activities, done);
    return next ? { activity: next, meeting: firstOpen(next), day: null } : null;
  }
  /** @type {{activity: ActivityInfo, meeting: MeetingView | null, day: string | null, key: string, order: number}[]} */
  const items = [];
  let key = "";
  data.activities.forEach((a, order) => {
    const meeting = firstOpen(a);
    const all = meetingsFor(data, a.id, choice).filter((m) => !m.cancelled);
    /** @type {string | null} */
    let day = null;
    if (meeting && meeting.day) day = meeting.day;
    else if (all.length && all[0].day) day = all[all.length - 1].day;
    else if (typeof a.due_week === "number") day = weekDay(cohort.start, a.due_week, true);
    else if (typeof a.week === "number") day = weekDay(cohort.start, a.week);
    if (day) key = day;
    if (!done.has(a.id) && !(all.length && !meeting)) items.push({ activity: a, meeting, day, key, order });
  });
  items.sort((x, y) => (x.key === y.key ? x.order - y.order : x.key < y.key ? -1 : 1));
  let next = items.find((i) => !i.activity.optional) || items[0];
  const byId = new Map(items.map((i) => [i.activity.id, i]));
  for (let guard = 0; next && guard < items.length; guard += 1) {
    const waiting = (next.activity.prerequisites || []).map((id) => byId.get(id)).find(Boolean);
    if (!waiting) break;
    next = waiting;
  }
  return next ? { activity: next.activity, meeting: next.meeting, day: next.day } : null;
}

/**
 * Authors often open an explanation with the verdict ("Right. ..."): say it only once.
 * @param {string} explanation
 * @param {string} verdict
 */
export function withoutVerdict(explanation, verdict) {
  const word = verdict.replace(/[.!:]+$/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const rest = word ? explanation.replace(new RegExp(`^${word}(?:[.!:,]\\s*|\\s+|$)`, "i"), "") : explanation;
  return rest === explanation ? rest : rest.charAt(0).toUpperCase() + rest.slice(1);
}

/* ---------------------------------------------------------------- markdown */

/** @param {unknown} text */
export const mdEscape = (text) => String(text).replace(/([\\`*_[\]<>|#])/g, "\\$1");

/**
 * The learner's own lines, quoted; two trailing spaces keep their line breaks when rendered.
 * @param {string} text
 */
export function quoteLines(text) {
  const lines = text.trimEnd().split(/\r?\n/);
  return lines.map((line, i) => {
    if (!line.trim()) return ">";
    const more = i + 1 < lines.length && lines[i + 1].trim();
    return `> ${line}${more ? "  " : ""}`;
  }).join("\n");
}

/**
 * How a record is written: Markdown or HTML. Each method returns one block (a paragraph, a
 * heading, a list) of text already escaped with `text` (what an author or the learner wrote)
 * or `own` (our labels); `quote` takes the learner's text as it is.
 * @typedef {{
 *   text: (raw: string) => string,
 *   own: (raw: string) => string,
 *   heading: (level: number, html: string) => string,
 *   para: (html: string) => string,
 *   label: (html: string, rest?: string) => string,
 *   note: (html: string) => string,
 *   quote: (raw: string) => string,
 *   checklist: (items: {done: boolean, text: string, rest: string}[]) => string,
 *   facts: (items: [label: string, value: string][]) => string,
 * }} Writer
 * @typedef {{t: Translate, date: FormatDate, choice?: Choice | null, learner?: string}} Words
 *   labels and dates in the journey's language, the learner's cohort and group, and the name the
 *   learner typed (if any)
 */

/** @type {Writer} */
const MARKDOWN = {
  text: mdEscape,
  own: (raw) => raw,
  heading: (level, text) => `${"#".repeat(level)} ${text}`,
  para: (text) => text,
  label: (text, rest) => `**${text}**${rest ? ` ${rest}` : ""}`,
  note: (text) => `*${text}*`,
  quote: (raw) => quoteLines(raw),
  checklist: (items) => items.map((i) => `- [${i.done ? "x" : " "}] ${i.text}${i.rest}`).join("\n"),
  facts: (items) => items.map(([k, v]) => `- **${k}:** ${v}`).join("\n"),
};

/** @param {unknown} text */
export const htmlEscape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** @type {Writer} */
const HTML = {
  text: htmlEscape,
  own: htmlEscape,
  heading: (level, text) => `<h${level}>${text}</h${level}>`,
  para: (text) => `<p>${text}</p>`,
  label: (text, rest) => `<p class="label"><strong>${text}</strong>${rest ? ` ${rest}` : ""}</p>`,
  note: (text) => `<p class="note">${text}</p>`,
  quote: (raw) => `<blockquote>${raw.trimEnd().split(/\r?\n\s*\r?\n/)
    .map((p) => `<p>${p.split(/\r?\n/).map(htmlEscape).join("<br>")}</p>`).join("")}</blockquote>`,
  checklist: (items) => `<ul class="checklist">${items.map((i) => `<li><span class="box" aria-hidden="true">${i.done ? "☑" : "☐"}</span> `
    + `${i.text}<span class="meta">${i.rest}</span></li>`).join("")}</ul>`,
  facts: (items) => `<dl class="facts">${items.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join("")}</dl>`,
};

/**
 * The learner's cohort (and group) as a reader knows them: their titles.
 * @param {JourneyData} data
 * @param {Choice | null | undefined} choice
 */
export function cohortName(data, choice) {
  if (!choice) return "";
  const cohort = (data.cohorts || []).find((c) => c.id === choice.cohort);
  if (!cohort) return "";
  const group = choice.group ? (cohort.groups || []).find((g) => g.id === choice.group) : undefined;
  return group ? `${cohort.title} · ${group.title}` : cohort.title;
}

/**
 * The journey record's blocks, for any writer: the title, who and when, the progress checklist,
 * evidence and reflections per objective, the rest per activity, and what the journey no longer has.
 * @param {Writer} w
 * @param {JourneyData} data
 * @param {Activities} activities
 * @param {string} exported ISO date
 * @param {Words} words
 * @returns {string[]}
 */
function recordBlocks(w, data, activities, exported, words) {
  const { t, date } = words;
  const known = new Set(data.activities.map((a) => a.id));
  const done = data.activities.filter((a) => isDone(activities[a.id])).length;
  const out = [w.heading(1, `${w.own(t("js_md_title"))}: ${w.text(data.title)}`)];
  /** @type {[string, string][]} */
  const who = [];
  const learner = (words.learner || "").trim();
  if (learner) who.push([w.own(t("js_learner_name")), w.text(learner)]);
  const cohort = cohortName(data, words.choice);
  if (cohort) who.push([w.own(t("js_record_cohort")), w.text(cohort)]);
  if (who.length) out.push(w.facts(who));
  out.push(w.para(w.own(`${t("js_md_exported", { date: date(exported) })}. `
    + `${t("js_progress_count", { done, total: data.activities.length })}.`)));
  out.push(w.heading(2, w.own(t("js_progress_heading"))));
  out.push(w.checklist(data.activities.map((a) => {
    const record = activities[a.id] || {};
    let when = record.done ? ` · ${t("js_done_on", { date: date(record.done, false) })}` : "";
    if (!record.done && isDone(record) && record.prior) {
      when = ` · ${t("js_prior_recognised")}`;
    } else if (!record.done && record.meetings) {
      when = ` · ${t("js_meetings_count", { done: Object.keys(record.meetings).length,
        total: meetingsFor(data, a.id, words.choice || null).filter((m) => !m.cancelled).length })}`;
    }
    return { done: isDone(record), text: w.text(a.title), rest: ` (${w.text(a.phase)} · ${w.text(a.type)})${w.own(when)}` };
  })));
  const titles = new Map((data.objectives || []).map((o) => [o.id, o.title]));
  let byObjective = false;
  /** @param {string} saved */
  const savedOn = (saved) => w.note(w.own(t("js_saved", { date: date(saved) })));
  /** @param {string} title @param {ActivityRecord} record @param {number} [level] */
  const describe = (title, record, level) => {
    const blocks = [w.heading(level || 3, w.text(title))];
    if (record.prior && record.prior.text.trim()) {
      blocks.push(w.label(w.own(t("js_prior_recognised"))), w.quote(record.prior.text), savedOn(record.prior.saved));
    }
    const reflections = Object.entries(record.reflections || {}).sort((x, y) => Number(x[0]) - Number(y[0]));
    for (const [, entry] of reflections) {
      if (!entry.text.trim()) continue;
      blocks.push(w.label(w.text(entry.prompt || "")), w.quote(entry.text), savedOn(entry.saved));
    }
    if (record.evidence && record.evidence.text.trim()) {
      blocks.push(w.label(w.own(t("js_evidence_label"))), w.quote(record.evidence.text), savedOn(record.evidence.saved));
    }
    for (const [meeting, entries] of Object.entries(record.journal || {})) {
      const written = Object.entries(entries).filter(([, e]) => e.text.trim())
        .sort((x, y) => Number(x[0]) - Number(y[0]));
      if (!written.length) continue;
      const number = /-([0-9]+)$/.exec(meeting);
      blocks.push(w.label(w.own(t("js_journal_after", { meeting: number ? t("js_meeting", { number: number[1] }) : meeting }))));
      for (const [, entry] of written) blocks.push(w.note(w.text(entry.prompt || "")), w.quote(entry.text), savedOn(entry.saved));
    }
    for (const [objective, entry] of Object.entries(record.portfolio || {})) {
      if (!entry.text.trim() || byObjective || level) continue;  // else it shows with its objective
      blocks.push(w.label(w.text(titles.get(objective) || objective)), w.quote(entry.text), savedOn(entry.saved));
    }
    const answers = Object.values(record.quiz || {});
    if (answers.length) {
      const right = answers.filter((x) => x.correct).length;
      blocks.push(w.label(w.own(`${t("knowledge_check")}:`), w.own(t("js_quiz_score", { right, total: answers.length }))));
    }
    return blocks.length > 1 ? blocks : [];
  };
  // For the development conversation: per objective, the portfolio's evidence for it, then what the
  // activities that serve it hold (an activity serving two objectives shows under both).
  /** @type {string[]} */
  const perObjective = [];
  for (const o of data.objectives || []) {
    /** @type {string[]} */
    const blocks = [];
    for (const a of data.activities) {
      const entry = ((activities[a.id] || {}).portfolio || {})[o.id];
      if (entry && entry.text.trim()) {
        blocks.push(w.label(w.own(t("js_portfolio_evidence")), `(${w.text(a.title)})`), w.quote(entry.text), savedOn(entry.saved));
      }
    }
    for (const a of data.activities.filter((x) => (x.objectives || []).includes(o.id))) {
      blocks.push(...describe(a.title, activities[a.id] || {}, 4));
    }
    if (blocks.length) perObjective.push(w.heading(3, w.text(o.title)), ...blocks);
  }
  if (perObjective.length) out.push(w.heading(2, w.own(t("js_md_objectives"))), ...perObjective);
  byObjective = perObjective.length > 0;
  const grouped = byObjective
    ? new Set(data.activities.filter((a) => (a.objectives || []).some((id) => titles.has(id))).map((a) => a.id))
    : new Set();
  /** @type {string[]} */
  const sections = [];
  for (const a of data.activities) {
    if (!grouped.has(a.id)) sections.push(...describe(a.title, activities[a.id] || {}));
  }
  if (sections.length) out.push(w.heading(2, w.own(t("js_md_notes"))), ...sections);
  /** @type {string[]} */
  const other = [];
  for (const id of Object.keys(activities).filter((k) => !known.has(k))) {
    const record = activities[id];
    const blocks = describe(id, record);
    if (record.done && !blocks.length) blocks.push(w.heading(3, w.text(id)));
    if (record.done) blocks.splice(1, 0, w.para(w.own(t("js_done_on", { date: date(record.done, false) }))));
    other.push(...blocks);
  }
  if (other.length) out.push(w.heading(2, w.own(t("js_md_other"))), ...other);
  return out;
}

/**
 * The journey record as Markdown, to read and share.
 * @param {JourneyData} data
 * @param {Activities} activities
 * @param {string} exported ISO date
 * @param {Words} words
 */
export function recordMarkdown(data, activities, exported, words) {
  const text = recordBlocks(MARKDOWN, data, activities, exported, words).join("\n\n");
  return `${text.replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

// Print-friendly and self-contained: no script, no link to load, system fonts only.
const HTML_STYLE = `
body{font:11pt/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;max-width:46rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid #999}
h3{font-size:1.1rem;margin:1.5rem 0 .25rem}h4{font-size:1rem;margin:1rem 0 .25rem}
blockquote{margin:.25rem 0;padding:.25rem .75rem;border-left:3px solid #3f51b5;background:#f4f5fb}
.note,.meta{color:#555;font-size:.9em}.label{margin:.75rem 0 .25rem}
.checklist{list-style:none;padding:0}.checklist li{margin:.15rem 0}.box{font-size:1.1em}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}.facts div{display:contents}
.facts dt{font-weight:600}.facts dd{margin:0}
@media print{body{margin:0;max-width:none}h2,h3,h4{break-after:avoid}blockquote{break-inside:avoid}}
`;

/**
 * The journey record as a self-contained HTML document that prints well: for a manager or coach
 * who reads it in a browser or on paper. Everything is escaped; it loads nothing.
 * @param {JourneyData} data
 * @param {Activities} activities
 * @param {string} exported ISO date
 * @param {Words & {lang?: string}} words
 */
export function recordHtml(data, activities, exported, words) {
  const blocks = recordBlocks(HTML, data, activities, exported, words);
  const title = `${words.t("js_md_title")}: ${data.title}`;
  const lang = words.lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(words.lang) ? words.lang : "";
  return `<!DOCTYPE html>\n<html${lang ? ` lang="${lang}"` : ""}>\n<head>\n<meta charset="utf-8">\n`
    + `<meta name="viewport" content="width=device-width, initial-scale=1">\n`
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n`
    + `<title>${htmlEscape(title)}</title>\n<style>${HTML_STYLE}</style>\n</head>\n<body>\n<main>\n`
    + `${blocks.join("\n")}\n</main>\n</body>\n</html>\n`;
}

/* ------------------------------------------------------- resume and time left */

/**
 * Minutes of the required activities not done yet: what "time left" means to a learner
 * (optional ones are extra, and done ones are behind them). Of an activity with several meetings,
 * the share of the learner's meetings still open.
 * @param {JourneyData} data
 * @param {Activities} records
 * @param {Choice | null} [choice]
 */
export function timeLeft(data, records, choice) {
  let minutes = 0;
  for (const a of data.activities) {
    const record = records[a.id] || {};
    if (a.optional || isDone(record) || typeof a.minutes !== "number") continue;
    const open = meetingsFor(data, a.id, choice || null).filter((m) => !m.cancelled);
    const left = open.length > 1 ? open.filter((m) => !meetingDone(record, m.id)).length / open.length : 1;
    minutes += Math.round(a.minutes * left);
  }
  return minutes;
}

/**
 * Minutes as the pages write them (`1 h 30 min`, `45 min`, `1 u 30 min`).
 * @param {number} minutes
 * @param {string} hour the unit's label
 * @param {string} minute
 */
export function formatMinutes(minutes, hour, minute) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours && rest) return `${hours} ${hour} ${rest} ${minute}`;
  if (hours) return `${hours} ${hour}`;
  return `${rest} ${minute}`;
}

// The learner's last activity page per journey, beside the activities' entries.
/** @param {string} journey */
export const lastKey = (journey) => `${KEY_PREFIX}${journey}:@last`;

// The name the learner types for their exported record (never sent anywhere).
/** @param {string} journey */
export const learnerKey = (journey) => `${KEY_PREFIX}${journey}:@learner`;

/** Characters of the learner's name. */
export const NAME_LIMIT = 200;

/**
 * The name the learner typed for their record, or "" (stored as JSON, like every entry).
 * @param {Store} store
 * @param {string} journey
 */
export function readLearner(store, journey) {
  try {
    const name = JSON.parse(store.getItem(learnerKey(journey)) || '""');
    return typeof name === "string" ? cutText(name, NAME_LIMIT) : "";
  } catch {
    return "";
  }
}

/**
 * Store the learner's name (a blank one forgets it). Storage errors are thrown.
 * @param {Store} store
 * @param {string} journey
 * @param {string} name
 */
export function writeLearner(store, journey, name) {
  const clean = cutText(name, NAME_LIMIT);
  if (clean.trim()) store.setItem(learnerKey(journey), JSON.stringify(clean));
  else store.removeItem(learnerKey(journey));
}

/**
 * Where "continue" goes: the activity page the learner visited last, while it is not done
 * (they left off there); otherwise the suggested next activity on their calendar. Null when
 * everything is done.
 * @param {JourneyData} data
 * @param {Activities} records
 * @param {Choice | null} choice
 * @param {string | null} last the id of the activity page visited last
 * @returns {ActivityInfo | null}
 */
export function resumeTarget(data, records, choice, last) {
  const visited = last ? data.activities.find((a) => a.id === last) : undefined;
  if (visited && !isDone(records[visited.id])) return visited;
  const found = suggestNextInTime(data, records, choice);
  return found ? found.activity : null;
}

/**
 * Whether a knowledge check is passed: every one of its questions answered right.
 * @param {ActivityRecord} record
 * @param {number} questions how many the check has
 */
export function quizPassed(record, questions) {
  if (questions < 1) return false;
  const quiz = record.quiz || {};
  for (let i = 0; i < questions; i += 1) {
    const answer = quiz[String(i)];
    if (!answer || !answer.correct) return false;
  }
  return true;
}
