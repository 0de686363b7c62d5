// Shared setup of the end-to-end specs: the release build in dist/ served on
// loopback, and Debian's Chromium driven by playwright-core (no browser
// download: Playwright launches /usr/bin/chromium, each launch with a fresh
// temporary profile that it deletes on close).
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** Serves dist/ on a free loopback port. */
export async function serveDist() {
  return startServer({ dir: `${ROOT}dist`, port: 0, host: '127.0.0.1' });
}

export async function artifactPath(name) {
  await mkdir(ARTIFACTS, { recursive: true });
  return `${ARTIFACTS}${name}`;
}

/** Collects console errors, uncaught exceptions and failed requests of a page. */
export function watchForErrors(page) {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** Opens `path` and waits until the app has rendered a screen. */
export async function openApp(page, baseUrl, path = '/') {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('[data-testid=app-shell] main [data-testid^=screen-]');
}

/** The page clock's simulated time, in ms. */
export async function clockMs(page) {
  return Number(await page.getAttribute('[data-testid=clock-time]', 'data-ms'));
}

/** Waits until the page clock reads `ms`. */
export async function waitForClock(page, ms, timeout = 60_000) {
  await page.waitForFunction(
    (want) => Number(document.querySelector('[data-testid=clock-time]')?.dataset.ms) === want,
    ms,
    { timeout },
  );
}

/** Types a time into "run until" and starts the clock. */
export async function runUntil(page, text) {
  await page.fill('[data-testid=clock-until-input]', text);
  await page.press('[data-testid=clock-until-input]', 'Enter');
}

/** The trace so far, through the workspace menu's download. */
export async function downloadTrace(page) {
  const { readFile } = await import('node:fs/promises');
  await page.click('[data-testid=workspace-menu]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid=download-trace]'),
  ]);
  return readFile(await download.path(), 'utf8');
}

/** The centre of the first element `selector` matches, in page pixels. */
export async function centre(page, selector) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags with the mouse in small steps, as a hand would. */
export async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/** Waits until the clock can be used (the workspace is loaded and runs here). */
export async function ready(page) {
  await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
}

/** Client-side navigation: the running workspace stays (no reload). */
export async function go(page, path) {
  await page.evaluate((p) => {
    window.history.pushState({}, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** Plays at full speed until the clock reads `ms`. */
export async function playUntil(page, ms) {
  await page.click('[data-testid=clock-speed-max]');
  await page.fill('[data-testid=clock-until-input]', `${ms}ms`);
  await page.press('[data-testid=clock-until-input]', 'Enter');
  await waitForClock(page, ms);
}

/** Loads a built-in preset from the Scenarios screen into a fresh workspace. */
export async function loadPreset(page, file) {
  await go(page, '/scenarios');
  await page.click(`[data-testid=preset-load][data-file="${file}"]`);
  await page.click('[data-testid=load-confirm]');
  await page.waitForSelector('[data-testid=screen-runs]');
  await waitForClock(page, 0);
  await ready(page);
}

/**
 * Serves the release build and launches Chromium around one `describe`
 * block: call it at the block's top, then use `app.open(path, options)`,
 * or `app.server` and `app.browser`, in its tests.
 */
export function useApp() {
  const app = { server: undefined, browser: undefined };
  before(async () => {
    app.server = await serveDist();
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  /** A new context and page on `path`, with its error watcher. */
  app.open = async (path = '/', options = {}) => {
    const context = await app.browser.newContext(options);
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await openApp(page, app.server.url, path);
    return { context, page, problems };
  };
  return app;
}
