// Search, Lemma against Pagefind, in headless Chromium over the same built site (bench/search.sh runs this).
//   NODE_DIR=dir node bench/search_bench.mjs SITE_DIR CORPUS_DIR QUERIES  (playwright-core in NODE_DIR; CHROMIUM=/usr/bin/chromium)
//   node bench/search_bench.mjs SITE_DIR CORPUS_DIR QUERIES --print-queries  (the queries and their targets, as JSON)
// Known-item queries come from the corpus (see "Queries" below: title words and two words of a heading, chosen to name
// one post), every third with its last word cut to a prefix (as while typing). Each query runs in a
// new browser context (cold cache), then a second query in the same context (warm). Bytes are what went over the
// wire for search (compressed: text is served gzipped, Pagefind's own files are gzipped already): Lemma's client,
// its CSS, shards and fragments; Pagefind's pagefind.js, WASM, entry, meta, chunks and fragments. Pages shown: 10.
import { createRequire } from "node:module";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";


const [site, corpus, count = "200"] = process.argv.slice(2);
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml" };
const gz = new Map();
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (p.endsWith("/")) p += "index.html";
  const file = path.join(site, p);
  if (!file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end(); }
  const type = types[path.extname(file)];
  const headers = { "content-type": type || "application/octet-stream", "cache-control": "max-age=3600" };
  if (type && /gzip/.test(req.headers["accept-encoding"] || "")) {
    if (!gz.has(file)) gz.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    res.writeHead(200, { ...headers, "content-encoding": "gzip" });
    return res.end(gz.get(file));
  }
  res.writeHead(200, headers);
  res.end(fs.readFileSync(file));
});
await new Promise(r => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
fs.writeFileSync(path.join(site, "bench-blank.html"), "<!doctype html><title>bench</title>");

// Queries: a seeded pick of posts, each with its URL. The synthetic corpus repeats titles (up to 7 posts share one)
// and its headings are other posts' titles, so neither a title nor a heading alone names one post. A query is the
// title's words (up to five) and the first two words of one of the post's headings, that heading chosen (in a seeded
// order) so that no other published post has a title with those title words and a heading with those heading words: a query
// that names one post, as a reader's would. A post with no such heading is skipped. Every third query has its last
// word cut to a prefix (as while typing), and it still names one post.
let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const dir = path.join(corpus, "content", "posts");
const files = fs.readdirSync(dir).filter(f => f.endsWith(".md")).sort();
const words = s => s.split(/\s+/).filter(w => w.length > 2 && !/^(the|and|for|with|from|that|this)$/i.test(w));
const terms = s => s.toLowerCase().match(/[a-z0-9]+/g) || [];
const posts = files.map(f => {
  const text = fs.readFileSync(path.join(dir, f), "utf8");
  const title = (text.match(/^title: "?(.*?)"?$/m) || [])[1], slug = (text.match(/^slug: (.*)$/m) || [])[1];
  const date = Date.parse((text.match(/^date: (.*)$/m) || [])[1] || ""), draft = /^draft: true$/m.test(text);
  return { title, slug, published: !draft && !(date > Date.now()), headings: [...text.matchAll(/^##+ (.*)$/gm)].map(m => m[1]), titleTerms: title ? terms(title) : [] };
// Drafts and future posts are not on the site: neither targets nor rivals.
}).filter(p => p.title && p.slug && p.published);
// The posts whose title has every one of `t` and one of whose headings has every one of `h` (the last a prefix).
const has = (list, ws, prefixLast) => ws.every((w, i) => list.some(x => prefixLast && i === ws.length - 1 ? x.startsWith(w) : x === w));
const naming = (t, h, prefix) => posts.filter(p => has(p.titleTerms, t, false) && p.headings.some(x => has(terms(x), h, prefix))).length;
const queries = [], used = new Set();
const only = process.argv.includes("--print-queries");
while (queries.length < +count) {
  const post = posts[Math.floor(rand() * posts.length)];
  if (used.has(post.slug) || !post.headings.length) continue;
  const prefix = queries.length % 3 === 2;
  const order = post.headings.map(h => [rand(), h]).sort((a, b) => a[0] - b[0]).map(x => x[1]);
  for (const heading of order) {
    const tw = words(post.title).slice(0, 5), q = [...tw, ...words(heading).slice(0, 2)];
    if (prefix && q[q.length - 1].length > 4) q[q.length - 1] = q[q.length - 1].slice(0, Math.max(3, q[q.length - 1].length - 3));
    if (q.length === tw.length || naming(terms(tw.join(" ")), terms(q.slice(tw.length).join(" ")), prefix) !== 1) continue;
    queries.push({ q: q.join(" "), url: `/posts/${post.slug}/` });
    used.add(post.slug);
    break;
  }
}
if (only) { console.log(JSON.stringify(queries)); server.close(); fs.unlinkSync(path.join(site, "bench-blank.html")); process.exit(0); }

// playwright-core from NODE_DIR (bench/search.sh installs it there).
const { chromium } = createRequire(path.join(process.env.NODE_DIR || process.cwd(), "x.js"))("playwright-core");

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium" });

async function lemma(page, q) {
  await page.goto(`${base}/search/?q=${encodeURIComponent(q)}`);
  await page.waitForSelector("#search-results li, #search-results .search-none", { timeout: 30000 });
  return page.evaluate(() => ({ urls: [...document.querySelectorAll("#search-results li a")].map(a => a.getAttribute("href")), ms: performance.now() }));
}
async function pagefind(page, q) {
  await page.goto(`${base}/bench-blank.html`);
  return page.evaluate(async q => {
    const pf = await import("/pagefind/pagefind.js");
    const found = await pf.search(q);
    const shown = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
    return { urls: shown.map(d => d.url), ms: performance.now() };
  }, q);
}

const engines = { lemma: { run: lemma, wire: u => /\/assets\/(js|css)\/search\.|\/search\/[td]\//.test(u) }, pagefind: { run: pagefind, wire: u => u.includes("/pagefind/") } };
const out = {};
for (const [name, engine] of Object.entries(engines)) {
  const bytes = [], cold = [], warm = [];
  let top3 = 0, top1 = 0;
  for (let i = 0; i < queries.length; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sizes = [];
    let counting = true;
    // A request that ends after the count (the warm query's) is not counted, and its sizes are never asked for: the
    // context may be closed by then.
    page.on("requestfinished", r => { if (counting && engine.wire(r.url())) sizes.push(r.sizes().then(s => s.responseBodySize, () => 0)); });
    const first = await engine.run(page, queries[i].q);
    await page.waitForTimeout(100);
    counting = false;
    bytes.push((await Promise.all(sizes)).reduce((a, b) => a + b, 0));
    cold.push(first.ms);
    const rank = first.urls.indexOf(queries[i].url);
    if (rank >= 0 && rank < 3) top3++;
    if (rank === 0) top1++;
    warm.push((await engine.run(page, queries[(i + 1) % queries.length].q)).ms);
    await context.close();
  }
  const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
  out[name] = { queries: queries.length, bytes_median: q(bytes, 0.5), bytes_p95: q(bytes, 0.95), top3: top3 / queries.length, top1: top1 / queries.length,
    cold_ms_median: Math.round(q(cold, 0.5)), warm_ms_median: Math.round(q(warm, 0.5)) };
}
await browser.close();
server.close();
fs.unlinkSync(path.join(site, "bench-blank.html"));
console.log(JSON.stringify({ sample: queries.slice(0, 5), ...out }, null, 1));
