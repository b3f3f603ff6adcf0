// Reveals the copy buttons of code figures and copies the code without prompts, output or line numbers.
(function () {
  function codeText(pre) {
    var lines = pre.querySelectorAll(".line");
    if (lines.length === 0) return pre.textContent;
    var out = [];
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i].cloneNode(true);
      var hadOutput = line.querySelector(".hl-output") !== null;
      var skipped = line.querySelectorAll(".hl-prompt, .hl-output");
      for (var j = 0; j < skipped.length; j++) skipped[j].remove();
      var text = line.textContent.replace(/\n$/, "");
      // A console line that held only output is not a command: leave it out entirely.
      if (hadOutput && text.trim() === "") continue;
      out.push(text);
    }
    return out.join("\n");
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      area.remove();
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("button.copy");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var figure = button.closest("figure, .code");
      var pre = figure ? figure.querySelector("pre") : null;
      if (!pre) continue;
      button.hidden = false;
      button.setAttribute("aria-live", "polite");
      button.addEventListener("click", (function (b, p) {
        return function () {
          var label = b.dataset.label || b.textContent;
          b.dataset.label = label;
          copy(codeText(p)).then(
            function () { b.textContent = "Copied"; },
            function () { b.textContent = "Press Ctrl+C"; });
          setTimeout(function () { b.textContent = label; }, 2000);
        };
      })(button, pre));
    }
  });
})();
