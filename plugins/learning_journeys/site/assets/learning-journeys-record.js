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
 * @typedef {{done?: string, reflections?: Record<string, TextEntry>, quiz?: Record<string, Answer>,
 *   evidence?: TextEntry}} ActivityRecord
 * @typedef {Record<string, ActivityRecord>} Activities
 * @typedef {{id: string, title: string, phase: string, type: string, optional?: boolean,
 *   prerequisites?: string[]}} ActivityInfo
 * @typedef {{id: string, title: string, activities: ActivityInfo[]}} JourneyData
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
  return { value, problems };
}

/**
 * @template T
 * @param {unknown} raw
 * @param {(v: unknown) => T | null} clean
 * @param {string} part
 * @param {string[]} problems
 * @returns {Record<string, T> | null} the good entries, or null when there are none
 */
function cleanEntries(raw, clean, part, problems) {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) {
    problems.push(part);
    return null;
  }
  /** @type {Record<string, T>} */
  const out = {};
  let any = false;
  for (const [index, entry] of Object.entries(raw)) {
    const item = INDEX.test(index) ? clean(entry) : null;
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

/* ------------------------------------------------------------------ import */

/**
 * An imported file checked completely, before anything is written.
 *
 * Entries for activities the journey does not have are left out and named in `skipped`;
 * a damaged entry refuses the whole file.
 *
 * @param {unknown} raw the parsed file
 * @param {JourneyData} journey
 * @returns {{error: Message} | {activities: Activities, exported: string, skipped: string[]}}
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
 * @returns {{ok: true, count: number} | {ok: false, restored: boolean, error: unknown}}
 */
export function applyImport(store, journey, activities, mode) {
  /** @type {Map<string, string | null>} */
  const before = new Map();
  try {
    for (const id of new Set([...storedActivities(store, journey), ...Object.keys(activities)])) {
      before.set(id, store.getItem(storageKey(journey, id)));
    }
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
    return { ok: true, count: Object.keys(activities).length };
  } catch (error) {
    return { ok: false, restored: restore(store, journey, before), error };
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
 * The journey record as Markdown, to read and share.
 * @param {JourneyData} data
 * @param {Activities} activities
 * @param {string} exported ISO date
 * @param {{t: Translate, date: FormatDate}} words labels and dates in the journey's language
 */
export function recordMarkdown(data, activities, exported, words) {
  const { t, date } = words;
  const known = new Set(data.activities.map((a) => a.id));
  const done = data.activities.filter((a) => activities[a.id] && activities[a.id].done).length;
  const out = [`# ${t("js_md_title")}: ${mdEscape(data.title)}`, ""];
  out.push(`${t("js_md_exported", { date: date(exported) })}. `
    + `${t("js_progress_count", { done, total: data.activities.length })}.`, "");
  out.push(`## ${t("js_progress_heading")}`, "");
  for (const a of data.activities) {
    const record = activities[a.id] || {};
    const when = record.done ? ` · ${t("js_done_on", { date: date(record.done, false) })}` : "";
    out.push(`- [${record.done ? "x" : " "}] ${mdEscape(a.title)} (${mdEscape(a.phase)} · ${mdEscape(a.type)})${when}`);
  }
  out.push("");
  /** @param {string} title @param {ActivityRecord} record */
  const describe = (title, record) => {
    const lines = [`### ${mdEscape(title)}`, ""];
    const reflections = Object.entries(record.reflections || {}).sort((x, y) => Number(x[0]) - Number(y[0]));
    for (const [, entry] of reflections) {
      if (!entry.text.trim()) continue;
      lines.push(`**${mdEscape(entry.prompt || "")}**`, "", quoteLines(entry.text), "",
        `*${t("js_saved", { date: date(entry.saved) })}*`, "");
    }
    if (record.evidence && record.evidence.text.trim()) {
      lines.push(`**${t("js_evidence_label")}**`, "", quoteLines(record.evidence.text), "",
        `*${t("js_saved", { date: date(record.evidence.saved) })}*`, "");
    }
    const answers = Object.values(record.quiz || {});
    if (answers.length) {
      const right = answers.filter((x) => x.correct).length;
      lines.push(`**${t("knowledge_check")}:** ${t("js_quiz_score", { right, total: answers.length })}`, "");
    }
    return lines.length > 2 ? lines : [];
  };
  /** @type {string[]} */
  const sections = [];
  for (const a of data.activities) sections.push(...describe(a.title, activities[a.id] || {}));
  if (sections.length) out.push(`## ${t("js_md_notes")}`, "", ...sections);
  /** @type {string[]} */
  const otherLines = [];
  for (const id of Object.keys(activities).filter((k) => !known.has(k))) {
    const record = activities[id];
    const lines = describe(id, record);
    if (record.done && !lines.length) lines.push(`### ${mdEscape(id)}`, "");
    if (record.done) lines.splice(2, 0, t("js_done_on", { date: date(record.done, false) }), "");
    otherLines.push(...lines);
  }
  if (otherLines.length) out.push(`## ${t("js_md_other")}`, "", ...otherLines);
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
