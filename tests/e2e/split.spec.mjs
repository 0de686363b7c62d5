// The release build is cut into parts (scripts/split-wasm.mjs): the first
// page load fetches only the main wasm, and each screen's part comes the
// first time that screen opens.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { ROOT, openApp, useApp } from './support.mjs';

// Path, screen (the part's name and its testid `screen-<screen>`).
const SCREENS = [
  ['/runs', 'runs'],
  ['/people', 'people'],
  ['/approvals', 'approvals'],
  ['/lifecycle', 'lifecycle'],
  ['/scenarios', 'scenarios'],
  ['/editor/welcome', 'editor'],
];

describe('the build in parts (release build)', { timeout: 120_000 }, () => {
  const app = useApp();

  it('has one part per screen but the first', async () => {
    const partDir = (await readdir(`${ROOT}dist`)).find((f) => f.startsWith('split-'));
    assert.ok(partDir, 'dist/ has a split-<hash>/ folder');
    const parts = await readdir(`${ROOT}dist/${partDir}`);
    for (const [, screen] of SCREENS) {
      assert.ok(
        parts.some((p) => p.startsWith(`split___${screen}_route_view`)),
        `a part for the ${screen} screen among ${parts.length} files`,
      );
    }
    assert.ok(!parts.some((p) => p.includes('workflows')), 'the workflow list is in the main part');
  });

  it('fetches a screen’s part only when the screen first opens', async () => {
    const context = await app.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const fetched = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await openApp(page, app.server.url, '/');
    await page.waitForSelector('[data-testid=workflow-list]');
    const screenParts = () => fetched.filter((f) => /\/split___\w+_route_view/.test(f));
    assert.deepEqual(screenParts(), [], 'the workflow list needs no screen part');

    for (const [path, screen] of SCREENS) {
      await page.evaluate((to) => {
        history.pushState(null, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      }, path);
      await page.waitForSelector(`main [data-testid=screen-${screen}]`);
      assert.ok(
        screenParts().some((f) => f.includes(`split___${screen}_route_view`)),
        `opening ${path} fetched the ${screen} part: ${screenParts().join(', ')}`,
      );
    }
    const before = fetched.length;
    await page.click('[data-testid=nav-runs]');
    await page.waitForSelector('main [data-testid=screen-runs]');
    assert.equal(
      fetched.slice(before).filter((f) => f.endsWith('.wasm')).length,
      0,
      'a screen opened before is not fetched again',
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says a screen is opening while its part is on its way', async () => {
    const context = await app.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(/split___lifecycle_route_view/, async (route) => {
      await held;
      await route.continue();
    });
    await openApp(page, app.server.url, '/');
    assert.equal(await page.getAttribute('[data-testid=route-loading]', 'hidden'), '', 'no bar at rest');
    await page.click('[data-testid=nav-lifecycle]');
    await page.waitForSelector('[data-testid=route-loading]:not([hidden])');
    assert.equal(await page.getAttribute('main', 'aria-busy'), 'true');
    release();
    await page.waitForSelector('main [data-testid=screen-lifecycle]');
    await page.waitForSelector('[data-testid=route-loading][hidden]', { state: 'attached' });
    assert.equal(await page.getAttribute('main', 'aria-busy'), 'false');
    await context.close();
  });
});
