// An operator's Stop and Rollback on an execution's page, against the release
// build: Stop on a running execution of the built-in workspace (CANCELLED,
// then auto-acknowledged, lit; the stop and its reason in the history),
// Rollback refused with its reason where it does not apply, and Rollback
// pressed on the FAILED_UNSAFE execution of the rollback-unsafe preset
// (FAILED_SAFE lit; the compensation that now succeeds and the new state in
// the history).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, go, playUntil, ready, useApp, waitForClock } from './support.mjs';

/** The history's lines of `type`, each as `key value` pairs joined by spaces. */
async function historyLines(page, type) {
  return page.locator(`[data-testid=history-line][data-type=${type}]`).evaluateAll((els) =>
    els.map((e) =>
      [...e.querySelectorAll('.history-field')]
        .map((f) => [...f.children].map((c) => c.textContent.trim()).join(' '))
        .join(' '),
    ),
  );
}

describe('stop and rollback from an execution page (release build)', { timeout: 180_000 }, () => {
  const app = useApp();

  it('stops a running execution of the built-in workspace: cancelled, in its history and the runs table', async () => {
    const { context, page, problems } = await app.open('/runs', { viewport: { width: 1440, height: 1000 } });
    await ready(page);
    await playUntil(page, 10 * 60_000);

    await page.selectOption('[data-testid=filter-workflow]', 'welcome');
    const running = page.locator('[data-testid=run-row][data-state=RUNNING]').first();
    await running.waitFor();
    const id = await running.getAttribute('data-execution');
    await running.locator('[data-testid=run-link]').click();
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=RUNNING]');
    assert.equal(await page.textContent('[data-testid=execution-id]'), id);
    assert.ok(await page.isDisabled('[data-testid=action-rollback]'), 'a running execution has nothing to roll back');
    assert.match(await page.getAttribute('[data-testid=action-rollback]', 'title'), /Only a FAILED_UNSAFE execution/);
    assert.ok(await page.isDisabled('[data-testid=action-ack]'));

    await page.click('[data-testid=action-stop]');
    await page.click('[data-testid=stop-confirm]');
    // The welcome series acknowledges its ends by itself (auto_ack): CANCELLED, then CANCELLED_ACK.
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=CANCELLED_ACK]');
    // The stop is drawn on the path: RUNNING → CANCELLED → CANCELLED_ACK, unbroken.
    const stopEdge = page.locator('[data-testid=lc-edge][data-from=RUNNING][data-to=CANCELLED]');
    assert.equal(await stopEdge.count(), 1, 'an arrow from RUNNING to CANCELLED');
    assert.equal(await stopEdge.getAttribute('data-traced'), 'true');
    assert.equal(await stopEdge.getAttribute('data-on'), 'true', 'lit as part of the path');
    assert.equal(await page.getAttribute('[data-testid=lc-edge][data-from=CANCELLED][data-to=CANCELLED_ACK]', 'data-on'), 'true');
    assert.match((await page.textContent('[data-testid=execution-summary]')) ?? '', /Welcome series/);
    const moves = (await historyLines(page, 'execution_state')).slice(-2);
    assert.match(moves[0], /^from RUNNING reason stopped by operator to CANCELLED$/);
    assert.match(moves[1], /^from CANCELLED reason auto_ack to CANCELLED_ACK$/);
    assert.match((await historyLines(page, 'step_status')).at(-1), /from running step send_welcome to cancelled/);
    assert.ok(await page.isDisabled('[data-testid=action-stop]'), 'a cancelled execution cannot be stopped again');
    assert.ok(await page.isDisabled('[data-testid=action-ack]'), 'already acknowledged');
    await page.screenshot({ path: await artifactPath('execution-stopped.png'), fullPage: true });

    // The runs table agrees.
    await go(page, '/runs');
    await page.waitForSelector(`[data-testid=run-row][data-execution=${id}][data-state=CANCELLED_ACK]`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('rolls back a FAILED_UNSAFE execution whose compensation gave up', async () => {
    const { context, page, problems } = await app.open('/scenarios', { viewport: { width: 1440, height: 1000 } });
    await ready(page);
    await page.click('[data-testid=preset-load][data-file="rollback-unsafe.json"]');
    await page.click('[data-testid=load-confirm]');
    await page.waitForSelector('[data-testid=screen-runs]');
    await waitForClock(page, 0);
    await ready(page);
    await playUntil(page, 30 * 60_000);

    await go(page, '/runs/e1');
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=FAILED_UNSAFE]');
    const before = await historyLines(page, 'compensation');
    assert.deepEqual(
      before.filter((l) => /create_account/.test(l)).map((l) => /outcome (\w+)/.exec(l)[1]),
      ['error', 'error', 'error'],
      'billing refused its undo three times',
    );
    assert.ok(await page.isDisabled('[data-testid=action-ack]') === false, 'FAILED_UNSAFE can be acknowledged');
    assert.match(await page.getAttribute('[data-testid=action-rollback]', 'title'), /create_account/);

    await page.click('[data-testid=action-rollback]');
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=FAILED_SAFE]');
    const after = await historyLines(page, 'compensation');
    assert.equal(after.length, before.length + 1, 'one more compensation: the retried one');
    assert.match(after.at(-1), /step create_account/);
    assert.match(after.at(-1), /outcome ok/);
    assert.match((await historyLines(page, 'execution_state')).at(-1), /from FAILED_UNSAFE to FAILED_SAFE$/);
    assert.ok(await page.isDisabled('[data-testid=action-rollback]'), 'nothing left to roll back');
    await page.screenshot({ path: await artifactPath('execution-rolled-back.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
