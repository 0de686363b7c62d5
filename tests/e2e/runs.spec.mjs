// Watching runs against the release build: the built-in workspace played at
// full speed, then what a person sees and does on the runs, execution,
// approvals and lifecycle screens.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, go, useApp } from './support.mjs';

async function runUntil(page, text, ms) {
  await page.click('[data-testid=clock-speed-max]');
  await page.fill('[data-testid=clock-until-input]', text);
  await page.press('[data-testid=clock-until-input]', 'Enter');
  await page.waitForFunction(
    (want) => Number(document.querySelector('[data-testid=clock-time]')?.dataset.ms) === want,
    ms,
    { timeout: 30_000 },
  );
}

describe('runs, approvals and lifecycle (release build)', { timeout: 180_000 }, () => {
  const app = useApp();

  it('decides an approval from the inbox, lights the state of an execution and acknowledges it', async () => {
    const { context, page, problems } = await app.open('/approvals', { viewport: { width: 1440, height: 1000 } });
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await runUntil(page, '90m', 90 * 60_000);

    // Sam (op1, marketing-leads) was notified by email and SMS; Noor (support) was not.
    await page.click('[data-testid=inbox-operator][data-operator=op3]');
    await page.waitForSelector('[data-testid=inbox-empty]');
    await page.click('[data-testid=inbox-operator][data-operator=op1]');
    const item = page.locator('[data-testid=inbox-item][data-step=validate]');
    await item.waitFor();
    assert.equal(await item.getAttribute('data-status'), 'open');
    assert.deepEqual(
      await item.locator('[data-testid=inbox-channel]').evaluateAll((els) => els.map((e) => e.dataset.channel)),
      ['email', 'sms'],
    );
    await page.screenshot({ path: await artifactPath('approvals-open.png') });
    await item.locator('[data-testid=inbox-approve]').click();
    await page.waitForSelector('[data-testid=inbox-item][data-step=validate][data-status=decided]');
    assert.match(await item.locator('[data-testid=inbox-status]').textContent(), /Sam Rivera chose approve/);
    assert.equal(await item.locator('[data-testid=inbox-approve]').count(), 0, 'a decided approval offers no buttons');

    await runUntil(page, '3h', 3 * 3_600_000);
    await go(page, '/runs');
    await page.waitForSelector('[data-testid=run-row]');
    const chip = page.locator('[data-testid=state-count][data-state=FAILED_SAFE]');
    const failedSafe = Number(await chip.getAttribute('data-count'));
    assert.ok(failedSafe > 0, 'the provisioning rollbacks ended FAILED_SAFE');
    await chip.click();
    const rows = page.locator('[data-testid=run-row]');
    assert.equal(await rows.count(), failedSafe);
    assert.deepEqual(new Set(await rows.evaluateAll((els) => els.map((e) => e.dataset.state))), new Set(['FAILED_SAFE']));
    await page.screenshot({ path: await artifactPath('runs-table.png') });

    const id = await rows.first().getAttribute('data-execution');
    await rows.first().locator('[data-testid=run-link]').click();
    await page.waitForSelector('[data-testid=screen-execution]');
    const lit = page.locator('[data-testid=lc-node][data-lit=true]');
    assert.equal(await lit.getAttribute('data-state'), 'FAILED_SAFE');
    assert.ok(
      (await page.locator('[data-testid=history-line][data-type=compensation]').count()) > 0,
      'the history shows the compensations',
    );
    await page.screenshot({ path: await artifactPath('execution.png'), fullPage: true });
    await page.click('[data-testid=action-ack]');
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=FAILED_SAFE_ACK]');
    assert.equal(await page.getAttribute('[data-testid=execution-id]', 'textContent') ?? id, id);
    assert.ok(await page.isDisabled('[data-testid=action-ack]'));

    // The welcome series in run mode: executions wait a day at wait_a_day (it blinks) and
    // the first edge is labelled with its traversals.
    await go(page, '/runs');
    await page.selectOption('[data-testid=filter-workflow]', 'welcome');
    const wait = page.locator('[data-testid=step-run][data-step=wait_a_day]');
    await wait.waitFor();
    assert.ok(Number(await wait.getAttribute('data-current')) > 0);
    assert.match(await wait.getAttribute('class'), /step-run--current/);
    const edge = page.locator('[data-testid=step-run][data-step=send_welcome] [data-testid=edge-label][data-to=wait_a_day]');
    assert.match(await edge.textContent(), /next → wait_a_day\s*[1-9]\d* - Ok/);
    await page.screenshot({ path: await artifactPath('runs-steps-panel.png') });

    await go(page, '/lifecycle');
    await page.waitForSelector('[data-testid=lifecycle-execution]');
    const ackCount = await page.getAttribute('[data-testid=lifecycle-execution] [data-state=FAILED_SAFE_ACK]', 'data-count');
    assert.ok(Number(ackCount) >= 1);
    assert.equal(await page.getAttribute('[data-testid=lifecycle-definition] [data-state=active]', 'data-count'), '3');
    await page.screenshot({ path: await artifactPath('lifecycle.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('keeps an open inbox and an open execution page up to date while the clock runs', async () => {
    const { context, page, problems } = await app.open('/approvals', { viewport: { width: 1440, height: 1000 } });
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    // From here on nothing on the screen is clicked but the clock: the views follow the engine.
    await runUntil(page, '90m', 90 * 60_000);
    const sam = page.locator('[data-testid=inbox-operator][data-operator=op1]');
    assert.equal(await sam.getAttribute('aria-pressed'), 'true', "Sam's inbox is the one shown");
    await sam.locator('[data-testid=inbox-open-count]').waitFor();
    const validate = page.locator('[data-testid=inbox-item][data-step=validate]');
    assert.deepEqual(new Set(await validate.evaluateAll((els) => els.map((e) => e.dataset.status))), new Set(['open']));
    // The script approves the campaign at 2h.
    await runUntil(page, '150m', 150 * 60_000);
    await page.waitForSelector('[data-testid=inbox-item][data-step=validate][data-status=decided]');
    assert.equal(await sam.locator('[data-testid=inbox-open-count]').count(), 0, 'nothing left open');

    // e7 waits a day in the welcome series, then completes (auto-acknowledged).
    await go(page, '/runs/e7');
    const lit = page.locator('[data-testid=lc-node][data-lit=true]');
    await lit.waitFor();
    assert.equal(await lit.getAttribute('data-state'), 'RUNNING');
    const before = await page.textContent('[data-testid=history-title]');
    await runUntil(page, '25h', 25 * 3_600_000);
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=COMPLETED_ACK]');
    assert.notEqual(await page.textContent('[data-testid=history-title]'), before, 'the history grew');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('draws an execution readably in the dark theme', async () => {
    const { context, page, problems } = await app.open('/runs', { viewport: { width: 1440, height: 1000 }, colorScheme: 'dark' });
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await runUntil(page, '5m', 5 * 60_000);
    await go(page, '/runs/e5');
    await page.waitForSelector('[data-testid=lc-node][data-lit=true]');
    assert.ok((await page.locator('[data-testid=tl-bar][data-status=pending]').count()) > 0, 'a retry gap is drawn');
    await page.screenshot({ path: await artifactPath('execution-dark.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
