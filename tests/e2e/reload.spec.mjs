// Reload is exact: the built-in workspace run to 2d in one go, and the same
// run interrupted by reloads at random moments (saved or not), give the
// same trace, byte for byte. Also: the commands a person gave come back
// (a scenario export still has them), and reset asks first and restores the
// sample.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  downloadTrace,
  go,
  loadPreset,
  openApp,
  playUntil,
  ready,
  runUntil,
  useApp,
  waitForClock,
  watchForErrors,
} from './support.mjs';

const TWO_DAYS = 2 * 86_400_000;

describe('reload is exact (release build)', { timeout: 240_000 }, () => {
  const app = useApp();

  it('gives the same trace with and without reloads at random moments', async () => {
    const straight = await app.browser.newContext();
    const a = await straight.newPage();
    const problemsA = watchForErrors(a);
    await openApp(a, app.server.url);
    await ready(a);
    await a.click('[data-testid=clock-speed-max]');
    await runUntil(a, '2d');
    await waitForClock(a, TWO_DAYS);
    const expected = await downloadTrace(a);
    assert.ok(expected.split('\n').length > 100, 'the sample workspace does things in two days');
    assert.deepEqual(problemsA, []);
    await straight.close();

    const interrupted = await app.browser.newContext();
    const b = await interrupted.newPage();
    await openApp(b, app.server.url);
    await ready(b);
    await b.click('[data-testid=clock-speed-3600]');
    await runUntil(b, '2d');
    const seed = Date.now();
    console.log(`reload points from seed ${seed}`);
    let x = seed;
    for (let i = 0; i < 3; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      await b.waitForTimeout(200 + (x % 900));
      await b.reload();
      await ready(b);
      assert.equal(
        await b.getAttribute('[data-testid=clock-play]', 'aria-label'),
        'Play simulated time',
        'the clock comes back paused',
      );
      await runUntil(b, '2d');
    }
    await b.click('[data-testid=clock-speed-max]');
    await runUntil(b, '2d');
    await waitForClock(b, TWO_DAYS);
    const got = await downloadTrace(b);
    assert.equal(got, expected);
    await interrupted.close();
  });

  it('keeps the commands a person gave', async () => {
    const { context, page, problems } = await app.open('/');
    await ready(page);
    await loadPreset(page, 'rollback-unsafe.json');
    await playUntil(page, 30 * 60_000);
    await go(page, '/runs/e1');
    await page.click('[data-testid=action-rollback]');
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=FAILED_SAFE]');
    await page.click('[data-testid=action-ack]');
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=FAILED_SAFE_ACK]');
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');

    await page.reload();
    await ready(page);
    await go(page, '/scenarios');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-scenario]')]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.match(exported.x.note, / 2 command\(s\) given in the page/);
    assert.deepEqual(
      exported.script.filter((c) => c.execution === 'e1').map((c) => [c.at, c.do]),
      [[1_800_000, 'rollback'], [1_800_000, 'ack']],
    );
    const result = await page.waitForSelector('[data-testid=export-result]');
    assert.equal(await result.getAttribute('data-reproduces'), 'true', await result.textContent());
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('resets the workspace only after asking', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await openApp(page, app.server.url);
    await ready(page);
    await page.click('[data-testid=clock-speed-max]');
    await runUntil(page, '3h');
    await waitForClock(page, 3 * 3_600_000);

    await page.click('[data-testid=workspace-menu]');
    await page.click('[data-testid=reset-workspace]');
    await page.click('[data-testid=reset-cancel]');
    assert.equal(await page.getAttribute('[data-testid=clock-time]', 'data-ms'), String(3 * 3_600_000));

    await page.click('[data-testid=workspace-menu]');
    await page.click('[data-testid=reset-workspace]');
    await page.click('[data-testid=reset-confirm]');
    await waitForClock(page, 0);
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    await page.reload();
    await ready(page);
    assert.equal(await page.getAttribute('[data-testid=clock-time]', 'data-ms'), '0');
    assert.equal(await downloadTrace(page), '', 'nothing has happened in the fresh workspace');
    await context.close();
  });
});
