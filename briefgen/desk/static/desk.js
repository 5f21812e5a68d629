// The review desk in the browser: keyboard navigation, decisions sent as JSON with the CSRF token and
// the file's version, the list, panel and previews refreshed after each save, the file watched.
"use strict";
(function () {
  const meta = (name) => document.querySelector(`meta[name="desk-${name}"]`).content;
  const week = meta("week"), csrf = meta("csrf"), token = meta("token");
  const desk = { version: meta("version"), selected: null, saving: false, stale: false };
  window.desk = desk;  // read by the browser tests and the benchmark

  const withToken = (url) => token ? url + (url.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token) : url;
  const headers = (json) => {
    const h = { "X-CSRF-Token": csrf };
    if (json) h["Content-Type"] = "application/json";
    if (token) h["X-Desk-Token"] = token;
    return h;
  };

  function say(text, bad) {
    const el = document.getElementById("saved");
    el.textContent = text;
    el.className = bad ? "bad" : "";
  }

  function banner(text) {
    document.getElementById("banner-text").textContent = text;
    document.getElementById("banner").hidden = false;
  }

  async function post(path, body) {
    const r = await fetch(withToken(`/week/${week}${path}`), { method: "POST", headers: headers(true), body: JSON.stringify(body) });
    let data = {};
    try { data = await r.json(); } catch (e) { data = { error: `HTTP ${r.status}` }; }
    return { status: r.status, data };
  }

  async function decide(body) {
    if (desk.saving) return false;
    desk.saving = true;
    desk.saveStarted = performance.now();
    say("saving…");
    try {
      const { status, data } = await post("/decide", Object.assign({ version: desk.version, fact: desk.selected }, body));
      if (status === 409) {
        desk.stale = true;
        banner(data.error);
        say("not saved", true);
        return false;
      }
      if (status !== 200) { say(data.error || `HTTP ${status}`, true); return false; }
      if (body.action === "gazetteer") { location.reload(); return true; }  // new names: everything is read again
      desk.version = data.version;
      if (data.result) desk.selected = data.result;  // a split selects the new fact
      refreshPreviews();  // the editions are rebuilt while the list and panel are refreshed
      // an item added or removed renumbers its list: the list's forms are drawn again
      await refresh((body.action === "item" && body.index === undefined) || body.action === "remove_item" ? body.part : null);
      say("saved");
      return true;
    } finally {
      desk.saving = false;
    }
  }

  // -- list, panel, previews ------------------------------------------------------------------
  const items = () => Array.from(document.querySelectorAll("#list .fact"));

  async function refresh(part) {
    const status = meta("status");
    const r = await fetch(withToken(`/week/${week}` + (status ? `?status=${status}` : "")));
    const doc = new DOMParser().parseFromString(await r.text(), "text/html");
    const old = part && document.querySelector(`fieldset[data-part="${part}"]`);
    const now = part && doc.querySelector(`fieldset[data-part="${part}"]`);
    if (old && now) { old.replaceWith(now); bindForms(now); }
    document.getElementById("list").replaceWith(doc.getElementById("list"));
    document.querySelector(".filters").replaceWith(doc.querySelector(".filters"));
    bindList();
    const still = items().find((li) => li.dataset.id === desk.selected);
    if (still) await select(still, false); else if (desk.selected) { desk.selected = null; document.getElementById("panel").innerHTML = ""; }
    poll();
  }

  function refreshPreviews() {
    desk.previewed = desk.previewed || 0;
    const frames = document.querySelectorAll("iframe.preview");
    const version = desk.version;
    let loaded = 0;
    frames.forEach((f) => {
      f.onload = () => {
        if (++loaded < frames.length) return;
        desk.previewVersion = version;
        desk.previewed++;
        if (desk.saveStarted) desk.saveToPreview = performance.now() - desk.saveStarted;  // read by the benchmark
      };
      f.src = withToken(f.dataset.src + "?v=" + version.slice(0, 12));  // a new URL per version: no stale cache
    });
  }

  async function select(li, scroll = true) {
    items().forEach((x) => x.classList.toggle("selected", x === li));
    desk.selected = li.dataset.id;
    if (scroll) li.scrollIntoView({ block: "nearest" });
    const r = await fetch(withToken(`/week/${week}/fact/${encodeURIComponent(li.dataset.id)}`));
    const panel = document.getElementById("panel");
    panel.innerHTML = await r.text();
    bindForms(panel);
    desk.loads = (desk.loads || 0) + 1;
    const mark = panel.querySelector("mark");
    if (mark && scroll) mark.scrollIntoView({ block: "center" });
  }

  function move(step) {
    const all = items();
    if (!all.length) return;
    let i = all.findIndex((x) => x.dataset.id === desk.selected);
    i = i < 0 ? 0 : Math.min(all.length - 1, Math.max(0, i + step));
    select(all[i]);
  }

  function bindList() {
    items().forEach((li) => li.addEventListener("click", () => select(li)));
  }

  function formBody(form) {
    const body = { action: form.dataset.action };
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === "checkbox") {
        if (el.name === "themes" || el.name === "evidence") {
          body[el.name] = body[el.name] || [];
          if (el.checked) body[el.name].push(el.value);
        } else body[el.name] = el.checked;
      } else body[el.name] = el.value;
    }
    return body;
  }

  function bindForms(root) {
    root.querySelectorAll("form.decision").forEach((form) => {
      form.addEventListener("submit", (ev) => { ev.preventDefault(); decide(formBody(form)); });
      form.querySelectorAll("textarea").forEach((t) => t.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); form.requestSubmit(); }
      }));
    });
    root.querySelectorAll("button.remove-item").forEach((b) => b.addEventListener("click", () => {
      const form = b.closest("form");
      decide({ action: "remove_item", part: form.elements.part.value, index: form.elements.index.value });
    }));
    root.querySelectorAll("textarea.markdown").forEach((t) => {
      const out = (t.closest(".md-field") || t.closest("form")).querySelector(".md-preview");
      let timer = null;
      const show = async () => {
        const { status, data } = await post("/markdown", { text: t.value, lang: t.dataset.lang });
        if (status === 200) out.innerHTML = data.html;  // the editions' own renderer: escaped, no raw HTML
      };
      t.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(show, 250); });
    });
  }

  // -- the file watched, check's problems -------------------------------------------------------
  async function poll() {
    try {
      const r = await fetch(withToken(`/week/${week}/state`), { headers: headers(false) });
      const data = await r.json();
      if (data.version !== desk.version && !desk.saving && !desk.stale) {
        desk.stale = true;
        banner("The file changed on disk since this page loaded it (an editor, an extraction or another tab). Reload before deciding.");
      }
      const ul = document.getElementById("problems");
      ul.replaceChildren(...data.problems.map((p) => { const li = document.createElement("li"); li.textContent = p; return li; }));
      document.getElementById("problem-count").textContent = data.problems.length ? `${data.problems.length} problem(s)` : "no problem";
    } catch (e) { /* the server is restarting: try again at the next tick */ }
  }

  async function buildPdfs() {
    say("building the PDFs…");
    const { status, data } = await post("/pdf", {});
    if (status !== 200) { say(data.error || `HTTP ${status}`, true); return; }
    const box = document.getElementById("pdf-links");
    box.replaceChildren(...Object.entries(data.pdfs).map(([lang, url]) => {
      const a = document.createElement("a"); a.href = url; a.textContent = `PDF ${lang}`; a.className = "pdf"; a.download = ""; return a;
    }));
    say("PDFs built");
  }

  // -- keys ---------------------------------------------------------------------------------------
  function onKey(ev) {
    const t = ev.target;
    if (ev.key === "Escape") { if (t.blur) t.blur(); return; }
    if (t.closest && t.closest("input, textarea, select")) {
      if (t.id === "reject-note" && ev.key === "Enter") { ev.preventDefault(); t.form.requestSubmit(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const panel = document.getElementById("panel");
    const submit = (id) => { const f = document.getElementById(id); if (f) f.requestSubmit(); };
    const focus = (sel) => { const el = panel.querySelector(sel); if (el) { ev.preventDefault(); el.focus(); } };
    switch (ev.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": submit("approve-form"); break;
      case "u": submit("proposed-form"); break;
      case "r": focus("#reject-note"); break;
      case "e": focus("#text-fr textarea"); break;
      case "E": focus("#text-en textarea"); break;
      case "x": { const box = panel.querySelector("#key-point-form input"); if (box) { box.checked = !box.checked; submit("key-point-form"); } break; }
      case "m": focus("#merge-other"); break;
      case "s": focus("#split-form input"); break;
      case "n": { const d = document.getElementById("analysis"); d.open = !d.open; break; }
      case "p": buildPdfs(); break;
      case "?": document.getElementById("help").showModal(); break;
      default: return;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    bindList();
    bindForms(document);
    document.addEventListener("keydown", onKey);
    document.getElementById("reload").addEventListener("click", () => location.reload());
    document.getElementById("pdf-button").addEventListener("click", buildPdfs);
    document.getElementById("help-button").addEventListener("click", () => document.getElementById("help").showModal());
    desk.previewVersion = null;
    refreshPreviews();  // after the page is usable: the editions take longer to build than the page
    poll();
    setInterval(poll, 1000);
    desk.ready = true;
  });
})();
