// Benchmark of the editor (not a test): a generated workflow of N steps is
// imported into a new workflow, then one node is dragged across the canvas
// with the mouse while the page records its frames. Reports, per size:
//   - load: from choosing the file to every node on the canvas;
//   - per move: the pointer handler plus style and layout (forced right
//     after the event), p50 / p95 / max;
//   - frames: the intervals between animation frames during the drag,
//     p50 / p95 / max (the target: ≤ 16 ms per frame at 300 steps);
//   - drop: from releasing the mouse (the move as one undo entry, told to
//     the engine, validated) to the next frame.
//
//   node scripts/bench-editor.mjs --dir dist [--sizes 300,1000] [--moves 120]
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/support.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = opt('dir', 'dist');
const sizes = opt('sizes', '300,1000').split(',').map(Number);
const moves = Number(opt('moves', '120'));

/** A workflow of `n` steps in rows of 10: actions with retries, waits,
 * and every seventh step a condition whose `no` skips ahead. */
export function generate(n) {
  const steps = [];
  for (let i = 0; i < n; i++) {
    const id = `s${i + 1}`;
    const pos = { x: (i % 10) * 320, y: Math.floor(i / 10) * 128 };
    const next = i + 1 < n ? `s${i + 2}` : null;
    if (i === n - 1) {
      steps.push({ id, kind: 'end', pos });
    } else if (i % 7 === 3) {
      const skip = `s${Math.min(i + 4, n)}`;
      steps.push({ id, kind: 'condition', filter: { attribute: 'score', op: '>=', value: i }, yes: next, no: skip, pos });
    } else if (i % 5 === 2) {
      steps.push({ id, kind: 'wait', duration: '1h', next, pos });
    } else {
      steps.push({
        id, kind: 'action', name: `Step ${i + 1}`, action: i % 2 ? 'email' : 'webhook', duration: '2s',
        retry: { max_attempts: 3, backoff: '1m' }, on_fail: { action: 'continue' }, next, pos,
      });
    }
  }
  return { id: `bench_${n}`, name: `Bench ${n}`, trigger: { type: 'manual' }, steps };
}

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

const server = await startServer({ dir, port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const tmp = await mkdtemp(join(tmpdir(), 'bench-editor-'));
const results = [];
try {
  for (const n of sizes) {
    const file = join(tmp, `bench_${n}.json`);
    await writeFile(file, JSON.stringify(generate(n)));
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.click('[data-testid=new-workflow]');
    await page.waitForSelector('[data-testid=canvas-empty]');

    const t0 = Date.now();
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForFunction((k) => document.querySelectorAll('[data-testid=node]').length === k, n, { timeout: 120_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const load = Date.now() - t0;

    await page.evaluate(() => {
      const w = window;
      w.__moves = [];
      w.__frames = [];
      w.__recording = false;
      window.addEventListener('pointermove', () => { w.__t = performance.now(); }, { capture: true });
      window.addEventListener('pointermove', () => {
        if (!w.__recording) return;
        document.body.getBoundingClientRect();
        void document.querySelector('[data-testid=canvas]').getBBox?.();
        w.__moves.push(performance.now() - w.__t);
      });
      let last = performance.now();
      const loop = (t) => {
        if (w.__recording) w.__frames.push(t - last);
        last = t;
        w.__raf = requestAnimationFrame(loop);
      };
      w.__raf = requestAnimationFrame(loop);
    });

    // Drag the first node of the third row: it has links in and out.
    const target = page.locator('[data-testid=node][data-step-id=s21] .node-title');
    const box = await target.boundingBox();
    const start = { x: box.x + 10, y: box.y + box.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.evaluate(() => { window.__recording = true; });
    for (let i = 1; i <= moves; i++) {
      const a = (i / moves) * Math.PI * 2;
      await page.mouse.move(start.x + 220 * Math.sin(a), start.y + 140 * (1 - Math.cos(a)) / 2 + i);
    }
    await page.evaluate(() => { window.__recording = false; });
    const dropT = Date.now();
    await page.mouse.up();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    const drop = Date.now() - dropT;
    const moved = await page.locator('[data-testid=node][data-step-id=s21]').getAttribute('transform');
    const { moveTimes, frames } = await page.evaluate(() => ({ moveTimes: window.__moves, frames: window.__frames }));
    const undo = await page.getAttribute('[data-testid=undo]', 'title');
    results.push({ n, load, moveTimes, frames, drop, moved, undo });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

for (const r of results) {
  const framesNoFirst = r.frames.slice(1);
  console.log(`${r.n} steps`);
  console.log(`  load (import → every node drawn): ${r.load} ms`);
  console.log(`  per move (handler + style + layout, ${r.moveTimes.length} moves): p50 ${ms(q(r.moveTimes, 0.5))}, p95 ${ms(q(r.moveTimes, 0.95))}, max ${ms(Math.max(...r.moveTimes))}`);
  console.log(`  frame intervals while dragging (${framesNoFirst.length} frames): p50 ${ms(q(framesNoFirst, 0.5))}, p95 ${ms(q(framesNoFirst, 0.95))}, max ${ms(Math.max(...framesNoFirst))}`);
  console.log(`  drop (commit, engine edit, validation → next frame): ${r.drop} ms`);
  console.log(`  node ended at ${r.moved}; ${r.undo}`);
}
