// A link dragged from a port and dropped on empty canvas opens a menu of
// step kinds at the drop point; picking one adds that step there, linked
// from the port, as one undo entry. Escape or a press elsewhere changes
// nothing; the menu works from the keyboard. Screenshots of the menu in
// light and dark go to tests/e2e/artifacts/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, centre, drag, useApp } from './support.mjs';

const node = (id) => `[data-testid=node][data-step-id="${id}"]`;
const edge = (from, port, to) => `[data-testid=edge][data-from="${from}"][data-edge-port="${port}"][data-to="${to}"]`;
const MENU = '[data-testid=drop-kind-menu]';

const count = (page, selector) => page.locator(selector).count();

/** A new workflow with one action step, at (140, 160) on the canvas. */
async function oneAction(app, colorScheme = 'light') {
  const opened = await app.open('/', { colorScheme, viewport: { width: 1400, height: 900 } });
  const { page } = opened;
  await page.click('[data-testid=new-workflow]');
  await page.waitForSelector('[data-testid=screen-editor][data-workflow-id=workflow_1]');
  await page.waitForSelector('[data-testid=canvas-empty]');
  const canvas = await page.locator('[data-testid=canvas]').boundingBox();
  await drag(page, await centre(page, '[data-testid=palette-action]'), { x: canvas.x + 140, y: canvas.y + 160 });
  await page.waitForSelector(node('action_1'));
  return { ...opened, canvas };
}

/** Drags a link from `action_1`'s next port to (dx, dy) on the canvas. */
async function dropLink(page, canvas, dx, dy) {
  const to = { x: canvas.x + dx, y: canvas.y + dy };
  await drag(page, await centre(page, '[data-testid=port-action_1-next]'), to);
  await page.waitForSelector(MENU);
  return to;
}

describe('dropping a link on empty canvas (release build)', { timeout: 180_000 }, () => {
  const app = useApp();

  it('opens a kind menu there; a pick adds the step linked, one undo takes both away', async () => {
    const { context, page, problems, canvas } = await oneAction(app);

    // A click on a port is no drop: no menu.
    const port = await centre(page, '[data-testid=port-action_1-next]');
    await page.mouse.click(port.x, port.y);
    await page.waitForTimeout(200);
    assert.equal(await count(page, MENU), 0, 'a click on a port opens nothing');

    const to = await dropLink(page, canvas, 420, 360);
    assert.equal(await page.getAttribute(MENU, 'role'), 'menu');
    const kinds = await page.locator(`${MENU} [role=menuitem]`).evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.deepEqual(kinds, ['action', 'wait', 'condition', 'filter', 'approval', 'enroll', 'end'].map((k) => `drop-kind-${k}`));
    const menuBox = await page.locator(MENU).boundingBox();
    assert.ok(Math.abs(menuBox.x - to.x) < 4 && Math.abs(menuBox.y - to.y) < 4, 'the menu opens at the drop point');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'drop-kind-action');
    assert.equal(await count(page, '[data-testid=link-preview-held]'), 1, 'the dropped link still shows');
    await page.screenshot({ path: await artifactPath('editor-drop-link-menu-light.png') });

    await page.click('[data-testid=drop-kind-wait]');
    await page.waitForSelector(edge('action_1', 'next', 'wait_1'), { state: 'attached' });
    assert.equal(await count(page, MENU), 0);
    assert.equal(await count(page, '[data-testid=node]'), 2);
    assert.equal(await count(page, '[data-testid=edge]'), 1);
    const box = await page.locator(node('wait_1')).boundingBox();
    assert.ok(Math.abs(box.x - to.x) <= 20, `its left side at the drop point (${box.x} vs ${to.x})`);
    assert.ok(Math.abs(box.y + box.height / 2 - to.y) <= 20, `its middle at the drop point (${box.y + box.height / 2} vs ${to.y})`);
    assert.equal(await page.getAttribute(node('wait_1'), 'data-selected'), 'true', 'the new step is selected');
    await page.screenshot({ path: await artifactPath('editor-drop-link-added-light.png') });

    // One undo takes the step and its link away; redo brings both back.
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => !document.querySelector('[data-step-id=wait_1]'));
    assert.equal(await count(page, '[data-testid=node]'), 1);
    assert.equal(await count(page, '[data-testid=edge]'), 0);
    await page.keyboard.press('Control+Shift+z');
    await page.waitForSelector(edge('action_1', 'next', 'wait_1'), { state: 'attached' });
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => !document.querySelector('[data-step-id=wait_1]'));

    // Escape closes the menu and changes nothing.
    await dropLink(page, canvas, 420, 360);
    await page.keyboard.press('Escape');
    await page.waitForSelector(MENU, { state: 'detached' });
    assert.equal(await count(page, '[data-testid=link-preview-held]'), 0);
    assert.equal(await count(page, '[data-testid=node]'), 1);
    assert.equal(await count(page, '[data-testid=edge]'), 0);

    // So does a press elsewhere on the canvas.
    await dropLink(page, canvas, 420, 360);
    await page.mouse.click(canvas.x + canvas.width - 40, canvas.y + 60);
    await page.waitForSelector(MENU, { state: 'detached' });
    assert.equal(await count(page, '[data-testid=node]'), 1);
    assert.equal(await count(page, '[data-testid=edge]'), 0);

    // From the keyboard: the arrows wrap round, Enter picks.
    await dropLink(page, canvas, 420, 220);
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'drop-kind-action');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'drop-kind-end');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'drop-kind-condition');
    await page.keyboard.press('Enter');
    await page.waitForSelector(edge('action_1', 'next', 'condition_1'), { state: 'attached' });
    assert.equal(await count(page, MENU), 0);
    assert.equal(await count(page, '[data-testid=node]'), 2);
    assert.equal(await count(page, node('wait_1')), 0);

    // A link dropped on a step still links to it, with no menu.
    const canvasNow = await page.locator('[data-testid=canvas]').boundingBox();
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => !document.querySelector('[data-step-id=condition_1]'));
    await drag(page, await centre(page, '[data-testid=palette-end]'), { x: canvasNow.x + canvasNow.width - 140, y: canvasNow.y + 520 });
    await page.waitForSelector(node('end_1'));
    await drag(page, await centre(page, '[data-testid=port-action_1-next]'), await centre(page, node('end_1')));
    await page.waitForSelector(edge('action_1', 'next', 'end_1'), { state: 'attached' });
    await page.waitForTimeout(200);
    assert.equal(await count(page, MENU), 0);
    assert.equal(await count(page, '[data-testid=node]'), 2);

    assert.deepEqual(problems, []);
    await context.close();
  });

  it('looks right in dark', async () => {
    const { context, page, problems, canvas } = await oneAction(app, 'dark');
    await dropLink(page, canvas, 420, 360);
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'drop-kind-action');
    await page.keyboard.press('ArrowDown');
    await page.screenshot({ path: await artifactPath('editor-drop-link-menu-dark.png') });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
