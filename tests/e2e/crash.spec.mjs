// The app stopping, against the release build: a Rust panic (through the
// exported `debug_panic`) and a wasm trap that is not a panic both put the
// crash banner over the page, saying up to when the workspace is saved;
// Reload brings the workspace back at that point.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, clockMs, playUntil, ready, useApp, waitForClock } from './support.mjs';

const SAVED = /^Flowlab stopped unexpectedly\. Everything up to Day 0 · 00:(\d\d):(\d\d) \((\d+) events\) is saved\.$/;

describe('crash banner (release build)', { timeout: 180_000 }, () => {
  const app = useApp();

  it('a panic shows the banner with what is saved, and Reload brings the workspace back', async () => {
    const { context, page, problems } = await app.open('/runs', { viewport: { width: 1400, height: 900 } });
    await ready(page);
    await playUntil(page, 10 * 60_000);
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    const clock = await clockMs(page);

    await page.evaluate(() => {
      try {
        window.wasmBindings.debug_panic();
      } catch (e) {
        setTimeout(() => { throw e; });
      }
    });
    await page.waitForSelector('[data-testid=crash-banner]');
    const text = (await page.textContent('[data-testid=crash-message]')).trim();
    const m = SAVED.exec(text);
    assert.ok(m, `the banner says what is saved: ${text}`);
    assert.ok((Number(m[1]) * 60 + Number(m[2])) * 1000 <= clock, 'nothing later than the clock is claimed saved');
    assert.match(await page.textContent('.crash-detail'), /debug_panic was called/);
    assert.ok(problems.some((p) => /debug_panic was called/.test(p)), 'the panic is logged to the console');
    await page.screenshot({ path: await artifactPath('crash-banner.png') });

    await page.click('[data-testid=crash-reload]');
    await page.waitForSelector('[data-testid=app-shell]');
    await ready(page);
    await waitForClock(page, clock);
    assert.equal(await page.locator('[data-testid=crash-banner]').count(), 0);
    await context.close();
  });

  it('a wasm trap that is not a panic shows the banner too', async () => {
    const { context, page } = await app.open('/');
    await ready(page);
    await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
    await page.waitForSelector('[data-testid=crash-banner]');
    assert.match(await page.textContent('[data-testid=crash-message]'), /^Flowlab stopped unexpectedly\. /);
    assert.match(await page.textContent('.crash-detail'), /unreachable/);
    await context.close();
  });

  it('an ordinary script error does not', async () => {
    const { context, page } = await app.open('/');
    await ready(page);
    await page.evaluate(() => setTimeout(() => { throw new Error('not from the app'); }));
    await page.waitForTimeout(300);
    assert.equal(await page.locator('[data-testid=crash-banner]').count(), 0);
    await context.close();
  });
});
