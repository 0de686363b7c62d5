// The canvas gestures the "done means" flow does not walk through: wheel
// zoom at the pointer, panning and the zoom buttons, reconnecting an edge by dragging its end handle,
// selecting an edge by a press near its line zoomed out (the line's geometry, not the DOM), the
// undo history surviving a visit to another screen, and step pickers that
// follow steps being added and removed while the inspector stays open.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { centre, drag, useApp } from './support.mjs';

const node = (id) => `[data-testid=node][data-step-id="${id}"]`;
const edge = (from, to) => `[data-testid=edge][data-from="${from}"][data-to="${to}"]`;
const zoom = async (page) => Number(await page.getAttribute('[data-testid=canvas]', 'data-zoom'));
const nodeCount = (page) => page.locator('[data-testid=node]').count();

async function select(page, id) {
  const box = await page.locator(node(id)).boundingBox();
  await page.mouse.click(box.x + 40, box.y + box.height / 2);
  await page.waitForSelector(`[data-testid=inspector-step][data-step-id="${id}"]`);
}

describe('editor canvas gestures (release build)', { timeout: 120_000 }, () => {
  const app = useApp();

  async function openWelcome() {
    const { context, page, problems } = await app.open('/editor/welcome', { viewport: { width: 1400, height: 900 } });
    await page.waitForSelector(node('send_tips'));
    return { context, page, problems };
  }

  it('zooms with the wheel around the pointer, keeping the step under it in place', async () => {
    const { context, page, problems } = await openWelcome();
    const before = await zoom(page);
    const at = await centre(page, node('wait_a_day'));
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction((z) => Number(document.querySelector('[data-testid=canvas]').dataset.zoom) > z, before);
    const zoomedIn = await zoom(page);
    const after = await centre(page, node('wait_a_day'));
    assert.ok(Math.abs(after.x - at.x) < 4 && Math.abs(after.y - at.y) < 4,
      `the step under the pointer stays there: ${JSON.stringify(at)} → ${JSON.stringify(after)}`);
    const far = await centre(page, node('done'));
    await page.mouse.wheel(0, 400);
    await page.waitForFunction((z) => Number(document.querySelector('[data-testid=canvas]').dataset.zoom) < z, zoomedIn);
    const farAfter = await centre(page, node('done'));
    assert.ok(Math.abs(farAfter.x - far.x) > 10, 'other steps move as the zoom changes');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('pans by dragging the background or with space held over a step, and zooms with the buttons', async () => {
    const { context, page, problems } = await openWelcome();
    const canvas = await page.locator('[data-testid=canvas]').boundingBox();
    const start = await centre(page, node('send_welcome'));
    const empty = { x: canvas.x + 40, y: canvas.y + canvas.height - 120 };
    await drag(page, empty, { x: empty.x + 60, y: empty.y - 40 });
    const panned = await centre(page, node('send_welcome'));
    assert.ok(Math.abs(panned.x - start.x - 60) < 2 && Math.abs(panned.y - start.y + 40) < 2,
      `the drawing follows the background: ${JSON.stringify(start)} → ${JSON.stringify(panned)}`);

    // Space held: a drag that starts on a step pans instead of moving it.
    await page.mouse.move(panned.x, panned.y);
    await page.keyboard.down(' ');
    await drag(page, panned, { x: panned.x - 100, y: panned.y });
    await page.keyboard.up(' ');
    const spaced = await centre(page, node('send_welcome'));
    assert.ok(Math.abs(spaced.x - panned.x + 100) < 2, 'the view moved');
    const other = await centre(page, node('wait_a_day'));
    await drag(page, empty, { x: empty.x + 1, y: empty.y + 1 });
    const gap = (await centre(page, node('wait_a_day'))).x - (await centre(page, node('send_welcome'))).x;
    assert.ok(Math.abs(gap - (other.x - spaced.x)) < 2, 'the step kept its place in the drawing');
    assert.equal(await page.isDisabled('[data-testid=undo]'), true, 'panning edits nothing');

    const z = await zoom(page);
    await page.click('[data-testid=zoom-in]');
    assert.ok((await zoom(page)) > z);
    await page.click('[data-testid=zoom-out]');
    await page.click('[data-testid=zoom-out]');
    assert.ok((await zoom(page)) < z);
    await page.click('[data-testid=zoom-fit]');
    for (const id of ['send_welcome', 'wait_a_day', 'send_tips', 'done']) {
      const box = await page.locator(node(id)).boundingBox();
      assert.ok(box.x >= canvas.x && box.x + box.width <= canvas.x + canvas.width, `${id} is in view after fitting`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('reconnects an edge by dragging its end handle to another step, as one undo step', async () => {
    const { context, page, problems } = await openWelcome();
    const line = page.locator(`${edge('wait_a_day', 'send_tips')} .edge-line`);
    const box = await line.boundingBox();
    // The edge's own hit area runs along the curve; its middle is on it for a left-to-right edge.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('[data-testid=edge-handle]');
    await drag(page, await centre(page, '[data-testid=edge-handle]'), await centre(page, node('done')));
    await page.waitForSelector(edge('wait_a_day', 'done'), { state: 'attached' });
    assert.equal(await page.locator(edge('wait_a_day', 'send_tips')).count(), 0, 'the old link is gone');
    await page.waitForSelector('[data-testid=unpublished-marker]');
    await page.click('[data-testid=undo]');
    await page.waitForSelector(edge('wait_a_day', 'send_tips'), { state: 'attached' });
    assert.equal(await page.locator(edge('wait_a_day', 'done')).count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('selects an edge by a press a few pixels off its line when zoomed out, from the line\'s geometry', async () => {
    const { context, page, problems } = await openWelcome();
    for (let i = 0; i < 4; i += 1) await page.click('[data-testid=zoom-out]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=canvas]').dataset.zoom) < 0.5);
    // The middle of the line on screen, and how the line runs there.
    const mid = await page.$eval(`${edge('wait_a_day', 'send_tips')} .edge-line`, (path) => {
      const len = path.getTotalLength();
      const m = path.getScreenCTM();
      const at = (l) => new DOMPoint(path.getPointAtLength(l).x, path.getPointAtLength(l).y).matrixTransform(m);
      const [a, b, c] = [at(len / 2 - 2), at(len / 2), at(len / 2 + 2)];
      const d = Math.hypot(c.x - a.x, c.y - a.y);
      return { x: b.x, y: b.y, nx: -(c.y - a.y) / d, ny: (c.x - a.x) / d };
    });
    const off = (px) => ({ x: mid.x + mid.nx * px, y: mid.y + mid.ny * px });
    const domEdgeAt = (p) => page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-edge-key]') != null, p);
    // 5 px off the line: past the drawn hit stroke at this zoom, within the tolerance.
    assert.equal(await domEdgeAt(off(5)), false, 'the browser finds no edge there');
    await page.mouse.click(off(5).x, off(5).y);
    await page.waitForSelector(`${edge('wait_a_day', 'send_tips')}.edge--selected`);
    await page.waitForSelector('[data-testid=edge-handle]');
    // 12 px off: the background, which clears the selection.
    await page.mouse.click(off(-12).x, off(-12).y);
    await page.waitForSelector('[data-testid=edge].edge--selected', { state: 'detached' });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('selects an edge by a press on its port word off the line, and not a step\'s edge under it', async () => {
    const { context, page, problems } = await app.open('/editor/spring_campaign', { viewport: { width: 1400, height: 900 } });
    await page.waitForSelector(node('validate'));
    await page.click('[data-testid=zoom-level]');
    await page.waitForFunction(() => document.querySelector('[data-testid=canvas]').dataset.zoom === '1.000');
    const rejected = '[data-testid=edge][data-from=validate][data-edge-port=rejected]';
    const pill = await page.locator(`${rejected} [data-testid=edge-tag] rect`).boundingBox();
    // The pill's lower edge: 8 px below its line, past the tolerance, on the word.
    await page.mouse.click(pill.x + pill.width / 2, pill.y + pill.height - 1);
    await page.waitForSelector(`${rejected}.edge--selected`);
    // A press on the step where the edge arrives selects the step, not the edge.
    const arrow = await page.$eval(`${rejected} .edge-line`, (path) => {
      const end = path.getPointAtLength(path.getTotalLength());
      const p = new DOMPoint(end.x + 3, end.y).matrixTransform(path.getScreenCTM());
      return { x: p.x, y: p.y };
    });
    await page.mouse.click(arrow.x, arrow.y);
    const target = await page.getAttribute(rejected, 'data-to');
    await page.waitForSelector(`[data-testid=inspector-step][data-step-id="${target}"]`);
    assert.equal(await page.locator('[data-testid=edge].edge--selected').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('keeps the undo history when the person visits another screen and comes back', async () => {
    const { context, page, problems } = await openWelcome();
    await select(page, 'send_tips');
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 3);
    await page.click('[data-testid=nav-runs]');
    await page.waitForSelector('[data-testid=screen-editor]', { state: 'detached' });
    await page.click('[data-testid=nav-workflows]');
    await page.click('[data-testid=workflow-row]:has([data-testid=workflow-id]:text-is("welcome"))');
    await page.waitForSelector('[data-testid=screen-editor][data-workflow-id=welcome]');
    assert.equal(await nodeCount(page), 3);
    assert.match(await page.getAttribute('[data-testid=undo]', 'title'), /^Undo /);
    await page.click('[data-testid=undo]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 4);
    await page.click('[data-testid=redo]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 3);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('updates an open step picker as steps are added and removed', async () => {
    const { context, page, problems } = await openWelcome();
    const options = () => page.locator('[data-testid=inspector] [data-testid=field-next] option')
      .evaluateAll((os) => os.map((o) => o.value));
    const canvas = await page.locator('[data-testid=canvas]').boundingBox();
    await drag(page, await centre(page, '[data-testid=palette-wait]'), { x: canvas.x + 120, y: canvas.y + canvas.height - 80 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 5);
    await select(page, 'send_welcome');
    assert.ok((await options()).includes('wait_1'), 'the new step is offered');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 4);
    await page.waitForSelector('[data-testid=inspector-step][data-step-id=send_welcome]');
    await page.waitForFunction(
      () => ![...document.querySelectorAll('[data-testid=inspector] [data-testid=field-next] option')].some((o) => o.value === 'wait_1'),
      null,
      { timeout: 5_000 },
    );
    assert.ok((await options()).includes('send_tips'), 'the other steps are still offered');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
