// The comment form, improved where scripts run (it works without): a fresh form token is fetched when the reader
// starts typing, so sending takes one click rather than two, and "remember me" keeps the name, email and website in
// this browser only (localStorage), never on the server.
(function () {
  var form = document.querySelector("form.comment-form");
  if (!form) return;
  var key = "lemma.commenter", fields = ["name", "email", "website"];
  var remember = form.querySelector("input[name=remember]");
  if (remember) remember.closest("p").hidden = false;
  try {
    var saved = JSON.parse(localStorage.getItem(key) || "null");
    if (saved) {
      fields.forEach(function (f) { if (form.elements[f] && !form.elements[f].value) form.elements[f].value = saved[f] || ""; });
      if (remember) remember.checked = true;
    }
  } catch (e) {}
  var asked = false;
  function token() {
    if (asked) return;
    asked = true;
    var url = form.getAttribute("action") + "/form?post=" + encodeURIComponent(form.elements.post.value);
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
      var m = /name="token" value="([^"]+)"/.exec(html);
      if (!m || form.elements.token) return;
      var input = document.createElement("input");
      input.type = "hidden"; input.name = "token"; input.value = m[1].replace(/&amp;/g, "&");
      form.appendChild(input);
    }).catch(function () {});
  }
  form.addEventListener("focusin", token);
  form.addEventListener("submit", function () {
    try {
      if (remember && remember.checked) {
        var kept = {};
        fields.forEach(function (f) { kept[f] = form.elements[f] ? form.elements[f].value : ""; });
        localStorage.setItem(key, JSON.stringify(kept));
      } else localStorage.removeItem(key);
    } catch (e) {}
  });
})();
