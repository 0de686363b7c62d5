// Benchmark of the page around the engine (not a test): a workload is
// imported on the Scenarios screen and played at full speed to its
// run_until ("run until" jumps), then the page saves it. Reports, per file:
//   - play: wall time until the clock stops;
//   - saved: wall time until the save badge says everything is saved;
//   - long tasks (main-thread tasks over 50 ms) from play to saved;
//   - wasm memory after play, and per event held;
//   - reload: wall time from reload until the page is interactive again
//     at the same simulated time.
// Issue 13's targets: 10k played and saved ≤ 0.4 s, 100k ≤ 3 s, no task
// over 50 ms, ≤ 24 B of wasm memory per event, reload of 100k ≤ 1.5 s.
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
for (const file of scenarios) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/scenarios`);
  const until = await importScenario(page, file);
  await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 600_000 });
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask' });
  });
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
  const longest = long.length ? Math.max(...long) : 0;
  console.log(
    `${basename(file)}: play ${s(played)}, played and saved ${s(saved)}; ` +
      `long tasks ${long.length} (longest ${longest.toFixed(0)} ms); ` +
      `wasm memory ${mib(memory)} for ${held} events (${(memory / held).toFixed(0)} B each, all wasm memory); ` +
      `reload ${s(reload)}`,
  );
  await context.close();
}
await browser.close();
await server.close();
