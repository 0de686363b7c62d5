// Benchmark of the engine as wasm under Node (not a test: prints figures,
// asserts nothing). The module is bench/engine's lib built for
// wasm32-unknown-unknown and bound with `wasm-bindgen --target nodejs`;
// scripts/bench-engine.sh builds it into target/bench-wasm. All timing is
// here, with performance.now(): the Rust side has no clock.
//
//   node bench/engine/run-wasm.cjs [--runs N] [--pkg DIR] [FILE.json...]
//
// Per file: parse (new Prepared), the median and best of N summary-mode runs
// (run_quiet + summary line), one run_summary end to end (parse + run), step
// attempts from the final state, events from one recording pass, and memory:
// the wasm linear memory (it only grows: the module's peak heap),
// process.memoryUsage() after the runs, and the process's peak RSS so far.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const repo = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
let runs = 5;
let pkgDir = path.join(repo, 'target/bench-wasm');
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--pkg') pkgDir = path.resolve(args[++i]);
  else files.push(path.resolve(args[i]));
}
if (!(runs > 0)) throw new Error('--runs wants a positive number');
if (files.length === 0) {
  const dir = path.resolve(repo, '../shared/bench');
  files.push(path.join(dir, 'seq10-retry-10k.json'), path.join(dir, 'seq10-retry-100k.json'));
}
const modulePath = path.join(pkgDir, 'flowlab_bench.js');
if (!fs.existsSync(modulePath)) throw new Error(`no ${modulePath}: build it first (scripts/bench-engine.sh)`);
const wasm = require(modulePath);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
const rate = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(1)} k/s`);
const ms = (x) => `${x.toFixed(1)} ms`;
const timed = (f) => {
  const t0 = performance.now();
  const v = f();
  return [performance.now() - t0, v];
};

const results = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const name = path.basename(file);

  // One end-to-end call of the exported run_summary (also warms the module up).
  const [e2e, out] = timed(() => wasm.run_summary(text));
  const counts = JSON.parse(out);

  let prepared = null;
  const parses = [];
  for (let i = 0; i < runs; i++) {
    if (prepared) prepared.free();
    const [t, p] = timed(() => new wasm.Prepared(text));
    parses.push(t);
    prepared = p;
  }
  const times = [];
  let last = null;
  for (let i = 0; i < runs; i++) {
    const [t, o] = timed(() => prepared.run());
    times.push(t);
    last = JSON.parse(o);
  }
  if (last.step_attempts !== counts.step_attempts) throw new Error(`${name}: runs disagree`);
  const events = JSON.parse(prepared.count_events());
  if (events.step_attempt !== last.step_attempts || events.compensation !== last.compensation_attempts) {
    throw new Error(`${name}: event counts ${JSON.stringify(events)} disagree with the state's ${out}`);
  }
  prepared.free();
  const mem = process.memoryUsage();
  results.push({
    name,
    executions: last.executions,
    attempts: last.step_attempts + last.compensation_attempts,
    stepAttempts: last.step_attempts,
    compensations: last.compensation_attempts,
    events: events.events,
    parse: Math.min(...parses),
    e2e,
    median: median(times),
    best: Math.min(...times),
    linear: wasm.memory_bytes(),
    rss: mem.rss,
    heapUsed: mem.heapUsed,
    external: mem.external,
    maxRss: process.resourceUsage().maxRSS * 1024,
    summaryExecutions: JSON.stringify(last.summary.executions),
  });
}

const rows = [
  ['executions', (r) => String(r.executions)],
  ['parse (best)', (r) => ms(r.parse)],
  ['run wall, median (best)', (r) => `${ms(r.median)} (${r.best.toFixed(1)})`],
  ['run_summary, first call', (r) => ms(r.e2e)],
  ['step attempts (+compens.)', (r) => `${r.stepAttempts} (+${r.compensations})`],
  ['attempts/s', (r) => rate(r.attempts / (r.median / 1e3))],
  ['ns per attempt', (r) => ((r.median * 1e6) / r.attempts).toFixed(1)],
  ['executions/s', (r) => rate(r.executions / (r.median / 1e3))],
  ['events folded', (r) => String(r.events)],
  ['events/s', (r) => rate(r.events / (r.median / 1e3))],
  ['wasm linear memory', (r) => mib(r.linear)],
  ['rss after runs', (r) => mib(r.rss)],
  ['peak RSS so far (maxRSS)', (r) => mib(r.maxRss)],
  ['JS heapUsed / external', (r) => `${mib(r.heapUsed)} / ${mib(r.external)}`],
];
const labelW = Math.max(...rows.map(([l]) => l.length));
const cells = rows.map(([, f]) => results.map(f));
const colW = results.map((r, i) => Math.max(r.name.length, ...cells.map((c) => c[i].length)));
console.log(`flowlab-bench wasm under Node ${process.version} (${runs} runs per file; summary mode, recording off)`);
console.log(' '.repeat(labelW) + results.map((r, i) => '  ' + r.name.padStart(colW[i])).join(''));
rows.forEach(([label], j) => {
  console.log(label.padEnd(labelW) + cells[j].map((c, i) => '  ' + c.padStart(colW[i])).join(''));
});
for (const r of results) console.log(`${r.name}: summary executions ${r.summaryExecutions}`);
if (results.length === 2) {
  const [a, b] = results;
  const per = (r) => (r.median * 1e6) / r.attempts;
  console.log(`cost per attempt, ${b.name} vs ${a.name}: ${(per(b) / per(a)).toFixed(2)}x (${per(b).toFixed(1)} vs ${per(a).toFixed(1)} ns)`);
}
