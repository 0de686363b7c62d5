// The minimap: it shows while some step is off screen, draws every step
// and the part on screen, and a press on it brings that part to the centre.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, useApp } from './support.mjs';

const node = (id) => `[data-testid=node][data-step-id="${id}"]`;

describe('the minimap (release build)', { timeout: 120_000 }, () => {
  const app = useApp();

  it('appears when steps are off screen and pans to where it is pressed', async () => {
    const { context, page, problems } = await app.open('/editor/welcome', { viewport: { width: 1400, height: 900 } });
    await page.waitForSelector(node('done'));
    await page.click('[data-testid=zoom-fit]');
    await page.waitForTimeout(100);
    assert.equal(await page.locator('[data-testid=minimap]').count(), 0, 'everything fits: no minimap');

    for (let i = 0; i < 5; i += 1) await page.click('[data-testid=zoom-in]');
    await page.waitForSelector('[data-testid=minimap]');
    assert.equal(await page.locator('[data-testid=minimap-node]').count(), 4);

    const canvas = await page.locator('[data-testid=canvas]').boundingBox();
    const inView = async (id) => {
      const b = await page.locator(node(id)).boundingBox();
      const cx = b.x + b.width / 2;
      return cx > canvas.x && cx < canvas.x + canvas.width;
    };
    assert.equal(await inView('done'), false, 'the last step is off screen');
    const mini = await page.locator('[data-testid=minimap-node][data-minimap-step=done]').boundingBox();
    await page.mouse.click(mini.x + mini.width / 2, mini.y + mini.height / 2);
    await page.waitForFunction(([sel, left, right]) => {
      const b = document.querySelector(sel).getBoundingClientRect();
      const cx = b.x + b.width / 2;
      return cx > left && cx < right;
    }, [node('done'), canvas.x, canvas.x + canvas.width]);
    const frame = await page.locator('[data-testid=minimap-view]').boundingBox();
    const m = await page.locator('[data-testid=minimap-node][data-minimap-step=done]').boundingBox();
    assert.ok(frame.x <= m.x + m.width / 2 && m.x + m.width / 2 <= frame.x + frame.width, 'the frame moved over the step');
    await page.screenshot({ path: await artifactPath('minimap.png') });

    await page.click('[data-testid=zoom-fit]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=minimap]'));

    assert.deepEqual(problems, []);
    await context.close();
  });
});
