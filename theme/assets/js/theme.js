// Light and dark. Loaded in <head> without defer so a saved choice applies before the first paint.
// <html data-theme> always tells the palette in use: the saved choice, else the OS setting, followed live.
(function () {
  var key = "lemma-theme";
  var root = document.documentElement;
  var chosen = null; // the choice of this page when storage is blocked
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function saved() {
    try {
      var value = localStorage.getItem(key);
      return value === "light" || value === "dark" ? value : chosen;
    } catch (e) {
      return chosen; // storage blocked
    }
  }

  function apply(theme) {
    root.setAttribute("data-theme", theme);
    var buttons = document.querySelectorAll(".theme-toggle");
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
  }

  function current() {
    return saved() || (media && media.matches ? "dark" : "light");
  }

  if (saved()) root.setAttribute("data-theme", saved());

  if (media) {
    var follow = function () { if (!saved()) apply(current()); };
    if (media.addEventListener) media.addEventListener("change", follow);
    else if (media.addListener) media.addListener(follow);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll(".theme-toggle");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () {
        var next = current() === "dark" ? "light" : "dark";
        chosen = next;
        try { localStorage.setItem(key, next); } catch (e) { /* the choice lasts for this page only */ }
        apply(next);
      });
    }
    apply(current());
    scrollable();
    // Markdown task lists give bare checkboxes: name each by the text of its item.
    var boxes = document.querySelectorAll(".task-list-item > input[type=checkbox]:not([aria-label])");
    for (var j = 0; j < boxes.length; j++) boxes[j].setAttribute("aria-label", boxes[j].parentNode.textContent.trim());
  });

  // A block that scrolls sideways (long code, wide tables and equations) must be reachable by keyboard to scroll it.
  function scrollable() {
    var blocks = document.querySelectorAll("pre, .table-wrap, .content > table, math[display=block]");
    for (var i = 0; i < blocks.length; i++) {
      var b = blocks[i];
      if (b.scrollWidth > b.clientWidth + 1) b.setAttribute("tabindex", "0");
      else if (b.getAttribute("tabindex") === "0") b.removeAttribute("tabindex");
    }
  }
  var timer = 0;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(scrollable, 150); });
})();
