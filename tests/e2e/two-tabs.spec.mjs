// Two tabs on one workspace: the second shows it read-only, takes it over,
// and the run goes on from what the first saved, with no step run twice
// (the final trace equals an uninterrupted run's). A tab asked to hand over
// while it plays saves everything first: the other tab goes on from its
// last event.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clockMs, downloadTrace, openApp, runUntil, useApp, waitForClock, watchForErrors } from './support.mjs';

const TWO_DAYS = 2 * 86_400_000;

describe('two tabs (release build)', { timeout: 240_000 }, () => {
  const app = useApp();

  it('runs a workspace in one tab at a time, and hands over without repeating a step', async () => {
    const alone = await app.browser.newContext();
    const solo = await alone.newPage();
    await openApp(solo, app.server.url);
    await solo.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await solo.click('[data-testid=clock-speed-max]');
    await runUntil(solo, '2d');
    await waitForClock(solo, TWO_DAYS);
    const expected = await downloadTrace(solo);
    await alone.close();

    const context = await app.browser.newContext();
    const first = await context.newPage();
    const problems = watchForErrors(first);
    await openApp(first, app.server.url);
    await first.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await first.click('[data-testid=clock-speed-max]');
    await runUntil(first, '3h');
    await waitForClock(first, 3 * 3_600_000);
    await first.waitForSelector('[data-testid=save-state][data-state=saved]');

    const second = await context.newPage();
    await openApp(second, app.server.url);
    await second.waitForSelector('[data-testid=banner-read-only]');
    assert.equal(await second.isDisabled('[data-testid=clock-play]'), true, 'a read-only tab cannot run the clock');
    assert.equal(await second.getAttribute('[data-testid=clock-time]', 'data-ms'), String(3 * 3_600_000));

    await second.click('[data-testid=take-over]');
    await second.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await first.waitForSelector('[data-testid=banner-read-only]');
    assert.match(await first.textContent('[data-testid=banner-read-only]'), /took this workspace over/);
    assert.equal(await first.isDisabled('[data-testid=clock-play]'), true);

    await second.click('[data-testid=clock-speed-max]');
    await runUntil(second, '2d');
    await waitForClock(second, TWO_DAYS);
    assert.equal(await downloadTrace(second), expected);

    // When the running tab closes, the other one takes over by itself.
    await second.waitForSelector('[data-testid=save-state][data-state=saved]');
    await second.close();
    await first.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await first.waitForSelector('[data-testid=banner-read-only]', { state: 'detached' });
    assert.equal(await first.getAttribute('[data-testid=clock-time]', 'data-ms'), String(TWO_DAYS));
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('saves everything before it hands the lock to a tab that asks', async () => {
    const context = await app.browser.newContext();
    const first = await context.newPage();
    const problems = watchForErrors(first);
    await openApp(first, app.server.url);
    await first.waitForSelector('[data-testid=clock-play]:not([disabled])');
    const second = await context.newPage();
    await openApp(second, app.server.url);
    await second.waitForSelector('[data-testid=banner-read-only]');

    // Playing at 3600×, the first tab always has the last few hundred ms
    // (up to 18 simulated minutes) not yet written when the other asks.
    await first.click('[data-testid=clock-speed-3600]');
    await first.click('[data-testid=clock-play]');
    await first.waitForFunction(
      () => Number(document.querySelector('[data-testid=clock-time]')?.dataset.ms) > 3_600_000,
      null,
      { timeout: 30_000 },
    );
    await first.waitForSelector('[data-testid=save-state]:not([data-state=saved])');
    await second.click('[data-testid=take-over]');
    await second.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await first.waitForSelector('[data-testid=banner-read-only]');
    assert.match(await first.textContent('[data-testid=banner-read-only]'), /took this workspace over/);

    const handedAt = await clockMs(first);
    assert.equal(await clockMs(second), handedAt, 'the other tab goes on from the last instant shown here');
    const events = (page) => page.getAttribute('[data-testid=clock-timeline]', 'aria-valuemax');
    assert.equal(await events(second), await events(first), 'and from the last event');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
