// Align and distribute the selected steps from the inspector of a multiple
// selection: every card on one line, gaps made even, one undo each, and
// distributing offered from three steps on.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, useApp } from './support.mjs';

const node = (id) => `[data-testid=node][data-step-id="${id}"]`;
const IDS = ['send_welcome', 'wait_a_day', 'send_tips', 'done'];

async function place(page, id) {
  const t = await page.getAttribute(node(id), 'transform');
  const [x, y] = t.match(/[-\d.]+/g).map(Number);
  return { x, y };
}

async function places(page) {
  const out = {};
  for (const id of IDS) out[id] = await place(page, id);
  return out;
}

async function select(page, id) {
  await page.click(`${node(id)} .node-title`);
  await page.waitForSelector(`[data-testid=inspector-step][data-step-id="${id}"]`);
}

/** Moves the selected step by `n` grid squares with Alt+arrow. */
async function nudge(page, key, n) {
  for (let i = 0; i < n; i += 1) await page.keyboard.press(`Alt+${key}`);
}

describe('align and distribute (release build)', { timeout: 120_000 }, () => {
  const app = useApp();

  it('aligns and distributes the selected steps, one undo each', async () => {
    const { context, page, problems } = await app.open('/editor/welcome', { viewport: { width: 1400, height: 900 } });
    await page.waitForSelector(node('done'));

    // Put two steps off the row: one lower, one further right.
    await select(page, 'wait_a_day');
    await nudge(page, 'ArrowDown', 5);
    await nudge(page, 'ArrowRight', 4);
    await select(page, 'send_tips');
    await nudge(page, 'ArrowUp', 3);
    const moved = await places(page);
    assert.notEqual(moved.wait_a_day.y, moved.send_welcome.y);

    // Two selected: aligning is offered, distributing is not.
    await page.keyboard.down('Shift');
    await page.click(`${node('wait_a_day')} .node-title`);
    await page.keyboard.up('Shift');
    await page.waitForSelector('[data-testid=inspector-multi]');
    assert.equal(await page.textContent('[data-testid=inspector-multi] .inspector-kind'), '2 steps selected');
    assert.equal(await page.isDisabled('[data-testid=arrange-horizontally]'), true);
    assert.equal(await page.isDisabled('[data-testid=arrange-top]'), false);

    await page.keyboard.press('Control+a');
    await page.waitForFunction(() => /4 steps/.test(document.querySelector('[data-testid=inspector-multi] .inspector-kind')?.textContent ?? ''));
    await page.click('[data-testid=arrange-top]');
    await page.waitForFunction(
      (sel) => new Set([...document.querySelectorAll(sel)].map((n) => n.getAttribute('transform').match(/[-\d.]+/g)[1])).size === 1,
      '[data-testid=node]',
    );
    const top = Math.min(...Object.values(moved).map((p) => p.y));
    assert.equal((await place(page, 'done')).y, top, 'everything on the highest line');
    await page.screenshot({ path: await artifactPath('arrange-aligned.png') });

    await page.click('[data-testid=arrange-horizontally]');
    await page.waitForFunction((want) => {
      const xs = [...document.querySelectorAll('[data-testid=node]')]
        .map((n) => Number(n.getAttribute('transform').match(/[-\d.]+/g)[0]))
        .sort((a, b) => a - b);
      const gaps = xs.slice(1).map((x, i) => x - xs[i]);
      return gaps.length === want && Math.max(...gaps) - Math.min(...gaps) <= 1;
    }, IDS.length - 1);
    const spread = await places(page);
    const xs = Object.values(spread).map((p) => p.x).sort((a, b) => a - b);
    const before = Object.values(moved).map((p) => p.x).sort((a, b) => a - b);
    assert.equal(xs[0], before[0], 'the leftmost step stays');
    assert.equal(xs[3], before[3], 'the rightmost step stays');

    // The undo history is the engine's, in the log: it survives a reload.
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    await page.reload();
    await page.waitForSelector(node('wait_a_day'));
    await page.waitForFunction(() => !document.querySelector('[data-testid=undo]')?.disabled);
    assert.deepEqual(await places(page), spread, 'the arrangement was saved');

    // One undo per arrangement: distributing, then aligning.
    assert.match(await page.getAttribute('[data-testid=undo]', 'title'), /Distribute horizontally/);
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      ([sel, x]) => Number(document.querySelector(sel).getAttribute('transform').match(/[-\d.]+/g)[0]) === x,
      [node('wait_a_day'), moved.wait_a_day.x],
    );
    assert.match(await page.getAttribute('[data-testid=undo]', 'title'), /Align top/);
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      ([sel, y]) => Number(document.querySelector(sel).getAttribute('transform').match(/[-\d.]+/g)[1]) === y,
      [node('wait_a_day'), moved.wait_a_day.y],
    );
    assert.deepEqual(await places(page), moved);

    assert.deepEqual(problems, []);
    await context.close();
  });
});
