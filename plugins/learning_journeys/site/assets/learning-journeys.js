// @ts-check
/* The learner's companion: progress, reflection journal, knowledge checks and the
   journey record (export, import, clear).

   Everything stays in this browser's localStorage: the script makes no request outside
   the site. Pages carry data-lj-* hooks rendered by the templates, and their labels (in
   the journey's language) as JSON in <div id="lj-labels" data-lj-json>.

   A classic script, so that any theme can load it; the record logic (checking, merging,
   importing, the Markdown portfolio) is the ES module learning-journeys-record.js next
   to it, imported from the address this script came from.

   Material's instant navigation swaps pages without a reload, so the script starts
   from Material's document$ (which also emits for the first page), and falls back to
   DOMContentLoaded for other themes. */
(() => {
  "use strict";

  /**
   * @typedef {typeof import("./learning-journeys-record.js")} RecordModule
   * @typedef {import("./learning-journeys-record.js").ActivityRecord} ActivityRecord
   * @typedef {import("./learning-journeys-record.js").Activities} Activities
   * @typedef {import("./learning-journeys-record.js").JourneyData} JourneyData
   * @typedef {import("./learning-journeys-record.js").TextEntry} TextEntry
   * @typedef {import("./learning-journeys-record.js").Store} Store
   * @typedef {import("./learning-journeys-record.js").Choice} Choice
   * @typedef {{subscribe(next: () => void): unknown}} Observable
   */

  const MODULE = "learning-journeys-record.js";

  /** Where the record module is: next to this script. */
  function moduleUrl() {
    const current = document.currentScript;
    const script = current instanceof HTMLScriptElement && current.src ? current
      : document.querySelector('script[src*="learning-journeys.js"]');
    const base = script instanceof HTMLScriptElement && script.src ? script.src : document.baseURI;
    return new URL(MODULE, base).href;
  }

  // The site's root, from where this script is (ROOT/assets/learning-journeys/), taken while it
  // first runs: Material's instant navigation changes the page's address but keeps this script.
  const SITE_ROOT = new URL("../../", moduleUrl());

  /** @type {RecordModule} */
  let R;

  /* ---------------------------------------------------------------- labels */

  /** @type {Record<string, string>} */
  let labels = {};

  function readLabels() {
    const node = document.getElementById("lj-labels");
    if (!node) return false;
    try {
      const parsed = JSON.parse(node.getAttribute("data-lj-json") || "{}");
      labels = R.isObject(parsed) ? /** @type {Record<string, string>} */ (parsed) : {};
    } catch (err) {
      return false;
    }
    return true;
  }

  /**
   * @param {string} key
   * @param {Record<string, string | number>} [vars]
   */
  function t(key, vars) {
    const text = typeof labels[key] === "string" ? labels[key] : key;
    return R.fillLabel(text, vars);
  }

  /** @param {import("./learning-journeys-record.js").Message} message */
  const say = (message) => t(message.key, message.vars);

  /**
   * @param {string} iso
   * @param {boolean} [withTime]
   */
  function formatDate(iso, withTime) {
    const date = new Date(iso);
    /** @type {Intl.DateTimeFormatOptions} */
    // A 24-hour clock, as the pages write times ("09:00–12:00").
    const options = withTime === false ? { dateStyle: "long" } : { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" };
    try {
      return new Intl.DateTimeFormat(labels.lang || document.documentElement.lang || undefined, options).format(date);
    } catch (err) {
      return date.toLocaleString();
    }
  }

  /** The pages' language for dates: the journey's labels', else the page's. */
  const dateLanguage = () => labels.lang || document.documentElement.lang || undefined;

  /**
   * A meeting's day, and its time in the cohort's time zone when it has one.
   * @param {{day: string | null, start?: string | null}} meeting
   * @param {string} [timeZone]
   */
  function formatMeeting(meeting, timeZone) {
    // The pages' days (Babel's "yMMMEd" in site/templates.py): "di 20 apr 2027", "Tue, Apr 20, 2027".
    /** @type {Intl.DateTimeFormatOptions} */
    const day = { weekday: "short", day: "numeric", month: "short", year: "numeric" };
    try {
      if (meeting.start) {
        return new Intl.DateTimeFormat(dateLanguage(), { ...day, hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone })
          .format(new Date(meeting.start));
      }
      if (meeting.day) {
        return new Intl.DateTimeFormat(dateLanguage(), { ...day, timeZone: "UTC" }).format(new Date(`${meeting.day}T00:00:00Z`));
      }
    } catch (err) {
      return meeting.day || "";
    }
    return "";
  }

  /** @param {number} n */
  const formatNumber = (n) => {
    try {
      return new Intl.NumberFormat(labels.lang || document.documentElement.lang || undefined).format(n);
    } catch (err) {
      return String(n);
    }
  };

  /* --------------------------------------------------------------- storage */

  /** @returns {Store | null} */
  function storage() {
    try {
      return window.localStorage;  // reading the property itself throws when storage is blocked
    } catch (err) {
      return null;
    }
  }

  /**
   * Run `action` on the storage; when storage is blocked or refuses, tell the learner.
   * @template T
   * @param {(store: Store) => T} action
   * @param {T} fallback
   * @returns {T}
   */
  function withStorage(action, fallback) {
    const store = storage();
    if (!store) {
      storageProblem();
      return fallback;
    }
    try {
      return action(store);
    } catch (err) {
      storageProblem();
      return fallback;
    }
  }

  /**
   * The stored record (its bad entries left out), or null when storage cannot be read.
   * @param {string} journey
   * @param {string} activity
   * @returns {ActivityRecord | null}
   */
  const read = (journey, activity) => withStorage((store) => R.readRecord(store, journey, activity), null);

  /** @param {string} journey @param {string} activity */
  const load = (journey, activity) => read(journey, activity) || {};

  /**
   * Change a record and store it. Nothing is written when the record could not be read:
   * a write must never replace what was there with a blank.
   * @param {string} journey
   * @param {string} activity
   * @param {(record: ActivityRecord) => void} change
   */
  function update(journey, activity, change) {
    const record = read(journey, activity);
    if (!record) return false;
    change(record);
    return withStorage((store) => {
      R.writeRecord(store, journey, activity, record);
      return true;
    }, false);
  }

  /** @param {string} journey */
  const storedActivities = (journey) => withStorage((store) => R.storedActivities(store, journey), /** @type {string[]} */ ([]));

  /** @param {string} journey */
  const collect = (journey) => withStorage((store) => R.collect(store, journey), /** @type {Activities} */ ({}));

  /** @param {string} journey @param {string} activity */
  const removeActivity = (journey, activity) => withStorage((store) => {
    store.removeItem(R.storageKey(journey, activity));
    return true;
  }, false);

  function storageProblem() {
    if (document.querySelector(".lj-storage-alert")) return;
    const article = document.querySelector("article") || document.body;
    const heading = article.querySelector("h1");
    const alert = el("div", { class: "admonition warning lj-storage-alert", role: "alert" },
      el("p", { text: t("js_storage_error") }));
    if (heading) heading.after(alert);
    else article.prepend(alert);
  }

  /* -------------------------------------------------------------------- DOM */

  let counter = 0;
  /** @param {string} prefix */
  const uid = (prefix) => `lj-${prefix}-${(counter += 1)}`;

  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Record<string, unknown> | null} [attrs] `text`, `class`, `on<event>` handlers, or attributes
   * @param {...(Node | string | null | undefined)} children
   * @returns {HTMLElementTagNameMap[K]}
   */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else if (name === "class") node.className = String(value);
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  /**
   * @param {string} label
   * @param {() => void} onclick
   * @param {string} [extra] more classes
   */
  const button = (label, onclick, extra) =>
    el("button", { type: "button", class: `md-button ${extra || ""}`.trim(), onclick, text: label });

  const check = () => el("span", { class: "lj-check", "aria-hidden": "true", text: "✓" });

  /**
   * @param {Element} hook
   * @param {string} name
   */
  const attr = (hook, name) => hook.getAttribute(name) || "";

  /** @param {Element} hook */
  const idList = (hook) => attr(hook, "data-lj-activities").split(/\s+/).filter((id) => R.ID.test(id));

  /* ------------------------------------------------------- cohort and group */

  /**
   * The learner's cohort and group for a journey, or null (none chosen, or storage blocked).
   * @param {string} journey
   * @param {JourneyData | null} [data]
   * @returns {Choice | null}
   */
  function choiceOf(journey, data) {
    const store = storage();
    if (!store) return null;
    try {
      return R.readChoice(store, journey, data || undefined);
    } catch (err) {
      return null;
    }
  }

  /** Everything shown, whatever the choice: the learner asked for it (until the next page load). */
  let showAll = false;

  /**
   * Hide what belongs to another cohort or group (data-lj-cohort, data-lj-group), when the learner
   * has chosen; show everything otherwise. Only what this script hid is shown again.
   * @param {string} journey
   */
  function applyChoice(journey) {
    const choice = showAll ? null : choiceOf(journey);
    // A page of one cohort (its agenda) filters groups only for the learner's own cohort:
    // group ids repeat across cohorts.
    const page = document.querySelector(`[data-lj-page-cohort][data-lj-journey="${CSS.escape(journey)}"]`);
    const pageCohort = page ? page.getAttribute("data-lj-page-cohort") : null;
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-lj-cohort], [data-lj-group]"))) {
      const owner = node.closest("[data-lj-journey]");
      if (owner && attr(owner, "data-lj-journey") !== journey) continue;
      const cohort = node.getAttribute("data-lj-cohort");
      const group = node.getAttribute("data-lj-group");
      const ownCohort = pageCohort === null || (!!choice && pageCohort === choice.cohort);
      const other = !!choice && ((cohort !== null && cohort !== choice.cohort)
        || (group !== null && !!choice.group && group !== choice.group && ownCohort));
      if (other) {
        node.hidden = true;
        node.setAttribute("data-lj-filtered", "");
      } else if (node.hasAttribute("data-lj-filtered")) {
        node.hidden = false;
        node.removeAttribute("data-lj-filtered");
      }
    }
  }

  /**
   * The cohort (and group) chooser: labelled selects, kept across re-renders so that keyboard
   * focus stays on them; `update` shows what is stored (another tab may have changed it).
   * @param {string} journey
   * @param {JourneyData} data
   * @param {() => void} changed
   */
  function chooser(journey, data, changed) {
    const cohorts = data.cohorts || [];
    const headingId = uid("choice");
    const prompt = el("p", { class: "lj-choice__prompt", text: t("js_choose_prompt") });
    const cohortSelect = el("select", { id: uid("cohort"), class: "lj-select" });
    const groupSelect = el("select", { id: uid("group"), class: "lj-select" });
    const groupField = el("div", { class: "lj-choice__field" },
      el("label", { for: groupSelect.id, text: t("js_group_label") }), groupSelect);
    const toggle = button("", () => {
      showAll = !showAll;
      applyChoice(journey);
      update();
    }, "lj-choice__all");
    cohortSelect.append(el("option", { value: "", text: t("js_choose_option") }),
      ...cohorts.map((c) => el("option", { value: c.id, text: c.title })));
    const save = () => {
      const cohort = cohorts.find((c) => c.id === cohortSelect.value);
      const group = cohort && (cohort.groups || []).find((g) => g.id === groupSelect.value);
      /** @type {Choice | null} */
      const choice = cohort ? (group ? { cohort: cohort.id, group: group.id } : { cohort: cohort.id }) : null;
      withStorage((store) => R.writeChoice(store, journey, choice), null);
      changed();
    };
    cohortSelect.addEventListener("change", save);
    groupSelect.addEventListener("change", save);
    const box = el("section", { class: "lj-companion lj-choice", "aria-labelledby": headingId },
      el("h2", { id: headingId, class: "lj-choice__heading", text: t("js_choose_heading") }),
      prompt,
      el("div", { class: "lj-choice__fields" },
        el("div", { class: "lj-choice__field" },
          el("label", { for: cohortSelect.id, text: t("js_cohort_label") }), cohortSelect),
        groupField),
      toggle);
    const update = () => {
      const choice = choiceOf(journey, data);
      cohortSelect.value = choice ? choice.cohort : "";
      const cohort = choice ? cohorts.find((c) => c.id === choice.cohort) : undefined;
      const groups = (cohort && cohort.groups) || [];
      groupSelect.replaceChildren(el("option", { value: "", text: t("js_choose_option") }),
        ...groups.map((g) => el("option", { value: g.id, text: g.title })));
      groupSelect.value = choice && choice.group ? choice.group : "";
      groupField.hidden = !groups.length;
      prompt.hidden = !!choice && (!groups.length || !!choice.group);
      toggle.hidden = !choice || !document.querySelector("[data-lj-cohort], [data-lj-group]");
      toggle.textContent = showAll ? t("js_show_mine") : t("js_show_all");
    };
    update();
    return { box, update };
  }

  /* ---------------------------------------------------------------- progress */

  /** @param {string} journey @param {string[]} ids */
  function doneSet(journey, ids) {
    return new Set(ids.filter((id) => R.isDone(load(journey, id))));
  }

  /**
   * @param {string} text
   * @param {number} done
   * @param {number} total
   */
  function progressBlock(text, done, total) {
    const id = uid("progress");
    return el("div", { class: "lj-progress" },
      el("p", { id, class: "lj-progress__text", text }),
      el("progress", { max: total || 1, value: done, "aria-labelledby": id }));
  }

  /** @param {string} journey @param {ParentNode} scope */
  function markBadges(journey, scope) {
    for (const node of scope.querySelectorAll("[data-lj-activity]")) {
      if (node.closest(".lj-done, .lj-quiz, .lj-reflection, .lj-evidence")) continue;
      const id = attr(node, "data-lj-activity");
      const old = node.parentNode && node.parentNode.querySelector(`.lj-badge[data-lj-for="${CSS.escape(id)}"]`);
      if (old) old.remove();
      if (!R.ID.test(id) || !R.isDone(load(journey, id))) continue;
      node.after(el("span", { class: "lj-badge", "data-lj-for": id }, check(), ` ${t("js_done_badge")}`));
    }
  }

  /** @param {number} minutes */
  const duration = (minutes) => R.formatMinutes(minutes, t("hours"), t("minutes"));

  /**
   * The activity page the learner opened last in a journey, or null.
   * @param {string} journey
   * @returns {string | null}
   */
  const lastVisited = (journey) => {
    const store = storage();
    try {
      const id = store ? JSON.parse(store.getItem(R.lastKey(journey)) || "null") : null;
      return typeof id === "string" && R.ID.test(id) ? id : null;
    } catch (err) {
      return null;
    }
  };

  /**
   * Mark an activity done from outside its page (the overview's "next"): for an activity with
   * several meetings, its first open meeting.
   * @param {string} journey
   * @param {JourneyData} data
   * @param {string} activity
   */
  function markDoneFromOverview(journey, data, activity) {
    const now = new Date().toISOString();
    const choice = choiceOf(journey, data);
    const meetings = R.meetingsFor(data, activity, choice);
    return update(journey, activity, (record) => {
      const open = meetings.filter((m) => !m.cancelled && !R.meetingDone(record, m.id));
      if (meetings.length > 1 && open.length) {
        const next = R.markMeeting(record, meetings, open[0].id, true, now);
        for (const k of Object.keys(record)) delete /** @type {Record<string, unknown>} */ (record)[k];
        Object.assign(record, next);
      } else {
        record.done = record.done || now;
      }
    });
  }

  /**
   * The overview's opening: the learner's state. Time left (required activities), progress,
   * "continue where you left off", the next item with its date, and "mark as done" for it, in
   * that order, so that the keyboard reaches them in a few stops; then the cohort chooser.
   * @param {Element} hook @param {(() => void)[]} refreshers
   */
  function initJourney(hook, refreshers) {
    const journey = attr(hook, "data-lj-journey");
    if (!R.ID.test(journey)) return;
    const data = journeyData(journey);
    const ids = data ? data.activities.map((a) => a.id) : idList(hook);
    const headingId = uid("progress-heading");
    const choose = data && (data.cohorts || []).length ? chooser(journey, data, () => refreshAll()) : null;
    const live = el("p", { class: "lj-live", role: "status" });
    /** @type {HTMLElement | null} */
    let shown = null;
    /** @param {string} id */
    const hrefOf = (id) => {
      const link = document.querySelector(`article a[data-lj-activity="${CSS.escape(id)}"]`);
      return link ? link.getAttribute("href") : null;
    };
    const render = () => {
      const active = document.activeElement;
      const focused = shown && active && shown.contains(active) ? active.getAttribute("data-lj-focus") : null;
      const done = doneSet(journey, ids);
      const section = el("section", { class: "lj-companion lj-journey-progress", "aria-labelledby": headingId },
        el("h2", { id: headingId, text: t("js_progress_heading") }));
      if (data) {
        const choice = choiceOf(journey, data);
        const records = collect(journey);
        section.append(el("p", { class: "lj-time-left" }, el("strong", { text: t("js_time_left", { time: duration(R.timeLeft(data, records, choice)) }) })));
        section.append(progressBlock(t("js_progress_count", { done: done.size, total: ids.length }), done.size, ids.length));
        const meetings = R.meetingProgress(data, records, choice);
        if (meetings.total) {
          section.append(el("p", { class: "lj-meetings-progress",
            text: t("js_meetings_count", { done: meetings.done, total: meetings.total }) }));
        }
        const last = lastVisited(journey);
        const resume = R.resumeTarget(data, records, choice, last);
        const resumeHref = resume ? hrefOf(resume.id) : null;
        if (resume && resumeHref) {
          const started = done.size > 0 || last !== null;
          section.append(el("p", { class: "lj-continue" }, el("a", {
            href: resumeHref, class: "md-button md-button--primary lj-continue__link", "data-lj-focus": "continue",
            text: started ? t("js_continue", { title: resume.title }) : t("js_begin", { title: resume.title }),
          })));
        }
        const found = R.suggestNextInTime(data, records, choice);
        const line = el("p", { class: "lj-next" });
        if (found) {
          const next = found.activity;
          const target = hrefOf(next.id);
          const cohort = choice ? (data.cohorts || []).find((c) => c.id === choice.cohort) : undefined;
          /** @type {string[]} */
          const when = [];
          if (found.meeting) {
            const name = found.meeting.number ? t("js_meeting", { number: found.meeting.number }) : "";
            const date = formatMeeting(found.meeting, cohort && cohort.timezone);
            if (name && date) when.push(t("js_next_meeting", { meeting: name, date }));
            else if (name || date) when.push(name || date);
          } else if (found.day && typeof next.due_week === "number") {
            when.push(t("js_due", { date: formatMeeting({ day: found.day }) }));
          } else if (found.day) {
            when.push(formatMeeting({ day: found.day }));
          }
          line.append(el("strong", { text: `${t("js_next")}: ` }),
            target ? el("a", { href: target, text: next.title }) : next.title,
            ` (${[next.phase, next.type, ...(next.optional ? [t("optional").toLowerCase()] : []), ...when].join(" · ")})`);
          section.append(line, el("p", { class: "lj-next__actions" }, button(t("js_mark_next_done", { title: next.title }), () => {
            if (markDoneFromOverview(journey, data, next.id)) {
              refreshAll();
              live.textContent = `${next.title}: ${t("js_done_badge")}. ${t("js_time_left", { time: duration(R.timeLeft(data, collect(journey), choiceOf(journey, data))) })}`;
            }
          }, "lj-next__done")));
          const markButton = section.querySelector(".lj-next__done");
          if (markButton) markButton.setAttribute("data-lj-focus", "mark");
        } else {
          line.append(check(), ` ${t("js_next_all_done")}`);
          section.append(line);
        }
      } else {
        section.append(progressBlock(t("js_progress_count", { done: done.size, total: ids.length }), done.size, ids.length));
      }
      if (choose) choose.update();
      // Only the state is replaced: the chooser keeps its place, and the keyboard focus in it.
      if (shown && shown.parentNode === hook) shown.replaceWith(section);
      else hook.replaceChildren(section, live, ...(choose ? [choose.box] : []));
      shown = section;
      if (focused) {
        const again = section.querySelector(`[data-lj-focus="${focused}"]`) || section.querySelector("[data-lj-focus]");
        if (again instanceof HTMLElement) again.focus();
      }
      applyChoice(journey);
      markBadges(journey, hook.closest("article") || document);
    };
    render();
    refreshers.push(render);
  }

  /**
   * A journey's card in the catalogue: the learner's progress, time left and "continue", once they
   * have started (the card's static facts stay as they are); only the cohort starts still to come.
   * The journey's data (JOURNEY/journey.json, next to its overview) is fetched from the site only
   * for a journey the learner has started: the catalogue of a hundred journeys stays small.
   * @param {Element} hook @param {(() => void)[]} refreshers
   */
  function initCatalogue(hook, refreshers) {
    const journey = attr(hook, "data-lj-journey");
    if (!R.ID.test(journey)) return;
    const card = hook.closest("li") || hook.parentElement;
    const overview = card && card.querySelector("a[href]");
    if (!card || !overview) return;
    const base = overview.getAttribute("href") || "";
    const folder = /index\.html$/.test(base) ? base.replace(/index\.html$/, "") : base.replace(/\/?$/, "/");
    /** @param {string} path PHASE/ID */
    const pageOf = (path) => (/index\.html$/.test(base) ? `${folder}${path}.html` : `${folder}${path}/`);
    const today = new Date().toISOString().slice(0, 10);
    const starts = [...card.querySelectorAll(".lj-start[data-lj-start]")];
    if (starts.some((s) => attr(s, "data-lj-start") >= today)) {
      for (const s of starts) {
        if (attr(s, "data-lj-start") >= today) continue;
        /** @type {HTMLElement} */ (s).hidden = true;
        const sep = s.nextElementSibling;
        if (sep instanceof HTMLElement && sep.classList.contains("lj-start-sep")) sep.hidden = true;
      }
    }
    /** @type {JourneyData | null} */
    let data = null;
    /** @type {Promise<void> | null} */
    let loading = null;
    const box = el("div", { class: "lj-companion lj-catalogue__state", "data-lj-for": journey });
    box.hidden = true;
    (hook.closest("p") || hook).after(box);
    const load = () => {
      loading = fetch(new URL(`${folder}journey.json`, document.baseURI).href, { credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : null))
        .then((parsed) => {
          if (R.isObject(parsed) && parsed.id === journey && Array.isArray(parsed.activities)) {
            data = /** @type {JourneyData} */ (parsed);
            render();
          }
        })
        .catch(() => undefined); // offline or opened from disk: the card keeps its static facts
    };
    const render = () => {
      const records = collect(journey);
      const last = lastVisited(journey);
      const done = data ? data.activities.filter((a) => R.isDone(records[a.id])).length : 0;
      const started = Object.keys(records).length > 0 || Boolean(last);
      if (started && !data && !loading) load();
      box.hidden = !data || (!done && !last);
      if (!data || box.hidden) {
        box.replaceChildren();
        return;
      }
      const journeyData = data;
      const choice = choiceOf(journey, journeyData);
      const resume = R.resumeTarget(journeyData, records, choice, last);
      const total = journeyData.activities.length;
      box.replaceChildren(
        progressBlock(t("js_progress_count", { done, total }), done, total),
        el("p", { class: "lj-time-left", text: t("js_time_left", { time: duration(R.timeLeft(journeyData, records, choice)) }) }),
        resume && resume.path
          ? el("p", {}, el("a", { href: pageOf(resume.path), class: "md-button md-button--primary lj-continue__link",
            text: t("js_continue", { title: resume.title }) }))
          : el("p", {}, check(), ` ${t("js_next_all_done")}`));
    };
    render();
    refreshers.push(render);
  }

  /** @param {Element} hook @param {(() => void)[]} refreshers */
  function initPhase(hook, refreshers) {
    const journey = attr(hook, "data-lj-journey");
    const ids = idList(hook);
    if (!R.ID.test(journey)) return;
    const render = () => {
      const done = doneSet(journey, ids);
      hook.replaceChildren(el("div", { class: "lj-companion" },
        progressBlock(t("js_phase_progress", { done: done.size, total: ids.length }), done.size, ids.length)));
      markBadges(journey, hook.closest("article") || document);
    };
    render();
    refreshers.push(render);
  }

  /** @param {Element} hook @param {(() => void)[]} refreshers */
  function initDone(hook, refreshers) {
    const journey = attr(hook, "data-lj-journey");
    const activity = attr(hook, "data-lj-activity");
    if (!R.ID.test(journey) || !R.ID.test(activity)) return;
    const data = journeyData(journey);
    // Where "continue where you left off" goes (resumeTarget).
    withStorage((store) => store.setItem(R.lastKey(journey), JSON.stringify(activity)), null);
    const status = el("p", { class: "lj-done__status", role: "status" });
    const toggle = button("", () => {
      update(journey, activity, (record) => {
        if (record.done) delete record.done;
        else record.done = new Date().toISOString();
      });
      refreshAll();
    }, "lj-done__button");
    const box = el("div", { class: "lj-companion lj-done__box" }, status, toggle);
    const choose = data && (data.cohorts || []).length ? chooser(journey, data, () => refreshAll()) : null;
    const meetings = data ? meetingList(journey, activity, data, choose) : null;
    const prior = hook.hasAttribute("data-lj-prior") ? priorLearning(journey, activity, attr(hook, "data-lj-prior")) : null;
    const render = () => {
      const record = load(journey, activity);
      const done = R.isDone(record);
      toggle.textContent = record.done ? t("js_mark_undone") : t("js_mark_done");
      toggle.classList.toggle("md-button--primary", !done);
      toggle.hidden = !!meetings && meetings.count() > 1;
      /** @type {(Node | string)[]} */
      let text = [t("js_not_done")];
      if (record.done) text = [check(), ` ${t("js_done_on", { date: formatDate(record.done, false) })}`];
      else if (done) text = [check(), ` ${t("js_prior_recognised")}`];
      else if (meetings && meetings.count() > 1) text = [meetings.summary()];
      status.replaceChildren(...text);
      hook.classList.toggle("is-done", done);
      if (choose) choose.update();
      if (meetings) meetings.render();
      if (prior) prior.render(done && !record.prior);
      if (data) applyChoice(journey);
    };
    if (prior) box.append(prior.opener);
    hook.replaceChildren(...(choose && meetings && meetings.count() > 0 ? [choose.box] : []), box,
      ...(meetings ? [meetings.box] : []), ...(prior ? [prior.box] : []));
    render();
    refreshers.push(render);
  }

  /**
   * At the end of an activity's content: "I have finished this activity" (which marks it done), or
   * that it is done. Undoing stays at the top; an activity with several meetings is marked per meeting.
   * @param {Element} hook @param {(() => void)[]} refreshers
   */
  function initDoneEnd(hook, refreshers) {
    const journey = attr(hook, "data-lj-journey");
    const activity = attr(hook, "data-lj-activity");
    if (!R.ID.test(journey) || !R.ID.test(activity)) return;
    const data = journeyData(journey);
    const status = el("p", { class: "lj-done-end__status" });
    const finish = button(t("js_done_end"), () => {
      if (update(journey, activity, (record) => {
        record.done = record.done || new Date().toISOString();
      })) refreshAll();
      status.focus();
    }, "md-button--primary lj-done-end__button");
    status.tabIndex = -1;
    const render = () => {
      const record = load(journey, activity);
      const done = R.isDone(record);
      const several = !!data && R.meetingsFor(data, activity, choiceOf(journey, data)).length > 1;
      /** @type {HTMLElement} */ (hook).hidden = several && !done;
      finish.hidden = done;
      status.hidden = !done;
      status.replaceChildren(...(record.done ? [check(), ` ${t("js_done_on", { date: formatDate(record.done, false) })}`]
        : done ? [check(), ` ${t("js_prior_recognised")}`] : []));
    };
    hook.replaceChildren(el("div", { class: "lj-companion lj-done-end__box" }, finish, status));
    render();
    refreshers.push(render);
  }

  /**
   * "Mark as done" per meeting of an activity with several: a checkbox per meeting of the learner's
   * cohort and group, with its date; cancelled meetings are shown, not counted.
   * @param {string} journey
   * @param {string} activity
   * @param {JourneyData} data
   * @param {{update: () => void} | null} choose
   */
  function meetingList(journey, activity, data, choose) {
    const legendId = uid("meetings");
    const list = el("ul", { class: "lj-meetings__list" });
    const box = el("fieldset", { class: "lj-companion lj-meetings", "aria-labelledby": legendId },
      el("legend", { id: legendId, text: t("js_meetings_legend") }), list);
    let key = "";
    /** @type {Map<string, HTMLInputElement>} */
    const boxes = new Map();
    const current = () => R.meetingsFor(data, activity, choiceOf(journey, data));
    const timeZone = () => {
      const choice = choiceOf(journey, data);
      const cohort = choice ? (data.cohorts || []).find((c) => c.id === choice.cohort) : undefined;
      return cohort && cohort.timezone;
    };
    const build = () => {
      const meetings = current();
      const shape = JSON.stringify(meetings);
      if (shape === key) return;
      key = shape;
      boxes.clear();
      list.replaceChildren(...meetings.map((m) => {
        const name = m.number ? t("js_meeting", { number: m.number }) : m.title || "";
        const when = formatMeeting(m, timeZone());
        const text = [name, when].filter(Boolean).join(" · ") || m.id;
        if (m.cancelled) {
          return el("li", { class: "lj-meeting is-cancelled" }, `${text} (${t("js_cancelled")})`);
        }
        const input = el("input", { type: "checkbox", id: uid("meeting"), "data-lj-meeting": m.id });
        input.addEventListener("change", () => {
          const now = new Date().toISOString();
          update(journey, activity, (record) => {
            const next = R.markMeeting(record, current(), m.id, input.checked, now);
            for (const k of Object.keys(record)) delete /** @type {Record<string, unknown>} */ (record)[k];
            Object.assign(record, next);
          });
          refreshAll();
        });
        boxes.set(m.id, input);
        return el("li", { class: "lj-meeting" }, input, el("label", { for: input.id, text }));
      }));
    };
    build();
    return {
      box,
      count: () => current().length,
      summary: () => {
        const record = load(journey, activity);
        const open = current().filter((m) => !m.cancelled);
        const done = open.filter((m) => R.meetingDone(record, m.id)).length;
        return t("js_meetings_count", { done, total: open.length });
      },
      render: () => {
        build();
        box.hidden = current().length < 2;
        const record = load(journey, activity);
        for (const [id, input] of boxes) input.checked = R.meetingDone(record, id);
        if (choose) choose.update();
      },
    };
  }

  /**
   * "I can already show this": the evidence of what the learner can already do, in a labelled
   * text box with the author's hint; with evidence the activity counts as done.
   * @param {string} journey
   * @param {string} activity
   * @param {string} hint
   */
  function priorLearning(journey, activity, hint) {
    const hintId = uid("prior-hint");
    const { id, field, status } = journalField(journey, activity,
      (record) => record.prior,
      (record, entry) => {
        if (entry) record.prior = entry;
        else delete record.prior;
      }, hintId);
    field.addEventListener("input", () => refreshAll());
    const box = el("div", { class: "lj-companion lj-prior", id: uid("prior") },
      el("label", { for: id, class: "lj-prior__label", text: t("js_prior_label") }),
      el("p", { id: hintId, class: "lj-hint", text: hint }),
      field, status);
    const opener = el("button", { type: "button", class: "md-button lj-prior__button", "aria-expanded": "false",
      "aria-controls": box.id, text: t("js_prior_button") });
    opener.addEventListener("click", () => {
      box.hidden = !box.hidden;
      opener.setAttribute("aria-expanded", String(!box.hidden));
      if (!box.hidden) field.focus();
    });
    box.hidden = !field.value;
    opener.setAttribute("aria-expanded", String(!box.hidden));
    return {
      box,
      opener,
      /** @param {boolean} doneOtherwise */
      render: (doneOtherwise) => {
        opener.hidden = doneOtherwise;
      },
    };
  }

  /* ------------------------------------------------------ journal and notes */

  /**
   * A textarea that saves into the activity's record on every keystroke. It holds at most
   * the text limit (the limit the stored record is read with): the browser stops typing
   * there, and the learner is told.
   * @param {string} journey
   * @param {string} activity
   * @param {(record: ActivityRecord) => TextEntry | undefined} readEntry
   * @param {(record: ActivityRecord, entry: TextEntry | null) => void} writeEntry
   * @param {string} [describedBy]
   */
  function journalField(journey, activity, readEntry, writeEntry, describedBy) {
    const id = uid("text");
    const statusId = uid("saved");
    const max = R.LIMITS.text;
    const field = el("textarea", {
      id, rows: 5, class: "lj-textarea", spellcheck: "true", maxlength: max,
      "aria-describedby": [describedBy, statusId].filter(Boolean).join(" "),
    });
    const status = el("p", { id: statusId, class: "lj-saved" });
    /** @param {TextEntry | null | undefined} entry */
    const show = (entry) => {
      if (field.value.length >= max) status.textContent = t("js_text_too_long", { max: formatNumber(max) });
      else status.textContent = entry && entry.text ? t("js_saved", { date: formatDate(entry.saved) }) : t("js_autosave");
    };
    const entry = readEntry(load(journey, activity));
    field.value = entry ? entry.text : "";
    show(entry);
    field.addEventListener("input", () => {
      // maxlength stops typing and cuts a paste; a value set by a script may still be longer.
      if (field.value.length > max) field.value = R.cutText(field.value, max);
      const saved = new Date().toISOString();
      const next = field.value ? { text: field.value, saved } : null;
      const ok = update(journey, activity, (record) => writeEntry(record, next));
      if (ok) show(next);
      else status.textContent = t("js_not_saved");
    });
    return { id, field, status };
  }

  /** @param {Element} hook */
  function initReflection(hook) {
    const journey = attr(hook, "data-lj-journey");
    const activity = attr(hook, "data-lj-activity");
    if (!R.ID.test(journey) || !R.ID.test(activity)) return;
    const after = attr(hook, "data-lj-after");
    const data = after ? journeyData(journey) : null;
    if (data && R.ID.test(after)) {
      initJournal(hook, journey, activity, after, data);
      return;
    }
    for (const prompt of hook.querySelectorAll(".lj-prompt[data-lj-prompt]")) {
      const index = attr(prompt, "data-lj-prompt");
      if (!R.INDEX.test(index)) continue;
      const text = R.cutText((prompt.textContent || "").trim(), R.LIMITS.prompt);
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
    if (request instanceof HTMLElement && !request.querySelector(".lj-copy")) initCopy(request);
  }

  /**
   * A reflection after every meeting of another activity: one journal entry per meeting of the
   * learner's cohort and group, each with its date; past meetings newest first (the newest open),
   * then the ones coming up.
   * @param {Element} hook
   * @param {string} journey
   * @param {string} activity
   * @param {string} after
   * @param {JourneyData} data
   */
  function initJournal(hook, journey, activity, after, data) {
    const prompts = [...hook.querySelectorAll(".lj-prompt[data-lj-prompt]")]
      .map((node) => ({ index: attr(node, "data-lj-prompt"), text: R.cutText((node.textContent || "").trim(), R.LIMITS.prompt) }))
      .filter((p) => R.INDEX.test(p.index));
    const list = hook.querySelector("ol, ul");
    if (list instanceof HTMLElement) list.hidden = true;
    const choose = (data.cohorts || []).length ? chooser(journey, data, () => refreshAll()) : null;
    const note = el("p", { class: "lj-hint", text: t("js_journal_choose") });
    const entries = el("div", { class: "lj-journal" });
    let key = "";
    const build = () => {
      const choice = choiceOf(journey, data);
      const meetings = R.meetingsFor(data, after, choice).filter((m) => !m.cancelled);
      const shape = JSON.stringify([choice, meetings]);
      if (choose) choose.update();
      note.hidden = !!choice;
      if (shape === key) return;
      key = shape;
      const cohort = choice ? (data.cohorts || []).find((c) => c.id === choice.cohort) : undefined;
      const today = new Date().toISOString().slice(0, 10);
      const past = meetings.filter((m) => m.day && m.day <= today).reverse();
      const ordered = [...past, ...meetings.filter((m) => !(m.day && m.day <= today))];
      entries.replaceChildren(...ordered.map((m, position) => {
        const name = m.number ? t("js_meeting", { number: m.number }) : m.title || m.id;
        const when = formatMeeting(m, cohort && cohort.timezone);
        const coming = m.day && m.day > today ? ` (${t("js_coming_up")})` : "";
        const entry = el("details", { class: "lj-journal__entry", "data-lj-meeting": m.id },
          el("summary", { text: `${t("js_journal_after", { meeting: name })}${when ? ` · ${when}` : ""}${coming}` }));
        if (position === 0) entry.open = true;
        for (const prompt of prompts) {
          const { id, field, status } = journalField(journey, activity,
            (record) => ((record.journal || {})[m.id] || {})[prompt.index],
            (record, saved) => {
              record.journal = record.journal || {};
              const forMeeting = record.journal[m.id] || {};
              if (saved) forMeeting[prompt.index] = { ...saved, prompt: prompt.text };
              else delete forMeeting[prompt.index];
              if (Object.keys(forMeeting).length) record.journal[m.id] = forMeeting;
              else delete record.journal[m.id];
            });
          entry.append(el("label", { for: id, class: "lj-prompt-label", text: prompt.text }), field, status);
        }
        return entry;
      }));
    };
    hook.classList.add("lj-companion");
    hook.append(...(choose ? [choose.box] : []), note, entries);
    build();
    refreshers.push(build);
    const request = document.querySelector(".lj-feedback-request");
    if (request instanceof HTMLElement && !request.querySelector(".lj-copy")) initCopy(request);
  }

  /**
   * `{start}` in a feedback request: the start date of the learner's cohort once they have chosen
   * it (the page says "the start date of your cohort", or the only cohort's date, until then).
   * @param {HTMLElement} hook @param {(() => void)[]} refreshers
   */
  function initStartDate(hook, refreshers) {
    const journey = attr(hook, "data-lj-journey");
    if (!R.ID.test(journey)) return;
    /** @type {Record<string, unknown>} */
    let starts = {};
    try {
      const parsed = JSON.parse(attr(hook, "data-lj-starts") || "{}");
      if (R.isObject(parsed)) starts = parsed;
    } catch (err) {
      return;
    }
    const original = [...hook.childNodes];
    const render = () => {
      const choice = choiceOf(journey);
      const start = choice && Object.prototype.hasOwnProperty.call(starts, choice.cohort) ? starts[choice.cohort] : null;
      if (typeof start === "string" && /^\d{4}-\d{2}-\d{2}$/.test(start)) {
        hook.replaceChildren(el("time", { datetime: start, text: formatMeeting({ day: start }) }));
      } else {
        hook.replaceChildren(...original);
      }
    };
    render();
    refreshers.push(render);
  }

  /** @param {HTMLElement} request */
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
        window.getSelection()?.selectAllChildren(quote);
        try {
          ok = document.execCommand("copy");
        } catch (err) {
          ok = false;
        }
      }
      status.textContent = ok ? t("js_copied") : t("js_copy_failed");
    };
    request.append(el("div", { class: "lj-copy" }, button(t("js_copy_request"), () => void copy()), status));
  }

  /** @param {Element} hook */
  function initEvidence(hook) {
    const journey = attr(hook, "data-lj-journey");
    const activity = attr(hook, "data-lj-activity");
    if (!R.ID.test(journey) || !R.ID.test(activity)) return;
    const objective = attr(hook, "data-lj-objective");
    if (objective && R.ID.test(objective)) {
      const heading = hook.previousElementSibling;
      /** @type {string} */
      let title = objective;
      if (heading && /^H[2-6]$/.test(heading.tagName)) {
        const copy = /** @type {Element} */ (heading.cloneNode(true));
        for (const link of copy.querySelectorAll(".headerlink")) link.remove();  // the ¶ permalink
        title = (copy.textContent || "").trim() || objective;
      }
      const portfolio = journalField(journey, activity,
        (record) => (record.portfolio || {})[objective],
        (record, entry) => {
          record.portfolio = record.portfolio || {};
          if (entry) record.portfolio[objective] = entry;
          else delete record.portfolio[objective];
        });
      hook.replaceChildren(el("div", { class: "lj-companion lj-evidence__box" },
        el("label", { for: portfolio.id, class: "lj-evidence__label", text: t("js_portfolio_label", { objective: title }) }),
        portfolio.field, portfolio.status));
      return;
    }
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

  /** @typedef {{index: string, choices: {index: number, correct: boolean, text: string}[]}} Question */

  /** @param {Element} hook */
  function initQuiz(hook) {
    const journey = attr(hook, "data-lj-journey");
    const activity = attr(hook, "data-lj-activity");
    if (!R.ID.test(journey) || !R.ID.test(activity)) return;
    /** @type {Question[]} */
    const questions = [];
    const score = el("p", { class: "lj-quiz__score", role: "status" });
    // Every question answered right completes the micro-module (un-marking it stays possible).
    const passed = () => {
      const record = load(journey, activity);
      if (record.done || !R.quizPassed(record, questions.length)) return;
      if (!update(journey, activity, (r) => {
        r.done = r.done || new Date().toISOString();
      })) return;
      refreshAll();
      score.textContent = `${score.textContent} ${t("js_quiz_passed")}`;
    };
    const showScore = () => {
      const quiz = load(journey, activity).quiz || {};
      const answered = questions.filter((q) => quiz[q.index] && q.choices[quiz[q.index].choice]);
      const right = answered.filter((q) => quiz[q.index].correct).length;
      score.textContent = answered.length ? t("js_quiz_score", { right, total: questions.length }) : "";
    };
    for (const node of hook.querySelectorAll(".lj-question[data-lj-question]")) {
      const question = initQuestion(node, journey, activity, showScore, passed);
      if (question) questions.push(question);
    }
    hook.classList.add("lj-companion");
    hook.append(score);
    showScore();
  }

  /**
   * @param {Element} node
   * @param {string} journey
   * @param {string} activity
   * @param {() => void} onAnswer
   * @param {() => void} onPassed
   * @returns {Question | null}
   */
  function initQuestion(node, journey, activity, onAnswer, onPassed) {
    const index = attr(node, "data-lj-question");
    const spans = [...node.querySelectorAll(".lj-choice[data-lj-choice]")];
    const list = spans.length ? spans[0].closest("ul, ol") : null;
    if (!R.INDEX.test(index) || !list) return null;
    const textNode = node.querySelector(".lj-question-text") || node.querySelector("p");
    const details = node.querySelector("details");
    const explanations = new Map([...node.querySelectorAll(".lj-explanation[data-lj-choice]")]
      .map((e) => [attr(e, "data-lj-choice"), (e.textContent || "").trim()]));
    // The answer lives in this closure from now on; the list that carried it leaves the page.
    const choices = spans.map((span) => ({
      index: Number(span.getAttribute("data-lj-choice")),
      correct: span.getAttribute("data-lj-correct") === "true",
      text: (span.textContent || "").trim(),
    }));
    const name = uid("question");
    const legend = el("legend", { class: "lj-q__legend" });
    if (textNode) {
      const paragraph = textNode.closest(".lj-question > p");
      legend.append(...textNode.childNodes);
      (paragraph || textNode).remove();
    }
    /** @type {HTMLInputElement[]} */
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

    /** @param {import("./learning-journeys-record.js").Answer | null} saved */
    const show = (saved) => {
      const choice = saved ? choices[saved.choice] : null;
      for (const [position, input] of inputs.entries()) {
        input.checked = !!choice && !!saved && position === saved.choice;
        input.disabled = !!choice;
        input.parentElement?.classList.toggle("is-right", !!choice && input.checked && choice.correct);
        input.parentElement?.classList.toggle("is-wrong", !!choice && input.checked && !choice.correct);
      }
      checkButton.hidden = !!choice;
      againButton.hidden = !choice;
      if (details) details.hidden = !(choice && choice.correct);
      feedback.className = `lj-q__feedback${choice ? (choice.correct ? " is-right" : " is-wrong") : ""}`;
      feedback.replaceChildren();
      if (choice) {
        const verdict = choice.correct ? t("js_right") : t("js_wrong");
        feedback.append(el("p", {}, el("strong", { text: verdict }),
          ` ${R.withoutVerdict(explanations.get(String(choice.index)) || "", verdict)}`));
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
      onPassed();
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

  /**
   * @param {string} journey
   * @returns {JourneyData | null}
   */
  function journeyData(journey) {
    const node = document.getElementById("lj-journey-data");
    if (!node) return null;
    try {
      const data = JSON.parse(node.getAttribute("data-lj-json") || "{}");
      return R.isObject(data) && data.id === journey && Array.isArray(data.activities)
        ? /** @type {JourneyData} */ (data) : null;
    } catch (err) {
      return null;
    }
  }

  /**
   * @param {string} name
   * @param {string} type
   * @param {string} text
   */
  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    // Not attached to the page, so Material's instant navigation never sees the click.
    const link = el("a", { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  /** @param {Element} hook @param {() => void} refreshAll */
  function initRecord(hook, refreshAll) {
    const data = journeyData(attr(hook, "data-lj-journey"));
    if (!data) return;
    const journey = data.id;
    const headingId = uid("record-heading");
    const status = el("p", { class: "lj-record__status", role: "status" });
    const confirmArea = el("div", { class: "lj-record__confirm" });
    /** @param {string} text */
    const tell = (text) => {
      status.textContent = text;
    };
    const stem = () => `${t("js_file_stem")}-${journey}-${new Date().toISOString().slice(0, 10)}`;

    const exportJson = () => {
      const exported = new Date().toISOString();
      const record = {
        format: R.RECORD_FORMAT, version: R.RECORD_VERSION, exported,
        journey: { id: journey, title: data.title }, activities: collect(journey),
        ...(choiceOf(journey, data) ? { choice: choiceOf(journey, data) } : {}),
      };
      download(`${stem()}.json`, "application/json", `${JSON.stringify(record, null, 2)}\n`);
    };
    // The learner's name for the downloads: typed here, kept in this browser, never sent.
    const nameInput = el("input", { type: "text", id: uid("learner"), class: "lj-input lj-learner", maxlength: R.NAME_LIMIT, autocomplete: "name" });
    nameInput.value = withStorage((store) => R.readLearner(store, journey), "");
    nameInput.addEventListener("input", () => {
      withStorage((store) => {
        R.writeLearner(store, journey, nameInput.value);
        return true;
      }, false);
    });
    const words = () => ({ t, date: formatDate, choice: choiceOf(journey, data), learner: nameInput.value, lang: dateLanguage() });
    const exportMarkdown = () => {
      const text = R.recordMarkdown(data, collect(journey), new Date().toISOString(), words());
      download(`${stem()}.md`, "text/markdown;charset=utf-8", text);
    };
    const exportHtml = () => {
      const text = R.recordHtml(data, collect(journey), new Date().toISOString(), words());
      download(`${stem()}.html`, "text/html;charset=utf-8", text);
    };

    /**
     * @param {string} message
     * @param {[label: string, action: () => void, primary?: boolean, focus?: boolean][]} choices
     */
    const ask = (message, choices) => {
      const messageId = uid("confirm");
      const buttons = choices.map(([label, action, primary]) => button(label, () => {
        confirmArea.replaceChildren();
        action();
      }, primary ? "md-button--primary" : ""));
      confirmArea.replaceChildren(el("div", { class: "lj-confirm", role: "group", "aria-labelledby": messageId },
        el("p", { id: messageId, text: message }), el("div", { class: "lj-buttons" }, ...buttons)));
      buttons[Math.max(0, choices.findIndex((c) => c[3]))].focus();
    };

    /**
     * @param {Activities} activities checked by validateImport
     * @param {string[]} skipped
     * @param {"merge" | "replace"} mode
     * @param {Choice} [choice]
     */
    const apply = (activities, skipped, mode, choice) => {
      const store = storage();
      const result = store ? R.applyImport(store, journey, activities, mode, choice) : null;
      refreshAll();
      if (!result || !result.ok) {
        storageProblem();
        tell(result && result.restored ? `${t("js_storage_error")} ${t("js_import_cancelled")}` : t("js_storage_error"));
        return;
      }
      const done = t("js_import_done", { count: result.count });
      tell(skipped.length
        ? `${done} ${t("js_import_skipped", { count: skipped.length, activities: skipped.slice(0, 5).join(", ") })}`
        : done);
    };

    // The browser's file picker writes "Choose File / No file chosen" in the browser's language:
    // the input stays out of sight and out of the tab order, a button of ours opens it.
    const fileInput = el("input", { type: "file", id: uid("import"), accept: ".json,application/json", class: "lj-file", tabindex: "-1" });
    const importLabelId = uid("import-label");
    const chosen = el("span", { class: "lj-import__file", text: t("js_import_none") });
    const choose = button(t("js_import_choose"), () => fileInput.click(), "lj-import__choose");
    choose.setAttribute("aria-describedby", importLabelId);
    fileInput.addEventListener("change", async () => {
      const file = fileInput.files && fileInput.files[0];
      chosen.textContent = file ? file.name : t("js_import_none");
      fileInput.value = "";
      confirmArea.replaceChildren();
      if (!file) return;
      if (file.size > R.LIMITS.importBytes) {
        tell(t("js_import_invalid", { reason: t("js_import_too_large") }));
        return;
      }
      let raw;
      try {
        raw = JSON.parse(await file.text());
      } catch (err) {
        tell(t("js_import_invalid", { reason: t("js_import_not_json") }));
        return;
      }
      const checked = R.validateImport(raw, data);
      if ("error" in checked) {
        tell(t("js_import_invalid", { reason: say(checked.error) }));
        return;
      }
      const existing = Object.keys(collect(journey)).length;
      if (!existing) {
        apply(checked.activities, checked.skipped, "replace", checked.choice);
        return;
      }
      tell("");
      ask(t("js_import_confirm", { count: existing, date: formatDate(checked.exported) }), [
        [t("js_import_merge"), () => apply(checked.activities, checked.skipped, "merge", checked.choice), true, true],
        [t("js_import_replace"), () => apply(checked.activities, checked.skipped, "replace", checked.choice)],
        [t("js_cancel"), () => tell(t("js_import_cancelled"))],
      ]);
    });

    const clear = () => {
      tell("");
      ask(t("js_clear_confirm"), [
        [t("js_clear_yes"), () => {
          let ok = true;
          for (const id of storedActivities(journey)) ok = removeActivity(journey, id) && ok;
          ok = withStorage((store) => {
            R.writeChoice(store, journey, null);
            store.removeItem(R.learnerKey(journey));
            store.removeItem(R.lastKey(journey));
            return true;
          }, false) && ok;
          nameInput.value = "";
          refreshAll();
          tell(ok ? t("js_cleared") : t("js_storage_error"));
        }],
        [t("js_cancel"), () => tell(""), false, true],
      ]);
    };

    // Under the page's own heading for it (the overview has one), no second heading.
    const above = hook.previousElementSibling;
    const ownHeading = above && above.tagName === "H2" && above.id ? null : el("h2", { id: headingId, text: t("js_record_heading") });
    hook.replaceChildren(el("section", { class: "lj-companion lj-record__box", "aria-labelledby": ownHeading ? headingId : above ? above.id : headingId },
      ownHeading,
      el("p", { text: t("js_record_intro") }),
      el("div", { class: "lj-learner__field" },
        el("label", { for: nameInput.id, text: t("js_learner_label") }), nameInput),
      el("div", { class: "lj-buttons" },
        button(t("js_download_html"), exportHtml, "md-button--primary lj-export-html"),
        button(t("js_download_md"), exportMarkdown, "lj-export-md"),
        button(t("js_download_json"), exportJson, "lj-export-json")),
      el("div", { class: "lj-import" },
        el("label", { for: fileInput.id, id: importLabelId, text: t("js_import_label") }), fileInput, choose, chosen),
      el("div", { class: "lj-buttons" }, button(t("js_clear"), clear, "lj-clear")),
      confirmArea, status));
  }

  /* ------------------------------------------------------------ navigation */

  /**
   * A tick on each done activity in the navigation and "done of total" on each phase, with a
   * text for screen readers (not only a sign).
   * @param {Element} node the journey's phases and their activities (#lj-nav-phases)
   */
  function decorateNav(node) {
    const journey = attr(node, "data-lj-nav-journey");
    const nav = document.querySelector(".md-nav--primary");
    if (!R.ID.test(journey) || !nav) return;
    /** @type {Record<string, string[]>} */
    let phases;
    try {
      const parsed = JSON.parse(node.getAttribute("data-lj-json") || "{}");
      phases = R.isObject(parsed) ? /** @type {Record<string, string[]>} */ (parsed) : {};
    } catch (err) {
      return;
    }
    for (const old of nav.querySelectorAll(".lj-nav-state")) old.remove();
    for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (nav.querySelectorAll("a.md-nav__link[href]"))) {
      const target = new URL(link.href, location.href);
      // The table of contents sits inside the navigation on narrow screens: its links are anchors.
      if (target.hash || link.closest(".md-nav--secondary")) continue;
      const parts = target.pathname.split("/").filter(Boolean);
      const at = parts.lastIndexOf(journey);
      if (at < 0) continue;
      const [phase, activity, ...rest] = parts.slice(at + 1);
      const ids = phase && Object.prototype.hasOwnProperty.call(phases, phase) ? phases[phase] : null;
      if (!ids || rest.length) continue;
      if (activity === undefined) {
        const done = doneSet(journey, ids.filter((id) => R.ID.test(id))).size;
        const text = t("js_nav_phase", { done, total: ids.length });
        link.append(el("span", { class: "lj-nav-state lj-nav-count" },
          el("span", { "aria-hidden": "true", text: `${done}/${ids.length}` }),
          el("span", { class: "lj-sr", text: ` (${text})` })));
      } else if (ids.includes(activity) && R.isDone(load(journey, activity))) {
        link.append(el("span", { class: "lj-nav-state lj-nav-done" },
          check(), el("span", { class: "lj-sr", text: ` (${t("js_nav_done")})` })));
      }
    }
  }

  /* ------------------------------------------------------- Material fixes */

  function fixMaterial() {
    // Material's search dialog has no accessible name: give it the search field's.
    const dialog = document.querySelector(".md-search[role=dialog]");
    const input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.getAttribute("placeholder") || "Search");
    }
    // Material's footer links keep their aria-label: on narrow screens their text is hidden
    // and the label is their only name.
    drawerButton();
  }

  /**
   * The header's menu button opens Material's drawer, but it is a <label> no keyboard reaches;
   * the closed drawer is out of the tab order (learning-journeys.css). A button, then: Enter or
   * Space opens it and moves focus into it, Escape closes it and returns focus.
   */
  /** @param {number} tries */
  function focusIntoDrawer(tries) {
    const links = /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".md-sidebar--primary .md-nav__link[href]"));
    const first = [...links].find((link) => {
      const box = link.getBoundingClientRect();
      if (!box.width || box.left < 0 || box.right > window.innerWidth || box.top < 0) return false;
      // Material's levels lie on top of each other: the one seen is the one hit.
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return !!hit && link.contains(hit);
    });
    if (first) first.focus();
    if ((!first || document.activeElement !== first) && tries > 1) setTimeout(() => focusIntoDrawer(tries - 1), 100);
  }

  function drawerButton() {
    const drawer = /** @type {HTMLInputElement | null} */ (document.getElementById("__drawer"));
    const opener = /** @type {HTMLElement | null} */ (document.querySelector('.md-header label[for="__drawer"]'));
    const nav = document.querySelector(".md-nav--primary");
    if (!drawer || !opener || opener.hasAttribute("data-lj-ready")) return;
    opener.setAttribute("data-lj-ready", "");
    opener.tabIndex = 0;
    opener.setAttribute("role", "button");
    opener.setAttribute("aria-label", (nav && nav.getAttribute("aria-label")) || "Navigation");
    const sync = () => opener.setAttribute("aria-expanded", String(drawer.checked));
    sync();
    drawer.addEventListener("change", sync);
    opener.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();  // Material clicks a focused label on Enter: that would toggle it back
      drawer.checked = !drawer.checked;
      drawer.dispatchEvent(new Event("change"));
      // Into the drawer once it has slid in: its first link in view (Material shows the
      // current page's level, not the top). Tried a few times while the drawer moves.
      if (drawer.checked) focusIntoDrawer(8);
    });
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !drawer.checked) return;
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
      opener.focus();
    });
  }

  /* ---------------------------------------------------------------- handout */

  /**
   * "Include my reflections when printing": the box shows only with the script, which is what
   * fills the printed block (the learner's record, made like the HTML download, in their browser).
   * @param {HTMLElement} hook
   */
  function initPrintOptions(hook) {
    if (journeyData(attr(hook, "data-lj-journey"))) hook.hidden = false;
  }

  /** Just before printing: the learner's record into the overview, if they ticked the box. */
  function beforePrint() {
    // Links within the site print no address (Material's instant navigation makes them absolute).
    for (const link of document.querySelectorAll("article a[href]")) {
      link.classList.toggle("lj-internal", link instanceof HTMLAnchorElement && link.origin === window.location.origin);
    }
    for (const hook of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".lj-print-options[data-lj-journey]"))) {
      const journey = attr(hook, "data-lj-journey");
      const box = hook.querySelector("input");
      const target = document.querySelector(`.lj-print-reflections[data-lj-journey="${CSS.escape(journey)}"]`);
      const data = journeyData(journey);
      if (!(target instanceof HTMLElement) || !data) continue;
      target.replaceChildren();
      target.hidden = !(box instanceof HTMLInputElement && box.checked && !hook.hidden);
      if (target.hidden) continue;
      const learner = withStorage((store) => R.readLearner(store, journey), "");
      const words = { t, date: formatDate, choice: choiceOf(journey, data), learner, lang: dateLanguage() };
      // Every text in it is escaped by the record module; parsed here, nothing runs.
      const parsed = new DOMParser().parseFromString(R.recordHtml(data, collect(journey), new Date().toISOString(), words), "text/html");
      const main = parsed.querySelector("main");
      if (main) target.append(...[...main.childNodes].map((node) => document.importNode(node, true)));
      // At the end of the handout, on a page of its own (the print stylesheet starts one).
      const page = target.closest(".md-content__inner");
      if (page && page.lastElementChild !== target) page.append(target);
    }
  }

  /* ------------------------------------------------------------------ start */

  /** @type {(() => void)[]} */
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
    /**
     * @param {string} selector
     * @param {(hook: HTMLElement) => void} start
     */
    const each = (selector, start) => {
      for (const hook of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(selector))) {
        if (hook.hasAttribute("data-lj-ready")) continue;
        hook.setAttribute("data-lj-ready", "");
        // The site's <html lang> may not be the journey's: say which language the labels are in.
        if (labels.lang && labels.lang !== (document.documentElement.lang || "").split("-")[0]) hook.lang = labels.lang;
        start(hook);
      }
    };
    each(".lj-journey[data-lj-journey]", (hook) => initJourney(hook, refreshers));
    each(".lj-catalogue-progress[data-lj-journey]", (hook) => initCatalogue(hook, refreshers));
    each(".lj-phase-progress[data-lj-journey]", (hook) => initPhase(hook, refreshers));
    each(".lj-done[data-lj-journey]", (hook) => initDone(hook, refreshers));
    each(".lj-done-end[data-lj-journey]", (hook) => initDoneEnd(hook, refreshers));
    each(".lj-reflection[data-lj-journey]", initReflection);
    each(".lj-start-date[data-lj-journey]", (hook) => initStartDate(hook, refreshers));
    each(".lj-evidence[data-lj-journey]", initEvidence);
    each(".lj-quiz[data-lj-journey]", initQuiz);
    each(".lj-record[data-lj-journey]", (hook) => initRecord(hook, refreshAll));
    const navPhases = document.getElementById("lj-nav-phases");
    if (navPhases) {
      const render = () => decorateNav(navPhases);
      render();
      refreshers.push(render);
    }
    each(".lj-print-options[data-lj-journey]", initPrintOptions);
    // Rows and blocks of other cohorts and groups (agenda, sessions, calendars), on every page.
    const journeys = new Set([...document.querySelectorAll("[data-lj-journey]")].map((n) => attr(n, "data-lj-journey")));
    for (const journey of journeys) if (R.ID.test(journey)) applyChoice(journey);
  }

  /**
   * The language of the page at `url`, from the plugin's map of where each journey's pages start
   * (<meta name="lj-languages">); null when it is not one of the site's pages.
   * @param {URL} url
   * @returns {string | null}
   */
  function languageOf(url) {
    const meta = document.querySelector('meta[name="lj-languages"]');
    if (!meta) return null;
    try {
      const folders = /** @type {Record<string, string>} */ (JSON.parse(meta.getAttribute("content") || "{}"));
      const root = SITE_ROOT;
      if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
      const path = url.pathname.slice(root.pathname.length);
      const key = Object.keys(folders).filter((k) => path.startsWith(k)).sort((a, b) => b.length - a.length)[0];
      return key === undefined ? null : folders[key] || null;
    } catch (err) {
      return null;
    }
  }

  // Material's instant navigation keeps the header, the search and <html lang> of the page it
  // comes from: a link to a page in another language (a search result, say) loads it whole.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("target") || event.defaultPrevented) return;
    const language = languageOf(new URL(/** @type {HTMLAnchorElement} */ (link).href, location.href));
    if (language && language.toLowerCase() !== (document.documentElement.lang || "").toLowerCase()) {
      event.stopPropagation();  // before Material's listener on <body>; the browser follows the link
    }
  }, true);

  /** @param {RecordModule} module */
  function start(module) {
    R = module;
    window.addEventListener("beforeprint", beforePrint);
    // Another tab changed the learner's data: show it here too (text fields keep what is typed).
    window.addEventListener("storage", (event) => {
      if (event.key === null || event.key.startsWith(R.KEY_PREFIX)) refreshAll();
    });
    const material = /** @type {{document$?: Observable}} */ (/** @type {unknown} */ (window)).document$;
    if (material && typeof material.subscribe === "function") {
      material.subscribe(() => init());  // replays the current page, however late this runs
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init, { once: true });
    } else {
      init();
    }
  }

  import(moduleUrl()).then(start, (err) => {
    // A page opened from disk (file://), for one: browsers load no module there. The pages
    // read as they are without the companion.
    console.warn(`learning-journeys: the learner's companion stays off: ${MODULE} did not load.`, err);
  });
})();
