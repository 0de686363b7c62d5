// Benchmark of the page around the engine (not a test): a workload is
// imported on the Scenarios screen and played at full speed to its
// run_until ("run until" jumps), then the page saves it. Reports, per file:
//   - play: wall time until the clock stops;
//   - saved: wall time until the save badge says everything is saved;
//   - long tasks (main-thread tasks over 50 ms) from play to saved;
//   - wasm memory after play, and per event held;
//   - reload: wall time from reload until the page is interactive again
//     at the same simulated time.
//   - time travel: the first move of the cursor (which takes the
//     checkpoints, in slices) and its long tasks, then the median and worst of nine moves to scattered
//     events, each until the page has painted.
// Issue 13's targets: 10k played and saved ≤ 0.4 s, 100k ≤ 3 s, no task
// over 50 ms, ≤ 24 B of wasm memory per event, reload of 100k ≤ 1.5 s,
// a rewind at 1M events (the 10k file) ≤ 100 ms.
//
//   node scripts/bench-page.mjs --dir dist [--scenario FILE ...]
import { basename } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { importScenario } from './bench-load.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/support.mjs';

const args = process.argv.slice(2);
const all = (name) => args.flatMap((a, i) => (a === `--${name}` ? [args[i + 1]] : []));
const dir = all('dir')[0] ?? 'dist';
const scenarios = all('scenario').length
  ? all('scenario')
  : ['../shared/bench/seq10-retry-10k.json', '../shared/bench/seq10-retry-100k.json'];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mib = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;

const paused = () =>
  document.querySelector('[data-testid=clock-play]')?.getAttribute('aria-label') === 'Play simulated time' &&
  Number(document.querySelector('[data-testid=clock-time]')?.dataset.ms) > 0;

async function events(page) {
  await page.click('[data-testid=workspace-menu]');
  const text = await page.textContent('[data-testid=workspace-summary]');
  await page.keyboard.press('Escape');
  await page.click('[data-testid=workspace-menu]').catch(() => {});
  return Number(/([\d,]+) events/.exec(text)?.[1].replaceAll(',', '') ?? NaN);
}

const server = await startServer({ dir, port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
console.log(`flowlab page: import, play at full speed, save, reload (release build, ${dir})`);
/** Collects the page's tasks over 50 ms in `window.__long`, from now on. */
const watchLongTasks = (page) =>
  page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask' });
  });

for (const file of scenarios) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/scenarios`);
  const until = await importScenario(page, file);
  await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 600_000 });
  await watchLongTasks(page);
  await page.click('[data-testid=clock-speed-max]');
  const started = Date.now();
  await page.fill('[data-testid=clock-until-input]', String(until));
  await page.press('[data-testid=clock-until-input]', 'Enter');
  await page.waitForFunction(paused, null, { timeout: 600_000, polling: 20 });
  const played = Date.now() - started;
  await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 600_000, polling: 20 });
  const saved = Date.now() - started;
  const long = await page.evaluate(() => window.__long);
  const memory = await page.evaluate(() => window.wasmBindings.wasm_memory_bytes());
  const clock = await page.getAttribute('[data-testid=clock-time]', 'data-ms');
  const held = await events(page);
  const reloadStarted = Date.now();
  await page.reload();
  await page.waitForFunction(
    (want) =>
      document.querySelector('[data-testid=clock-play]:not([disabled])') &&
      document.querySelector('[data-testid=clock-time]')?.dataset.ms === want,
    clock,
    { timeout: 600_000, polling: 20 },
  );
  const reload = Date.now() - reloadStarted;
  // After the reload: long tasks from here on.
  await watchLongTasks(page);
  const travel = await page.evaluate(async (total) => {
    const range = document.querySelector('[data-testid=clock-timeline]');
    const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    // A long move goes in slices (the first one readies time travel): the
    // cursor moves when they are done.
    const goTo = async (n) => {
      const t0 = performance.now();
      range.value = String(n);
      range.dispatchEvent(new Event('input', { bubbles: true }));
      await painted();
      while (range.getAttribute('aria-valuenow') !== String(n)) {
        if (performance.now() - t0 > 600_000) throw new Error(`the cursor is not at ${n}`);
        await painted();
      }
      return performance.now() - t0;
    };
    const first = await goTo(Math.floor(total / 2));
    // Long tasks are reported a little after they end.
    await new Promise((r) => setTimeout(r, 100));
    const firstLong = [...window.__long];
    const rewinds = [];
    for (let i = 1; i <= 9; i++) rewinds.push(await goTo(Math.floor((total * ((i * 7) % 10)) / 10)));
    await new Promise((r) => setTimeout(r, 100));
    const rewindLong = window.__long.slice(firstLong.length);
    rewinds.sort((a, b) => a - b);
    return { first, firstLong, rewindLong, median: rewinds[4], worst: rewinds[8] };
  }, held);
  const longest = long.length ? Math.max(...long) : 0;
  console.log(
    `${basename(file)}: play ${s(played)}, played and saved ${s(saved)}; ` +
      `long tasks ${long.length} (longest ${longest.toFixed(0)} ms); ` +
      `wasm memory ${mib(memory)} for ${held} events (${(memory / held).toFixed(0)} B each, all wasm memory); ` +
      `reload ${s(reload)}; ` +
      `first travel ${travel.first.toFixed(0)} ms (long tasks ${travel.firstLong.length}, longest ${Math.max(0, ...travel.firstLong).toFixed(0)} ms), then a rewind to render ${travel.median.toFixed(0)} ms (median of 9, worst ${travel.worst.toFixed(0)} ms; long tasks ${travel.rewindLong.length}, longest ${Math.max(0, ...travel.rewindLong).toFixed(0)} ms)`,
  );
  await context.close();
}
await browser.close();
await server.close();
