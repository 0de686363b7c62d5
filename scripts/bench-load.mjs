// What the page benchmarks share: importing a scenario file from the
// Scenarios screen (the page must be on it).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** Imports `file` and confirms; resolves once the clock can play. Returns its run_until. */
export async function importScenario(page, file) {
  await page.waitForSelector('[data-testid=scenario-file-button]:not([disabled])');
  const text = await readFile(file, 'utf8');
  await page.setInputFiles('[data-testid=scenario-file-input]', {
    name: basename(file),
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await page.click('[data-testid=load-confirm]');
  await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
  return JSON.parse(text).run_until ?? '1d';
}
