// Import and export through the real file dialogs: a workspace exported
// and imported back gives the same trace; a bad file is refused with where
// it is wrong and changes nothing; a workflow whose id exists comes in as a
// copy when asked.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openApp, serveDist, watchForErrors } from './support.mjs';

const THREE_HOURS = 3 * 3_600_000;

async function clockMs(page) {
  return Number(await page.getAttribute('[data-testid=clock-time]', 'data-ms'));
}

async function menu(page, item) {
  await page.click('[data-testid=workspace-menu]');
  await page.click(`[data-testid=${item}]`);
}

async function download(page, item) {
  await page.click('[data-testid=workspace-menu]');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${item}]`)]);
  return file.path();
}

async function importFile(page, path) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), menu(page, 'import-file')]);
  await chooser.setFiles(path);
}

async function summary(page) {
  await page.click('[data-testid=workspace-menu]');
  const text = await page.textContent('[data-testid=workspace-summary]');
  await page.click('[data-testid=workspace-menu]');
  return text;
}

describe('import and export (release build)', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let dir;

  before(async () => {
    server = await serveDist();
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'flowlab-import-'));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('round-trips a workspace, refuses a bad file, and imports a clashing workflow as a copy', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await openApp(page, server.url);
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await page.click('[data-testid=clock-speed-max]');
    await page.fill('[data-testid=clock-until-input]', '3h');
    await page.press('[data-testid=clock-until-input]', 'Enter');
    await page.waitForFunction((t) => document.querySelector('[data-testid=clock-time]')?.dataset.ms === t, String(THREE_HOURS));
    const trace = await readFile(await download(page, 'download-trace'), 'utf8');
    const exported = await download(page, 'export-workspace');
    assert.match(await readFile(exported, 'utf8'), /"format": "flowlab-workspace\/1"/);

    await menu(page, 'reset-workspace');
    await page.click('[data-testid=reset-confirm]');
    await page.waitForFunction(() => document.querySelector('[data-testid=clock-time]')?.dataset.ms === '0');

    await importFile(page, exported);
    await page.click('[data-testid=import-replace]');
    await page.waitForFunction((t) => document.querySelector('[data-testid=clock-time]')?.dataset.ms === t, String(THREE_HOURS));
    assert.equal(await readFile(await download(page, 'download-trace'), 'utf8'), trace);
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    await page.reload();
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    assert.equal(await clockMs(page), THREE_HOURS, 'the imported workspace was saved');

    const before = await summary(page);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{\n  "id": "x",\n  "steps": [\n    {"id": "a" "kind": "end"}\n  ]\n}\n');
    await importFile(page, broken);
    await page.waitForSelector('[data-testid=import-error]');
    assert.match(await page.textContent('[data-testid=import-error-message]'), /broken\.json: 4:16/);
    await page.click('[data-testid=import-error-close]');
    const unknown = join(dir, 'unknown-field.json');
    await writeFile(unknown, JSON.stringify({ id: 'x', name: 'X', trigger: { type: 'manual' }, steps: [], colour: 'blue' }));
    await importFile(page, unknown);
    await page.waitForSelector('[data-testid=import-error]');
    assert.match(await page.textContent('[data-testid=import-error-message]'), /colour/);
    await page.click('[data-testid=import-error-close]');
    assert.equal(await summary(page), before, 'a refused file changes nothing');
    assert.equal(await clockMs(page), THREE_HOURS);
    await page.reload();
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    assert.equal(await summary(page), before, 'nothing changed in storage either');
    assert.equal(await clockMs(page), THREE_HOURS);

    const workflow = join(dir, 'welcome.json');
    await writeFile(
      workflow,
      JSON.stringify({
        id: 'welcome',
        name: 'Welcome, imported',
        trigger: { type: 'manual' },
        steps: [{ id: 'hi', kind: 'action', action: 'email' }, { id: 'done', kind: 'end' }],
      }),
    );
    await importFile(page, workflow);
    await page.waitForSelector('[data-testid=import-clash-dialog]');
    await page.click('[data-testid=import-as-copy]');
    await page.waitForSelector('[data-testid=import-done]');
    assert.match(await page.textContent('[data-testid=import-done]'), /welcome_copy/);
    assert.match(await summary(page), /^4 workflows/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
