// The visual editor with a real mouse and keyboard: build a workflow from an
// empty canvas (action, wait, condition, approval, end), configure retries
// and a branch fail action, undo and redo, publish v1, edit, see the
// unpublished marker and the diff, publish v2, reload and find it all.
// Screenshots of the editor in light and dark go to tests/e2e/artifacts/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, centre, drag, useApp } from './support.mjs';

const node = (id) => `[data-testid=node][data-step-id="${id}"]`;

/** Drags a palette entry onto the canvas at (dx, dy) from its top left. */
async function place(page, kind, dx, dy) {
  const canvas = await page.locator('[data-testid=canvas]').boundingBox();
  const before = await page.locator('[data-testid=node]').count();
  await drag(page, await centre(page, `[data-testid=palette-${kind}]`), { x: canvas.x + dx, y: canvas.y + dy });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=node]').length === n + 1, before);
}

async function connect(page, from, port, to) {
  await drag(page, await centre(page, `[data-testid=port-${from}-${port}]`), await centre(page, node(to)));
  await page.waitForSelector(`[data-testid=edge][data-from="${from}"][data-edge-port="${port}"][data-to="${to}"]`, { state: 'attached' });
}

async function select(page, id) {
  const box = await page.locator(node(id)).boundingBox();
  await page.mouse.click(box.x + 40, box.y + box.height / 2);
  await page.waitForSelector(`[data-testid=inspector-step][data-step-id="${id}"]`);
}

/** Types into an inspector field and commits it, as leaving the field does. */
async function setField(page, field, value) {
  const input = page.locator(`[data-testid=inspector] [data-testid="field-${field}"]`);
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

async function pick(page, field, value) {
  await page.selectOption(`[data-testid=inspector] [data-testid="field-${field}"]`, value);
}

async function saved(page) {
  await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 10_000 });
}

describe('the visual editor (release build)', { timeout: 180_000 }, () => {
  const app = useApp();

  it('builds, configures, undoes, publishes v1 and v2, and finds it all after a reload', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await page.click('[data-testid=new-workflow]');
    await page.waitForSelector('[data-testid=screen-editor][data-workflow-id=workflow_1]');
    await page.waitForSelector('[data-testid=canvas-empty]');
    assert.equal(await page.textContent('[data-testid=editor-status]'), 'draft');

    // An action, a wait, a condition, an approval and an end, from the palette.
    await place(page, 'action', 140, 160);
    await place(page, 'wait', 420, 160);
    await place(page, 'condition', 700, 160);
    await place(page, 'approval', 420, 420);
    await place(page, 'end', 700, 420);
    const ids = await page.locator('[data-testid=node]').evaluateAll((els) => els.map((e) => e.dataset.stepId));
    assert.deepEqual(ids, ['action_1', 'wait_1', 'condition_1', 'approval_1', 'end_1']);
    assert.equal(await page.locator('[data-testid=edge]').count(), 0, 'nothing is linked by itself');

    // Links drawn from ports to nodes.
    await connect(page, 'action_1', 'next', 'wait_1');
    await connect(page, 'wait_1', 'next', 'condition_1');
    await connect(page, 'condition_1', 'yes', 'approval_1');
    await connect(page, 'condition_1', 'no', 'end_1');
    assert.equal(await page.locator('[data-testid=edge]').count(), 4);
    assert.equal(
      await page.textContent('[data-testid=edge][data-from=condition_1][data-edge-port=yes] .edge-tag'),
      'yes',
    );

    // The draft is incomplete: problems say so and point at the fields.
    assert.ok(Number(await page.textContent('[data-testid=problem-errors]')) >= 2);
    await page.click('[data-testid=problem][data-step=approval_1][data-field=group]');
    await page.waitForSelector('[data-testid=inspector-step][data-step-id=approval_1]');
    await page.waitForFunction(() => document.activeElement?.dataset.field === 'group');
    await page.keyboard.type('marketing-leads');
    await page.keyboard.press('Tab');

    // The condition: score >= 50.
    await select(page, 'condition_1');
    await page.click('[data-testid=inspector] [data-testid=filter-start]');
    await page.fill('[data-testid=inspector] [data-testid=filter-attr]', 'score');
    await page.press('[data-testid=inspector] [data-testid=filter-attr]', 'Tab');
    await page.selectOption('[data-testid=inspector] [data-testid=filter-op]', '>=');
    await page.fill('[data-testid=inspector] [data-testid=filter-value]', '50');
    await page.press('[data-testid=inspector] [data-testid=filter-value]', 'Tab');
    await page.waitForFunction(() =>
      document.querySelector('[data-step-id=condition_1] [data-testid=node-summary]')?.textContent === 'if score >= 50');

    // The action: 4 attempts 2m apart, then branch to the end step.
    await select(page, 'action_1');
    await page.check('[data-testid=inspector] [data-testid=field-retry]');
    await setField(page, 'retry.max_attempts', '4');
    await setField(page, 'retry.backoff', '2m');
    await pick(page, 'on_fail', 'branch');
    await pick(page, 'on_fail.goto', 'end_1');
    await page.waitForSelector('[data-testid=edge][data-from=action_1][data-edge-port=fail][data-to=end_1]', { state: 'attached' });
    const attempts = await page
      .locator('[data-testid=retry-attempt]')
      .evaluateAll((els) => els.map((e) => Number(e.dataset.at)));
    assert.deepEqual(attempts, [0, 120_000, 360_000, 720_000], 'attempts 2m, then 4m, then 6m apart');
    assert.equal(await page.getAttribute('[data-testid=retry-fail]', 'data-action'), 'branch');
    assert.equal(
      await page.textContent(`${node('action_1')} [data-testid=node-summary]`),
      'email · 4 attempts · on fail: branch → end_1',
    );
    await page.waitForFunction(() => document.querySelector('[data-testid=problem-errors]')?.textContent === '0');

    // Undo and redo, from the keyboard, one gesture at a time.
    await page.mouse.click(700, 700); // the canvas background: nothing selected
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => !document.querySelector('[data-testid=edge][data-edge-port=fail]'));
    await page.keyboard.press('Control+z');
    const edgeCount = () => page.locator('[data-testid=edge]').count();
    assert.equal(await page.locator('[data-testid=edge][data-edge-port=fail]').count(), 0);
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    await page.waitForSelector('[data-testid=edge][data-from=action_1][data-edge-port=fail][data-to=end_1]', { state: 'attached' });
    assert.equal(await edgeCount(), 5);

    // Moving a node is one undo entry too.
    const before = await page.locator(node('end_1')).getAttribute('transform');
    await drag(page, await centre(page, node('end_1')), { x: (await centre(page, node('end_1'))).x + 80, y: (await centre(page, node('end_1'))).y + 60 });
    await page.waitForFunction(
      ([sel, t]) => document.querySelector(sel)?.getAttribute('transform') !== t,
      [node('end_1'), before],
    );
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      ([sel, t]) => document.querySelector(sel)?.getAttribute('transform') === t,
      [node('end_1'), before],
    );
    await page.keyboard.press('Control+Shift+z');

    // The publish box closes by its ×, and by a press outside it, the focus back on Publish.
    await page.click('[data-testid=publish]');
    await page.click('[data-testid=publish-dialog] [data-testid=dialog-close]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'publish');
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=publish-dialog]');
    await page.mouse.click(8, 450);
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'publish');

    // Publish v1.
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=publish-dialog]');
    assert.equal(await page.textContent('[data-testid=diff-headline]'), '5 steps added');
    await page.fill('[data-testid=publish-note]', 'First cut');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    assert.equal(await page.textContent('[data-testid=editor-version]'), 'v1');
    assert.equal(await page.locator('[data-testid=unpublished-marker]').count(), 0);

    // Edit: the wait becomes 2h; the marker shows, the diff says what changed.
    await select(page, 'wait_1');
    await setField(page, 'duration', '2h');
    await page.waitForSelector('[data-testid=unpublished-marker]');
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=publish-dialog]');
    assert.equal(await page.textContent('[data-testid=diff-headline]'), '1 step changed');
    const change = page.locator('[data-testid=diff-changed][data-step=wait_1] [data-testid=diff-field][data-field=duration]');
    assert.equal(await change.locator('.diff-before').textContent(), '1h');
    assert.equal(await change.locator('.diff-after').textContent(), '2h');
    await page.fill('[data-testid=publish-note]', 'Longer wait');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    assert.equal(await page.textContent('[data-testid=editor-version]'), 'v2');

    // Activate from the lifecycle bar; impossible actions say why.
    assert.equal(await page.isDisabled('[data-testid=lifecycle-pause]'), true);
    assert.match(await page.getAttribute('[data-testid=lifecycle-pause]', 'data-reason'), /Cannot pause a workflow that is draft/);
    await page.click('[data-testid=lifecycle-activate]');
    await page.waitForFunction(() => document.querySelector('[data-testid=editor-status]')?.textContent === 'active');
    const positions = await page.locator('[data-testid=node]').evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.dataset.stepId, e.getAttribute('transform')])));

    await saved(page);
    await page.reload();
    await page.waitForSelector('[data-testid=screen-editor][data-workflow-id=workflow_1] [data-testid=node]');
    assert.equal(await page.textContent('[data-testid=editor-version]'), 'v2');
    assert.equal(await page.textContent('[data-testid=editor-status]'), 'active');
    assert.equal(await page.locator('[data-testid=unpublished-marker]').count(), 0);
    assert.deepEqual(
      await page.locator('[data-testid=node]').evaluateAll((els) =>
        Object.fromEntries(els.map((e) => [e.dataset.stepId, e.getAttribute('transform')]))),
      positions,
      'every node where it was',
    );
    assert.equal(await page.locator('[data-testid=edge]').count(), 5);
    assert.equal(await page.textContent(`${node('wait_1')} [data-testid=node-summary]`), 'wait 2h');
    await page.click('[data-testid=versions]');
    const versions = await page.locator('[data-testid=version-row]').evaluateAll((els) => els.map((e) => e.dataset.version));
    assert.deepEqual(versions, ['2', '1']);
    assert.match(await page.textContent('[data-testid=version-row][data-version="1"]'), /First cut/);

    // Version 1, read-only on the canvas, and the diff of the two.
    await page.click('[data-testid=version-row][data-version="1"] [data-testid=version-view]');
    await page.waitForSelector('[data-testid=viewing-banner]');
    assert.equal(await page.textContent(`${node('wait_1')} [data-testid=node-summary]`), 'wait 1h');
    assert.equal(await page.isDisabled('[data-testid=palette-action]'), true);
    await page.click('[data-testid=viewing-close]');
    await page.click('[data-testid=versions]');
    await page.check('[data-testid=version-row][data-version="1"] [data-testid=version-pick]');
    await page.check('[data-testid=version-row][data-version="2"] [data-testid=version-pick]');
    await page.click('[data-testid=versions-compare]');
    await page.waitForSelector('[data-testid=diff-dialog]');
    assert.equal(await page.textContent('[data-testid=diff-headline]'), '1 step changed');
    await page.keyboard.press('Escape');

    await page.screenshot({ path: await artifactPath('editor-built-light.png') });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('selects with a rubber band and the keyboard, duplicates, pastes, deletes, lays out, and runs the lifecycle', async () => {
    const { context, page, problems } = await app.open('/editor/welcome', { viewport: { width: 1400, height: 900 } });
    await page.waitForSelector(node('done'));
    const count = () => page.locator('[data-testid=node]').count();
    assert.equal(await count(), 4);

    // Shift-drag a band around the first two steps.
    const a = await page.locator(node('send_welcome')).boundingBox();
    const b = await page.locator(node('wait_a_day')).boundingBox();
    await page.keyboard.down('Shift');
    await drag(page, { x: a.x - 20, y: a.y - 30 }, { x: b.x + b.width + 10, y: b.y + b.height + 30 });
    await page.keyboard.up('Shift');
    assert.equal(await page.textContent('[data-testid=inspector-multi] .inspector-kind'), '2 steps selected');

    // Ctrl+D duplicates them (the copies selected), Delete removes the copies.
    await page.keyboard.press('Control+d');
    await page.waitForSelector(node('send_welcome_copy'));
    assert.equal(await count(), 6);
    assert.equal(await page.locator('[data-testid=edge][data-from=send_welcome_copy][data-to=wait_a_day_copy]').count(), 1);
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 4);

    // Copy and paste one step; Alt+arrows nudge it by the grid.
    await page.click(`${node('send_tips')} .node-title`);
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.waitForSelector(node('send_tips_copy'));
    const before = await page.getAttribute(node('send_tips_copy'), 'transform');
    await page.keyboard.press('Alt+ArrowRight');
    await page.waitForFunction(
      ([sel, t]) => document.querySelector(sel)?.getAttribute('transform') !== t,
      [node('send_tips_copy'), before],
    );
    const [x0] = before.match(/[-\d.]+/g).map(Number);
    const [x1] = (await page.getAttribute(node('send_tips_copy'), 'transform')).match(/[-\d.]+/g).map(Number);
    assert.equal(x1 - x0, 16);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 4);

    // Select an edge by clicking it, delete it, and undo.
    const hit = await page.locator('[data-testid=edge][data-from=wait_a_day] .edge-hit').boundingBox();
    await page.mouse.click(hit.x + hit.width / 2, hit.y + hit.height / 2);
    await page.waitForSelector('[data-testid=edge-handle]');
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => !document.querySelector('[data-testid=edge][data-from=wait_a_day]'));
    await page.keyboard.press('Control+z');
    await page.waitForSelector('[data-testid=edge][data-from=wait_a_day][data-to=send_tips]', { state: 'attached' });

    // Ctrl+A selects everything, Escape nothing; auto-layout is one undo entry.
    await page.keyboard.press('Control+a');
    assert.equal(await page.textContent('[data-testid=inspector-multi] .inspector-kind'), '4 steps selected');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=inspector-workflow]');
    await page.click('[data-testid=auto-layout]');
    assert.match(await page.getAttribute('[data-testid=undo]', 'title'), /Undo Auto-layout/);

    // The lifecycle: publish, activate, then cancel and archive, each confirmed.
    await page.click('[data-testid=publish]');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    await page.click('[data-testid=lifecycle-activate]');
    await page.waitForFunction(() => document.querySelector('[data-testid=editor-status]')?.textContent === 'active');
    // The confirmation is the app's one: an alert dialog named by its title,
    // the focus inside; Escape and "Keep it" close it, the focus back on the button.
    const confirmFocus = () => page.evaluate(() => ({
      role: document.querySelector('[data-testid=confirm-dialog]')?.closest('dialog')?.getAttribute('role'),
      name: document.getElementById(document.querySelector('[data-testid=confirm-dialog]')?.closest('dialog')?.getAttribute('aria-labelledby') ?? '')?.textContent,
      inside: document.activeElement?.closest('dialog') != null,
      on: document.activeElement?.dataset.testid,
    }));
    await page.click('[data-testid=lifecycle-cancel]');
    await page.waitForSelector('[data-testid=confirm-dialog]');
    assert.deepEqual(await confirmFocus(), { role: 'alertdialog', name: 'Cancel this workflow?', inside: true, on: 'confirm-cancel' });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
    assert.equal((await confirmFocus()).on, 'lifecycle-cancel', 'Escape gives the focus back');
    await page.click('[data-testid=lifecycle-cancel]');
    await page.click('[data-testid=confirm-cancel]');
    await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
    assert.equal(await page.textContent('[data-testid=editor-status]'), 'active', 'kept');
    await page.click('[data-testid=lifecycle-cancel]');
    assert.match(await page.textContent('[data-testid=confirm-text]'), /No execution is running now/);
    await page.click('[data-testid=confirm-ok]');
    await page.waitForFunction(() => document.querySelector('[data-testid=editor-status]')?.textContent === 'cancelled');
    assert.equal(await page.isDisabled('[data-testid=lifecycle-resume]'), true);
    await page.click('[data-testid=lifecycle-archive]');
    assert.match(await page.textContent('[data-testid=confirm-text]'), /read-only/);
    await page.click('[data-testid=confirm-ok]');
    await page.waitForSelector('[data-testid=archived-banner]');
    assert.equal(await page.isDisabled('[data-testid=palette-action]'), true);
    assert.equal(await page.isDisabled('[data-testid=publish]'), true);
    assert.deepEqual(problems, []);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark']) {
    it(`looks right in ${colorScheme}: a sample workflow, a step selected, the publish dialog`, async () => {
      const { context, page, problems } = await app.open('/editor/provision_workspace', { colorScheme, viewport: { width: 1400, height: 900 } });
      await page.waitForSelector('[data-testid=node]');
      await page.click(`${node('create_account')} .node-title`);
      await page.waitForSelector('[data-testid=retry-preview]');
      await page.screenshot({ path: await artifactPath(`editor-${colorScheme}.png`) });
      await page.click('[data-testid=publish]');
      await page.waitForSelector('[data-testid=publish-dialog]');
      await page.screenshot({ path: await artifactPath(`editor-publish-${colorScheme}.png`) });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the editor overflows sideways by ${overflow}px`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
