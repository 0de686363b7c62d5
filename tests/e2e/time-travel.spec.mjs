// Time travel: the timeline under the clock shows the world after any
// event. Stepping goes one event at a time, also through the many events of
// one instant; acting in the past asks before discarding what came later,
// and going on from the past reproduces the same run; the cursor survives
// a reload.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clockMs, downloadTrace, go, playUntil, ready, runUntil, waitForClock } from './support.mjs';
import { useApp } from './support.mjs';

const HOUR = 3_600_000;

async function position(page) {
  const text = await page.textContent('[data-testid=clock-position]');
  const m = /event (\d+) of (\d+)/.exec(text);
  assert.ok(m, `the timeline says where it is: ${text}`);
  return { at: Number(m[1]), of: Number(m[2]) };
}

async function badge(page) {
  const el = await page.$('[data-testid=state-badge]');
  return el ? el.getAttribute('data-state') : null;
}

async function waitSaved(page) {
  await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 30_000 });
}

/** Moves the timeline's slider to `n` as a drag would: input events on the way. */
async function dragTimelineTo(page, n) {
  const box = await page.locator('[data-testid=clock-timeline]').boundingBox();
  const { of } = await position(page);
  const y = box.y + box.height / 2;
  // The thumb's centre travels from half a thumb in to half a thumb short.
  const thumb = 16;
  const xOf = (k) => box.x + thumb / 2 + ((box.width - thumb) * k) / of;
  await page.mouse.move(xOf(of), y);
  await page.mouse.down();
  await page.mouse.move(xOf((of + n) / 2), y, { steps: 4 });
  await page.mouse.move(xOf(n), y, { steps: 4 });
  await page.mouse.up();
}

describe('time travel (release build)', { timeout: 180_000 }, () => {
  const app = useApp();

  it('steps back and forward through the states one execution passed at one instant', async () => {
    const { context, page, problems } = await app.open('/');
    await ready(page);
    await playUntil(page, HOUR);
    await go(page, '/runs/e1');
    await page.waitForSelector('[data-testid=execution-id]');
    const live = await badge(page);
    const present = await position(page);
    assert.equal(present.at, present.of, 'the cursor starts at the present');
    assert.equal(await page.$('[data-testid=clock-in-past]'), null);

    await page.click('[data-testid=clock-start]');
    assert.equal((await position(page)).at, 0);
    assert.equal(await clockMs(page), 0, 'the clock shows the instant of the cursor');
    assert.ok(await page.isVisible('[data-testid=clock-in-past]'));

    const seen = [];
    for (let i = 0; i < 40 && !seen.includes('RESOURCE_DISCOVERY'); i++) {
      await page.click('[data-testid=clock-forward]');
      const state = await badge(page);
      if (state && seen.at(-1) !== state) seen.push(state);
    }
    assert.deepEqual(seen, ['NEW', 'VALID', 'READY', 'RESOURCE_DISCOVERY'], 'each state of e1 is one step');
    assert.equal(await clockMs(page), 0, 'all of them happened at the start');
    assert.match(await page.textContent('[data-testid=clock-event]'), /e1 · READY → RESOURCE_DISCOVERY/);

    await page.click('[data-testid=clock-back]');
    assert.equal(await badge(page), 'READY', 'one step back undoes one event');
    await page.click('[data-testid=clock-end]');
    assert.deepEqual(await position(page), present);
    assert.equal(await badge(page), live, 'the present is as it was');
    assert.equal(await clockMs(page), HOUR);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('asks before going on from the past, and going on gives the same run again', async () => {
    const { context, page, problems } = await app.open('/');
    await ready(page);
    await playUntil(page, HOUR);
    const straight = await downloadTrace(page);
    const present = await position(page);

    await dragTimelineTo(page, Math.round(present.of * 0.4));
    const past = await position(page);
    assert.ok(past.at > 0 && past.at < present.of, `the drag moved the cursor into the past (${past.at})`);
    const then = await clockMs(page);
    assert.ok(then < HOUR, `the clock shows the past (${then} ms)`);

    await page.click('[data-testid=clock-play]');
    await page.waitForSelector('[data-testid=branch-dialog]');
    await page.click('[data-testid=branch-cancel]');
    assert.equal(await page.$('[data-testid=branch-dialog]'), null);
    assert.deepEqual(await position(page), past, 'staying in the past changes nothing');
    assert.equal(await page.getAttribute('[data-testid=clock-play]', 'aria-label'), 'Play simulated time');

    await runUntil(page, `${HOUR}ms`);
    await page.waitForSelector('[data-testid=branch-dialog]');
    const question = await page.textContent('[data-testid=branch-dialog]');
    assert.match(question, new RegExp(`event ${past.at} of ${present.of}`));
    await page.click('[data-testid=branch-discard]');
    await waitForClock(page, HOUR);
    const after = await position(page);
    assert.equal(after.at, after.of, 'after going on, the cursor is at the present');
    assert.equal(await page.$('[data-testid=clock-in-past]'), null);
    assert.equal(await downloadTrace(page), straight, 'the engine is deterministic: the same run again');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('keeps the cursor across a reload, and a branch is what the reload finds', async () => {
    const { context, page, problems } = await app.open('/');
    await ready(page);
    await playUntil(page, HOUR);
    await waitSaved(page);
    const present = await position(page);
    await page.click('[data-testid=clock-start]');
    for (let i = 0; i < 12; i++) await page.click('[data-testid=clock-forward]');
    const past = await position(page);
    assert.equal(past.at, 12);
    await waitSaved(page);
    await page.reload();
    await ready(page);
    assert.deepEqual(await position(page), past, 'the reload finds the cursor where it was');
    assert.ok(await page.isVisible('[data-testid=clock-in-past]'));

    // Going on from there: what is discarded stays discarded after a reload.
    await page.click('[data-testid=clock-step]');
    await page.click('[data-testid=branch-discard]');
    await page.waitForSelector('[data-testid=clock-in-past]', { state: 'detached' });
    await waitSaved(page);
    const branched = await position(page);
    assert.equal(branched.at, branched.of);
    assert.ok(branched.of < present.of, `later events were discarded (${branched.of} < ${present.of})`);
    const clock = await clockMs(page);
    await page.reload();
    await ready(page);
    assert.deepEqual(await position(page), branched);
    assert.equal(await clockMs(page), clock);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
