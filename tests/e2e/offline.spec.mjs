// Offline: after one visit, the app and its saved workspace open with the
// network gone (the service worker serves the build from its cache).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, useApp } from './support.mjs';

describe('offline (release build)', { timeout: 120_000 }, () => {
  const app = useApp();

  it('opens with no network after one visit, with its data', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await openApp(page, app.server.url);
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.click('[data-testid=clock-speed-max]');
    await page.fill('[data-testid=clock-until-input]', '5h');
    await page.press('[data-testid=clock-until-input]', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=clock-time]')?.dataset.ms === '18000000');
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');

    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    assert.equal(await page.getAttribute('[data-testid=clock-time]', 'data-ms'), '18000000');
    await openApp(page, app.server.url, '/lifecycle');
    assert.ok(await page.isVisible('[data-testid=app-header]'), 'a deep link opens offline too');
    await context.close();
  });
});
