// The editor in French: from the Workflows list into a workflow, the canvas,
// the inspector of each main kind of step, the workflow settings, a
// validation problem in the Problems panel, the find box, the drop menu,
// the publish dialog and the lifecycle actions, run mode. No English is
// left in the editor, the sample workflows' own names included: the check
// is scoped to the editor's screen. Screenshots in French, light and dark,
// go to tests/e2e/artifacts/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, centre, drag, loadPreset, playUntil, ready, useApp } from './support.mjs';
import { englishOnScreen } from './english.mjs';

const VIEWPORT = { width: 1400, height: 900 };
const node = (id) => `[data-testid=node][data-step-id="${id}"]`;

/** English words left inside `root`. */
function englishIn(page, root) {
  return englishOnScreen(page, { within: root });
}

async function select(page, id) {
  const box = await page.locator(node(id)).boundingBox();
  await page.mouse.click(box.x + 40, box.y + box.height / 2);
  await page.waitForSelector(`[data-testid=inspector-step][data-step-id="${id}"]`);
}

async function shot(page, name) {
  await page.screenshot({ path: await artifactPath(`i18n-editor-${name}.png`) });
}

describe('the editor in French (release build)', { timeout: 240_000 }, () => {
  const app = useApp();

  for (const colorScheme of ['light', 'dark']) {
    it(`speaks French throughout the editor (${colorScheme})`, async () => {
      const context = await app.browser.newContext({ viewport: VIEWPORT, colorScheme });
      await context.addInitScript(() => localStorage.setItem('flowlab.lang', 'fr'));
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const left = [];
      const check = async (what) => {
        for (const found of await englishIn(page, '[data-testid=screen-editor]')) left.push(`${what}: ${found}`);
      };
      await page.goto(`${app.server.url}/`);
      await page.waitForSelector('[data-testid=workflow-row][data-workflow-id=welcome]');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');

      // From the Workflows list into the welcome series.
      await page.click('[data-testid=workflow-row][data-workflow-id=welcome]');
      await page.waitForSelector('[data-testid=screen-editor][data-workflow-id=welcome]');
      await page.waitForSelector(node('send_welcome'));
      assert.equal((await page.textContent('[data-testid=palette] .panel-title')).trim(), 'Étapes');
      assert.equal((await page.textContent('[data-testid=publish]')).trim(), 'Publier');
      await check('the canvas');
      await shot(page, `canvas-${colorScheme}`);

      // The workflow's own settings, with nothing selected.
      await page.waitForSelector('[data-testid=inspector-workflow]');
      await check('the workflow settings');

      // The inspector of an action, a wait and an end.
      await select(page, 'send_welcome');
      assert.match(await page.textContent('[data-testid=inspector-step]'), /Envoyer un e-mail|Action/);
      await page.check('[data-testid=inspector] [data-testid=field-retry]');
      await page.waitForSelector('[data-testid=retry-preview]');
      await check('the action inspector, with its retries');
      await shot(page, `action-${colorScheme}`);
      await page.keyboard.press('Control+z');
      await select(page, 'wait_a_day');
      await check('the wait inspector');
      await select(page, 'done');
      await check('the end inspector');

      // A condition and an approval, added from the palette: a condition
      // with no filter is a validation problem.
      const canvas = await page.locator('[data-testid=canvas]').boundingBox();
      for (const [kind, x] of [['condition', 240], ['approval', 520]]) {
        await drag(page, await centre(page, `[data-testid=palette-${kind}]`), { x: canvas.x + x, y: canvas.y + canvas.height - 140 });
        await page.waitForSelector(node(`${kind}_1`));
      }
      await select(page, 'condition_1');
      await check('the condition inspector');
      await select(page, 'approval_1');
      await check('the approval inspector');
      await page.waitForSelector('[data-testid=problem][data-step=condition_1][data-field=filter]');
      const problem = await page.textContent('[data-testid=problem][data-step=condition_1][data-field=filter] .problem-message');
      assert.equal(problem, 'manquant\u00a0: une condition a besoin d’un filtre à évaluer');
      assert.equal((await page.textContent('[data-testid=problems] .panel-title')).trim(), 'Problèmes');
      await check('the Problems panel');
      await shot(page, `problems-${colorScheme}`);

      // The find box.
      await page.click(node('send_welcome'));
      await page.keyboard.press('Control+f');
      await page.waitForSelector('[data-testid=find-step]');
      await page.fill('[data-testid=find-input]', 'zzz');
      await page.waitForSelector('[data-testid=find-empty]');
      assert.equal(await page.textContent('[data-testid=find-empty]'), 'Aucune étape ne correspond à «\u00a0zzz\u00a0»');
      await check('the find box');
      await shot(page, `find-${colorScheme}`);
      await page.keyboard.press('Escape');

      // The drop menu: a link dropped on empty canvas. Run mode and back
      // first, so that going back in the history stays in the editor.
      await page.click('[data-testid=mode-run]');
      await page.waitForSelector('[data-testid=screen-editor][data-mode=run]');
      await page.click('[data-testid=mode-design]');
      await page.waitForSelector('[data-testid=palette]');
      await page.waitForSelector(node('approval_1'));
      await drag(page, await centre(page, '[data-testid=port-approval_1-approved] .port-hit'), { x: canvas.x + canvas.width * 0.4, y: canvas.y + canvas.height * 0.6 });
      await page.waitForSelector('[data-testid=drop-kind-menu]');
      assert.match(await page.getAttribute('[data-testid=drop-kind-menu]', 'aria-label'), /^Ajouter une étape après /);
      await check('the drop menu');
      await shot(page, `drop-menu-${colorScheme}`);
      // A new route (back in the history, to run mode) closes it.
      await page.evaluate(() => history.back());
      await page.waitForSelector('[data-testid=screen-editor][data-mode=run]');
      await page.waitForFunction(() => !document.querySelector('[data-testid=drop-kind-menu]'));
      await page.click('[data-testid=mode-design]');
      await page.waitForSelector('[data-testid=palette]');

      // The publish dialog, refused while the condition has no filter.
      await page.click('[data-testid=publish]');
      await page.waitForSelector('[data-testid=publish-dialog]');
      assert.match(await page.textContent('[data-testid=publish-errors]'), /erreurs? à corriger d’abord/);
      await check('the publish dialog');
      await shot(page, `publish-${colorScheme}`);
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('[data-testid=publish-dialog]'));

      // The lifecycle actions say why they cannot be taken.
      assert.equal((await page.textContent('[data-testid=lifecycle-pause]')).trim(), 'Mettre en pause');
      await check('the lifecycle actions');

      // Run mode.
      await page.click('[data-testid=mode-run]');
      await page.waitForSelector('[data-testid=screen-editor][data-mode=run]');
      await check('run mode');
      await shot(page, `run-${colorScheme}`);

      assert.deepEqual([...new Set(left)], [], 'English left in the editor');
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  it('speaks French in run mode with executions on the canvas', async () => {
    const context = await app.browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(() => localStorage.setItem('flowlab.lang', 'fr'));
    const page = await context.newPage();
    await page.goto(`${app.server.url}/scenarios`);
    await ready(page);
    await loadPreset(page, 'campaign-validation.json');
    await playUntil(page, 3_600_000);
    await page.click('[data-testid=watch-on-canvas]');
    await page.waitForSelector('[data-testid=screen-editor][data-mode=run]');
    await page.waitForSelector('[data-testid=node-run-ring]', { state: 'attached' });
    assert.match(await page.textContent('[data-testid=run-version] option[value="1"]'), /^v1 · [\d\u202f]+ exécutions · la plus récente$/);
    assert.deepEqual(await englishIn(page, '[data-testid=screen-editor]'), [], 'the run overview');
    await page.click(node('validate'));
    await page.waitForSelector('[data-testid=run-step][data-step=validate]');
    assert.match(await page.textContent('[data-testid=run-step-now]'), /exécutions? ici en ce moment|Exécutée|Aucune exécution/);
    assert.deepEqual(await englishIn(page, '[data-testid=screen-editor]'), [], 'a step in run mode');
    await shot(page, 'run-executions-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'run-executions-dark');
    await context.close();
  });
});
