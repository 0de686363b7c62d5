// Benchmark of the page clock (not a test): a scenario is loaded from the
// Scenarios screen, then played at "as fast as possible" to its run_until
// while one screen is open, and the page reports every main-thread task
// longer than 50 ms (PerformanceObserver "longtask"). The issue's target:
// at any speed no task over 50 ms. Reports, per workload and screen:
//   - simulated span and wall time to reach it;
//   - long tasks: how many, the longest, their total;
//   - frames: intervals between animation frames, p50 / p95 / max;
//   - per engine slice of the page clock (the page's own figures, asked for
//     through window.__flowlabSlices): the time in the engine, and the time
//     from its end to the next task, in which the views catch up (mean and
//     longest), with the number of slices.
//
//   node scripts/bench-clock.mjs --dir dist [--scenario FILE ...] [--screens /runs,/lifecycle]
//        [--repeat N] [--dir dist-other ...]
// With several --dir (builds to compare) and --repeat, the builds take
// turns at each measure (a, b, a, b, …) and a summary gives, per build, the
// median over the repeats of the views' time per slice, and the pooled one.
// With --trace, a Chromium trace of each run splits the main thread's time
// per slice: the timer tasks beyond the engine (in the clock's: the change
// handed to the signals and the views' effects, run as microtasks in the
// same task; and the saver's timer tasks) and the rendering tasks (style,
// layout, paint).
import { basename } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { importScenario } from './bench-load.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/support.mjs';

const args = process.argv.slice(2);
const all = (name) => args.flatMap((a, i) => (a === `--${name}` ? [args[i + 1]] : []));
const opt = (name, fallback) => all(name)[0] ?? fallback;
const dirs = all('dir').length ? all('dir') : ['dist'];
const repeat = Number(opt('repeat', '1'));
const tracing = args.includes('--trace');
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit']);

/** Main-thread time in the clock's timer tasks and in rendering tasks. */
function splitTrace(buffer) {
  const parsed = JSON.parse(buffer.toString());
  const events = parsed.traceEvents ?? parsed;
  // The page's main thread: the renderer thread that fired the timers.
  const fired = new Map();
  for (const e of events.filter((e) => e.name === 'TimerFire')) {
    fired.set(`${e.pid}/${e.tid}`, (fired.get(`${e.pid}/${e.tid}`) ?? 0) + 1);
  }
  const main = [...fired].sort((a, b) => b[1] - a[1])[0]?.[0];
  const spans = events
    .filter((e) => `${e.pid}/${e.tid}` === main && e.ph === 'X' && e.dur)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  let timers = 0;
  let rendering = 0;
  for (let i = 0; i < spans.length; i++) {
    const task = spans[i];
    if (task.name !== 'RunTask') continue;
    const first = spans.slice(i + 1, i + 8).find((e) => e.ts < task.ts + task.dur && e.name !== 'RunTask');
    if (first?.name === 'TimerFire') timers += task.dur / 1000;
    else if (first && RENDERING.has(first.name)) rendering += task.dur / 1000;
  }
  return { timers, rendering };
}
const scenarios = all('scenario').length
  ? all('scenario')
  : ['samples/presets/campaign-validation.json', '../shared/bench/seq10-retry-10k.json'];
const screens = opt('screens', '/runs,/lifecycle,/,/approvals').split(',');

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : 0;
};
const ms = (v) => `${v.toFixed(0)} ms`;

async function go(page, path) {
  await page.evaluate((p) => {
    window.history.pushState({}, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

async function load(page, file) {
  await go(page, '/scenarios');
  return importScenario(page, file);
}

async function measure(page, screen, until) {
  await go(page, screen);
  await page.waitForTimeout(300);
  if (tracing) {
    await page.context().browser().startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  }
  await page.evaluate(() => {
    window.__bench = { long: [], frames: [] };
    window.__flowlabSlices = {};
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.long.push(e.duration);
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (t) => {
      window.__bench.frames.push(t - last);
      last = t;
      if (!window.__bench.done) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.click('[data-testid=clock-speed-max]');
  await page.fill('[data-testid=clock-until-input]', until);
  await page.press('[data-testid=clock-until-input]', 'Enter');
  // Done: paused again, the clock moved (every workload starts at 0).
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid=clock-play]')?.getAttribute('aria-label') === 'Play simulated time' &&
      Number(document.querySelector('[data-testid=clock-time]')?.dataset.ms) > 0,
    null,
    { timeout: 600_000, polling: 50 },
  );
  const wall = Date.now() - started;
  const trace = tracing ? splitTrace(await page.context().browser().stopTracing()) : null;
  const result = await page.evaluate(() => {
    window.__bench.done = true;
    return {
      long: window.__bench.long,
      frames: window.__bench.frames.slice(1),
      slices: { ...window.__flowlabSlices },
      clock: document.querySelector('[data-testid=clock-time]')?.textContent,
    };
  });
  return { wall, trace, ...result };
}

const servers = [];
for (const dir of dirs) servers.push({ dir, server: await startServer({ dir, port: 0 }) });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
console.log(
  `flowlab page clock at max speed (release builds: ${dirs.join(', ')}; ${repeat} time(s) each, in turns); long task = over 50 ms`,
);
const median = (xs) => quantile(xs, 0.5);
for (const file of scenarios) {
  for (const screen of screens) {
    const figures = new Map(dirs.map((d) => [d, []]));
    for (let i = 0; i < repeat; i++) {
      for (const { dir, server } of servers) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${server.url}/scenarios`);
        await page.waitForSelector('[data-testid=app-shell] main [data-testid^=screen-]');
        const until = await load(page, file);
        const r = await measure(page, screen, until);
        const longest = r.long.length ? Math.max(...r.long) : 0;
        const total = r.long.reduce((a, b) => a + b, 0);
        const n = r.slices.slices ?? 0;
        const per = (v) => (n ? `${(v / n).toFixed(2)} ms` : 'n/a');
        const engine = r.slices.engine ?? 0;
        const after = r.trace ? { clockTasks: r.trace.timers - engine, rendering: r.trace.rendering } : {};
        figures.get(dir).push({ n, views: r.slices.views ?? 0, engine, ...after });
        console.log(
          `${dirs.length > 1 ? `[${dir}] ` : ''}${basename(file)} on ${screen}: to ${r.clock} in ${ms(r.wall)} wall; ` +
            `long tasks ${r.long.length} (longest ${ms(longest)}, total ${ms(total)}); ` +
            `frames p50 ${ms(quantile(r.frames, 0.5))} p95 ${ms(quantile(r.frames, 0.95))} max ${ms(Math.max(0, ...r.frames))}; ` +
            `${n} slices: engine ${per(r.slices.engine ?? 0)}, views ${per(r.slices.views ?? 0)} ` +
            `(longest ${ms(r.slices.viewsMax ?? 0)}, total ${ms(r.slices.views ?? 0)}) per slice` +
            (r.trace
              ? `; traced per slice: timer tasks beyond the engine ${per(after.clockTasks)}, rendering ${per(after.rendering)}`
              : ''),
        );
        await context.close();
      }
    }
    if (repeat > 1 || dirs.length > 1) {
      for (const [dir, runs] of figures) {
        const measured = runs.filter((r) => r.n > 0);
        const sum = (k) => measured.reduce((a, r) => a + r[k], 0);
        const slices = sum('n');
        console.log(
          `  summary ${basename(file)} on ${screen} [${dir}]: views per slice median ` +
            `${median(measured.map((r) => r.views / r.n)).toFixed(2)} ms, pooled ${(sum('views') / slices).toFixed(2)} ms; ` +
            `engine per slice median ${median(measured.map((r) => r.engine / r.n)).toFixed(2)} ms; ` +
            `${measured.length} runs, ${slices} slices` +
            (tracing
              ? `; traced per slice, median: timer tasks beyond the engine ${median(measured.map((r) => r.clockTasks / r.n)).toFixed(2)} ms, ` +
                `rendering ${median(measured.map((r) => r.rendering / r.n)).toFixed(2)} ms`
              : ''),
        );
      }
    }
  }
}
await browser.close();
for (const { server } of servers) await server.close();
