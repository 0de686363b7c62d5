// Light and dark themes at a desktop and a small window: the colours follow
// the system setting, nothing overflows sideways, and every combination is
// saved as a screenshot under tests/e2e/artifacts/ to look at.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, openApp, useApp } from './support.mjs';

const SIZES = [
  { name: 'desktop', width: 1400, height: 900 },
  { name: 'small', width: 800, height: 600 },
];
const SCREENS = [
  { name: 'workflows', path: '/' },
  { name: 'editor', path: '/editor/welcome' },
  { name: 'scenarios', path: '/scenarios' },
  { name: 'runs', path: '/runs' },
];

describe('themes and window sizes', { timeout: 180_000 }, () => {
  const app = useApp();

  const backgrounds = {};
  for (const colorScheme of ['light', 'dark']) {
    for (const size of SIZES) {
      it(`${colorScheme} at ${size.width}×${size.height}: no sideways overflow, screenshots saved`, async () => {
        const context = await app.browser.newContext({
          colorScheme,
          viewport: { width: size.width, height: size.height },
        });
        const page = await context.newPage();
        for (const screen of SCREENS) {
          await openApp(page, app.server.url, screen.path);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${screen.path} overflows sideways by ${overflow}px`);
          await page.screenshot({ path: await artifactPath(`${screen.name}-${colorScheme}-${size.name}.png`) });
        }
        backgrounds[colorScheme] = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        await context.close();
      });
    }
  }

  it('dark and light themes differ', () => {
    assert.ok(backgrounds.light && backgrounds.dark);
    assert.notEqual(backgrounds.light, backgrounds.dark);
  });
});
