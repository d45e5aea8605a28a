// IncidentKit's dashboard script: the pages are rendered on the server; this does two things.
// 1. Every 5 seconds it fetches the page again and swaps the regions marked data-live that
//    changed, so the page stays current without a reload and without touching a form someone is
//    typing in or text someone has selected. When that fails, the page says so.
// 2. A form with data-api sends its fields as JSON to the API (the one write path) and shows the
//    API's problem details next to the field they name.
// 3. A preview button (data-preview naming a region) asks the server for the page its GET form
//    would load, and swaps in that region and the form's field errors: the server renders the
//    preview, as it does without JavaScript.
// It never writes HTML from data: text goes in with textContent, and swapped regions are nodes
// the server rendered and escaped.
"use strict";

(function () {
  const REFRESH_MS = 5000;
  let refreshes = 0;
  let refreshing = false;

  function csrfHeaders() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? { "X-CSRF-Token": meta.content } : {};
  }

  function loginAddress() {
    return "/login?next=" + encodeURIComponent(location.pathname + location.search);
  }

  // The line under the page's title that says when the live regions could not be refreshed.
  function liveStatus(text, signedOut) {
    const out = document.getElementById("live-status");
    if (!out) {
      return;
    }
    out.textContent = text;
    if (signedOut) {
      const link = document.createElement("a");
      link.href = loginAddress();
      link.textContent = "Log in again";
      out.append(" ", link);
    }
  }

  function selectionIn(region) {
    const selection = window.getSelection();
    return selection && !selection.isCollapsed && region.contains(selection.anchorNode);
  }

  async function refresh() {
    const live = document.querySelectorAll("[data-live][id]");
    if (live.length === 0 || document.hidden || refreshing) {
      return; // a tab in the background, or a refresh still on its way, asks for nothing
    }
    refreshing = true;
    try {
      const response = await fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (response.redirected && new URL(response.url).pathname === "/login") {
        liveStatus("Your session has ended: this page is no longer updated.", true);
        return;
      }
      if (!response.ok) {
        liveStatus("Not updated since " + new Date().toLocaleTimeString() + ": the server answered " + response.status + ".");
        return;
      }
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      live.forEach((region) => {
        const fresh = page.getElementById(region.id);
        if (fresh && fresh.hasAttribute("data-live") && fresh.innerHTML !== region.innerHTML
            && !region.contains(document.activeElement) && !selectionIn(region)) {
          region.replaceWith(document.adoptNode(fresh));
        }
      });
      liveStatus("");
      staleActions();
      refreshes += 1;
      document.body.dataset.refreshed = String(refreshes);
    } catch (e) {
      liveStatus("Not updated since " + new Date().toLocaleTimeString() + ": the server could not be reached.");
    } finally {
      refreshing = false;
    }
  }

  // The incident page's actions are not live (someone may be typing in them): when the live
  // header shows another status or severity than they were offered for, say so.
  function staleActions() {
    const head = document.getElementById("head");
    const actions = document.getElementById("actions");
    const note = document.getElementById("actions-stale");
    if (head && actions && note) {
      note.textContent = head.dataset.state === actions.dataset.state ? ""
        : "This incident's status or severity changed since the page was opened: reload it for the actions it allows now.";
    }
  }

  function clearErrors(form) {
    form.querySelectorAll("[data-error-for]").forEach((el) => { el.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  }

  function showProblem(form, problem) {
    const field = problem.field || "";
    const message = problem.detail || problem.title || "The request failed.";
    const target = (field && form.querySelector('[data-error-for="' + CSS.escape(field) + '"]'))
      || form.querySelector('[data-error-for=""]');
    if (target) {
      target.textContent = message; // before the focus moves, so that a screen reader reads it
    }
    const input = field ? form.querySelector('[name="' + CSS.escape(field) + '"]') : null;
    if (input && target && target.dataset.errorFor === field) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  }

  // The fields to send: the filled-in ones; in a form marked data-changed-only, those changed
  // since the page was rendered, emptied ones included (the postmortem: a section someone else
  // wrote meanwhile is not overwritten with the old text).
  function body(form) {
    const out = {};
    const changedOnly = form.hasAttribute("data-changed-only");
    Array.from(form.elements).forEach((el) => {
      if (!el.name || el.disabled || el.type === "submit") {
        return;
      }
      if (changedOnly ? el.value !== el.defaultValue : el.value.trim() !== "") {
        out[el.name] = el.value;
      }
    });
    return out;
  }

  function newKey() {
    if (crypto.randomUUID) {
      return crypto.randomUUID();
    }
    // Plain HTTP on another address than localhost is not a secure context: no randomUUID there.
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // The answer's JSON, or null when there is none (204) or it is not JSON (a proxy's error page).
  async function readJson(response) {
    const type = response.headers.get("Content-Type") || "";
    const text = await response.text();
    return type.includes("json") && text ? JSON.parse(text) : null;
  }

  async function submit(form) {
    const method = form.dataset.method || "POST";
    const headers = Object.assign({ Accept: "application/json" }, csrfHeaders());
    const init = { method: method, credentials: "same-origin", headers: headers };
    if (method === "POST") {
      headers["Content-Type"] = "application/json";
      // One key per filled-in form: a retry after a lost answer is recorded once.
      form.dataset.key = form.dataset.key || newKey();
      headers["Idempotency-Key"] = form.dataset.key;
      if (form.dataset.version) {
        headers["If-Match"] = '"' + form.dataset.version + '"';
      }
      init.body = JSON.stringify(body(form));
    }
    clearErrors(form);
    const button = form.querySelector('button[type="submit"]');
    if (button) {
      button.disabled = true;
    }
    let succeeded = false;
    try {
      const response = await fetch(form.dataset.api, init);
      const json = await readJson(response);
      if (response.ok) {
        succeeded = true;
        done(form, json || {});
      } else if (response.status === 401 && form.dataset.api !== "/api/v1/session") {
        location.assign(loginAddress());
      } else if (response.status === 403 && json && json.field === "X-CSRF-Token") {
        showProblem(form, { detail: "Your session changed since this page was opened: reload it, then try again." });
      } else if (response.status === 412) {
        showProblem(form, { detail: "Someone changed this incident since you opened the page: reload it to see what "
          + "they wrote, then try again." });
      } else if (json) {
        showProblem(form, json);
      } else {
        showProblem(form, { detail: "The server answered " + response.status + "; try again (a repeat is recorded once)." });
      }
    } catch (e) {
      showProblem(form, { detail: "The server could not be reached; try again (a repeat is recorded once)." });
    } finally {
      // After a success the page moves on: the button stays disabled so a second click records nothing.
      if (button && !succeeded) {
        button.disabled = false;
      }
    }
  }

  function done(form, json) {
    const then = form.dataset.then || "reload";
    if (then === "incident") {
      location.assign("/incidents/" + encodeURIComponent(json.incident.id));
    } else if (then === "verify") {
      const out = document.getElementById("verify-result");
      out.textContent = json.intact
        ? "Hash chain intact: " + json.events_checked + " events verified."
        : "Hash chain broken at event " + json.first_bad.version + ": " + json.first_bad.reason;
      out.className = json.intact ? "ok" : "bad";
      form.querySelector('button[type="submit"]').disabled = false;
    } else if (then === "reload") {
      location.reload();
    } else if (then.startsWith("/") && !then.startsWith("//")) {
      location.assign(then);
    }
  }

  // The page a preview button's GET would load: the form's fields (not its buttons), then the button's own.
  function previewAddress(form, button) {
    const params = new URLSearchParams();
    Array.from(form.elements).forEach((el) => {
      if (el.name && !el.disabled && el.type !== "submit" && el.type !== "button") {
        params.append(el.name, el.value);
      }
    });
    if (button.name) {
      params.set(button.name, button.value);
    }
    const address = new URL(button.getAttribute("formaction") || form.getAttribute("action") || location.pathname, location.href);
    address.search = params.toString();
    address.hash = "";
    return address;
  }

  async function preview(form, button) {
    const region = document.getElementById(button.dataset.preview);
    clearErrors(form);
    button.disabled = true;
    try {
      const response = await fetch(previewAddress(form, button), { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (response.redirected && new URL(response.url).pathname === "/login") {
        location.assign(loginAddress());
        return;
      }
      if (!response.ok) {
        showProblem(form, { detail: "No preview: the server answered " + response.status + "; try again." });
        return;
      }
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById(button.dataset.preview);
      if (region && fresh) {
        region.replaceWith(document.adoptNode(fresh));
      }
      let first = null;
      form.querySelectorAll("[data-error-for][id]").forEach((el) => {
        const found = page.getElementById(el.id);
        if (found && found.textContent.trim() !== "") {
          el.textContent = found.textContent;
          const input = el.dataset.errorFor ? form.querySelector('[name="' + CSS.escape(el.dataset.errorFor) + '"]') : null;
          if (input) {
            input.setAttribute("aria-invalid", "true");
            first = first || input;
          }
        }
      });
      if (first) {
        first.focus();
      }
      document.body.dataset.previews = String(Number(document.body.dataset.previews || "0") + 1);
    } catch (e) {
      showProblem(form, { detail: "No preview: the server could not be reached; try again." });
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    const button = event.submitter;
    if (form instanceof HTMLFormElement && button && button.dataset.preview) {
      event.preventDefault();
      preview(form, button);
      return;
    }
    if (form instanceof HTMLFormElement && form.dataset.api) {
      event.preventDefault();
      if (!form.dataset.busy) {
        form.dataset.busy = "1";
        submit(form).finally(() => { delete form.dataset.busy; });
      }
    }
  });

  if (document.querySelector("[data-live]")) {
    setInterval(refresh, REFRESH_MS);
  }
})();
