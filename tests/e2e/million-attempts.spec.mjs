// An execution of a million attempts, against the release build: one action
// that always fails with `max_attempts` 1 000 000 and backoff 0, played to
// its end (5 million events). Its page opens without the app stopping, its
// history scrolls to the last attempt with only the lines in view in the
// page, it opens again after a reload, and the cursor moves through its
// log in slices.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, go, ready, useApp, waitForClock } from './support.mjs';

const DAY = 86_400_000;
const MILLION = {
  format: 'flowlab-scenario/1',
  x: { note: 'One action that always fails, a million attempts' },
  seed: 1,
  run_until: '12d',
  contacts: [{ id: 'c1', name: 'Ada Lovelace', email: 'ada@example.com', phone: null, tags: [], attributes: {} }],
  workflows: [
    {
      id: 'flaky',
      name: 'Always failing',
      trigger: { type: 'manual' },
      steps: [
        {
          id: 'send',
          kind: 'action',
          action: 'webhook',
          duration: '1s',
          retry: { max_attempts: 1000000, backoff: '0s' },
          fault: { always: true },
        },
      ],
    },
  ],
  script: [
    { at: 0, do: 'publish', workflow: 'flaky' },
    { at: 0, do: 'activate', workflow: 'flaky' },
    { at: 0, do: 'enroll', workflow: 'flaky', contacts: ['c1'] },
  ],
};

/** Opens /runs/e1 in the page and waits for its history; the time it took, ms. */
async function openExecution(page, how) {
  const started = Date.now();
  await how();
  await page.waitForSelector('[data-testid=execution-history] [data-testid=history-line], [data-testid=crash-banner]', {
    timeout: 60_000,
  });
  const ms = Date.now() - started;
  assert.equal(await page.locator('[data-testid=crash-banner]').count(), 0, 'the app did not stop');
  return ms;
}

describe('an execution of a million attempts (release build)', { timeout: 900_000 }, () => {
  const app = useApp();

  it('opens, scrolls to its last attempt, and opens again after a reload', async () => {
    const { context, page, problems } = await app.open('/scenarios', { viewport: { width: 1400, height: 900 } });
    await ready(page);
    await page.setInputFiles('[data-testid=scenario-file-input]', {
      name: 'million-attempts.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(MILLION)),
    });
    await page.click('[data-testid=load-confirm]');
    await waitForClock(page, 0);
    await ready(page);
    await page.click('[data-testid=clock-speed-max]');
    await page.fill('[data-testid=clock-until-input]', '12d');
    await page.press('[data-testid=clock-until-input]', 'Enter');
    await waitForClock(page, 12 * DAY, 600_000);
    await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 300_000 });

    const opened = await openExecution(page, () => go(page, '/runs/e1'));
    console.log(`# /runs/e1 opened in ${opened} ms (${new Date().toISOString()})`);
    assert.ok(opened < 10_000, `opens in reasonable time (${opened} ms)`);
    assert.equal(await page.textContent('[data-testid=execution-id]'), 'e1');

    const history = page.locator('[data-testid=execution-history]');
    const count = Number(await history.getAttribute('data-count'));
    assert.ok(count >= 4_000_000, `the whole history is counted (${count} lines)`);
    assert.match(await page.textContent('[data-testid=history-title]'), /^History · \d+ lines$/);
    const rendered = await page.locator('[data-testid=history-line]').count();
    assert.ok(rendered > 0 && rendered < 200, `only the lines in view are in the page (${rendered})`);
    const elided = page.locator('[data-testid=tl-elided]');
    assert.equal(await elided.count(), 1, 'the timeline counts the attempts it does not draw');
    assert.ok(Number(await elided.getAttribute('data-attempts')) > 999_000);
    assert.ok((await page.locator('[data-testid=tl-attempt]').count()) < 200);

    // Scrolling to the bottom shows the last lines: the last attempt among them.
    await history.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.waitForSelector(`[data-testid=history-line][data-index="${count - 1}"]`);
    await page.locator('[data-testid=step-timeline]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: await artifactPath('million-attempts-bottom.png') });
    await page.waitForTimeout(1_000);
    assert.equal(await page.locator(`[data-testid=history-line][data-index="${count - 1}"]`).count(), 1, 'the list stays where it was scrolled');
    const attempts = await page.locator('[data-testid=history-line][data-type=step_attempt]').evaluateAll((els) =>
      els.map((e) => [...e.querySelectorAll('.history-field')].map((f) => f.textContent.replace(/\s+/g, ' ').trim())),
    );
    const last = attempts.at(-1) ?? [];
    assert.ok(last.some((f) => /^attempt \d+$/.test(f)), `an attempt line is in view at the bottom: ${last}`);
    const n = Math.max(...attempts.map((fs) => Number(fs.find((f) => f.startsWith('attempt '))?.slice(8) ?? 0)));
    assert.ok(n >= 999_999, `the last attempt is there (attempt ${n})`);
    // Scrolling back up a little shows the lines just before, as the spacer is scaled.
    await history.evaluate((el) => { el.scrollTop -= 2_000; });
    await page.waitForFunction((count) => {
      const first = document.querySelector('[data-testid=history-line]');
      return first && Number(first.dataset.index) > count - 2_000 && Number(first.dataset.index) < count - 500;
    }, count);
    // A viewport tall enough for the whole page: a full-page screenshot
    // would scroll the history back to its top.
    await page.setViewportSize({ width: 1400, height: 1700 });
    await page.screenshot({ path: await artifactPath('million-attempts.png') });
    await page.setViewportSize({ width: 1400, height: 900 });

    // Again with the log already indexed: what opening the page itself costs.
    await go(page, '/runs');
    await page.waitForSelector('[data-testid=screen-runs]');
    const again = await openExecution(page, () => go(page, '/runs/e1'));
    console.log(`# /runs/e1 opened again from /runs in ${again} ms`);

    const reopened = await openExecution(page, () => page.reload());
    console.log(`# /runs/e1 opened again after a reload in ${reopened} ms`);
    assert.ok(reopened < 30_000);
    assert.equal(await page.textContent('[data-testid=execution-id]'), 'e1');

    // The first move into the past of 5 million events readies time travel
    // and moves in slices, saying so, while the page goes on; the cursor
    // lands where it was last asked to go.
    const range = page.locator('[data-testid=clock-timeline]');
    const total = Number(await range.getAttribute('aria-valuemax'));
    assert.ok(total >= 4_000_000, `the log holds ${total} events`);
    const moveTo = (n) =>
      range.evaluate((el, n) => {
        el.value = String(n);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }, n);
    const cursorAt = (want, timeout) =>
      page.waitForFunction(
        (want) => document.querySelector('[data-testid=clock-timeline]').getAttribute('aria-valuenow') === want,
        String(want),
        { timeout },
      );
    const moving = () =>
      page.waitForFunction(() => {
        const m = document.querySelector('[data-testid=clock-moving]');
        return m && [m.dataset.to, m.textContent];
      }, null, { polling: 'raf' }).then((h) => h.jsonValue());
    await moveTo(Math.floor(total / 3));
    const [to, said] = await moving();
    assert.equal(to, String(Math.floor(total / 3)));
    assert.match(said, /^going to event [\d,]+… \d+%$/);
    await page.screenshot({ path: await artifactPath('time-travel-moving.png'), clip: { x: 0, y: 0, width: 1400, height: 200 } });
    // A new destination while the first is not reached: the cursor lands there.
    const target = Math.floor(total / 2);
    await moveTo(target);
    await cursorAt(target, 120_000);
    assert.equal(await page.locator('[data-testid=clock-moving]').count(), 0);
    await page.waitForSelector('[data-testid=clock-in-past]');
    // One event back folds from the checkpoint before it, up to hundreds of
    // thousands of events here: it lands.
    await page.click('[data-testid=clock-back]');
    await cursorAt(target - 1, 120_000);
    // A rewind to the start lands too.
    await moveTo(10);
    await cursorAt(10, 120_000);
    assert.equal(await page.locator('[data-testid=clock-moving]').count(), 0);
    assert.equal(await page.locator('[data-testid=crash-banner]').count(), 0);
    assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
    await context.close();
  });
});
