// IncidentKit's dashboard script: the pages are rendered on the server; this does two things.
// 1. Every 5 seconds it fetches the page again and swaps the regions marked data-live, so the
//    page stays current without a reload and without touching a form someone is typing in.
// 2. A form with data-api sends its fields as JSON to the API (the one write path) and shows the
//    API's problem details next to the field they name.
// It never writes HTML from data: text goes in with textContent, and swapped regions are nodes
// the server rendered and escaped.
"use strict";

(function () {
  const REFRESH_MS = 5000;
  let refreshes = 0;

  function csrfHeaders() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? { "X-CSRF-Token": meta.content } : {};
  }

  async function refresh() {
    const live = document.querySelectorAll("[data-live][id]");
    if (live.length === 0 || document.hidden) {
      return; // a tab in the background asks for nothing
    }
    try {
      const response = await fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok) {
        return;
      }
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      live.forEach((region) => {
        const fresh = page.getElementById(region.id);
        if (fresh && fresh.hasAttribute("data-live") && !region.contains(document.activeElement)) {
          region.replaceWith(document.adoptNode(fresh));
        }
      });
      refreshes += 1;
      document.body.dataset.refreshed = String(refreshes);
    } catch (e) {
      // Offline or the server restarting: the next tick tries again.
    }
  }

  function clearErrors(form) {
    form.querySelectorAll("[data-error-for]").forEach((el) => { el.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  }

  function showProblem(form, problem) {
    const field = problem.field || "";
    const message = problem.detail || problem.title || "The request failed.";
    let target = field ? form.querySelector('[data-error-for="' + CSS.escape(field) + '"]') : null;
    if (target) {
      const input = form.querySelector('[name="' + CSS.escape(field) + '"]');
      if (input) {
        input.setAttribute("aria-invalid", "true");
        input.focus();
      }
    } else {
      target = form.querySelector('[data-error-for=""]');
    }
    if (target) {
      target.textContent = message;
    }
  }

  function body(form) {
    const out = {};
    new FormData(form).forEach((value, name) => {
      if (typeof value === "string" && value.trim() !== "") {
        out[name] = value;
      }
    });
    return out;
  }

  async function submit(form) {
    const method = form.dataset.method || "POST";
    const headers = Object.assign({ Accept: "application/json" }, csrfHeaders());
    const init = { method: method, credentials: "same-origin", headers: headers };
    if (method === "POST") {
      headers["Content-Type"] = "application/json";
      // One key per filled-in form: a retry after a lost answer is recorded once.
      form.dataset.key = form.dataset.key || crypto.randomUUID();
      headers["Idempotency-Key"] = form.dataset.key;
      init.body = JSON.stringify(body(form));
    }
    clearErrors(form);
    const button = form.querySelector('button[type="submit"]');
    if (button) {
      button.disabled = true;
    }
    try {
      const response = await fetch(form.dataset.api, init);
      const text = await response.text();
      const json = text ? JSON.parse(text) : {};
      if (!response.ok) {
        showProblem(form, json);
        return;
      }
      delete form.dataset.key;
      done(form, json);
    } catch (e) {
      showProblem(form, { detail: "The server could not be reached; try again." });
    } finally {
      if (button) {
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
    } else if (then === "reload") {
      location.reload();
    } else if (then.startsWith("/") && !then.startsWith("//")) {
      location.assign(then);
    }
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.api) {
      event.preventDefault();
      submit(form);
    }
  });

  if (document.querySelector("[data-live]")) {
    setInterval(refresh, REFRESH_MS);
  }
})();
