// The editor with the keyboard only: the skip link, the `?` overlay, steps
// added from the palette, the canvas's one tab stop and its arrows, a step
// moved and removed (one undo each), two steps linked by a chosen port,
// a field set and the workflow published. Screenshots of the focused canvas
// and the overlay, light and dark, go to tests/e2e/artifacts/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, useApp } from './support.mjs';

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.dataset?.testid === 'node' ? `node:${el.dataset.stepId}` : el?.dataset?.testid ?? el?.tagName;
  });

/** Presses Tab until the element with this test id has the focus. */
async function tabTo(page, testid, most = 80) {
  for (let i = 0; i < most; i += 1) {
    if ((await page.evaluate(() => document.activeElement?.dataset?.testid)) === testid) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testid}; the focus is on ${await focused(page)}`);
}

/** Presses Tab until the inspector field `field` has the focus. */
async function tabToField(page, field, most = 40) {
  for (let i = 0; i < most; i += 1) {
    if ((await page.evaluate(() => document.activeElement?.dataset?.field)) === field) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the field ${field}`);
}

const selected = (page) =>
  page.locator('[data-testid=node][data-selected=true]').evaluateAll((els) => els.map((e) => e.dataset.stepId));

describe('the keyboard and assistive technology', { timeout: 180_000 }, () => {
  const app = useApp();

  it('builds, links and publishes a workflow with the keyboard only', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await page.evaluate(() => {
      // Whether the step is drawn whole inside the canvas.
      window.inside = (id) => {
        const c = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
        const s = document.querySelector(`[data-step-id=${id}] .node-frame`).getBoundingClientRect();
        return s.left >= c.left && s.right <= c.right && s.top >= c.top && s.bottom <= c.bottom;
      };
    });

    // The skip link is the first stop and takes the focus to the screen.
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'skip-link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'content');

    await tabTo(page, 'new-workflow');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=screen-editor][data-workflow-id=workflow_1]');

    // Three steps from the palette: an action, an approval after it, an end.
    for (const kind of ['action', 'approval', 'end']) {
      await tabTo(page, `palette-${kind}`);
      await page.keyboard.press('Enter');
    }
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 3);
    assert.deepEqual(await selected(page), ['end_1']);

    // One tab stop on the canvas, on the selected step; each step is named.
    assert.deepEqual(
      await page.locator('[data-testid=node][tabindex="0"]').evaluateAll((els) => els.map((e) => e.dataset.stepId)),
      ['end_1'],
    );
    assert.equal(await page.getAttribute('[data-step-id=approval_1]', 'role'), 'button');
    assert.match(
      await page.locator('[data-step-id=approval_1]').ariaSnapshot(),
      /button "approval_1 .*, approval step, has an error/,
      'a step is named by its title, summary, kind and problem',
    );
    await tabTo(page, 'node');
    assert.equal(await focused(page), 'node:end_1');

    // Arrows follow the drawing: the end is under the approval, right of the action.
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(page), 'node:approval_1');
    assert.deepEqual(await selected(page), ['approval_1']);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focused(page), 'node:action_1');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(page), 'node:approval_1');

    // Zoomed in about the centre, the approval is off the canvas; the arrow
    // that selects it again pans it into view. Shift+1 (!) fits them again.
    for (let i = 0; i < 6; i += 1) await page.keyboard.press('=');
    await page.waitForFunction(() => !inside('approval_1'));
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focused(page), 'node:action_1');
    await page.waitForFunction(() => inside('action_1'), null, { timeout: 5_000 });
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(page), 'node:approval_1');
    await page.waitForFunction(() => inside('approval_1'), null, { timeout: 5_000 });
    assert.equal(await page.evaluate(() => [document.scrollingElement.scrollTop, document.scrollingElement.scrollLeft].join()), '0,0');
    await page.keyboard.press('!');

    // Alt+arrow moves the step by the grid; one undo puts it back.
    const at = async () => (await page.getAttribute('[data-step-id=approval_1]', 'transform')).match(/[-\d.]+/g).map(Number);
    const [x0, y0] = await at();
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForFunction((y) => !document.querySelector('[data-step-id=approval_1]').getAttribute('transform').endsWith(` ${y})`), y0);
    assert.deepEqual(await at(), [x0, y0 + 16]);
    await page.keyboard.press('Shift+ArrowRight');
    await page.waitForFunction((x) => !document.querySelector('[data-step-id=approval_1]').getAttribute('transform').startsWith(`translate(${x} `), x0);
    assert.deepEqual(await at(), [x0 + 16, y0 + 16]);
    await page.keyboard.press('Control+z');
    await page.waitForFunction((x) => document.querySelector('[data-step-id=approval_1]').getAttribute('transform').startsWith(`translate(${x} `), x0);
    assert.deepEqual(await at(), [x0, y0 + 16], 'one undo undoes one key press');
    await page.keyboard.press('Control+z');

    // Delete removes a step, undo brings it back.
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(page), 'node:end_1');
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 2);
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 3);

    // Nothing is selected: an arrow starts at the start step.
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(page), 'node:action_1');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(page), 'node:approval_1');

    // Link the approval's "approved" port to the end: L, the port, the step.
    await page.keyboard.press('l');
    await page.waitForSelector('[data-testid=link-dialog]');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('dialog') !== null), true, 'the focus is in the dialog');
    assert.equal(await page.inputValue('[data-testid=link-port]'), 'approved');
    assert.equal(await page.inputValue('[data-testid=link-target]'), 'end_1');
    await tabTo(page, 'link-confirm');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=link-dialog]', { state: 'detached' });
    await page.waitForSelector('[data-testid=edge][data-from=approval_1][data-edge-port=approved][data-to=end_1]', { state: 'attached' });
    assert.equal(await focused(page), 'node:approval_1', 'the focus is back on the step');

    // Enter opens the inspector; the approval's group is set by typing.
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[data-testid=inspector]')), true);
    await tabToField(page, 'group');
    await page.keyboard.type('marketing-leads');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => !document.querySelector('[data-testid=node][data-issue=error]'));

    // Screenshots of the focused canvas and the `?` overlay.
    await page.evaluate(() => document.querySelector('[data-step-id=approval_1]').focus());
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: await artifactPath(`keyboard-canvas-${colorScheme}.png`) });
      await page.keyboard.press('?');
      await page.waitForSelector('[data-testid=shortcuts]');
      await page.screenshot({ path: await artifactPath(`keyboard-shortcuts-${colorScheme}.png`) });
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=shortcuts]', { state: 'detached' });
      assert.equal(await focused(page), 'node:approval_1', 'Escape closes the overlay and the focus comes back');
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Publish, from the toolbar's button, confirming in the dialog.
    await tabTo(page, 'publish');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=publish-dialog]');
    await tabTo(page, 'publish-confirm');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    assert.equal(await page.textContent('[data-testid=editor-version]'), 'v1');
    assert.equal(await page.locator('[data-testid=unpublished-marker]').count(), 0);
    assert.equal(await focused(page), 'publish', 'the focus returns to the Publish button');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
