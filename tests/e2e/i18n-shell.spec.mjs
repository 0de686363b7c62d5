// The shell in French against the release build: the header (navigation,
// clock bar with its speeds and run-until, time travel and its branch
// question, the language switch remembered across reloads and kept as
// <html lang>), the workspace menu, the shortcuts overlay, the Workflows
// list, the Scenarios screen, a refused import and the read-only banner of
// a second tab; no English word on any of them. Texts that come from the
// sample workspace and the presets (workflow names and triggers, preset
// titles and notes) and the travel bar's event narration belong to other
// areas' tables, so the English check leaves those elements out (OTHERS).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { englishOnScreen } from './english.mjs';
import { artifactPath, go, openApp, ready, runUntil, useApp, waitForClock } from './support.mjs';

/** Elements whose text is another area's (samples, presets, event narration). */
const OTHERS = [
  '[data-testid=workflow-name]',
  '[data-testid=workflow-trigger]',
  '.workflow-trigger-inline',
  '[data-testid=clock-event]',
  '[data-testid=preset-card] .scenario-title',
  '[data-testid=preset-card] .scenario-note',
  '[data-testid=now-playing-title]',
  '[data-testid=now-playing-note]',
  '[data-testid=kind-legend]',
  '[data-testid=step-strip]',
];

/** English words on screen, outside the elements `OTHERS` names. */
function english(page, others = OTHERS) {
  return englishOnScreen(page, { skip: others });
}

async function french(app, options = {}) {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('i18n-spec-started')) {
      sessionStorage.setItem('i18n-spec-started', '1');
      localStorage.setItem('flowlab.lang', 'fr');
    }
  });
  const page = await context.newPage();
  await openApp(page, app.server.url);
  await ready(page);
  return { context, page };
}

async function lang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

describe('the shell in French (release build)', { timeout: 240_000 }, () => {
  const app = useApp();

  it('speaks French in the header, the Workflows list and the clock, light and dark, at 1400 and 800 px', async () => {
    const { context, page } = await french(app);
    assert.equal(await lang(page), 'fr');
    assert.equal((await page.textContent('[data-testid=nav-runs]')).trim(), 'Exécutions');
    assert.equal((await page.textContent('[data-testid=clock-time]')).trim(), 'Jour 0 · 00:00:00');
    assert.equal((await page.textContent('[data-testid=workspace-menu]')).trim(), 'Espace de travail');
    assert.equal((await page.textContent('[data-testid=new-workflow]')).trim(), 'Nouveau workflow');
    assert.match(await page.textContent('[data-testid=screen-workflows] .page-subtitle'), /^Votre espace de travail · 3 workflows · conservé/);
    assert.equal(await page.locator('[data-testid=workflow-step-count]').first().textContent(), '4 étapes');
    assert.equal(await page.getAttribute('[data-testid=clock-step]', 'aria-label'), 'Aller à l’événement suivant');
    assert.equal(await page.getAttribute('[data-testid=clock-speed-60]', 'title'), '60× le temps réel');
    assert.deepEqual(await english(page), []);

    // The header holds on one row at 1400 px: nothing of it is cut off.
    const overflow = await page.evaluate(() => {
      const header = document.querySelector('[data-testid=app-header]');
      return [...header.querySelectorAll('a, button, [data-testid=clock-time], [data-testid=save-state]')]
        .filter((el) => el.offsetParent && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
        .map((el) => el.dataset.testid ?? el.className);
    });
    assert.deepEqual(overflow, [], 'no clipped control in the header');
    await page.screenshot({ path: await artifactPath('i18n-shell-workflows-fr-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: await artifactPath('i18n-shell-workflows-fr-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.setViewportSize({ width: 800, height: 600 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 800, `the page is ${width} px wide at 800`);
    assert.deepEqual(await english(page), []);
    await page.screenshot({ path: await artifactPath('i18n-shell-workflows-fr-800.png') });
    await context.close();
  });

  it('runs the clock, travels back and asks before going on, all in French', async () => {
    const { context, page } = await french(app);
    await page.fill('[data-testid=clock-until-input]', 'demain');
    await page.press('[data-testid=clock-until-input]', 'Enter');
    await page.waitForSelector('[data-testid=clock-until-error]');
    assert.match(await page.textContent('[data-testid=clock-until-error]'), /^«\u00a0demain\u00a0»/);
    assert.equal(await page.getAttribute('[data-testid=clock-until-input]', 'placeholder'), 'jusqu’à…');

    await page.click('[data-testid=clock-speed-max]');
    await runUntil(page, '3h');
    await waitForClock(page, 3 * 3_600_000);
    assert.equal((await page.textContent('[data-testid=clock-time]')).trim(), 'Jour 0 · 03:00:00');
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    assert.equal((await page.textContent('[data-testid=save-state]')).trim(), 'enregistré');
    assert.match(await page.textContent('[data-testid=clock-position]'), /^événement (\d+) sur \1$/);
    assert.deepEqual(await english(page), []);

    await page.click('[data-testid=clock-start]');
    await page.click('[data-testid=clock-forward]');
    await page.click('[data-testid=clock-forward]');
    await page.waitForSelector('[data-testid=clock-in-past]');
    assert.match(await page.textContent('[data-testid=clock-position]'), /^événement 2 sur \d+$/);
    assert.match(await page.textContent('[data-testid=clock-in-past]'), /^vous voyez Jour 0 · /);
    assert.deepEqual(await english(page), []);
    await page.screenshot({ path: await artifactPath('i18n-shell-travel-fr-light.png') });

    await page.click('[data-testid=clock-play]');
    await page.waitForSelector('[data-testid=branch-dialog]');
    assert.equal(await page.textContent('#branch-title'), 'Reprendre depuis le passé\u202f?');
    const spill = await page.evaluate(() => {
      const box = document.querySelector('[data-testid=branch-dialog]').getBoundingClientRect();
      return [...document.querySelectorAll('[data-testid=branch-dialog] button')]
        .map((b) => b.getBoundingClientRect())
        .filter((r) => r.left < box.left - 1 || r.right > box.right + 1).length;
    });
    assert.equal(spill, 0, 'the buttons stay inside the dialog');
    assert.deepEqual(await english(page), []);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: await artifactPath('i18n-shell-branch-fr-dark.png') });
    await page.click('[data-testid=branch-cancel]');
    await page.waitForSelector('[data-testid=branch-dialog]', { state: 'detached' });
    await context.close();
  });

  it('switches FR → EN → FR, keeps the choice across reloads and sets <html lang>', async () => {
    const { context, page } = await french(app);
    assert.equal(await page.getAttribute('[data-testid=lang-fr]', 'aria-pressed'), 'true');
    await page.click('[data-testid=lang-en]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal((await page.textContent('[data-testid=nav-runs]')).trim(), 'Runs');
    assert.equal((await page.textContent('[data-testid=clock-time]')).trim(), 'Day 0 · 00:00:00');
    assert.equal(await page.getAttribute('[data-testid=lang-en]', 'aria-pressed'), 'true');

    await page.reload();
    await ready(page);
    assert.equal(await lang(page), 'en', 'English is remembered');
    assert.equal((await page.textContent('[data-testid=workspace-menu]')).trim(), 'Workspace');

    await page.click('[data-testid=lang-fr]');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    assert.equal((await page.textContent('[data-testid=workspace-menu]')).trim(), 'Espace de travail');
    await page.reload();
    await ready(page);
    assert.equal(await lang(page), 'fr', 'French is remembered');
    assert.equal((await page.textContent('[data-testid=nav-scenarios]')).trim(), 'Scénarios');
    assert.deepEqual(await english(page), []);
    await context.close();
  });

  it('opens the workspace menu and the shortcuts overlay in French', async () => {
    const { context, page } = await french(app);
    await page.click('[data-testid=workspace-menu]');
    await page.waitForSelector('[data-testid=workspace-menu-list]');
    assert.match(await page.textContent('[data-testid=workspace-menu-list] [data-testid=workspace-summary]'), /^3 workflows · \d+ contacts · \d+ exécutions? · \d+ événements?$/);
    assert.equal((await page.textContent('[data-testid=import-file]')).trim(), 'Importer un fichier…');
    assert.deepEqual(await english(page), []);
    await page.screenshot({ path: await artifactPath('i18n-shell-menu-fr-light.png') });

    await page.click('[data-testid=reset-workspace]');
    await page.waitForSelector('[data-testid=reset-dialog]');
    assert.deepEqual(await english(page), []);
    await page.click('[data-testid=reset-cancel]');
    await page.waitForSelector('[data-testid=reset-dialog]', { state: 'detached' });

    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid=shortcuts]');
    assert.equal(await page.textContent('#shortcuts-title'), 'Raccourcis clavier');
    assert.ok((await page.textContent('[data-testid=shortcuts]')).includes('Maj+Tab'));
    assert.deepEqual(await english(page), []);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: await artifactPath('i18n-shell-shortcuts-fr-dark.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=shortcuts]', { state: 'detached' });
    await context.close();
  });

  it('refuses a bad file in French and changes nothing', async () => {
    const { context, page } = await french(app);
    const dir = await mkdtemp(join(tmpdir(), 'flowlab-i18n-'));
    const bad = join(dir, 'espace.json');
    await writeFile(bad, JSON.stringify({ format: 'flowlab-workspace/1' }));
    await page.click('[data-testid=workspace-menu]');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid=import-file]')]);
    await chooser.setFiles(bad);
    await page.waitForSelector('[data-testid=import-error]');
    assert.equal(await page.textContent('#import-error-title'), 'Ce fichier n’a pas été importé');
    assert.equal(await page.textContent('[data-testid=import-error-message]'), 'espace.json\u00a0: `genesis`\u00a0: manquant');
    assert.deepEqual(await english(page), []);
    await page.screenshot({ path: await artifactPath('i18n-shell-import-refused-fr-light.png') });
    await page.click('[data-testid=import-error-close]');
    await context.close();
  });

  it('shows the Scenarios screen and a loaded preset in French', async () => {
    const { context, page } = await french(app);
    await go(page, '/scenarios');
    await page.waitForSelector('[data-testid=preset-list]');
    assert.equal(await page.textContent('[data-testid=screen-scenarios] h1'), 'Scénarios');
    assert.equal((await page.locator('[data-testid=preset-load]').first().textContent()).trim(), 'Charger');
    assert.ok((await page.textContent('[data-testid=sample-list]')).includes('Exemple\u00a0: série de bienvenue'));
    assert.deepEqual(await english(page), []);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 1400, `the Scenarios screen is ${width} px wide at 1400`);
    const exportBox = await page.locator('[data-testid=export-scenario]').boundingBox();
    assert.ok(exportBox.x + exportBox.width <= 1400, 'Export as scenario is on screen');
    await page.screenshot({ path: await artifactPath('i18n-shell-scenarios-fr-light.png'), fullPage: true });

    const file = await page.locator('[data-testid=preset-load]').first().getAttribute('data-file');
    await page.click(`[data-testid=preset-load][data-file="${file}"]`);
    await page.waitForSelector('[data-testid=load-dialog]');
    assert.match(await page.textContent('#load-dialog-title'), /^Charger «\u00a0.+\u00a0»\u202f\?$/u);
    // The title quotes the preset's own (English until the presets' table merges).
    assert.deepEqual(await english(page, [...OTHERS, '#load-dialog-title']), []);
    await page.click('[data-testid=load-confirm]');
    await page.waitForSelector('[data-testid=load-dialog]', { state: 'detached' });
    await page.waitForSelector('[data-testid=screen-runs]');
    await ready(page);
    await go(page, '/scenarios');
    await page.waitForSelector('[data-testid=script-entry]');
    assert.match(await page.textContent('[data-testid=script-progress]'), /^0 sur \d+ joués$/);
    assert.deepEqual(await english(page), []);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: await artifactPath('i18n-shell-scenarios-fr-dark.png') });
    await context.close();
  });

  it('says in French that Flowlab stopped, after a panic and after a wasm trap', async () => {
    const { context, page } = await french(app);
    await page.evaluate(() => {
      try {
        window.wasmBindings.debug_panic();
      } catch (e) {
        setTimeout(() => { throw e; });
      }
    });
    await page.waitForSelector('[data-testid=crash-banner]');
    assert.match(await page.textContent('[data-testid=crash-message]'), /^Flowlab s’est arrêté de façon inattendue\. (Tout jusqu’à Jour 0|L’espace de travail tel qu’il a été chargé)/);
    assert.equal(await page.textContent('[data-testid=crash-reload]'), 'Recharger');
    assert.deepEqual(await english(page, [...OTHERS, '.crash-detail']), []);
    await page.screenshot({ path: await artifactPath('i18n-shell-crash-fr-light.png') });

    const trapped = await context.newPage();
    await trapped.addInitScript(() => localStorage.setItem('flowlab.lang', 'fr'));
    await openApp(trapped, app.server.url);
    await trapped.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
    await trapped.waitForSelector('[data-testid=crash-banner]');
    assert.match(await trapped.textContent('[data-testid=crash-message]'), /^Flowlab s’est arrêté de façon inattendue\. /);
    assert.equal(await trapped.textContent('[data-testid=crash-reload]'), 'Recharger');
    await context.close();
  });

  it('says in French that a second tab is read-only', async () => {
    const { context, page } = await french(app);
    const second = await context.newPage();
    await openApp(second, app.server.url);
    await second.waitForSelector('[data-testid=banner-read-only]');
    assert.equal(await lang(second), 'fr');
    assert.match(await second.textContent('[data-testid=banner-read-only]'), /^Lecture seule\. Cet espace de travail tourne dans un autre onglet/);
    assert.equal((await second.textContent('[data-testid=take-over]')).trim(), 'Reprendre la main ici');
    assert.deepEqual(await english(second), []);
    await second.screenshot({ path: await artifactPath('i18n-shell-read-only-fr-light.png') });
    await page.close();
    await context.close();
  });
});
