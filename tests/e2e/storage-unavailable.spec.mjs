// Without IndexedDB (private mode, disabled storage), or with the disk full,
// the app still runs the workspace in memory and says, in a banner and in
// the save state, what is not being saved.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, useApp } from './support.mjs';

describe('storage unavailable (release build)', { timeout: 120_000 }, () => {
  const app = useApp();

  it('keeps working in memory and says what is not saved', async () => {
    const context = await app.browser.newContext();
    await context.addInitScript(() => {
      const refuse = () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
      Object.defineProperty(window.IDBFactory.prototype, 'open', { value: refuse });
    });
    const page = await context.newPage();
    await openApp(page, app.server.url);
    await page.waitForSelector('[data-testid=banner-not-saving]');
    assert.match(await page.textContent('[data-testid=banner-not-saving]'), /storage is unavailable/);
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await page.click('[data-testid=clock-speed-max]');
    await page.fill('[data-testid=clock-until-input]', '3h');
    await page.press('[data-testid=clock-until-input]', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=clock-time]')?.dataset.ms === '10800000');
    assert.equal(await page.getAttribute('[data-testid=save-state]', 'data-state'), 'off');
    assert.match(await page.getAttribute('[data-testid=save-state]', 'title'), /events exist only in this tab/);
    await context.close();
  });

  it('says so when the disk is full, and keeps the events in the tab', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await openApp(page, app.server.url);
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    await page.evaluate(() => {
      const full = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      Object.defineProperty(IDBObjectStore.prototype, 'add', { value: full });
    });
    await page.click('[data-testid=clock-speed-max]');
    await page.fill('[data-testid=clock-until-input]', '1h');
    await page.press('[data-testid=clock-until-input]', 'Enter');
    await page.waitForSelector('[data-testid=banner-not-saving]');
    assert.match(await page.textContent('[data-testid=banner-not-saving]'), /storage is full/);
    await page.waitForFunction(() => document.querySelector('[data-testid=clock-time]')?.dataset.ms === '3600000');
    assert.equal(await page.getAttribute('[data-testid=save-state]', 'data-state'), 'off');
    await context.close();
  });
});
