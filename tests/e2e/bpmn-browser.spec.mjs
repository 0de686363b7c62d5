// BPMN in the browser, against the release build: a sample's BPMN export
// (from the editor's Export menu) opened in bpmn-js (npm, from the
// lockfile) with no import warning and one drawn shape per flow node,
// screenshotted next to Flowlab's canvas of the same workflow (both under
// tests/e2e/artifacts/); and a file drawn in bpmn.io imported through the
// Workspace menu and the editor's Import, then published. A file with an
// element Flowlab does not support is refused by the element's id, and
// nothing changes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, artifactPath, go, ready, useApp } from './support.mjs';

const VIEWPORT = { width: 1400, height: 900 };
const BPMN_IO = `${ROOT}tests/e2e/fixtures/bpmn-io-onboarding.bpmn`;
const VIEWER = `${ROOT}node_modules/bpmn-js/dist/bpmn-viewer.production.min.js`;
const VIEWER_CSS = `${ROOT}node_modules/bpmn-js/dist/assets/diagram-js.css`;

/** The fixture with a parallel gateway Flowlab has no equivalent for. */
async function unsupportedFile() {
  const dir = await mkdtemp(join(tmpdir(), 'flowlab-bpmn-'));
  const text = (await readFile(BPMN_IO, 'utf8')).replace(
    '<bpmn:endEvent id="Event_1done"',
    '<bpmn:parallelGateway id="Gateway_split" />\n    <bpmn:endEvent id="Event_1done"',
  );
  const path = join(dir, 'fork.bpmn');
  await writeFile(path, text);
  return path;
}

async function workspaceImport(page, path) {
  await page.click('[data-testid=workspace-menu]');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.click('.ws-menu-list [data-testid=import-file]'),
  ]);
  await chooser.setFiles(path);
}

async function summary(page) {
  await page.click('[data-testid=workspace-menu]');
  const text = await page.textContent('[data-testid=workspace-summary]');
  await page.click('[data-testid=workspace-menu]');
  return text;
}

describe('BPMN in the browser (release build)', { timeout: 240_000 }, () => {
  const app = useApp();

  it('opens an exported sample in bpmn-js: no warning, a shape per flow node, screenshots of both', async () => {
    const { context, page, problems } = await app.open('/editor/spring_campaign', { viewport: VIEWPORT });
    await page.waitForSelector('[data-testid=node]');
    await page.click('[data-testid=zoom-fit]');
    await page.locator('[data-testid=canvas]').screenshot({ path: await artifactPath('flowlab-canvas-spring_campaign.png') });
    await page.click('[data-testid=export]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-bpmn]')]);
    const xml = await readFile(await download.path(), 'utf8');
    assert.deepEqual(problems, []);

    const viewer = await context.newPage();
    const viewerProblems = [];
    viewer.on('pageerror', (e) => viewerProblems.push(e.message));
    await viewer.setViewportSize(VIEWPORT);
    await viewer.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="diagram" style="width:100vw;height:100vh"></div></body></html>');
    await viewer.addStyleTag({ path: VIEWER_CSS });
    await viewer.addScriptTag({ path: VIEWER });
    const drawn = await viewer.evaluate(async (text) => {
      const bpmn = new window.BpmnJS({ container: '#diagram' });
      const { warnings } = await bpmn.importXML(text);
      bpmn.get('canvas').zoom('fit-viewport', 'auto');
      const shapes = bpmn
        .get('elementRegistry')
        .filter((e) => e.parent && !e.waypoints && e.type !== 'label');
      const process = bpmn.getDefinitions().rootElements.find((e) => e.$type === 'bpmn:Process');
      const flowNodes = process.flowElements.filter((e) => e.$instanceOf('bpmn:FlowNode'));
      return {
        warnings: warnings.map((w) => w.message),
        shapes: shapes.length,
        shapeIds: shapes.map((s) => s.id).sort(),
        flowNodeIds: flowNodes.map((n) => n.id).sort(),
        svgShapes: [...document.querySelectorAll('.djs-shape[data-element-id]')].filter((g) => !g.dataset.elementId.endsWith('_label')).length,
        labels: [...document.querySelectorAll('.djs-label')].map((l) => l.textContent),
      };
    }, xml);
    assert.deepEqual(drawn.warnings, []);
    assert.deepEqual(drawn.shapeIds, drawn.flowNodeIds, 'one drawn shape per flow node');
    assert.ok(drawn.shapes >= 4, `${drawn.shapes} shapes`);
    assert.equal(drawn.svgShapes, drawn.shapes);
    await viewer.screenshot({ path: await artifactPath('bpmn-js-spring_campaign.png') });
    // bpmn-js breaks long names over lines (one tspan a line): compare without spaces.
    const squeeze = (t) => t.replace(/\s+/g, '');
    const drawnText = squeeze(drawn.labels.join('|'));
    for (const title of ['Marketing validation', 'Has marketing consent', 'Deliver the newsletter']) {
      assert.ok(drawnText.includes(squeeze(title)), `bpmn-js shows "${title}": ${drawn.labels.join(' | ')}`);
    }
    assert.deepEqual(viewerProblems, []);
    await context.close();
  });

  it('imports a bpmn.io file through the Workspace menu and publishes it; refuses an unsupported one by id', async () => {
    const { context, page, problems } = await app.open('/', { viewport: VIEWPORT });
    await ready(page);
    const before = await summary(page);

    await workspaceImport(page, await unsupportedFile());
    await page.waitForSelector('[data-testid=import-error]');
    const message = await page.textContent('[data-testid=import-error-message]');
    assert.match(message, /fork\.bpmn was read as BPMN 2\.0 and refused: `Gateway_split` \(parallelGateway\)/);
    await page.click('[data-testid=import-error-close]');
    assert.equal(await summary(page), before, 'nothing changed');

    await workspaceImport(page, BPMN_IO);
    await page.waitForSelector('[data-testid=import-done]');
    assert.match(await page.textContent('[data-testid=import-done]'), /Workflow `Process_onboarding` imported as a draft/);
    await page.click('[data-testid=import-done] .banner-close');

    await go(page, '/editor/Process_onboarding');
    await page.waitForSelector('[data-testid=node]');
    const titles = await page.$$eval('[data-testid=node-title]', (els) => els.map((e) => e.textContent));
    assert.deepEqual(titles.sort(), ['Call them back', 'Done', 'Score at least 50?', 'Send welcome email', 'Tell sales', 'Wait an hour'].sort());
    assert.equal(await page.textContent('[data-testid=editor-title]'), 'Onboarding from bpmn.io');
    await page.click('[data-testid=zoom-fit]');
    await page.screenshot({ path: await artifactPath('bpmn-io-imported.png') });
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=publish-dialog]');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    assert.equal(await page.textContent('[data-testid=editor-version]'), 'v1');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("reads a .bpmn file into the editor's draft, and refuses an unsupported one by id", async () => {
    const { context, page, problems } = await app.open('/editor/welcome', { viewport: VIEWPORT });
    await page.waitForSelector('[data-testid=node]');
    const importInto = async (path) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid=import]')]);
      await chooser.setFiles(path);
    };
    await importInto(await unsupportedFile());
    await page.waitForSelector('[data-testid=notice]');
    assert.match(await page.textContent('[data-testid=notice]'), /^Not imported: fork\.bpmn was read as BPMN 2\.0 and refused: `Gateway_split` \(parallelGateway\)/);
    assert.equal(await page.locator('[data-testid=node]').count(), 4, 'the draft is unchanged');

    await importInto(BPMN_IO);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=node]').length === 6);
    assert.match(await page.textContent('[data-testid=notice]'), /Imported bpmn-io-onboarding\.bpmn into the draft/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
