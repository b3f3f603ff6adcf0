// The comments, improved where scripts run (everything works without): a fresh form token is fetched when the reader
// starts typing, so sending takes one click rather than two; "remember me" keeps the name, email and website in this
// browser only (localStorage), never on the server; the reader's own comments get an Edit link for the 15 minutes the
// server allows (the answer to a new comment says which and until when, in ?mine=ID.UNTIL); and a page built for a
// site hosted elsewhere, whose form posts to a Lemma server on another origin, loads its approved comments from there.
(function () {
  var d = document, form = d.querySelector("form.comment-form");
  if (!form) return;
  var section = form.closest("section"), api = form.action, post = form.elements.post.value;
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
    fetch(api + "/form?post=" + encodeURIComponent(post)).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
      var m = /name="token" value="([^"]+)"/.exec(html);
      if (!m || form.elements.token) return;
      var input = make("input");
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

  function make(tag, className, text) {
    var e = d.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  // The reader's own comments, by id, with when the server stops taking their changes (Unix ms). Only a hint: the
  // key is an HttpOnly cookie of the server, and a link past its time gets the server's "can no longer be changed".
  var mineKey = "lemma.mine", mine = {}, url = new URL(location.href), hint = /^(\d+)\.(\d+)$/.exec(url.searchParams.get("mine"));
  try { mine = JSON.parse(localStorage.getItem(mineKey)) || {}; } catch (e) {}
  if (url.searchParams.has("mine")) {
    if (hint) mine[hint[1]] = +hint[2];
    url.searchParams.delete("mine");
    history.replaceState(history.state, "", url.href);
  }
  Object.keys(mine).forEach(function (id) { if (!(mine[id] > Date.now())) delete mine[id]; });
  try { localStorage.setItem(mineKey, JSON.stringify(mine)); } catch (e) {}
  function edits() {
    Object.keys(mine).forEach(function (id) {
      var li = d.getElementById("comment-" + id);
      if (!li || li.querySelector(".comment-edit")) return;
      var p = make("p", "comment-edit"), a = make("a", "", "Edit");
      a.href = api + "/edit?id=" + id;
      a.rel = "nofollow";
      a.append(make("span", "visually-hidden", " your comment"));
      p.append(a);
      li.insertBefore(p, li.querySelector(".comment-reply"));
      setTimeout(function () { p.remove(); }, mine[id] - Date.now());
    });
  }

  // A page Lemma serves has its comments in its HTML; a page of a site hosted elsewhere reads them from the server,
  // and shows them as partials/comments.liquid does. Every reader's string goes in as text or an attribute; the body
  // is the HTML the server's sanitizer made when the comment was stored, the only HTML the JSON carries.
  if (new URL(api).origin === location.origin) return edits();
  fetch(api + "?post=" + encodeURIComponent(post)).then(function (r) { return r.ok ? r.json() : []; }).then(function (list) {
    var ids = {}, replies = {}, ol = make("ol", "comment-list"), n = list.length;
    list.forEach(function (c) { ids[c.id] = 1; });
    // Each reply after its parent, oldest first at each level (the JSON is oldest first); an orphan at the top.
    list.forEach(function (c) { var p = ids[c.parent] ? c.parent : 0; (replies[p] = replies[p] || []).push(c); });
    function add(c, depth) {
      var li = make("li", "comment depth-" + Math.min(depth, 3)), meta = make("p", "comment-meta"),
        avatar = make("span", "avatar", initials(c.author)), web = /^https?:\/\//i.test(c.website || ""),
        who = make(web ? "a" : "span", "comment-author", c.author), date = make("a", "comment-date"), time = make("time"),
        body = make("div", "comment-body"), reply = make("p", "comment-reply"), to = make("a", "", "Reply");
      li.id = "comment-" + c.id;
      avatar.setAttribute("aria-hidden", "true");
      if (web) { who.href = c.website; who.rel = "nofollow ugc noopener"; }
      date.href = "#" + li.id;
      time.dateTime = String(c.created).replace(/\.\d+/, "");
      time.textContent = new Date(c.created).toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });
      date.append(time);
      meta.append(avatar, " ", who);
      if (c.is_author) { li.className += " comment-by-author"; meta.append(" ", make("span", "comment-badge", "Author")); }
      meta.append(" · ", date);
      body.innerHTML = c.html;
      to.href = api + "/form?post=" + encodeURIComponent(post) + "&parent=" + encodeURIComponent(c.id);
      to.rel = "nofollow";
      to.append(make("span", "visually-hidden", " to " + c.author));
      reply.append(to);
      li.append(meta, body, reply);
      ol.append(li);
      (replies[c.id] || []).forEach(function (r) { add(r, depth + 1); });
    }
    (replies[0] || []).forEach(function (c) { add(c, 0); });
    var old = section.querySelector(".comment-list");
    if (old) old.replaceWith(ol); else if (n) form.before(ol);
    section.querySelector("h2").textContent = n === 1 ? "1 comment" : n ? n + " comments" : "Comments";
    edits();
  }).catch(function () {});

  // "Ada Lovelace" gives "AL", as the build's avatar does.
  function initials(name) {
    return String(name).split(" ").filter(function (w) { return w && /[\p{L}\p{Nd}]/u.test(w[0]); }).slice(0, 2)
      .map(function (w) { return w[0].toUpperCase(); }).join("") || "?";
  }
})();
