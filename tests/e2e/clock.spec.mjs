// The page clock against the release build: run until a time at full
// speed, step to the next event, and find the clock where it was after a
// reload (paused, at the saved simulated time).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clockMs, useApp, waitForClock } from './support.mjs';

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
});
