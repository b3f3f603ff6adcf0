// Light and dark; loaded in <head> without defer so a saved choice applies before the first paint.
// <html data-theme> tells the palette in use: the saved choice, else the OS setting, followed live.
(function () {
  var key = "lemma-theme", root = document.documentElement, chosen = null;
  var media = window.matchMedia && matchMedia("(prefers-color-scheme: dark)");

  function saved() {
    try { var v = localStorage.getItem(key); } catch (e) { /* storage blocked */ }
    return v === "light" || v === "dark" ? v : chosen;
  }
  function current() { return saved() || (media && media.matches ? "dark" : "light"); }
  function apply(theme) {
    root.setAttribute("data-theme", theme);
    each(".theme-toggle", function (b) { b.setAttribute("aria-pressed", theme === "dark"); });
    // A dark image variant's <source> matches the system's preference; the palette in use is what it must follow.
    each("source[data-dark]", function (s) { s.media = theme === "dark" ? "all" : "not all"; });
  }
  function each(selector, f) { Array.prototype.forEach.call(document.querySelectorAll(selector), f); }

  if (saved()) root.setAttribute("data-theme", saved());
  if (media && media.addEventListener) media.addEventListener("change", function () { if (!saved()) apply(current()); });

  // A block that scrolls sideways (code, wide tables, equations, a notebook's output) must take the focus to be
  // scrolled by keyboard.
  function scrollable() {
    each("pre, .table-wrap, .content > table, .figure > table, math[display=block], .math-display, .equation, .nb-output", function (b) {
      if (b.scrollWidth > b.clientWidth + 1) b.tabIndex = 0;
      else b.removeAttribute("tabindex");
    });
  }
  var timer;
  addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(scrollable, 150); });

  document.addEventListener("DOMContentLoaded", function () {
    each(".theme-toggle", function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        chosen = current() === "dark" ? "light" : "dark";
        try { localStorage.setItem(key, chosen); } catch (e) { /* the choice lasts for this page */ }
        apply(chosen);
      });
    });
    apply(current());
    scrollable();
    // The search client loads when the reader turns to the box (focus, or "/"), never with the page.
    var search = document.querySelector(".site-search");
    if (search) {
      var box = search.q;
      box.addEventListener("focus", function () {
        if (search.dataset.on) return;
        search.dataset.on = 1;
        var s = document.createElement("script");
        s.src = search.dataset.client;
        document.head.appendChild(s);
      });
      document.addEventListener("keydown", function (e) {
        var t = e.target;
        if (e.key == "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && !t.isContentEditable) { e.preventDefault(); box.focus(); }
      });
    }
    // Markdown task lists give bare checkboxes: name each by the text of its item.
    each(".task-list-item > input[type=checkbox]:not([aria-label])", function (c) {
      c.setAttribute("aria-label", c.parentNode.textContent.trim());
    });
  });
})();
