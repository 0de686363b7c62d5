// The page clock against the release build: run until a time at full
// speed, step to the next event, and find the clock where it was after a
// reload (paused, at the saved simulated time).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clockMs, runUntil, useApp, waitForClock } from './support.mjs';

const DAY = 86_400_000;

describe('page clock (release build)', { timeout: 180_000 }, () => {
  const app = useApp();

  it('runs until a time, steps to the next event, and comes back paused after a reload', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    assert.equal(await clockMs(page), 0);

    await page.click('[data-testid=clock-speed-max]');
    assert.equal(await page.getAttribute('[data-testid=clock-speed-max]', 'aria-pressed'), 'true');
    await page.fill('[data-testid=clock-until-input]', '1d');
    await page.press('[data-testid=clock-until-input]', 'Enter');
    await waitForClock(page, DAY);
    assert.equal(await page.getAttribute('[data-testid=clock-play]', 'aria-label'), 'Play simulated time');
    assert.equal(await page.textContent('[data-testid=clock-time]'), 'Day 1 · 00:00:00');

    await page.click('[data-testid=clock-step]');
    await page.waitForSelector('[data-testid=clock-stepped]');
    const stepped = await clockMs(page);
    assert.ok(stepped > DAY, `a step moves the clock to the next deadline (${stepped})`);
    assert.match(await page.textContent('[data-testid=clock-stepped]'), /event/);

    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    await page.reload();
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    assert.equal(await clockMs(page), stepped, 'the clock comes back where it was');
    assert.equal(await page.getAttribute('[data-testid=clock-play]', 'aria-label'), 'Play simulated time');

    await page.fill('[data-testid=clock-until-input]', 'soon');
    await page.press('[data-testid=clock-until-input]', 'Enter');
    await page.waitForSelector('[data-testid=clock-until-error]');
    assert.match(await page.textContent('[data-testid=clock-until-error]'), /soon/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('jumps to a run-until time at any speed and pauses there', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');

    // At 600× "30m" would take 3 real seconds and used never to stop; at 60× "1d" would take 24 minutes.
    await page.click('[data-testid=clock-speed-600]');
    await runUntil(page, '30m');
    await waitForClock(page, 30 * 60_000, 2_500);
    await page.waitForSelector('[data-testid=clock-play][aria-label="Play simulated time"]');
    await page.waitForTimeout(500);
    assert.equal(await clockMs(page), 30 * 60_000, 'the clock stays at the run-until time');

    await page.click('[data-testid=clock-speed-60]');
    await runUntil(page, '1d');
    await waitForClock(page, DAY, 20_000);
    await page.waitForSelector('[data-testid=clock-play][aria-label="Play simulated time"]');
    assert.equal(await page.getAttribute('[data-testid=clock-speed-60]', 'aria-pressed'), 'true', 'the speed setting is kept');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('saves before the page goes: a reload right after a burst at 3600× comes back where it was', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await page.click('[data-testid=clock-speed-3600]');
    await page.click('[data-testid=clock-play]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=clock-time]')?.dataset.ms) > 2 * 3_600_000);
    // Unsaved work is at most one flush delay old here: at 3600× that is up to 18 simulated minutes.
    const before = await clockMs(page);
    await page.reload();
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    const after = await clockMs(page);
    assert.ok(after >= before, `the reload comes back at ${after} ms, not before ${before} ms`);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
