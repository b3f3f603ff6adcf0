// Peer throughput on the same corpus: KaTeX (output 'mathml') and Temml under Node, one thread.
//   npm install katex temml   (in a scratch folder)
//   NODE_PATH=<folder>/node_modules node bench/Lemma.Math.Bench/peers.cjs tests/Lemma.Math.Tests/corpus/formulas.jsonl
// Prints formulas/s by wall time and by process CPU time (robust on a busy machine), median of 7 reps of 10 passes,
// after 3 s of process CPU time of warm-up per engine (the same as Program.cs --quick gives .NET's tiered JIT).
const fs = require("fs");
const katex = require("katex");
const temml = require("temml");
const rows = fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean).map(JSON.parse);
const engines = {
  "katex-mathml": (r) => katex.renderToString(r.tex, { output: "mathml", displayMode: r.display, throwOnError: false, strict: false, macros: { ...(r.macros || {}) } }),
  temml: (r) => temml.renderToString(r.tex, { displayMode: r.display, throwOnError: false, macros: { ...(r.macros || {}) } }),
};
for (const [name, render] of Object.entries(engines)) {
  const warm = process.cpuUsage();
  const spent = () => { const c = process.cpuUsage(warm); return (c.user + c.system) / 1e6; };
  while (spent() < 3) for (const r of rows) render(r);
  const wall = [], cpu = [];
  for (let rep = 0; rep < 7; rep++) {
    const c0 = process.cpuUsage(), t0 = process.hrtime.bigint();
    for (let k = 0; k < 10; k++) for (const r of rows) render(r);
    wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  wall.sort((a, b) => a - b); cpu.sort((a, b) => a - b);
  const n = rows.length * 10;
  console.log(`${name.padEnd(13)} wall: ${Math.round(n / wall[3])} formulas/s; cpu: ${Math.round(n / cpu[3])} formulas/s`);
}
