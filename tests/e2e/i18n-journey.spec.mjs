// A trainer's journey in French, from the first visit: the language switch
// in the header, then every screen with its main panels open — no English
// word left on screen (english.mjs), state codes kept as the spec writes
// them — and French kept after a reload, until English is chosen again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, go, playUntil, ready, useApp } from './support.mjs';
import { englishOnScreen } from './english.mjs';

async function noEnglish(page, where) {
  assert.deepEqual(await englishOnScreen(page), [], `English left on ${where}`);
}

async function shot(page, name) {
  await page.screenshot({ path: await artifactPath(`i18n-journey-${name}.png`) });
}

describe('Flowlab in French (release build)', { timeout: 240_000 }, () => {
  const app = useApp();

  it('switches to French on a first visit and leaves no English on any screen', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await ready(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.textContent('[data-testid=nav-runs]'), 'Runs');

    await page.click('[data-testid=lang-fr]');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    assert.equal(await page.textContent('[data-testid=nav-runs]'), 'Exécutions');
    assert.equal(await page.getAttribute('[data-testid=lang-fr]', 'aria-pressed'), 'true');
    // The untouched sample workspace follows the language.
    await page.waitForFunction(() => document.body.textContent.includes('Série de bienvenue'));
    await ready(page);
    await noEnglish(page, 'Workflows');
    await shot(page, 'workflows');

    await go(page, '/editor/welcome');
    await page.waitForSelector('[data-testid=node][data-step-id=send_welcome]');
    await page.click('[data-testid=node][data-step-id=send_welcome] .node-title');
    await page.waitForSelector('[data-testid=inspector-step][data-step-id=send_welcome]');
    await noEnglish(page, 'the editor with a step selected');
    await shot(page, 'editor');
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=publish-dialog]');
    await noEnglish(page, 'the publish dialog');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });

    await playUntil(page, 3_600_000);
    await noEnglish(page, 'the editor after an hour');
    for (const [path, testid] of [
      ['/runs', 'screen-runs'],
      ['/runs/e1', 'screen-execution'],
      ['/approvals', 'screen-approvals'],
      ['/people', 'screen-people'],
      ['/lifecycle', 'screen-lifecycle'],
      ['/scenarios', 'screen-scenarios'],
    ]) {
      await go(page, path);
      await page.waitForSelector(`[data-testid=${testid}]`);
      await noEnglish(page, path);
      await shot(page, path.replaceAll('/', '_'));
    }

    await page.click('[data-testid=workspace-menu]');
    await page.waitForSelector('[data-testid=workspace-menu-list]');
    await noEnglish(page, 'the workspace menu');
    await page.keyboard.press('Escape');
    await page.locator('main').focus();
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid=shortcuts]');
    await noEnglish(page, 'the shortcuts overlay');
    await shot(page, 'shortcuts');
    await page.keyboard.press('Escape');

    // Remembered across a reload, at the same instant.
    await page.reload();
    await ready(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.equal(await page.getAttribute('[data-testid=clock-time]', 'data-ms'), '3600000');
    await noEnglish(page, 'the Scenarios screen after a reload');

    // Back to English: the workspace, now played, keeps its French texts.
    await page.click('[data-testid=lang-en]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await page.textContent('[data-testid=nav-runs]'), 'Runs');
    assert.equal(await page.getAttribute('[data-testid=clock-time]', 'data-ms'), '3600000');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows French in dark mode too, and numbers written the French way', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 }, colorScheme: 'dark' });
    await page.evaluate(() => localStorage.setItem('flowlab.lang', 'fr'));
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => document.body.textContent.includes('Série de bienvenue'));
    await noEnglish(page, 'Workflows in dark mode');
    await shot(page, 'workflows-dark');
    await go(page, '/scenarios');
    await page.click('[data-testid=preset-load][data-file="campaign-validation.json"]');
    await page.click('[data-testid=load-confirm]');
    await page.waitForSelector('[data-testid=screen-runs]');
    await ready(page);
    await playUntil(page, 60_000);
    await noEnglish(page, 'Runs of the campaign in dark mode');
    await shot(page, 'runs-dark');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
