// axe-core (from npm, injected into the page) on every screen, in the light
// and the dark theme, and in French: no serious or critical violation. Screens with a
// dialog or an overlay open are checked too, as is the focused canvas.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { artifactPath, go, openApp, playUntil, ready, useApp, watchForErrors } from './support.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical violations on the page as it is now. */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: AXE });
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join('\n    ')}`);
}

// Every route of src/app.rs; /runs/:execution and the editor once the
// clock has made executions.
const SCREENS = [
  { name: 'workflows', path: '/' },
  { name: 'editor', path: '/editor/welcome' },
  { name: 'runs', path: '/runs' },
  { name: 'execution', path: '/runs/e1' },
  { name: 'approvals', path: '/approvals' },
  { name: 'people', path: '/people' },
  { name: 'lifecycle', path: '/lifecycle' },
  { name: 'scenarios', path: '/scenarios' },
  { name: 'not-found', path: '/no-such-page' },
];

describe('accessibility: axe-core on every screen', { timeout: 300_000 }, () => {
  const app = useApp();

  for (const [colorScheme, lang] of [['light', 'en'], ['dark', 'en'], ['dark', 'fr']]) {
    it(`has no serious or critical violation in ${colorScheme}, in ${lang}`, async () => {
      const context = await app.browser.newContext({ colorScheme, viewport: { width: 1400, height: 900 } });
      await context.addInitScript((l) => localStorage.setItem('flowlab.lang', l), lang);
      const page = await context.newPage();
      const problems = watchForErrors(page);
      await openApp(page, app.server.url, '/');
      await ready(page);
      await playUntil(page, 10 * 60_000);
      const found = [];
      const check = async (name) => {
        for (const v of await violations(page)) found.push(`${name}: ${v}`);
      };
      for (const screen of SCREENS) {
        await go(page, screen.path);
        await page.waitForSelector('main [data-testid^=screen-]');
        await page.waitForTimeout(200);
        await check(screen.name);
      }
      // The editor with a step focused, the link dialog, run mode, the overlay.
      await go(page, '/editor/welcome');
      await page.waitForSelector('[data-testid=node]');
      await page.focus('[data-testid=node][tabindex="0"]');
      await page.keyboard.press('ArrowRight');
      await check('editor, a step focused');
      await page.keyboard.press('l');
      await page.waitForSelector('[data-testid=link-dialog]');
      await check('editor, link dialog');
      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      await page.waitForSelector('[data-testid=shortcuts]');
      await check('shortcuts overlay');
      await page.screenshot({ path: await artifactPath(`a11y-shortcuts-${colorScheme}-${lang}.png`) });
      await page.keyboard.press('Escape');
      await page.click('[data-testid=publish]');
      await page.waitForSelector('[data-testid=publish-dialog]');
      await check('editor, publish dialog');
      await page.keyboard.press('Escape');
      await context.close();
      assert.deepEqual(found, [], `axe found:\n${found.join('\n')}`);
      assert.deepEqual(problems, []);
    });
  }
});
