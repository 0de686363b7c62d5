// A schema upgrade blocked by another tab that holds the database open at an
// older version: the page says to close that tab instead of showing a
// workspace. (Simulated: another connection holds version 1 and ignores the
// request to close, while the page asks for its current schema version.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './support.mjs';

describe('blocked schema upgrade (release build)', { timeout: 60_000 }, () => {
  const app = useApp();

  it('tells the person to close the old tab', async () => {
    const context = await app.browser.newContext();
    await context.addInitScript(() => {
      const realOpen = IDBFactory.prototype.open;
      const held = new Promise((resolve) => {
        const old = realOpen.call(indexedDB, 'flowlab/default', 1);
        old.onsuccess = () => resolve(old.result);
      });
      Object.defineProperty(IDBFactory.prototype, 'open', {
        value(name, version) {
          if (name !== 'flowlab/default') return realOpen.call(this, name, version);
          // Ask for the next version only once the old connection holds the database.
          const proxy = new EventTarget();
          held.then(() => {
            const request = realOpen.call(indexedDB, name, version);
            for (const type of ['blocked', 'upgradeneeded', 'success', 'error']) {
              request.addEventListener(type, () => {
                const handler = proxy[`on${type}`];
                if (handler) handler.call(request, new Event(type));
              });
            }
          });
          return proxy;
        },
      });
    });
    const page = await context.newPage();
    await page.goto(app.server.url);
    await page.waitForSelector('[data-testid=banner-failed]');
    assert.match(await page.textContent('[data-testid=banner-failed]'), /Close that tab, then reload/);
    await context.close();
  });
});
