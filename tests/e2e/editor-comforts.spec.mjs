// The editor's comforts: Find step (Ctrl+F) by name and by id, which
// selects the step and pans it into view, says when nothing matches and
// gives the focus back on Escape, and only in the editor; a double click
// renames a step in place, as one undo entry, Escape cancels and an empty
// name is refused. axe-core checks both, light and dark; screenshots of
// them go to tests/e2e/artifacts/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { artifactPath, centre, go, useApp } from './support.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations inside `selector`. */
async function violations(page, selector) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: AXE });
  }
  const result = await page.evaluate(
    (include) =>
      window.axe.run({ include: [include] }, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      }),
    selector,
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.dataset?.testid === 'node' ? `node:${el.dataset.stepId}` : el?.dataset?.testid ?? el?.tagName;
  });

/** The focus may move a frame after the element appears: wait for it, then check. */
async function focusedSoon(page, want) {
  await page
    .waitForFunction((w) => {
      const el = document.activeElement;
      const now = el?.dataset?.testid === 'node' ? `node:${el.dataset.stepId}` : el?.dataset?.testid ?? el?.tagName;
      return now === w;
    }, want, { timeout: 5_000 })
    .catch(() => {});
  return focused(page);
}

const selected = (page) =>
  page.locator('[data-testid=node][data-selected=true]').evaluateAll((els) => els.map((e) => e.dataset.stepId));

const options = (page) =>
  page.locator('[data-testid=find-option]').evaluateAll((els) => els.map((e) => e.dataset.stepId));

const activeOption = (page) =>
  page.locator('[data-testid=find-option][aria-selected=true]').evaluateAll((els) => els.map((e) => e.dataset.stepId));

const title = (page, id) => page.textContent(`[data-step-id=${id}] [data-testid=node-title]`);

async function openEditor(app) {
  const opened = await app.open('/editor/welcome', { viewport: { width: 1400, height: 900 } });
  const { page } = opened;
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 4);
  // The editor fits the drawing on its first animation frame: let that
  // pass, or it undoes the zoom a test starts with.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => {
    // Whether the step is drawn whole inside the canvas.
    window.inside = (id) => {
      const c = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
      const s = document.querySelector(`[data-step-id=${id}] .node-frame`).getBoundingClientRect();
      return s.left >= c.left && s.right <= c.right && s.top >= c.top && s.bottom <= c.bottom;
    };
    // Whether the last key press was taken by the page (registered after
    // the editor's own listener, so it sees what the editor did).
    window.addEventListener('keydown', (e) => {
      window.lastKeyTaken = e.defaultPrevented;
    });
  });
  return opened;
}

describe('the editor comforts', { timeout: 180_000 }, () => {
  const app = useApp();

  it('finds a step by name or id, selects it and brings it into view', async () => {
    const { context, page, problems } = await openEditor(app);

    // Zoomed in about the centre, most steps are off the canvas.
    for (let i = 0; i < 6; i += 1) await page.keyboard.press('=');
    await page.waitForFunction(() => !inside('send_tips') && !inside('wait_a_day'), null, { timeout: 5_000 });

    // By a part of the name, in another case.
    await page.keyboard.press('Control+f');
    await page.waitForSelector('[data-testid=find-step]');
    assert.equal(await page.evaluate(() => window.lastKeyTaken), true, 'the editor takes Ctrl+F');
    assert.equal(await focusedSoon(page, 'find-input'), 'find-input');
    assert.equal(await page.getAttribute('[data-testid=find-list]', 'role'), 'listbox');
    assert.deepEqual(await options(page), ['send_welcome', 'wait_a_day', 'send_tips', 'done'], 'all steps before typing');
    await page.keyboard.type('GETTING-started');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=find-option]').length === 1);
    assert.deepEqual(await options(page), ['send_tips']);
    assert.equal(await page.getAttribute('[data-testid=find-option]', 'role'), 'option');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=find-step]', { state: 'detached' });
    assert.deepEqual(await selected(page), ['send_tips']);
    await page.waitForFunction(() => inside('send_tips'), null, { timeout: 5_000 });
    assert.equal(await focusedSoon(page, 'node:send_tips'), 'node:send_tips', 'the found step has the focus');
    assert.equal(await page.evaluate(() => [document.scrollingElement.scrollTop, document.scrollingElement.scrollLeft].join()), '0,0');

    // By id: "wait_a" is in the id only (the name is "Wait a day").
    assert.equal(await page.evaluate(() => inside('wait_a_day')), false);
    await page.keyboard.press('Control+f');
    await page.waitForSelector('[data-testid=find-input]');
    await focusedSoon(page, 'find-input');
    await page.keyboard.type('wait_a');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=find-option]').length === 1);
    assert.deepEqual(await options(page), ['wait_a_day']);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=find-step]', { state: 'detached' });
    assert.deepEqual(await selected(page), ['wait_a_day']);
    await page.waitForFunction(() => inside('wait_a_day'), null, { timeout: 5_000 });

    // The arrow keys move in the list; Enter picks the active option.
    await page.keyboard.press('Control+f');
    await page.waitForSelector('[data-testid=find-input]');
    await focusedSoon(page, 'find-input');
    await page.keyboard.type('send');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=find-option]').length === 2);
    assert.deepEqual(await activeOption(page), ['send_welcome']);
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await activeOption(page), ['send_tips']);
    assert.equal(
      await page.getAttribute('[data-testid=find-input]', 'aria-activedescendant'),
      await page.getAttribute('[data-testid=find-option][aria-selected=true]', 'id'),
    );
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await activeOption(page), ['send_tips'], 'the last option stays active');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=find-step]', { state: 'detached' });
    assert.deepEqual(await selected(page), ['send_welcome']);
    await page.waitForFunction(() => inside('send_welcome'), null, { timeout: 5_000 });

    // Nothing matches: a message, no list; Escape closes and the focus is
    // back on the canvas's step, the selection kept.
    await page.keyboard.press('Control+f');
    await page.waitForSelector('[data-testid=find-input]');
    await focusedSoon(page, 'find-input');
    await page.keyboard.type('zzz');
    await page.waitForFunction(() => document.querySelector('[data-testid=find-empty]')?.textContent === 'No step matches “zzz”');
    assert.equal(await page.getAttribute('[data-testid=find-empty]', 'role'), 'status');
    assert.equal(await page.locator('[data-testid=find-list]').count(), 0);
    await page.keyboard.press('Enter');
    assert.deepEqual(await selected(page), ['send_welcome'], 'Enter on no match changes nothing');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=find-step]', { state: 'detached' });
    assert.equal(await focusedSoon(page, 'node:send_welcome'), 'node:send_welcome', 'Escape gives the focus back to the canvas');
    assert.deepEqual(await selected(page), ['send_welcome']);

    // A click on the canvas closes the box.
    await page.keyboard.press('Control+f');
    await page.waitForSelector('[data-testid=find-input]');
    await focusedSoon(page, 'find-input');
    const canvas = await page.locator('[data-testid=canvas]').boundingBox();
    await page.mouse.click(canvas.x + 20, canvas.y + canvas.height - 20);
    await page.waitForSelector('[data-testid=find-step]', { state: 'detached' });

    // Screenshots of the box, light and dark.
    await page.keyboard.press('!');
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await page.keyboard.press('Control+f');
      await page.waitForSelector('[data-testid=find-input]');
    await focusedSoon(page, 'find-input');
      await page.keyboard.type('se');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=find-option]').length === 2);
      await page.screenshot({ path: await artifactPath(`find-step-${colorScheme}.png`) });
      assert.deepEqual(await violations(page, '[data-testid=find-step]'), [], `axe on the find box, ${colorScheme}`);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=find-step]', { state: 'detached' });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Outside the editor, Ctrl+F is the browser's.
    await go(page, '/');
    await page.waitForSelector('[data-testid=screen-workflows]');
    await page.keyboard.press('Control+f');
    assert.equal(await page.evaluate(() => window.lastKeyTaken), false, 'Ctrl+F is left to the browser');
    assert.equal(await page.locator('[data-testid=find-step]').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('renames a step in place with a double click, as one undo entry', async () => {
    const { context, page, problems } = await openEditor(app);
    const undoTitle = () => page.getAttribute('[data-testid=undo]', 'title');
    assert.equal(await undoTitle(), 'Nothing to undo');

    // The field opens over the step with its name selected.
    const at = await centre(page, '[data-step-id=done] .node-frame');
    await page.mouse.dblclick(at.x, at.y);
    await page.waitForSelector('[data-testid=rename-step]');
    await focusedSoon(page, 'rename-step');
    assert.equal(await focusedSoon(page, 'rename-step'), 'rename-step');
    assert.equal(await page.inputValue('[data-testid=rename-step]'), 'Done');
    const field = await page.locator('[data-testid=rename-step]').boundingBox();
    const node = await page.locator('[data-step-id=done] .node-frame').boundingBox();
    assert.ok(
      field.x < node.x + node.width && field.x + field.width > node.x && field.y >= node.y && field.y + field.height <= node.y + node.height,
      `the field lies over the step: ${JSON.stringify({ field, node })}`,
    );
    await page.keyboard.type('Finish the journey');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=rename-step]', { state: 'detached' });
    assert.equal(await title(page, 'done'), 'Finish the journey');
    assert.equal(await focusedSoon(page, 'node:done'), 'node:done', 'the focus is back on the step');
    assert.equal(await undoTitle(), 'Undo Rename step (Ctrl+Z)');
    assert.equal(await page.inputValue('[data-testid=inspector] input[data-field=name]'), 'Finish the journey');

    // One undo gives the old name back.
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('[data-step-id=done] [data-testid=node-title]').textContent === 'Done');
    assert.equal(await undoTitle(), 'Nothing to undo', 'the rename was one undo entry');

    // Escape cancels.
    await page.mouse.dblclick(at.x, at.y);
    await page.waitForSelector('[data-testid=rename-step]');
    await focusedSoon(page, 'rename-step');
    await page.keyboard.type('Something else');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=rename-step]', { state: 'detached' });
    assert.equal(await title(page, 'done'), 'Done');
    assert.equal(await undoTitle(), 'Nothing to undo');
    assert.equal(await focusedSoon(page, 'node:done'), 'node:done');

    // An empty name is refused: the field stays, says why, nothing changes.
    await page.mouse.dblclick(at.x, at.y);
    await page.waitForSelector('[data-testid=rename-step]');
    await focusedSoon(page, 'rename-step');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('   ');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=rename-error]')?.textContent.length > 0);
    assert.match(await page.textContent('[data-testid=rename-error]'), /A step needs a name/);
    assert.equal(await page.getAttribute('[data-testid=rename-step]', 'aria-invalid'), 'true');
    assert.equal(await focusedSoon(page, 'rename-step'), 'rename-step');
    assert.equal(await title(page, 'done'), 'Done');
    assert.equal(await undoTitle(), 'Nothing to undo');
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: await artifactPath(`rename-step-empty-${colorScheme}.png`) });
      assert.deepEqual(await violations(page, '.rename-step'), [], `axe on the rename field, ${colorScheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=rename-step]', { state: 'detached' });
    assert.equal(await title(page, 'done'), 'Done');

    // F2 renames the selected step from the keyboard.
    await page.keyboard.press('F2');
    await page.waitForSelector('[data-testid=rename-step]');
    await focusedSoon(page, 'rename-step');
    assert.equal(await focusedSoon(page, 'rename-step'), 'rename-step');
    assert.equal(await page.inputValue('[data-testid=rename-step]'), 'Done');
    await page.keyboard.type('The end');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=rename-step]', { state: 'detached' });
    assert.equal(await title(page, 'done'), 'The end');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('[data-step-id=done] [data-testid=node-title]').textContent === 'Done');

    // Leaving the field keeps the name typed.
    await page.mouse.dblclick(at.x, at.y);
    await page.waitForSelector('[data-testid=rename-step]');
    await focusedSoon(page, 'rename-step');
    await page.keyboard.type('All done');
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: await artifactPath(`rename-step-${colorScheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    const blank = await page.locator('[data-testid=canvas]').boundingBox();
    await page.mouse.click(blank.x + 20, blank.y + blank.height - 20);
    await page.waitForSelector('[data-testid=rename-step]', { state: 'detached' });
    assert.equal(await title(page, 'done'), 'All done');
    assert.equal(await undoTitle(), 'Undo Rename step (Ctrl+Z)');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
