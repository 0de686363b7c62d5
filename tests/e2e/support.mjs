// Shared setup of the end-to-end specs: the release build in dist/ served on
// loopback, and Debian's Chromium driven by playwright-core (no browser
// download: Playwright launches /usr/bin/chromium, each launch with a fresh
// temporary profile that it deletes on close).
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
