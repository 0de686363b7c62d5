// The editor's file and version actions with the real dialogs: export a
// workflow file, import an edited copy into the draft (and undo it), publish,
// restore the published version into the draft, and clone the workflow.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { useApp } from './support.mjs';

describe('editor files and versions (release build)', { timeout: 120_000 }, () => {
  const app = useApp();

  it('exports, imports, restores and clones', async () => {
    const { context, page, problems } = await app.open('/editor/welcome', { viewport: { width: 1400, height: 900 } });
    await page.waitForSelector('[data-testid=node]');
    await page.click('[data-testid=export]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
    const file = await download.path();
    const exported = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(exported.id, 'welcome');
    assert.equal(exported.steps.length, 4);
    assert.ok(!('format' in exported), 'a workflow file is a bare workflow object');

    await page.click('[data-testid=publish]');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForFunction(() => document.querySelector('[data-testid=editor-version]')?.textContent.includes('1'));
    assert.equal(await page.isVisible('[data-testid=unpublished-marker]'), false);

    exported.steps = exported.steps.filter((s) => s.id !== 'send_tips');
    exported.steps.find((s) => s.id === 'wait_a_day').next = 'done';
    const edited = `${file}.edited.json`;
    await writeFile(edited, JSON.stringify(exported));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid=import]')]);
    await chooser.setFiles(edited);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 3);
    await page.waitForSelector('[data-testid=unpublished-marker]');
    assert.match(await page.getAttribute('[data-testid=undo]', 'title'), /^Undo Import .*\.edited\.json \(Ctrl\+Z\)$/);
    await page.click('[data-testid=undo]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 4);
    await page.click('[data-testid=redo]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 3);

    await page.click('[data-testid=versions]');
    await page.click('[data-testid=version-restore]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 4);
    await page.waitForSelector('[data-testid=unpublished-marker]', { state: 'detached' });
    // A restore is an undo entry of the engine's own, which the editor names.
    assert.equal(await page.getAttribute('[data-testid=undo]', 'title'), 'Undo Restore (Ctrl+Z)');

    await page.click('[data-testid=clone]');
    await page.fill('[data-testid=clone-id]', 'welcome_twin');
    await page.click('[data-testid=clone-confirm]');
    await page.waitForURL(/\/editor\/welcome_twin$/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 4);
    await page.waitForFunction(
      () => document.querySelector('[data-testid=editor-workflow-id]')?.textContent === 'welcome_twin',
      null,
      { timeout: 5_000 },
    );
    assert.match(await page.textContent('[data-testid=editor-title]'), /copy/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
