// Search as the reader types: the header's box (a panel under it) and the search page (results in place). It reads the
// index `lemma build` wrote under /search/ (src/Lemma/Search/IndexFormat.cs): one shard per query word, then the
// fragments of the results shown. It ranks as the server does (src/Lemma/Search/Searcher.cs): keep the two the same.
// Everything a page or query holds goes into text nodes, never into HTML.
(function () {
  // SHOWN is Searcher.Shown.
  var MAX_QUERY = 200, MAX_WORDS = 8, MAX_EXPANSIONS = 64, PREFIX = 0.5, SHOWN = 10;
  var STOP = " a an and are as at be but by for if in into is it its no not of on or so such that the their then there these they this to was were will with we you our your can has have had from which what when ";
  var shards = {}, docs = {};

  // As Tokens.Fold: Latin letters lose their diacritics, and the few that do not decompose are spelled out.
  var LETTERS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/([a-z])[\u0300-\u036f]+/g, "$1").normalize("NFC")
      .replace(/[ßæœøłđðþı]/g, function (c) { return LETTERS[c]; });
  }

  // The words of a text as Tokens.Of makes them (folded, no stop words, once each): a dotted or underscored name whole
  // and by parts, hyphenated words by parts.
  function terms(text) {
    var out = [], seen = {};
    function add(w) { if (w && w.length <= 40 && STOP.indexOf(" " + w + " ") < 0 && !seen[w]) { seen[w] = 1; out.push(w); } }
    (fold(text).match(/[\p{L}\p{Nd}]+(?:[._-][\p{L}\p{Nd}]+)*/gu) || []).forEach(function (w) {
      if (w.length > 40) return;
      if (/[._]/.test(w)) add(w);
      w.split(/[._-]/).forEach(add);
    });
    return out;
  }

  // The query's words as Searcher.Words makes them.
  function words(query) { return terms(query.slice(0, MAX_QUERY)).slice(0, MAX_WORDS); }

  // As Ranking.Where.Fit: the most query words the title (bit 0) and one heading (bits 1 to 30) hold together, and
  // the neighbouring query words one field holds both of.
  function fit(where) {
    var title = 0, any = 0, cover, pairs = 0, bit, n, i;
    where.forEach(function (w) { if (w & 1) title++; any |= w; });
    cover = title;
    for (bit = 1; bit <= 30; bit++) {
      if (!((any >> bit) & 1)) continue;
      n = where.filter(function (w) { return (w & 1) || ((w >> bit) & 1); }).length;
      if (n > cover) cover = n;
    }
    for (i = 0; i + 1 < where.length; i++) if (where[i] & where[i + 1]) pairs++;
    return [cover, pairs];
  }

  // As IndexFormat.Key: three letters a to z, else the first two characters.
  function key(w) { return /^[a-z]{3}/.test(w) ? w.slice(0, 3) : w.slice(0, 2); }

  function shardName(k) {
    if (/^[a-z0-9]+$/.test(k)) return k;
    return "_" + Array.prototype.map.call(new TextEncoder().encode(k), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function load(cache, url) {
    return cache[url] || (cache[url] = fetch(url).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { delete cache[url]; return null; }));
  }

  // As Searcher.Run: pages by how their fields match the query, then by the sum of their best score for each word.
  function rank(base, list) {
    return Promise.all(list.map(function (w) { return load(shards, base + "t/" + shardName(key(w)) + ".json"); })).then(function (found) {
      var total = {};
      found.forEach(function (shard, i) {
        if (!shard) return;
        var w = list[i], best = {}, where = {}, expansions = 0;
        shard.w.forEach(function (entry) {
          var factor = entry[0] === w ? 1 : w.length >= 3 && entry[0].indexOf(w) === 0 && expansions++ < MAX_EXPANSIONS ? PREFIX : 0;
          if (!factor) return;
          var p = shard.p[entry[1]];
          for (var j = 0, doc = 0; j + 2 < p.length; j += 3) {
            doc += p[j];
            var s = p[j + 1] * factor;
            if (s > (best[doc] || 0)) best[doc] = s;
            where[doc] = (where[doc] || 0) | p[j + 2];
          }
        });
        for (var doc in best) {
          var t = total[doc] || (total[doc] = { doc: +doc, score: 0, matched: 0, where: list.map(function () { return 0; }) });
          t.score += best[doc]; t.matched++; t.where[i] = where[doc];
        }
      });
      return Object.keys(total).map(function (k) { var t = total[k]; t.fit = fit(t.where); return t; })
        .sort(function (a, b) { return b.fit[0] - a.fit[0] || b.fit[1] - a.fit[1] || b.score - a.score || b.doc - a.doc; }).slice(0, SHOWN);
    });
  }

  // The results shown, each with its fragment (h.page), as Searcher.Run orders them.
  function find(base, list) {
    return rank(base, list).then(function (hits) {
      return Promise.all(hits.map(function (h) { return load(docs, base + "d/" + h.doc + ".json").then(function (d) { h.page = d; return h; }); }));
    }).then(function (hits) { return hits.filter(function (h) { return h.page; }); });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // A few words around the first matched one, each matched word in <mark> (as Snippet.Html on the server).
  function snippet(text, list) {
    var p = el("p"), re = /[\p{L}\p{Nd}]+/gu, all = [], m;
    while ((m = re.exec(text)) && all.length < 5000) all.push(m);
    function hit(m) { var w = fold(m[0]); return list.some(function (q) { return w === q || (q.length >= 3 && w.indexOf(q) === 0); }); }
    var first = 0;
    for (var i = 0; i < all.length; i++) if (hit(all[i])) { first = i; break; }
    var from = Math.max(0, first - 8), to = Math.min(all.length, from + 30);
    if (!all.length) return p;
    var at = all[from].index, out = from > 0 ? "… " : "";
    for (i = from; i < to; i++) {
      out += text.slice(at, all[i].index);
      if (hit(all[i])) { p.appendChild(document.createTextNode(out)); p.appendChild(el("mark", "", all[i][0])); out = ""; }
      else out += all[i][0];
      at = all[i].index + all[i][0].length;
    }
    p.appendChild(document.createTextNode(out + (to < all.length ? " …" : "")));
    return p;
  }

  function render(box, hits, list, query) {
    box.textContent = "";
    if (!query) return;
    if (!hits.length) { box.appendChild(el("p", "search-none", "No results for “" + query + "”.")); return; }
    var ol = el("ol");
    hits.forEach(function (h) {
      var li = el("li"), a = el("a", "", h.page.t);
      a.href = h.page.u;
      li.appendChild(a);
      var meta = [h.page.d, h.page.s].filter(Boolean).join(" · ");
      if (meta) li.appendChild(el("span", "search-meta", meta));
      li.appendChild(snippet(h.page.x, list));
      ol.appendChild(li);
    });
    box.appendChild(ol);
  }

  // Arrow keys move between the box and the results' links; Escape goes back to the box.
  function keys(input, box) {
    function links() { return Array.prototype.slice.call(box.querySelectorAll("a")); }
    function onKey(e) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && all.length) { e.preventDefault(); all[Math.min(at + 1, all.length - 1)].focus(); }
      else if (e.key === "ArrowUp" && at >= 0) { e.preventDefault(); (at === 0 ? input : all[at - 1]).focus(); }
      else if (e.key === "Escape" && (at >= 0 || box.firstChild)) {
        // The first Escape closes the header's panel and keeps the words (a search box's own Escape empties it).
        e.preventDefault();
        if (at < 0 && input.form.classList.contains("site-search")) box.textContent = "";
        input.focus();
      }
    }
    input.addEventListener("keydown", onKey);
    box.addEventListener("keydown", onKey);
  }

  function attach(input, box, page) {
    var form = input.form, base = form.getAttribute("action"), seq = 0, timer;
    function run() {
      var query = input.value.trim(), list = words(query), mine = ++seq;
      if (page) history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
      if (!list.length) { render(box, [], list, query); return; }
      find(base, list).then(function (hits) { if (mine === seq) render(box, hits, list, query); });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
    keys(input, box);
    // The header's panel closes when the focus leaves the box and its results (late enough for a click to land).
    if (!page) form.addEventListener("focusout", function () { setTimeout(function () { if (!form.contains(document.activeElement)) box.textContent = ""; }, 150); });
    if (page && input.value) run();
  }

  // Under node (the test that the client and the server agree) the script only hands its functions over.
  if (typeof module === "object" && module && module.exports) {
    module.exports = { terms: terms, words: words, find: find };
    return;
  }

  var page = document.querySelector("[data-search-page]");
  if (page) {
    var q = new URLSearchParams(location.search).get("q");
    if (q && !page.value) page.value = q.slice(0, MAX_QUERY);
    attach(page, document.getElementById("search-results"), true);
  }
  var header = document.querySelector(".site-search");
  if (header) {
    if (!document.querySelector("link[href='" + header.dataset.style + "']")) {
      var css = el("link"); css.rel = "stylesheet"; css.href = header.dataset.style; document.head.appendChild(css);
    }
    var panel = el("div", "search-results");
    panel.id = "site-search-results";
    panel.setAttribute("aria-live", "polite");
    header.appendChild(panel);
    header.q.setAttribute("aria-controls", panel.id);
    attach(header.q, panel, false);
    if (header.q.value) header.q.dispatchEvent(new Event("input"));
  }
})();
