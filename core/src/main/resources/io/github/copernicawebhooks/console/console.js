// Copernica webhook console: plain JavaScript, no framework, no build step.
// Everything that came from a call is written with textContent, never as HTML.
(function () {
  "use strict";

  var POLL_MILLIS = 2000;
  var COUNTS_EVERY = 5; // polls
  var LABELS = {
    handled: "handled", duplicate: "duplicate", queued: "queued", stored: "stored", failed: "failed",
    dead: "dead", refused: "refused", busy: "busy", error: "error"
  };

  var token = meta("copernica-console-token");
  var postHeaders = {};
  document.querySelectorAll('meta[name="copernica-console-post-header"]').forEach(function (element) {
    var value = element.getAttribute("content") || "";
    var colon = value.indexOf(":");
    if (colon > 0) {
      postHeaders[value.substring(0, colon)] = value.substring(colon + 1);
    }
  });

  var state = {
    filters: {},
    offset: 0,
    limit: 50,
    total: 0,
    live: true,
    selected: null,
    selectedSignature: null,
    seen: null,
    polls: 0,
    info: null,
    timer: null,
    busy: false
  };

  var el = {
    mode: byId("mode"), updated: byId("updated"), liveState: byId("live-state"), liveToggle: byId("live-toggle"),
    counts: byId("counts"), filters: byId("filters"), outcome: byId("filter-outcome"), eventTypes: byId("event-types"),
    rows: document.querySelector("#calls tbody"), empty: byId("empty"), range: byId("range"),
    newer: byId("newer"), older: byId("older"), purge: byId("purge"), status: byId("status"),
    detailHeading: byId("detail-heading"), placeholder: byId("detail-placeholder"), content: byId("detail-content"),
    dialog: byId("confirm"), confirmTitle: byId("confirm-title"), confirmText: byId("confirm-text"),
    confirmOk: byId("confirm-ok")
  };

  function byId(id) { return document.getElementById(id); }

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : "";
  }

  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text !== undefined && text !== null) { element.textContent = String(text); }
    return element;
  }

  function announce(message) {
    el.status.textContent = "";
    window.setTimeout(function () { el.status.textContent = message; }, 30);
    window.clearTimeout(announce.timer);
    announce.timer = window.setTimeout(function () { el.status.textContent = ""; }, 6000);
  }

  function request(method, path) {
    var headers = { "Accept": "application/json" };
    if (method === "POST") {
      headers["X-Copernica-Console-Token"] = token;
      Object.keys(postHeaders).forEach(function (name) { headers[name] = postHeaders[name]; });
    }
    return fetch(path, { method: method, headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.text().then(function (text) {
          var body;
          try { body = text ? JSON.parse(text) : {}; } catch (notJson) { body = { error: text || response.statusText }; }
          if (!response.ok) {
            var failure = new Error(body.error || ("HTTP " + response.status));
            failure.status = response.status;
            throw failure;
          }
          return body;
        });
      });
  }

  function queryString(extra) {
    var parameters = new URLSearchParams();
    Object.keys(state.filters).forEach(function (name) {
      if (state.filters[name]) { parameters.set(name, state.filters[name]); }
    });
    Object.keys(extra || {}).forEach(function (name) { parameters.set(name, extra[name]); });
    var text = parameters.toString();
    return text ? "?" + text : "";
  }

  // ---- time and text --------------------------------------------------------------------------------

  function localTime(iso) {
    var date = new Date(iso);
    var today = new Date();
    var time = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    if (date.toDateString() === today.toDateString()) { return time; }
    return date.toLocaleDateString([], { month: "short", day: "numeric" }) + " " + time;
  }

  function idsText(ids) {
    var parts = [];
    if (ids.profile !== undefined) { parts.push("profile " + ids.profile); }
    if (ids.subprofile !== undefined) { parts.push("subprofile " + ids.subprofile); }
    if (ids.database !== undefined) { parts.push("database " + ids.database); }
    if (ids.collection !== undefined) { parts.push("collection " + ids.collection); }
    if (ids.message !== undefined) { parts.push("message " + ids.message); }
    return parts.join(" · ");
  }

  function badge(outcome) {
    return node("span", "badge o-" + outcome, LABELS[outcome] || outcome);
  }

  /** {@code java.lang.IllegalStateException: down} reads {@code IllegalStateException: down} in the list. */
  function shortError(error) {
    return error.replace(/^([\w$]+\.)+([\w$]+)/, "$2");
  }

  function reasonText(call) {
    if (call.reason) { return call.reason; }
    var waiting = call.nextAttemptAt ? "; next attempt " + localTime(call.nextAttemptAt) : "";
    if (call.outcome === "handled") { return call.attempts > 1 ? "handled at attempt " + call.attempts : ""; }
    if (call.lastError) { return shortError(call.lastError) + waiting; }
    return waiting ? waiting.substring(2) : "";
  }

  // ---- info, counts ---------------------------------------------------------------------------------

  function loadInfo() {
    return request("GET", "api/info").then(function (info) {
      state.info = info;
      var text;
      if (info.mode === "inbox") {
        text = "Inbox: handled, failed, dead and pending events come from the inbox table; refused calls are the last "
          + info.recentCalls + " kept in memory by this instance.";
      } else {
        text = "In memory: the last " + info.recentCalls + " calls this instance answered, of every outcome, since it started."
          + " Without the inbox nothing is kept across restarts, and failed calls cannot be retried from here.";
      }
      if (!info.verifiesSignatures) { text += " Signature verification is OFF."; }
      if (info.maskValues) { text += " Values are masked, except ids, types, dates, tags and codes."; }
      el.mode.textContent = text;
      info.outcomes.forEach(function (outcome) {
        var option = node("option", null, LABELS[outcome] || outcome);
        option.value = outcome;
        el.outcome.appendChild(option);
      });
      info.eventTypes.forEach(function (type) {
        var option = document.createElement("option");
        option.value = type;
        el.eventTypes.appendChild(option);
      });
    });
  }

  function renderCounts(counts) {
    var outcomes = (state.info && state.info.outcomes) || Object.keys(LABELS);
    var selected = state.filters.outcome || "";
    el.counts.textContent = "";
    outcomes.forEach(function (outcome) {
      var hour = counts.lastHour[outcome];
      var day = counts.lastDay[outcome];
      if (hour === undefined && day === undefined) { return; }
      if (!day && !hour && outcome !== "handled" && outcome !== "refused" && outcome !== "failed") { return; }
      var card = node("button", "count-card o-" + outcome);
      card.type = "button";
      card.setAttribute("aria-pressed", selected === outcome ? "true" : "false");
      card.setAttribute("data-outcome", outcome);
      card.setAttribute("aria-label", (LABELS[outcome] || outcome) + ": " + (hour || 0) + " in the last hour, "
        + (day || 0) + " in the last 24 hours. Show only these.");
      card.appendChild(node("span", "label o-" + outcome, LABELS[outcome] || outcome));
      card.appendChild(node("span", "hour", hour || 0));
      card.appendChild(node("span", "day", (day || 0) + " in 24 h"));
      card.addEventListener("click", function () {
        el.outcome.value = selected === outcome ? "" : outcome;
        applyFilters();
      });
      el.counts.appendChild(card);
    });
  }

  // ---- the list -------------------------------------------------------------------------------------

  function signature(call) {
    return JSON.stringify(call);
  }

  /** What of a row, when it changes, makes the open detail worth loading again. */
  function progress(call) {
    return [call.id, call.outcome, call.attempts, call.nextAttemptAt || "", call.status || ""].join("|");
  }

  function fillRow(row, call) {
    row.textContent = "";
    row.setAttribute("data-id", call.id);
    row.setAttribute("data-outcome", call.outcome);
    row.setAttribute("data-signature", signature(call));
    row.setAttribute("aria-current", state.selected === call.id ? "true" : "false");
    var time = node("td", "time");
    var link = node("a", null, localTime(call.time));
    link.href = "#call=" + encodeURIComponent(call.id);
    link.title = call.time + " · " + call.method + " " + call.target;
    link.setAttribute("aria-label", "Open call of " + localTime(call.time) + ", " + (LABELS[call.outcome] || call.outcome)
      + (call.eventType ? ", " + call.eventType : ""));
    time.appendChild(link);
    row.appendChild(time);
    var outcome = node("td", "outcome");
    outcome.appendChild(badge(call.outcome));
    row.appendChild(outcome);
    row.appendChild(node("td", "reason", reasonText(call)));
    var event = node("td", "event", call.eventType || "—");
    if (!call.eventType) { event.title = "not parsed: the call was refused before its body became an event"; }
    row.appendChild(event);
    var ids = node("td", "ids");
    idsText(call.ids).split(" · ").forEach(function (part, index) {
      if (!part) { return; }
      if (index > 0) { ids.appendChild(document.createTextNode(" · ")); }
      ids.appendChild(node("span", "id", part));
    });
    row.appendChild(ids);
    row.appendChild(node("td", "num attempts", call.attempts));
  }

  function renderList(page) {
    state.total = page.total;
    var changed = false;
    var existing = {};
    Array.prototype.forEach.call(el.rows.children, function (row) { existing[row.getAttribute("data-id")] = row; });
    var fresh = [];
    var cursor = el.rows.firstElementChild;
    var keep = {};
    page.calls.forEach(function (call) {
      keep[call.id] = true;
      var row = existing[call.id];
      if (row) {
        if (row.getAttribute("data-signature") !== signature(call)) {
          fillRow(row, call);
          changed = true;
        }
        cursor = row.nextElementSibling;
        return;
      }
      row = document.createElement("tr");
      fillRow(row, call);
      changed = true;
      if (state.seen && !state.seen[call.id]) {
        row.classList.add("new");
        fresh.push(call);
      }
      el.rows.insertBefore(row, cursor);
    });
    Array.prototype.slice.call(el.rows.children).forEach(function (row) {
      if (!keep[row.getAttribute("data-id")]) { row.remove(); }
    });
    var seen = state.seen || {};
    page.calls.forEach(function (call) { seen[call.id] = true; });
    if (state.seen && fresh.length) {
      announce(fresh.length === 1 ? "1 new call: " + (LABELS[fresh[0].outcome] || fresh[0].outcome)
        + (fresh[0].eventType ? " " + fresh[0].eventType : "") : fresh.length + " new calls");
    }
    state.seen = seen;
    el.empty.hidden = page.calls.length > 0;
    var first = page.calls.length ? state.offset + 1 : 0;
    var last = state.offset + page.calls.length;
    el.range.textContent = page.total ? first + "–" + last + " of " + page.total : "";
    el.newer.disabled = state.offset === 0;
    el.older.disabled = last >= page.total;
    return changed;
  }

  function renderSelection(page) {
    var selectedRow = page.calls.filter(function (call) { return call.id === state.selected; })[0];
    if (selectedRow && progress(selectedRow) !== state.selectedSignature) {
      loadDetail(state.selected, false);
    }
  }

  function refresh() {
    if (state.busy) { return Promise.resolve(); }
    state.busy = true;
    var countsDue = state.polls % COUNTS_EVERY === 0;
    state.polls++;
    var list = request("GET", "api/calls" + queryString({ offset: state.offset, limit: state.limit }));
    return list.then(function (page) {
      var changed = renderList(page);
      renderSelection(page);
      return changed || countsDue ? request("GET", "api/counts").then(renderCounts) : null;
    }).then(function () {
      el.updated.textContent = "Updated " + new Date().toLocaleTimeString();
      el.liveState.className = "live-state" + (state.live ? "" : " paused");
    }, function (failure) {
      el.updated.textContent = "Update failed: " + failure.message;
      el.liveState.className = "live-state failing";
    }).then(function () { state.busy = false; });
  }

  function schedule() {
    window.clearTimeout(state.timer);
    if (state.live) {
      state.timer = window.setTimeout(function () {
        (document.hidden ? Promise.resolve() : refresh()).then(schedule);
      }, POLL_MILLIS);
    }
  }

  // ---- the detail -----------------------------------------------------------------------------------

  function loadDetail(id, moveFocus) {
    return request("GET", "api/calls/" + encodeURIComponent(id)).then(function (detail) {
      if (state.selected !== id) { return; }
      renderDetail(detail);
      if (moveFocus) { el.detailHeading.focus(); }
    }, function (failure) {
      if (state.selected !== id) { return; }
      el.content.hidden = true;
      el.placeholder.hidden = false;
      el.placeholder.textContent = failure.message;
    });
  }

  function renderDetail(detail) {
    var call = detail.call;
    state.selectedSignature = progress(call);
    el.placeholder.hidden = true;
    el.content.hidden = false;
    el.detailHeading.textContent = "Call " + call.id + (call.eventType ? " · " + call.eventType : "");
    var outcome = byId("detail-outcome");
    outcome.className = "badge o-" + call.outcome;
    outcome.textContent = LABELS[call.outcome] || call.outcome;
    outcome.setAttribute("data-outcome", call.outcome);
    byId("detail-when").textContent = new Date(call.time).toLocaleString()
      + (call.status ? " · answered " + call.status : "") + (call.attempts ? " · " + call.attempts + " attempt(s)" : "")
      + (call.nextAttemptAt ? " · next attempt " + localTime(call.nextAttemptAt) : "");
    var reason = byId("detail-reason");
    reason.hidden = !call.reason;
    reason.textContent = call.reason ? call.reason + (detail.reasonMessage ? ": " + detail.reasonMessage : "") : "";

    var retry = byId("action-retry");
    var redeliver = byId("action-redeliver");
    retry.hidden = !call.actions.retry;
    redeliver.hidden = !call.actions.redeliver;
    byId("actions-note").textContent = call.actions.retry || call.actions.redeliver ? ""
      : (state.info && state.info.mode === "inbox" ? "" : "Retrying needs the inbox.");

    var steps = byId("detail-steps");
    steps.textContent = "";
    detail.verification.forEach(function (step) {
      var item = node("li", "step");
      item.setAttribute("data-result", step.result);
      item.appendChild(node("span", "step-result step-" + step.result.replace(/ /g, "-"), step.result));
      item.appendChild(node("strong", null, step.name));
      if (step.detail) { item.appendChild(node("span", "step-detail", " — " + step.detail)); }
      steps.appendChild(item);
    });

    var attempts = byId("detail-attempts");
    attempts.textContent = "";
    if (!detail.attempts.length) {
      attempts.appendChild(node("li", "note", call.outcome === "refused" ? "None: refused calls never reach the handlers."
        : "None yet."));
    }
    detail.attempts.forEach(function (attempt) {
      var item = node("li", "attempt");
      item.appendChild(node("strong", attempt.succeeded ? "step-passed" : "step-failed",
        attempt.succeeded ? "succeeded" : "failed"));
      item.appendChild(document.createTextNode(" " + localTime(attempt.endedAt)
        + (attempt.instance ? " on " + attempt.instance : "")));
      if (attempt.error) {
        item.appendChild(node("div", "mono attempt-error", attempt.error));
      }
      if (attempt.stackTrace) {
        var more = document.createElement("details");
        more.appendChild(node("summary", null, "Stack trace"));
        more.appendChild(node("pre", "code stack", attempt.stackTrace));
        item.appendChild(more);
      }
      attempts.appendChild(item);
    });

    byId("detail-request-line").textContent = detail.request.method + " " + detail.request.target
      + (detail.request.remoteAddress ? "  from " + detail.request.remoteAddress : "");
    var headers = document.querySelector("#detail-headers tbody");
    headers.textContent = "";
    detail.request.headers.forEach(function (header) {
      var row = document.createElement("tr");
      row.appendChild(node("td", null, header.name));
      row.appendChild(node("td", null, header.value));
      headers.appendChild(row);
    });

    var body = detail.body;
    byId("detail-body").textContent = body.text || "(empty)";
    var notes = [body.length + " bytes"];
    if (body.contentType) { notes.push(body.contentType); }
    if (body.truncated) { notes.push("cut: " + body.kept + " bytes kept"); }
    if (body.masked) { notes.push("values masked"); }
    byId("detail-body-note").textContent = "(" + notes.join(", ") + ")";

    var variablesNote = byId("detail-variables-note");
    var variables = byId("detail-variables");
    variables.textContent = "";
    variablesNote.hidden = !detail.variablesNote;
    variablesNote.textContent = detail.variablesNote || "";
    if (detail.variables) { variables.appendChild(tree(detail.variables)); }
    variables.hidden = !detail.variables;

    byId("detail-event").textContent = detail.event ? JSON.stringify(detail.event, null, 2) : "(no event)";
    byId("detail-event-note").textContent = detail.eventNote ? "(" + detail.eventNote + ")" : "";
  }

  function tree(nodes) {
    var list = node("ul", "tree");
    nodes.forEach(function (item) {
      var entry = document.createElement("li");
      entry.appendChild(node("span", "name", item.name));
      if (item.value !== undefined) {
        entry.appendChild(document.createTextNode(" = "));
        entry.appendChild(node("span", "value", item.value));
      }
      if (item.values !== undefined) {
        entry.appendChild(document.createTextNode(" = "));
        entry.appendChild(node("span", "value", item.values.join(", ")));
      }
      if (item.children) { entry.appendChild(tree(item.children)); }
      list.appendChild(entry);
    });
    return list;
  }

  function select(id, moveFocus) {
    if (id !== state.selected) { actionResult("", false); }
    state.selected = id;
    state.selectedSignature = null;
    Array.prototype.forEach.call(el.rows.children, function (row) {
      row.setAttribute("aria-current", row.getAttribute("data-id") === id ? "true" : "false");
    });
    if (id) {
      loadDetail(id, moveFocus);
    } else {
      el.content.hidden = true;
      el.placeholder.hidden = false;
    }
  }

  function selectFromHash(moveFocus) {
    var match = /^#call=(.+)$/.exec(window.location.hash);
    select(match ? decodeURIComponent(match[1]) : null, moveFocus);
  }

  // ---- actions --------------------------------------------------------------------------------------

  function confirmThen(title, text, confirmLabel, action) {
    el.confirmTitle.textContent = title;
    el.confirmText.textContent = text;
    el.confirmOk.textContent = confirmLabel;
    var opener = document.activeElement;
    el.dialog.returnValue = "";
    el.dialog.showModal();
    el.dialog.addEventListener("close", function closed() {
      el.dialog.removeEventListener("close", closed);
      if (opener && opener.focus) { opener.focus(); }
      if (el.dialog.returnValue === "ok") { action(); }
    });
  }

  /** Shows what an action did until another call is opened. */
  function actionResult(text, failed) {
    var result = byId("action-result");
    result.textContent = text;
    result.hidden = !text;
    result.className = "action-result" + (failed ? " failed" : "");
  }

  function act(path, done) {
    return request("POST", path).then(function (result) {
      announce(result.message || "Done");
      actionResult(result.message || "Done", false);
      if (done) { done(result); }
      return refresh();
    }, function (failure) {
      announce("Not done: " + failure.message);
      actionResult("Not done: " + failure.message, true);
    });
  }

  byId("action-retry").addEventListener("click", function () {
    var id = state.selected;
    confirmThen("Retry this event now?", "Call " + id + " is delivered to the handlers again at once.", "Retry now",
      function () { act("api/calls/" + encodeURIComponent(id) + "/retry"); });
  });

  byId("action-redeliver").addEventListener("click", function () {
    var id = state.selected;
    confirmThen("Deliver this event again?", "Call " + id + " was handled. Its handlers run once more, now.",
      "Deliver again", function () { act("api/calls/" + encodeURIComponent(id) + "/redeliver"); });
  });

  el.purge.addEventListener("click", function () {
    var count = state.total;
    confirmThen("Purge the matching calls?", "Deletes the calls that match the filters (" + count
      + " listed) whose outcome is final. Events still waiting for delivery or a retry are kept.", "Purge",
      function () {
        act("api/purge" + queryString(), function () { select(null); window.history.replaceState(null, "", "#"); });
      });
  });

  // ---- filters, paging, live ------------------------------------------------------------------------

  function isoOrEmpty(local) {
    if (!local) { return ""; }
    var date = new Date(local);
    return isNaN(date.getTime()) ? "" : date.toISOString();
  }

  function applyFilters() {
    var form = el.filters;
    state.filters = {
      outcome: form.elements.outcome.value,
      eventType: form.elements.eventType.value.trim(),
      id: form.elements.id.value.trim(),
      messageId: form.elements.messageId.value.trim(),
      from: isoOrEmpty(form.elements.from.value),
      to: isoOrEmpty(form.elements.to.value)
    };
    state.offset = 0;
    state.polls = 0;
    el.rows.textContent = "";
    state.seen = null;
    refresh().then(function () { announce(state.total + (state.total === 1 ? " call matches" : " calls match")); });
  }

  el.filters.addEventListener("submit", function (event) {
    event.preventDefault();
    applyFilters();
  });
  el.filters.addEventListener("reset", function () { window.setTimeout(applyFilters, 0); });
  el.outcome.addEventListener("change", applyFilters);

  el.newer.addEventListener("click", function () {
    state.offset = Math.max(0, state.offset - state.limit);
    el.rows.textContent = "";
    refresh();
  });
  el.older.addEventListener("click", function () {
    state.offset += state.limit;
    el.rows.textContent = "";
    refresh();
  });

  el.liveToggle.addEventListener("click", function () {
    state.live = !state.live;
    el.liveToggle.setAttribute("aria-pressed", state.live ? "true" : "false");
    el.liveToggle.textContent = state.live ? "Pause updates" : "Resume updates";
    el.liveState.className = "live-state" + (state.live ? "" : " paused");
    announce(state.live ? "Live updates on" : "Live updates paused");
    if (state.live) { refresh().then(schedule); } else { window.clearTimeout(state.timer); }
  });

  window.addEventListener("hashchange", function () { selectFromHash(true); });

  loadInfo().then(function () {
    selectFromHash(false);
    return refresh();
  }, function (failure) {
    el.mode.textContent = "The console cannot load: " + failure.message;
  }).then(schedule);
}());
