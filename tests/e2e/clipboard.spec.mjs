// Copy and paste of steps through the system clipboard, as a workflow
// file's JSON: from one workflow in one tab to another workflow in another
// tab, one undo for the whole paste, and text that is not steps refused
// with a notice that says why, the draft untouched.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './support.mjs';

const VIEWPORT = { width: 1400, height: 900 };
const node = (id) => `[data-testid=node][data-step-id="${id}"]`;
const count = (page) => page.locator('[data-testid=node]').count();

async function focusStep(page, id) {
  await page.waitForSelector(node(id));
  await page.click(`${node(id)} .node-title`);
  await page.waitForSelector(`[data-testid=inspector-step][data-step-id="${id}"]`);
}

/** A paste event carrying `text`, sent to the focused step as the browser would. */
async function pasteText(page, text) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

describe('steps on the system clipboard (release build)', { timeout: 120_000 }, () => {
  const app = useApp();

  it('copies steps in one tab and pastes them into another workflow in another tab', async () => {
    const { context, page, problems } = await app.open('/editor/provision_workspace', { viewport: VIEWPORT });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await focusStep(page, 'create_account');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await page.waitForSelector('[data-testid=notice]:has-text("Copied 4 steps")');

    const text = await page.evaluate(() => navigator.clipboard.readText());
    const file = JSON.parse(text);
    assert.equal(file.id, 'provision_workspace');
    assert.deepEqual(file.trigger, { type: 'manual' });
    assert.deepEqual(file.steps.map((s) => s.id), ['create_account', 'grant_access', 'configure_billing', 'send_ready']);
    assert.equal(file.steps[0].next, 'grant_access', 'links between the copied steps travel with them');

    // The first tab goes, so that the second one runs the workspace (a tab
    // that only shows it read-only refuses edits).
    await page.close();
    const other = await context.newPage();
    await other.setViewportSize(VIEWPORT);
    await other.goto(`${app.server.url}/editor/welcome`);
    await focusStep(other, 'send_tips');
    const before = await count(other);
    await other.keyboard.press('Control+v');
    await other.waitForSelector(node('create_account'));
    assert.equal(await count(other), before + 4);
    assert.equal(await other.locator('[data-testid=edge][data-from=create_account][data-to=grant_access]').count(), 1);
    // The pasted steps are selected, and one undo takes the whole paste away.
    assert.equal(await other.locator('[data-testid=node][data-selected=true]').count(), 4);
    await other.keyboard.press('Control+z');
    await other.waitForFunction((n) => document.querySelectorAll('[data-testid=node]').length === n, before);

    assert.deepEqual(problems, []);
    await context.close();
  });

  it('refuses text that is not steps, says why, and changes nothing', async () => {
    const { context, page, problems } = await app.open('/editor/welcome', { viewport: VIEWPORT });
    await focusStep(page, 'send_tips');
    const before = await count(page);

    await pasteText(page, 'hello there');
    await page.waitForSelector('[data-testid=notice]:has-text("Nothing pasted")');
    assert.match(await page.textContent('[data-testid=notice]'), /not Flowlab steps/);

    await pasteText(page, '{"id":"w","name":"W","trigger":{"type":"manual"},"steps":[{"id":"a","kind":"teleport"}]}');
    await page.waitForFunction(() => /teleport/.test(document.querySelector('[data-testid=notice]')?.textContent ?? ''));
    assert.equal(await count(page), before);

    // A workflow file written by hand pastes, its ids kept where free.
    await pasteText(page, '{"id":"w","name":"W","trigger":{"type":"manual"},"steps":[{"id":"send_tips","kind":"action","action":"sms"},{"id":"bye","kind":"end"}]}');
    await page.waitForSelector(node('bye'));
    await page.waitForSelector(node('send_tips_copy'));
    assert.equal(await page.locator('[data-testid=edge][data-from=send_tips_copy][data-to=bye]').count(), 1);
    assert.equal(await count(page), before + 2);

    assert.deepEqual(problems, []);
    await context.close();
  });
});
