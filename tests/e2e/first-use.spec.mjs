// What a new user tripped on (issue 14), each against the release build:
// the Workspace menu closes on Escape, a press outside and a move to another
// screen; an import of a file that is not a Flowlab file says so plainly,
// with where; the retry hint says the policy the step runs with; an archived
// workflow's problems panel does not offer to publish; disabled operator
// buttons look disabled by more than their text; a palette item dropped
// outside the canvas says why nothing was added; the channels a workflow
// needs are warned about in People and Publish; approval port words are not
// clipped by a fitted view, and in run mode lie on no edge or badge; the run
// key shows "N - Ok", not a count.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactPath, centre, drag, go, playUntil, ready, useApp } from './support.mjs';

const menuOpen = (page) => page.locator('[data-testid=workspace-menu-list]').count().then((n) => n === 1);

async function importFile(page, path) {
  await page.click('[data-testid=workspace-menu]');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid=import-file]')]);
  await chooser.setFiles(path);
}

describe('what a new user tripped on (release build)', { timeout: 180_000 }, () => {
  const app = useApp();

  it('closes the Workspace menu on Escape (focus back on its button), a press outside, and another screen', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await ready(page);
    const button = '[data-testid=workspace-menu]';

    await page.click(button);
    assert.ok(await menuOpen(page));
    assert.equal(await page.getAttribute(button, 'aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=workspace-menu-list]', { state: 'detached' });
    assert.equal(await page.getAttribute(button, 'aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'workspace-menu');

    await page.click(button);
    assert.ok(await menuOpen(page));
    const main = await page.locator('main').boundingBox();
    await page.mouse.click(main.x + main.width / 2, main.y + main.height - 20);
    await page.waitForSelector('[data-testid=workspace-menu-list]', { state: 'detached' });

    // A press inside it keeps it open.
    await page.click(button);
    await page.click('[data-testid=workspace-summary]');
    assert.ok(await menuOpen(page), 'a press inside the menu keeps it');

    // Another screen without a press (history navigation).
    await go(page, '/runs');
    await page.waitForSelector('[data-testid=screen-runs]');
    await page.waitForSelector('[data-testid=workspace-menu-list]', { state: 'detached' });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says a file is not a Flowlab file, then its line and column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowlab-first-use-'));
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await ready(page);

    const csv = join(dir, 'people.csv');
    await writeFile(csv, 'name,email\nada,ada@example.com\n');
    await importFile(page, csv);
    await page.waitForSelector('[data-testid=import-error]');
    const notJson = await page.textContent('[data-testid=import-error-message]');
    assert.match(notJson, /^people\.csv: This is not a Flowlab file: it is not JSON, at line 1, column \d+$/);
    assert.doesNotMatch(notJson, /syntax|expected ident/);
    await page.click('[data-testid=import-error-close]');

    const other = join(dir, 'other.json');
    await writeFile(other, '{\n  "format": "something-else/3",\n  "hello": "world"\n}\n');
    await importFile(page, other);
    await page.waitForSelector('[data-testid=import-error]');
    const otherFormat = await page.textContent('[data-testid=import-error-message]');
    assert.match(otherFormat, /^other\.json: This is not a Flowlab file: its `format` is `something-else\/3`.*, at line 2, column 3$/);
    assert.doesNotMatch(otherFormat, /unknown field/);
    await page.screenshot({ path: await artifactPath('import-not-flowlab.png') });
    await page.click('[data-testid=import-error-close]');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says the retry policy a step runs with: on when ticked, off (the default) when not', async () => {
    const { context, page, problems } = await app.open('/editor/welcome', { viewport: { width: 1400, height: 900 } });
    await page.waitForSelector('[data-testid=node][data-step-id=send_welcome]');
    await page.click('[data-testid=node][data-step-id=send_welcome] .node-title');
    await page.waitForSelector('[data-testid=inspector-step][data-step-id=send_welcome]');
    assert.ok(await page.isChecked('[data-testid=inspector] [data-testid=field-retry]'), 'the sample step has its own policy');
    const hint = '[data-testid=inspector] [data-testid=hint-field-retry]';
    assert.equal(await page.textContent(hint), 'On: 3 attempts, backing off 1m, 2m');
    await page.uncheck('[data-testid=inspector] [data-testid=field-retry]');
    await page.waitForFunction((h) => /^Off: the default policy/.test(document.querySelector(h)?.textContent ?? ''), hint);
    await page.check('[data-testid=inspector] [data-testid=field-retry]');
    await page.waitForFunction((h) => /^On:/.test(document.querySelector(h)?.textContent ?? ''), hint);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('does not offer to publish an archived workflow', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await ready(page);
    await playUntil(page, 1_000); // the script publishes and activates the samples at 0
    await go(page, '/editor/welcome');
    await page.waitForFunction(() => document.querySelector('[data-testid=editor-status]')?.textContent === 'active');
    await page.click('[data-testid=lifecycle-cancel]');
    await page.click('[data-testid=confirm-ok]');
    await page.waitForFunction(() => document.querySelector('[data-testid=editor-status]')?.textContent === 'cancelled');
    await page.click('[data-testid=lifecycle-archive]');
    await page.click('[data-testid=confirm-ok]');
    await page.waitForSelector('[data-testid=archived-banner]');
    assert.ok(await page.isDisabled('[data-testid=publish]'));
    const none = await page.textContent('[data-testid=problems-none]');
    assert.doesNotMatch(none, /this draft can be published/);
    assert.match(none, /cannot be published: the workflow is archived/);
    assert.match(await page.getAttribute('[data-testid=publish]', 'title'), /archived workflow cannot be published/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows a disabled operator button as disabled by more than grey text', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await ready(page);
    await playUntil(page, 10 * 60_000);
    await go(page, '/runs');
    await page.selectOption('[data-testid=filter-workflow]', 'welcome');
    const running = page.locator('[data-testid=run-row][data-state=RUNNING]').first();
    await running.waitFor();
    await running.locator('[data-testid=run-link]').click();
    await page.waitForSelector('[data-testid=action-stop]:not([disabled])');
    assert.ok(await page.isDisabled('[data-testid=action-rollback]'));
    const look = (sel) =>
      page.$eval(sel, (e) => {
        const s = getComputedStyle(e);
        return { border: s.borderTopStyle, background: s.backgroundColor, shadow: s.boxShadow };
      });
    const enabled = await look('[data-testid=action-stop]');
    const disabled = await look('[data-testid=action-rollback]');
    assert.equal(enabled.border, 'solid');
    assert.equal(disabled.border, 'dashed', 'a disabled button has a dashed border');
    assert.notEqual(disabled.background, enabled.background, 'and another background');
    assert.deepEqual(problems, []);
    await context.close();
  });
  it('says why a palette item dropped outside the canvas was not added', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await page.click('[data-testid=new-workflow]');
    await page.waitForSelector('[data-testid=canvas-empty]');
    const inspector = await page.locator('[data-testid=inspector]').boundingBox();
    await drag(page, await centre(page, '[data-testid=palette-action]'), { x: inspector.x + inspector.width / 2, y: inspector.y + 80 });
    await page.waitForSelector('[data-testid=notice]');
    assert.match(await page.textContent('[data-testid=notice]'), /^Not added: drop the action step on the canvas, or click it in the palette$/);
    assert.equal(await page.locator('[data-testid=node]').count(), 0);
    // Dropped back on the palette: a change of mind, nothing is said.
    await page.waitForSelector('[data-testid=notice]', { state: 'detached', timeout: 10_000 });
    const palette = await page.locator('[data-testid=palette]').boundingBox();
    await drag(page, await centre(page, '[data-testid=palette-wait]'), { x: palette.x + palette.width / 2, y: palette.y + palette.height - 30 });
    await page.waitForTimeout(300);
    assert.equal(await page.locator('[data-testid=notice]').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('warns in People and in Publish about contacts that lack the channel a workflow needs', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await ready(page);
    await playUntil(page, 1_000);
    await go(page, '/people');
    await page.waitForSelector('[data-testid=screen-people]');
    await page.selectOption('[data-testid=enroll-workflow]', 'welcome');
    const select = (id) => page.check(`[data-testid=contact-row][data-contact=${id}] [data-testid=contact-select]`);
    await select('c2');
    assert.equal(await page.locator('[data-testid=enroll-warning]').count(), 0, 'c2 has an email');
    await select('c3');
    await page.waitForSelector('[data-testid=enroll-warning]');
    assert.equal(
      await page.textContent('[data-testid=enroll-warning]'),
      "Contact c3 has no email address: v1's email actions would end its execution FAILED_SAFE at discovery.",
    );
    await page.screenshot({ path: await artifactPath('people-enroll-warning.png') });

    // provision_workspace is manual (anyone can be enrolled) and ends with an email.
    await go(page, '/editor/provision_workspace');
    await page.waitForSelector('[data-testid=node]');
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=publish-dialog]');
    const warning = await page.textContent('[data-testid=publish-channels]');
    assert.match(warning, /2 contacts \(c3, c6\) have no email address: this version's email actions would end their executions FAILED_SAFE at discovery\./);
    await page.screenshot({ path: await artifactPath('publish-channel-warning.png') });
    assert.deepEqual(problems, []);
    await context.close();
  });
  it('keeps the words of an approval\'s free ports inside the canvas when a version is fitted', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await page.click('[data-testid=new-workflow]');
    await page.waitForSelector('[data-testid=canvas-empty]');
    const canvas = await page.locator('[data-testid=canvas]').boundingBox();
    for (const [kind, dx] of [['action', 140], ['approval', 440]]) {
      await drag(page, await centre(page, `[data-testid=palette-${kind}]`), { x: canvas.x + dx, y: canvas.y + 200 });
    }
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 2);
    await page.click('[data-testid=problem][data-step=approval_1][data-field=group]');
    await page.waitForFunction(() => document.activeElement?.dataset.field === 'group');
    await page.keyboard.type('marketing-leads');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.querySelector('[data-testid=problem-errors]')?.textContent === '0');
    await page.click('[data-testid=publish]');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    // A published version is read-only: fitting it may enlarge it (up to 150 %),
    // which pushed the words past the right edge.
    await page.click('[data-testid=versions]');
    await page.click('[data-testid=version-row][data-version="1"] [data-testid=version-view]');
    await page.waitForSelector('[data-testid=screen-editor][data-readonly=true]');
    await page.click('[data-testid=zoom-fit]');
    await page.waitForTimeout(200);
    const shown = await page.locator('[data-testid=canvas]').boundingBox();
    const words = await page.$$eval('[data-testid=port-label]', (els) =>
      els.map((e) => { const r = e.getBoundingClientRect(); return { text: e.textContent, right: r.right }; }));
    assert.deepEqual(words.map((w) => w.text).sort(), ['approved', 'rejected', 'timeout']);
    for (const w of words) {
      assert.ok(w.right <= shown.x + shown.width - 4, `"${w.text}" ends at ${w.right}, past the canvas (${shown.x + shown.width})`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('keeps port words off the edges and badges in run mode', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await ready(page);
    await playUntil(page, 2 * 24 * 3_600_000);
    await go(page, '/editor/spring_campaign?mode=run&v=1');
    await page.waitForSelector('[data-testid=screen-editor][data-mode=run]');
    await page.waitForSelector('[data-testid=node-count]');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('[data-testid=port-label]').count(), 0, 'no free-port words in run mode: nothing can be connected');
    const rejected = await page.locator('[data-testid=edge][data-from=validate][data-edge-port=rejected] [data-testid=edge-tag]').boundingBox();
    assert.ok(rejected, 'the rejected edge keeps its word');
    const badges = await page.$$eval('[data-testid=node-count]', (els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height, text: e.textContent }; }));
    const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const b of badges) assert.ok(!overlaps(rejected, b), `"rejected" lies under the badge "${b.text}"`);
    // The key explains the edge labels with a placeholder, not a count that reads as data.
    const key = await page.textContent('[data-testid=run-key-edge]');
    assert.match(key, /N - Ok/);
    assert.doesNotMatch(key, /\d+ - Ok/, `the key reads "${key}"`);
    await page.screenshot({ path: await artifactPath('run-mode-port-words.png') });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
