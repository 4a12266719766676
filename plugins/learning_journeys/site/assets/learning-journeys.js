/* The learner's companion: progress, reflection journal, knowledge checks and the
   journey record (export, import, clear).

   Everything stays in this browser's localStorage: the script makes no request of
   any kind. Pages carry data-lj-* hooks rendered by the templates, and their labels
   (in the journey's language) as JSON in <div id="lj-labels" data-lj-json>.

   Material's instant navigation swaps pages without a reload, so the script starts
   from Material's document$ (which also emits for the first page), and falls back to
   DOMContentLoaded for other themes. */
(() => {
  "use strict";

  const KEY_PREFIX = "learning-journeys:v1:";
  const RECORD_FORMAT = "mkdocs-learning-journeys/journey-record";
  const RECORD_VERSION = 1;
  const ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
  const INDEX = /^[0-9]{1,3}$/;
  const MAX_TEXT = 100000;
  const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

  /* ---------------------------------------------------------------- labels */

  let labels = {};

  function readLabels() {
    const node = document.getElementById("lj-labels");
    if (!node) return false;
    try {
      labels = JSON.parse(node.getAttribute("data-lj-json") || "{}");
    } catch (err) {
      return false;
    }
    return true;
  }

  function t(key, vars) {
    const text = typeof labels[key] === "string" ? labels[key] : key;
    return text.replace(/\{(\w+)\}/g, (match, name) =>
      vars && Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match);
  }

  function formatDate(iso, withTime) {
    const date = new Date(iso);
    const options = withTime === false ? { dateStyle: "long" } : { dateStyle: "medium", timeStyle: "short" };
    try {
      return new Intl.DateTimeFormat(labels.lang || document.documentElement.lang || undefined, options).format(date);
    } catch (err) {
      return date.toLocaleString();
    }
  }

  /* --------------------------------------------------------------- storage */

  // One localStorage entry per journey and activity: re-publishing a journey with new
  // titles or another order keeps what the learner did, and two tabs rarely collide.
  const storageKey = (journey, activity) => `${KEY_PREFIX}${journey}:${activity}`;

  function storage() {
    try {
      return window.localStorage;  // reading the property itself throws when storage is blocked
    } catch (err) {
      return null;
    }
  }

  function load(journey, activity) {
    const store = storage();
    if (!store) {
      storageProblem();
      return {};
    }
    let raw;
    try {
      raw = store.getItem(storageKey(journey, activity));
    } catch (err) {
      storageProblem();
      return {};
    }
    if (!raw) return {};
    try {
      const clean = cleanRecord(JSON.parse(raw));
      return clean.error ? {} : clean.value;
    } catch (err) {
      return {};  // a damaged entry counts as empty; the next save replaces it
    }
  }

  function save(journey, activity, record) {
    const store = storage();
    if (!store) {
      storageProblem();
      return false;
    }
    try {
      if (isEmptyRecord(record)) store.removeItem(storageKey(journey, activity));
      else store.setItem(storageKey(journey, activity), JSON.stringify(record));
      return true;
    } catch (err) {
      storageProblem();
      return false;
    }
  }

  function update(journey, activity, change) {
    const record = load(journey, activity);
    change(record);
    for (const part of ["reflections", "quiz"]) {
      if (record[part] && Object.keys(record[part]).length === 0) delete record[part];
    }
    return save(journey, activity, record);
  }

  function storedActivities(journey) {
    const store = storage();
    const prefix = `${KEY_PREFIX}${journey}:`;
    const ids = [];
    if (!store) return ids;
    try {
      for (let i = 0; i < store.length; i += 1) {
        const key = store.key(i);
        if (key && key.startsWith(prefix) && ID.test(key.slice(prefix.length))) ids.push(key.slice(prefix.length));
      }
    } catch (err) {
      storageProblem();
    }
    return ids;
  }

  function removeActivity(journey, activity) {
    const store = storage();
    try {
      if (store) store.removeItem(storageKey(journey, activity));
      return !!store;
    } catch (err) {
      storageProblem();
      return false;
    }
  }

  function storageProblem() {
    if (document.querySelector(".lj-storage-alert")) return;
    const article = document.querySelector("article") || document.body;
    const heading = article.querySelector("h1");
    const alert = el("div", { class: "admonition warning lj-storage-alert", role: "alert" },
      el("p", { text: t("js_storage_error") }));
    if (heading) heading.after(alert);
    else article.prepend(alert);
  }

  /* ---------------------------------------------------------------- records */

  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const isDate = (v) => typeof v === "string" && v.length <= 40 && !Number.isNaN(Date.parse(v));
  const isEmptyRecord = (r) => !r || Object.keys(r).length === 0;

  function cleanText(v) {
    if (!isObject(v) || typeof v.text !== "string" || v.text.length > MAX_TEXT || !isDate(v.saved)) return null;
    const out = { text: v.text, saved: v.saved };
    if (v.prompt !== undefined) {
      if (typeof v.prompt !== "string" || v.prompt.length > 5000) return null;
      out.prompt = v.prompt;
    }
    return out;
  }

  function cleanAnswer(v) {
    if (!isObject(v) || !Number.isInteger(v.choice) || v.choice < 0 || v.choice > 999) return null;
    if (typeof v.correct !== "boolean" || !isDate(v.at)) return null;
    return { choice: v.choice, correct: v.correct, at: v.at };
  }

  /** A record with only the fields we know, or {error: "field"} when one is malformed. */
  function cleanRecord(raw) {
    if (!isObject(raw)) return { error: "record" };
    const out = {};
    if (raw.done !== undefined && raw.done !== null) {
      if (!isDate(raw.done)) return { error: "done" };
      out.done = raw.done;
    }
    for (const [part, clean] of [["reflections", cleanText], ["quiz", cleanAnswer]]) {
      if (raw[part] === undefined || raw[part] === null) continue;
      if (!isObject(raw[part])) return { error: part };
      for (const [index, value] of Object.entries(raw[part])) {
        const item = INDEX.test(index) ? clean(value) : null;
        if (!item) return { error: `${part} ${index}` };
        (out[part] = out[part] || {})[index] = item;
      }
    }
    if (raw.evidence !== undefined && raw.evidence !== null) {
      const evidence = cleanText(raw.evidence);
      if (!evidence) return { error: "evidence" };
      out.evidence = evidence;
    }
    return { value: out };
  }

  const newer = (a, b, field) => (!a ? b : !b ? a : Date.parse(b[field]) > Date.parse(a[field]) ? b : a);

  /** Both records combined: of every entry the newest survives; a done mark is kept. */
  function mergeRecords(mine, theirs) {
    const out = {};
    if (mine.done || theirs.done) {
      const dates = [mine.done, theirs.done].filter(Boolean).sort((a, b) => Date.parse(a) - Date.parse(b));
      out.done = dates[0];
    }
    for (const [part, field] of [["reflections", "saved"], ["quiz", "at"]]) {
      const keys = new Set([...Object.keys(mine[part] || {}), ...Object.keys(theirs[part] || {})]);
      for (const k of keys) {
        (out[part] = out[part] || {})[k] = newer((mine[part] || {})[k], (theirs[part] || {})[k], field);
      }
    }
    const evidence = newer(mine.evidence, theirs.evidence, "saved");
    if (evidence) out.evidence = evidence;
    return out;
  }

  /** The learner's whole journey, as stored in this browser. */
  function collect(journey) {
    const activities = {};
    for (const id of storedActivities(journey).sort()) {
      const record = load(journey, id);
      if (!isEmptyRecord(record)) activities[id] = record;
    }
    return activities;
  }

  /** The checked contents of an imported file, or {error: message}. */
  function validateImport(raw, journey) {
    const invalid = (reason) => ({ error: t("js_import_invalid", { reason }) });
    if (!isObject(raw) || raw.format !== RECORD_FORMAT || raw.version !== RECORD_VERSION
        || !isObject(raw.journey) || !isObject(raw.activities) || !isDate(raw.exported)) {
      return invalid(t("js_import_not_record"));
    }
    if (raw.journey.id !== journey.id) {
      const name = String(raw.journey.title || raw.journey.id || "?").slice(0, 200);
      return invalid(t("js_import_other_journey", { journey: name }));
    }
    const activities = {};
    for (const [id, record] of Object.entries(raw.activities)) {
      const known = journey.activities.find((a) => a.id === id);
      const name = known ? known.title : id.slice(0, 80);
      if (!ID.test(id)) return invalid(t("js_import_bad_entry", { activity: name, field: "id" }));
      const clean = cleanRecord(record);
      if (clean.error) return invalid(t("js_import_bad_entry", { activity: name, field: clean.error }));
      if (!isEmptyRecord(clean.value)) activities[id] = clean.value;
    }
    return { activities, exported: raw.exported };
  }

  /* -------------------------------------------------------------------- DOM */

  let counter = 0;
  const uid = (prefix) => `lj-${prefix}-${(counter += 1)}`;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  const button = (label, onclick, extra) =>
    el("button", { type: "button", class: `md-button ${extra || ""}`.trim(), onclick, text: label });

  const check = () => el("span", { class: "lj-check", "aria-hidden": "true", text: "✓" });

  /* ---------------------------------------------------------------- progress */

  function doneSet(journey, ids) {
    return new Set(ids.filter((id) => load(journey, id).done));
  }

  /** First required activity not done (else any), or the first unfinished prerequisite it waits for. */
  function suggestNext(activities, done) {
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

  function progressBlock(text, done, total) {
    const id = uid("progress");
    return el("div", { class: "lj-progress" },
      el("p", { id, class: "lj-progress__text", text }),
      el("progress", { max: total || 1, value: done, "aria-labelledby": id }));
  }

  function markBadges(journey, scope) {
    for (const node of scope.querySelectorAll("[data-lj-activity]")) {
      if (node.closest(".lj-done, .lj-quiz, .lj-reflection, .lj-evidence")) continue;
      const id = node.getAttribute("data-lj-activity");
      const old = node.parentNode && node.parentNode.querySelector(`.lj-badge[data-lj-for="${CSS.escape(id)}"]`);
      if (old) old.remove();
      if (!ID.test(id) || !load(journey, id).done) continue;
      node.after(el("span", { class: "lj-badge", "data-lj-for": id }, check(), ` ${t("js_done_badge")}`));
    }
  }

  function initJourney(hook, refreshers) {
    const journey = hook.getAttribute("data-lj-journey");
    if (!ID.test(journey || "")) return;
    const data = journeyData(journey);
    const ids = data ? data.activities.map((a) => a.id) : (hook.getAttribute("data-lj-activities") || "").split(/\s+/).filter((id) => ID.test(id));
    const headingId = uid("progress-heading");
    const render = () => {
      const done = doneSet(journey, ids);
      const section = el("section", { class: "lj-companion lj-journey-progress", "aria-labelledby": headingId },
        el("h2", { id: headingId, text: t("js_progress_heading") }),
        progressBlock(t("js_progress_count", { done: done.size, total: ids.length }), done.size, ids.length));
      if (data) {
        const next = suggestNext(data.activities, done);
        const line = el("p", { class: "lj-next" });
        if (next) {
          const target = document.querySelector(`article a[data-lj-activity="${CSS.escape(next.id)}"]`);
          line.append(el("strong", { text: `${t("js_next")}: ` }),
            target ? el("a", { href: target.getAttribute("href"), text: next.title }) : next.title,
            ` (${next.phase} · ${next.type}${next.optional ? ` · ${t("optional").toLowerCase()}` : ""})`);
        } else {
          line.append(check(), ` ${t("js_next_all_done")}`);
        }
        section.append(line);
      }
      hook.replaceChildren(section);
      markBadges(journey, hook.closest("article") || document);
    };
    render();
    refreshers.push(render);
  }

  function initPhase(hook, refreshers) {
    const journey = hook.getAttribute("data-lj-journey");
    const ids = (hook.getAttribute("data-lj-activities") || "").split(/\s+/).filter((id) => ID.test(id));
    if (!ID.test(journey || "")) return;
    const render = () => {
      const done = doneSet(journey, ids);
      hook.replaceChildren(el("div", { class: "lj-companion" },
        progressBlock(t("js_phase_progress", { done: done.size, total: ids.length }), done.size, ids.length)));
      markBadges(journey, hook.closest("article") || document);
    };
    render();
    refreshers.push(render);
  }

  function initDone(hook, refreshers) {
    const journey = hook.getAttribute("data-lj-journey");
    const activity = hook.getAttribute("data-lj-activity");
    if (!ID.test(journey || "") || !ID.test(activity || "")) return;
    const status = el("p", { class: "lj-done__status", role: "status" });
    const toggle = button("", () => {
      update(journey, activity, (record) => {
        if (record.done) delete record.done;
        else record.done = new Date().toISOString();
      });
      render();
    }, "lj-done__button");
    const render = () => {
      const record = load(journey, activity);
      toggle.textContent = record.done ? t("js_mark_undone") : t("js_mark_done");
      toggle.classList.toggle("md-button--primary", !record.done);
      status.replaceChildren(...(record.done
        ? [check(), ` ${t("js_done_on", { date: formatDate(record.done, false) })}`]
        : [t("js_not_done")]));
      hook.classList.toggle("is-done", !!record.done);
    };
    hook.replaceChildren(el("div", { class: "lj-companion lj-done__box" }, status, toggle));
    render();
    refreshers.push(render);
  }

  /* ------------------------------------------------------ journal and notes */

  /** A textarea that saves into the activity's record on every keystroke. */
  function journalField(journey, activity, read, write, describedBy) {
    const id = uid("text");
    const statusId = uid("saved");
    const field = el("textarea", {
      id, rows: 5, class: "lj-textarea", spellcheck: "true",
      "aria-describedby": [describedBy, statusId].filter(Boolean).join(" "),
    });
    const status = el("p", { id: statusId, class: "lj-saved" });
    const show = (entry) => {
      status.textContent = entry && entry.text ? t("js_saved", { date: formatDate(entry.saved) }) : t("js_autosave");
    };
    const entry = read(load(journey, activity));
    field.value = entry ? entry.text : "";
    show(entry);
    field.addEventListener("input", () => {
      const saved = new Date().toISOString();
      const ok = update(journey, activity, (record) => write(record, field.value ? { text: field.value, saved } : null));
      if (ok) show(field.value ? { text: field.value, saved } : null);
      else status.textContent = t("js_not_saved");
    });
    return { id, field, status };
  }

  function initReflection(hook) {
    const journey = hook.getAttribute("data-lj-journey");
    const activity = hook.getAttribute("data-lj-activity");
    if (!ID.test(journey || "") || !ID.test(activity || "")) return;
    for (const prompt of hook.querySelectorAll(".lj-prompt[data-lj-prompt]")) {
      const index = prompt.getAttribute("data-lj-prompt");
      if (!INDEX.test(index)) continue;
      const text = prompt.textContent.trim();
      const { id, field, status } = journalField(journey, activity,
        (record) => (record.reflections || {})[index],
        (record, entry) => {
          record.reflections = record.reflections || {};
          if (entry) record.reflections[index] = { ...entry, prompt: text };
          else delete record.reflections[index];
        });
      const label = el("label", { for: id, class: "lj-prompt-label" });
      prompt.replaceWith(label);
      label.append(prompt);
      label.after(field, status);
    }
    hook.classList.add("lj-companion");
    const request = document.querySelector(".lj-feedback-request");
    if (request && !request.querySelector(".lj-copy")) initCopy(request);
  }

  function initCopy(request) {
    const quote = request.querySelector("blockquote") || request;
    const status = el("p", { class: "lj-copy__status", role: "status" });
    const copy = async () => {
      const text = quote.innerText.trim();
      let ok = false;
      try {
        await navigator.clipboard.writeText(text);
        ok = true;
      } catch (err) {
        ok = false;
      }
      if (!ok) {
        // Older browsers, or a page not served over https: copy the selection instead.
        window.getSelection().selectAllChildren(quote);
        try {
          ok = document.execCommand("copy");
        } catch (err) {
          ok = false;
        }
      }
      status.textContent = ok ? t("js_copied") : t("js_copy_failed");
    };
    request.append(el("div", { class: "lj-copy" }, button(t("js_copy_request"), copy), status));
  }

  function initEvidence(hook) {
    const journey = hook.getAttribute("data-lj-journey");
    const activity = hook.getAttribute("data-lj-activity");
    if (!ID.test(journey || "") || !ID.test(activity || "")) return;
    const hintId = uid("hint");
    const { id, field, status } = journalField(journey, activity,
      (record) => record.evidence,
      (record, entry) => {
        if (entry) record.evidence = entry;
        else delete record.evidence;
      }, hintId);
    hook.replaceChildren(el("div", { class: "lj-companion lj-evidence__box" },
      el("label", { for: id, class: "lj-evidence__label", text: t("js_evidence_label") }),
      el("p", { id: hintId, class: "lj-hint", text: t("js_evidence_hint") }),
      field, status));
  }

  /* -------------------------------------------------------- knowledge check */

  function initQuiz(hook) {
    const journey = hook.getAttribute("data-lj-journey");
    const activity = hook.getAttribute("data-lj-activity");
    if (!ID.test(journey || "") || !ID.test(activity || "")) return;
    const questions = [];
    const score = el("p", { class: "lj-quiz__score", role: "status" });
    const showScore = () => {
      const quiz = load(journey, activity).quiz || {};
      const answered = questions.filter((q) => quiz[q.index] && q.choices[quiz[q.index].choice]);
      const right = answered.filter((q) => quiz[q.index].correct).length;
      score.textContent = answered.length ? t("js_quiz_score", { right, total: questions.length }) : "";
    };
    for (const node of hook.querySelectorAll(".lj-question[data-lj-question]")) {
      const question = initQuestion(node, journey, activity, showScore);
      if (question) questions.push(question);
    }
    hook.classList.add("lj-companion");
    hook.append(score);
    showScore();
  }

  /** Authors often open an explanation with the verdict ("Right. ..."): say it only once. */
  function withoutVerdict(explanation, verdict) {
    const word = verdict.replace(/[.!:]+$/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const rest = word ? explanation.replace(new RegExp(`^${word}(?:[.!:,]\\s*|\\s+|$)`, "i"), "") : explanation;
    return rest === explanation ? rest : rest.charAt(0).toUpperCase() + rest.slice(1);
  }

  function initQuestion(node, journey, activity, onAnswer) {
    const index = node.getAttribute("data-lj-question");
    const spans = [...node.querySelectorAll(".lj-choice[data-lj-choice]")];
    const list = spans.length ? spans[0].closest("ul, ol") : null;
    if (!INDEX.test(index) || !list) return null;
    const textNode = node.querySelector(".lj-question-text") || node.querySelector("p");
    const details = node.querySelector("details");
    const explanations = new Map([...node.querySelectorAll(".lj-explanation[data-lj-choice]")]
      .map((e) => [e.getAttribute("data-lj-choice"), e.textContent.trim()]));
    // The answer lives in this closure from now on; the list that carried it leaves the page.
    const choices = spans.map((span) => ({
      index: Number(span.getAttribute("data-lj-choice")),
      correct: span.getAttribute("data-lj-correct") === "true",
      text: span.textContent.trim(),
    }));
    const name = uid("question");
    const legend = el("legend", { class: "lj-q__legend" });
    if (textNode) {
      const paragraph = textNode.closest(".lj-question > p");
      legend.append(...textNode.childNodes);
      (paragraph || textNode).remove();
    }
    const inputs = [];
    const options = el("div", { class: "lj-q__choices" });
    choices.forEach((choice, position) => {
      const id = `${name}-${position}`;
      const input = el("input", { type: "radio", id, name, value: position });
      inputs.push(input);
      options.append(el("div", { class: "lj-q__choice" }, input, el("label", { for: id, text: choice.text })));
    });
    const feedback = el("div", { class: "lj-q__feedback", role: "status" });
    const checkButton = button(t("js_check"), () => answer(), "md-button--primary");
    const againButton = button(t("js_try_again"), () => reset(), "lj-q__again");
    const fieldset = el("fieldset", { class: "lj-q" }, legend, options);
    list.replaceWith(fieldset);
    fieldset.after(el("div", { class: "lj-q__actions" }, checkButton, againButton), feedback);
    if (details) details.hidden = true;

    const show = (saved) => {
      const choice = saved ? choices[saved.choice] : null;
      for (const [position, input] of inputs.entries()) {
        input.checked = !!choice && position === saved.choice;
        input.disabled = !!choice;
        input.parentElement.classList.toggle("is-right", !!choice && input.checked && choice.correct);
        input.parentElement.classList.toggle("is-wrong", !!choice && input.checked && !choice.correct);
      }
      checkButton.hidden = !!choice;
      againButton.hidden = !choice;
      if (details) details.hidden = !(choice && choice.correct);
      feedback.className = `lj-q__feedback${choice ? (choice.correct ? " is-right" : " is-wrong") : ""}`;
      feedback.replaceChildren();
      if (choice) {
        const verdict = choice.correct ? t("js_right") : t("js_wrong");
        feedback.append(el("p", {}, el("strong", { text: verdict }),
          ` ${withoutVerdict(explanations.get(String(choice.index)) || "", verdict)}`));
      }
    };
    const answer = () => {
      const picked = inputs.findIndex((input) => input.checked);
      if (picked < 0) {
        feedback.className = "lj-q__feedback";
        feedback.replaceChildren(el("p", { text: t("js_choose_first") }));
        inputs[0].focus();
        return;
      }
      const saved = { choice: picked, correct: choices[picked].correct, at: new Date().toISOString() };
      update(journey, activity, (record) => {
        record.quiz = record.quiz || {};
        record.quiz[index] = saved;
      });
      show(saved);
      onAnswer();
      againButton.focus();
    };
    const reset = () => {
      update(journey, activity, (record) => {
        if (record.quiz) delete record.quiz[index];
      });
      show(null);
      onAnswer();
      inputs[0].focus();
    };
    const saved = (load(journey, activity).quiz || {})[index];
    show(saved && choices[saved.choice] ? saved : null);
    return { index, choices };
  }

  /* -------------------------------------------------------- journey record */

  function journeyData(journey) {
    const node = document.getElementById("lj-journey-data");
    if (!node) return null;
    try {
      const data = JSON.parse(node.getAttribute("data-lj-json") || "{}");
      return data.id === journey && Array.isArray(data.activities) ? data : null;
    } catch (err) {
      return null;
    }
  }

  const mdEscape = (text) => String(text).replace(/([\\`*_[\]<>|#])/g, "\\$1");
  // The learner's own lines, quoted; two trailing spaces keep their line breaks when rendered.
  function quoteLines(text) {
    const lines = text.trimEnd().split(/\r?\n/);
    return lines.map((line, i) => {
      if (!line.trim()) return ">";
      const more = i + 1 < lines.length && lines[i + 1].trim();
      return `> ${line}${more ? "  " : ""}`;
    }).join("\n");
  }

  function recordMarkdown(data, activities, exported) {
    const known = new Set(data.activities.map((a) => a.id));
    const done = data.activities.filter((a) => activities[a.id] && activities[a.id].done).length;
    const out = [`# ${t("js_md_title")}: ${mdEscape(data.title)}`, ""];
    out.push(`${t("js_md_exported", { date: formatDate(exported) })}. `
      + `${t("js_progress_count", { done, total: data.activities.length })}.`, "");
    out.push(`## ${t("js_progress_heading")}`, "");
    for (const a of data.activities) {
      const record = activities[a.id] || {};
      const when = record.done ? ` · ${t("js_done_on", { date: formatDate(record.done, false) })}` : "";
      out.push(`- [${record.done ? "x" : " "}] ${mdEscape(a.title)} (${mdEscape(a.phase)} · ${mdEscape(a.type)})${when}`);
    }
    out.push("");
    const sections = [];
    const describe = (title, record) => {
      const lines = [`### ${mdEscape(title)}`, ""];
      const reflections = Object.entries(record.reflections || {}).sort((x, y) => Number(x[0]) - Number(y[0]));
      for (const [, entry] of reflections) {
        if (!entry.text.trim()) continue;
        lines.push(`**${mdEscape(entry.prompt || "")}**`, "", quoteLines(entry.text), "",
          `*${t("js_saved", { date: formatDate(entry.saved) })}*`, "");
      }
      if (record.evidence && record.evidence.text.trim()) {
        lines.push(`**${t("js_evidence_label")}**`, "", quoteLines(record.evidence.text), "",
          `*${t("js_saved", { date: formatDate(record.evidence.saved) })}*`, "");
      }
      const answers = Object.values(record.quiz || {});
      if (answers.length) {
        const right = answers.filter((x) => x.correct).length;
        lines.push(`**${t("knowledge_check")}:** ${t("js_quiz_score", { right, total: answers.length })}`, "");
      }
      return lines.length > 2 ? lines : [];
    };
    for (const a of data.activities) sections.push(...describe(a.title, activities[a.id] || {}));
    if (sections.length) out.push(`## ${t("js_md_notes")}`, "", ...sections);
    const others = Object.keys(activities).filter((id) => !known.has(id));
    const otherLines = [];
    for (const id of others) {
      const record = activities[id];
      const lines = describe(id, record);
      if (record.done && !lines.length) lines.push(`### ${mdEscape(id)}`, "");
      if (record.done) lines.splice(2, 0, t("js_done_on", { date: formatDate(record.done, false) }), "");
      otherLines.push(...lines);
    }
    if (otherLines.length) out.push(`## ${t("js_md_other")}`, "", ...otherLines);
    return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    // Not attached to the page, so Material's instant navigation never sees the click.
    const link = el("a", { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  function initRecord(hook, refreshAll) {
    const journeyId = hook.getAttribute("data-lj-journey");
    const data = journeyData(journeyId);
    if (!data) return;
    const headingId = uid("record-heading");
    const status = el("p", { class: "lj-record__status", role: "status" });
    const confirmArea = el("div", { class: "lj-record__confirm" });
    const say = (text) => {
      status.textContent = text;
    };
    const stem = () => `${t("js_file_stem")}-${data.id}-${new Date().toISOString().slice(0, 10)}`;

    const exportJson = () => {
      const exported = new Date().toISOString();
      const record = {
        format: RECORD_FORMAT, version: RECORD_VERSION, exported,
        journey: { id: data.id, title: data.title }, activities: collect(data.id),
      };
      download(`${stem()}.json`, "application/json", `${JSON.stringify(record, null, 2)}\n`);
    };
    const exportMarkdown = () => {
      const exported = new Date().toISOString();
      download(`${stem()}.md`, "text/markdown;charset=utf-8", recordMarkdown(data, collect(data.id), exported));
    };

    const ask = (message, choices) => {
      const messageId = uid("confirm");
      const buttons = choices.map(([label, action, primary]) => button(label, () => {
        confirmArea.replaceChildren();
        action();
      }, primary ? "md-button--primary" : ""));
      confirmArea.replaceChildren(el("div", { class: "lj-confirm", role: "group", "aria-labelledby": messageId },
        el("p", { id: messageId, text: message }), el("div", { class: "lj-buttons" }, ...buttons)));
      buttons[choices.findIndex((c) => c[3])].focus();
    };

    const apply = (activities, mode) => {
      let ok = true;
      for (const [id, record] of Object.entries(activities)) {
        const value = mode === "merge" ? mergeRecords(load(data.id, id), record) : record;
        if (!save(data.id, id, value)) {
          ok = false;
          break;
        }
      }
      if (ok && mode === "replace") {
        for (const id of storedActivities(data.id)) if (!(id in activities)) removeActivity(data.id, id);
      }
      refreshAll();
      say(ok ? t("js_import_done", { count: Object.keys(activities).length }) : t("js_storage_error"));
    };

    const fileInput = el("input", { type: "file", id: uid("import"), accept: ".json,application/json", class: "lj-file" });
    fileInput.addEventListener("change", async () => {
      const file = fileInput.files && fileInput.files[0];
      fileInput.value = "";
      confirmArea.replaceChildren();
      if (!file) return;
      if (file.size > MAX_IMPORT_BYTES) {
        say(t("js_import_invalid", { reason: t("js_import_too_large") }));
        return;
      }
      let raw;
      try {
        raw = JSON.parse(await file.text());
      } catch (err) {
        say(t("js_import_invalid", { reason: t("js_import_not_json") }));
        return;
      }
      const checked = validateImport(raw, data);
      if (checked.error) {
        say(checked.error);
        return;
      }
      const existing = Object.keys(collect(data.id)).length;
      if (!existing) {
        apply(checked.activities, "replace");
        return;
      }
      say("");
      ask(t("js_import_confirm", { count: existing, date: formatDate(checked.exported) }), [
        [t("js_import_merge"), () => apply(checked.activities, "merge"), true, true],
        [t("js_import_replace"), () => apply(checked.activities, "replace")],
        [t("js_cancel"), () => say(t("js_import_cancelled"))],
      ]);
    });

    const clear = () => {
      say("");
      ask(t("js_clear_confirm"), [
        [t("js_clear_yes"), () => {
          let ok = true;
          for (const id of storedActivities(data.id)) ok = removeActivity(data.id, id) && ok;
          refreshAll();
          say(ok ? t("js_cleared") : t("js_storage_error"));
        }],
        [t("js_cancel"), () => say(""), false, true],
      ]);
    };

    hook.replaceChildren(el("section", { class: "lj-companion lj-record__box", "aria-labelledby": headingId },
      el("h2", { id: headingId, text: t("js_record_heading") }),
      el("p", { text: t("js_record_intro") }),
      el("div", { class: "lj-buttons" },
        button(t("js_download_md"), exportMarkdown, "md-button--primary lj-export-md"),
        button(t("js_download_json"), exportJson, "lj-export-json")),
      el("div", { class: "lj-import" },
        el("label", { for: fileInput.id, text: t("js_import_label") }), fileInput),
      el("div", { class: "lj-buttons" }, button(t("js_clear"), clear, "lj-clear")),
      confirmArea, status));
  }

  /* ------------------------------------------------------- Material fixes */

  function fixMaterial() {
    // Material's search dialog has no accessible name: give it the search field's.
    const dialog = document.querySelector(".md-search[role=dialog]");
    const input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.getAttribute("placeholder") || "Search");
    }
    // The footer's previous/next links are labelled "Previous: title" but read "Previous title":
    // their visible text is the better name (WCAG 2.5.3, label in name).
    for (const link of document.querySelectorAll(".md-footer__link[aria-label]")) {
      if (link.textContent.trim()) link.removeAttribute("aria-label");
    }
  }

  /* ------------------------------------------------------------------ start */

  let refreshers = [];
  const refreshAll = () => refreshers.forEach((render) => render());

  function init() {
    refreshers = [];
    fixMaterial();
    if (!document.querySelector("[data-lj-journey]")) return;
    if (!readLabels()) {
      console.warn("learning-journeys: this page has no #lj-labels; the learner's companion stays off.");
      return;
    }
    const each = (selector, start) => {
      for (const hook of document.querySelectorAll(selector)) {
        if (hook.hasAttribute("data-lj-ready")) continue;
        hook.setAttribute("data-lj-ready", "");
        // The site's <html lang> may not be the journey's: say which language the labels are in.
        if (labels.lang && labels.lang !== (document.documentElement.lang || "").split("-")[0]) hook.lang = labels.lang;
        start(hook);
      }
    };
    each(".lj-journey[data-lj-journey]", (hook) => initJourney(hook, refreshers));
    each(".lj-phase-progress[data-lj-journey]", (hook) => initPhase(hook, refreshers));
    each(".lj-done[data-lj-journey]", (hook) => initDone(hook, refreshers));
    each(".lj-reflection[data-lj-journey]", initReflection);
    each(".lj-evidence[data-lj-journey]", initEvidence);
    each(".lj-quiz[data-lj-journey]", initQuiz);
    each(".lj-record[data-lj-journey]", (hook) => initRecord(hook, refreshAll));
  }

  // Another tab changed the learner's data: show it here too (text fields keep what is typed).
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key.startsWith(KEY_PREFIX)) refreshAll();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => init());
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init, { once: true });
  } else {
    init();
  }
})();
