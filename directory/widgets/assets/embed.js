/* Entraide directory widget. Paste:
 *   <div data-entraide-widget="ID" data-lang="fr"></div>
 *   <script src="https://ENTRAIDE/widgets/embed.js" async></script>
 * Renders into a Shadow DOM attached to that element and writes nothing else to the page.
 * No cookies, no storage, no tracking: the only requests go to the Entraide API.
 * Hand-written, no framework; `make widget` (run by `make test`) prints its gzipped size and
 * fails above 15 KB. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(script ? script.src : "/", location.href).origin;
  var FALLBACK = {
    de: "Das Verzeichnis ist zurzeit nicht verfügbar.",
    fr: "L'annuaire n'est pas disponible pour le moment.",
    it: "L'elenco non è disponibile al momento."
  };
  var CSS =
    ":host{display:block}*{box-sizing:border-box}" +
    ".w{padding:1rem;max-width:100%;font-size:1rem;line-height:1.5;overflow-wrap:anywhere}" +
    "h1,h2,h3{margin:0 0 .5rem;line-height:1.25}h1,h2{font-size:1.25rem}h3{font-size:1.05rem}" +
    "form{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;margin:0 0 1rem}" +
    ".f{display:flex;flex-direction:column;flex:1 1 12rem;min-width:0}" +
    "label{font-weight:600;margin-bottom:.25rem}" +
    "input,select,button{font:inherit;min-height:2.75rem;padding:.4rem .6rem;width:100%;" +
    "color:var(--t);background:var(--b);border:2px solid var(--t);border-radius:.3rem}" +
    "button{flex:0 0 auto;width:auto;background:var(--a);color:var(--b);border-color:var(--a);" +
    "font-weight:600;cursor:pointer}" +
    "a{color:var(--a);text-decoration:underline}" +
    ":focus-visible{outline:3px solid var(--a);outline-offset:2px}" +
    "a:focus-visible{outline-color:var(--t)}" +
    "ol{list-style:none;margin:0;padding:0}li{padding:.75rem 0;border-top:1px solid var(--t)}" +
    "p{margin:.25rem 0}.s{font-weight:600;margin:0 0 .5rem}" +
    ".c{border:2px solid var(--a);border-radius:.3rem;padding:.75rem;margin:0 0 1rem}" +
    ".c ul{list-style:none;margin:0;padding:0}.c li{padding:.25rem 0;border:0}" +
    ".n{display:inline-flex;flex-wrap:wrap;align-items:baseline;gap:0 .5rem;min-height:2.75rem;" +
    "padding:.4rem 0;font-weight:600}.n strong{font-size:1.5rem}" +
    ".c p a{display:inline-flex;align-items:center;min-height:2.75rem}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);" +
    "white-space:nowrap}";

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") el.textContent = attrs[name];
      else if (attrs[name] !== null && attrs[name] !== undefined) el.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) el.appendChild(child); });
    return el;
  }

  function styleRoot(root) {
    // A constructed stylesheet is not inline CSS: it works under a strict host CSP too.
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      root.appendChild(h("style", { text: CSS }));
    }
  }

  var counter = 0;

  function Widget(host) {
    this.host = host;
    this.id = host.getAttribute("data-entraide-widget");
    this.lang = (host.getAttribute("data-lang") || document.documentElement.lang || "de")
      .slice(0, 2).toLowerCase();
    this.frame = host.getAttribute("data-frame");
    this.level = this.frame ? 1 : +(host.getAttribute("data-heading-level") || 2);
    this.prefix = "ew" + (++counter) + "-";
    this.root = host.attachShadow({ mode: "open" });
    styleRoot(this.root);
    this.box = h("div", { class: "w" });
    this.root.appendChild(this.box);
  }

  Widget.prototype.url = function (path, params) {
    var url = new URL(base + "/api/widgets/" + encodeURIComponent(this.id) + "/" + path);
    Object.keys(params || {}).forEach(function (k) { if (params[k]) url.searchParams.set(k, params[k]); });
    url.searchParams.set("lang", this.lang);
    return url;
  };

  Widget.prototype.load = function (params) {
    var self = this;
    var initial = self.host.getAttribute("data-initial");
    var element = initial && document.getElementById(initial);
    if (element && !self.data) {
      self.show(JSON.parse(element.textContent));
      return;
    }
    if (self.frame === "preview") { // the admin preview renders the unsaved form: ask it again
      var here = new URL(location.href);
      Object.keys(params).forEach(function (k) {
        if (params[k]) here.searchParams.set(k, params[k]); else here.searchParams.delete(k);
      });
      location.replace(here.toString());
      return;
    }
    fetch(self.url("", params), { credentials: "omit", referrerPolicy: "no-referrer" })
      .then(function (response) {
        if (!response.ok && response.status !== 400) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) { self.show(data); })
      .catch(function () { self.show({ available: false }); });
  };

  Widget.prototype.show = function (data) {
    if (!data.available) return this.unavailable(data.message || data.detail);
    var first = !this.data;
    this.data = data;
    var theme = data.theme;
    this.box.style.setProperty("--t", theme.text);
    this.box.style.setProperty("--b", theme.background);
    this.box.style.setProperty("--a", theme.accent);
    this.box.style.color = theme.text;
    this.box.style.background = theme.background;
    this.box.style.fontFamily = theme.font;
    if (first) this.build(data);
    else this.updateFilters(data);
    this.renderResults(data);
  };

  Widget.prototype.unavailable = function (message) {
    this.box.textContent = "";
    this.box.appendChild(h("p", { role: "status", text: message || FALLBACK[this.lang] || FALLBACK.de }));
  };

  Widget.prototype.build = function (data) {
    var self = this, p = self.prefix, texts = data.texts;
    self.box.textContent = "";
    var heading = h("h" + self.level, { id: p + "h", text: texts.filters });
    self.search = h("input", { id: p + "q", type: "search", name: "q", maxlength: "200",
      autocomplete: "off", value: data.query || "" });
    var fields = [h("div", { class: "f" }, [h("label", { for: p + "q", text: texts.search }), self.search])];
    self.selects = {};
    data.filters.forEach(function (filter) {
      var select = h("select", { id: p + filter.name, name: filter.name });
      select.addEventListener("change", function () { self.submit(); });
      self.selects[filter.name] = select;
      fields.push(h("div", { class: "f" }, [h("label", { for: p + filter.name, text: filter.label }), select]));
    });
    fields.push(h("button", { type: "submit", text: texts.submit }));
    var form = h("form", { role: "search", "aria-labelledby": p + "h" }, fields);
    form.addEventListener("submit", function (event) { event.preventDefault(); self.submit(); });
    self.status = h("p", { class: "s", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    self.list = h("ol", { "aria-labelledby": p + "h" });
    self.more = h("p");
    self.crisis = h("div");
    self.box.appendChild(h("section", { "aria-labelledby": p + "h" },
      [heading, form, self.crisis, self.status, self.list, self.more]));
    self.updateFilters(data);
  };

  Widget.prototype.updateFilters = function (data) {
    var self = this;
    data.filters.forEach(function (filter) {
      var select = self.selects[filter.name];
      if (!select) return;
      select.textContent = "";
      select.appendChild(h("option", { value: "", text: data.texts.all }));
      filter.options.forEach(function (option) {
        var element = h("option", { value: option.value, text: option.label });
        if (option.value === filter.value) element.selected = true;
        select.appendChild(element);
      });
    });
  };

  Widget.prototype.submit = function () {
    var params = { q: this.search.value.trim() };
    var selects = this.selects;
    Object.keys(selects).forEach(function (name) { params[name] = selects[name].value; });
    this.load(params);
  };

  Widget.prototype.renderCrisis = function (data, level) {
    var help = data.crisis, id = this.prefix + "c";
    this.crisis.textContent = "";
    if (!help) return;
    var items = help.helplines.map(function (line) {
      return h("li", { lang: line.language === data.language ? null : line.language }, [
        h("a", { class: "n", href: line.tel }, [h("span", { class: "sr", text: help.call + " " }),
          h("strong", { text: line.phone }), h("span", { text: line.name })]),
        line.description ? h("p", { text: line.description }) : null,
        line.url ? h("p", {}, [h("a", { href: line.url, target: "_blank", rel: "noopener",
          text: help.online })]) : null
      ]);
    });
    this.crisis.appendChild(h("aside", { class: "c", "aria-labelledby": id },
      [h(level, { id: id, text: help.title }), h("ul", {}, items)]));
  };

  Widget.prototype.renderResults = function (data) {
    var self = this, level = "h" + (self.level + 1);
    self.renderCrisis(data, level);
    self.status.textContent = data.count_text;
    self.list.textContent = "";
    data.results.forEach(function (offer) {
      var link = h("a", { href: offer.url, text: offer.title, target: self.frame === "frame" ? "_top" : null });
      link.addEventListener("click", function () { self.clicked(); });
      var facts = [offer.format, offer.place].filter(Boolean).join(" · ");
      self.list.appendChild(h("li", {}, [
        h(level, {}, [link]),
        facts ? h("p", { text: facts }) : null,
        offer.next_step ? h("p", { text: offer.next_step }) : null
      ]));
    });
    self.more.textContent = "";
    self.more.appendChild(h("a", { href: data.more_url, text: data.texts.more,
      target: self.frame === "frame" ? "_top" : null }));
  };

  Widget.prototype.clicked = function () {
    if (!this.id || this.frame === "preview") return;
    // Unlike sendBeacon, fetch can leave cookies out; keepalive lets it outlive the page.
    fetch(this.url("click/", {}), { method: "POST", keepalive: true, credentials: "omit",
      mode: "no-cors", referrerPolicy: "no-referrer" }).catch(function () { /* not counted */ });
  };

  function start() {
    var hosts = document.querySelectorAll("[data-entraide-widget]");
    Array.prototype.forEach.call(hosts, function (host) {
      if (host.shadowRoot) return;
      var widget = new Widget(host);
      widget.load({ view: "1" });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
