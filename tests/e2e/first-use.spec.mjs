// What a new user tripped on (issue 14), each against the release build:
// the Workspace menu closes on Escape, a press outside and a move to another
// screen; an import of a file that is not a Flowlab file says so plainly,
// with where; the retry hint says the policy the step runs with; an archived
// workflow's problems panel does not offer to publish; disabled operator
// buttons look disabled by more than their text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactPath, go, playUntil, ready, useApp } from './support.mjs';

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
});
