// Injected by `lemma serve` only: reloads the page when the site is rebuilt (keeping the scroll position),
// swaps stylesheets when only CSS changed, and shows build errors over the page until they are fixed.
(function () {
  var scrollKey = "lemma-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    var restore = function () { window.scrollTo(0, parseFloat(saved) || 0); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }

  function reload() {
    sessionStorage.setItem(scrollKey, String(window.scrollY));
    location.reload();
  }

  function swapStyles() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("lemma-reload", String(Date.now()));
      links[i].href = url.toString();
    }
  }

  function show(status) {
    var old = document.getElementById("lemma-overlay");
    if (old) old.remove();
    if (!status || !status.failed) return;
    var box = document.createElement("div");
    box.id = "lemma-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#fff;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem;";
    var title = document.createElement("h2");
    title.textContent = "Build failed: the last good version is shown underneath";
    title.style.cssText = "font:600 18px/1.3 system-ui,sans-serif;margin:0 0 1rem;color:#ff8a80;";
    box.appendChild(title);
    var list = document.createElement("pre");
    list.style.cssText = "white-space:pre-wrap;margin:0;";
    list.textContent = status.diagnostics.filter(function (d) { return d.severity === "error"; })
      .map(function (d) { return d.text; }).join("\n");
    box.appendChild(list);
    document.body.appendChild(box);
  }

  function status() {
    fetch("/_lemma/status", { cache: "no-store" }).then(function (r) { return r.json(); }).then(show, function () {});
  }

  var version = null;
  var events = new EventSource("/_lemma/events");
  events.addEventListener("hello", function (e) {
    // After a server restart the version starts again: reload to get the new build.
    if (version !== null && e.data !== version) reload();
    version = e.data;
    status();
  });
  events.addEventListener("reload", reload);
  events.addEventListener("css", function () { swapStyles(); status(); });
  events.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
})();
