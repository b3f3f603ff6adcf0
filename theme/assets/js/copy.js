// Reveals the copy buttons of code figures; copies the code without prompts, output or line numbers.
(function () {
  function codeText(pre) {
    var lines = pre.querySelectorAll(".line"), out = [];
    if (!lines.length) return pre.textContent;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i].cloneNode(true), hadOutput = !!line.querySelector(".hl-output");
      line.querySelectorAll(".hl-prompt, .hl-output").forEach(function (s) { s.remove(); });
      var text = line.textContent.replace(/\n$/, "");
      if (!(hadOutput && !text.trim())) out.push(text); // a line of pure output is not a command
    }
    return out.join("\n");
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.style.cssText = "position:fixed;opacity:0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      area.remove();
      ok ? resolve() : reject();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button.copy").forEach(function (b) {
      var figure = b.closest("figure, .code"), pre = figure && figure.querySelector("pre"), label = b.textContent;
      if (!pre) return;
      b.hidden = false;
      b.setAttribute("aria-live", "polite");
      b.addEventListener("click", function () {
        copy(codeText(pre)).then(function () { b.textContent = "Copied"; }, function () { b.textContent = "Press Ctrl+C"; });
        setTimeout(function () { b.textContent = label; }, 2000);
      });
    });
  });
})();
