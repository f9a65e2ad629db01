// Suggestions while typing (ARIA 1.2 combobox with a listbox). No framework, no CDN.
(function () {
  "use strict";
  var MIN_LENGTH = 2;
  var DELAY_MS = 150;

  function setUp(input) {
    var url = input.getAttribute("data-suggest-url");
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var timer = null;
    var active = -1;
    var items = [];
    list.id = input.id + "-suggestions";
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(item) {
      if (item.url) { window.location.href = item.url; return; }
      input.value = item.value;
      close();
      input.form.submit();
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function show(suggestions) {
      items = suggestions;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.textContent = "";
      suggestions.forEach(function (item, i) {
        var option = document.createElement("li");
        var kind = document.createElement("span");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.label + " ";
        kind.className = "kind";
        kind.textContent = input.getAttribute("data-label-" + item.kind) || item.kind;
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(item);
        });
        list.appendChild(option);
      });
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
      status.textContent = suggestions.length ? suggestions.length + " " + (input.getAttribute("data-label-count") || "") : "";
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < MIN_LENGTH) { close(); return; }
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === text) { show(data.suggestions); } })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        // Alt+Down or Down reopens the last suggestions; Escape empties the box (APG combobox)
        if (event.key === "ArrowDown" && items.length) { event.preventDefault(); show(items); highlight(0); }
        else if (event.key === "Escape" && input.value) { input.value = ""; }
        return;
      }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "Tab") { close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(items[active]); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(setUp);
})();
