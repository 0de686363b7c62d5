// A damaged segment in the stored log: the banner names it, export and
// reset stay usable, and recovery (after a confirmation naming what is
// dropped) runs the workspace from its last good event.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { artifactPath, clockMs, playUntil, ready, useApp } from './support.mjs';

const DB = 'flowlab/default';

/** Runs the sample workspace in several saves, so the log has several segments. */
async function runInSeveralSaves(page) {
  for (const ms of [3_600_000, 6 * 3_600_000, 86_400_000, 2 * 86_400_000]) {
    await playUntil(page, ms);
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
  }
}

/** Damages the last stored segment; returns where it starts and the log's end. */
async function damageLastSegment(page) {
  return page.evaluate(async (name) => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const done = (r) => new Promise((ok, fail) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const tx = db.transaction(['segments', 'meta'], 'readwrite');
    const segments = tx.objectStore('segments');
    const keys = await done(segments.getAllKeys());
    const last = keys[keys.length - 1];
    const record = await done(segments.get(last));
    const end = await done(tx.objectStore('meta').get('log_end'));
    record.bytes = new Uint8Array([9, 9, 9]);
    await done(segments.put(record, last));
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
    return { segment: last, goodEvents: record.first_event_index, events: end.events, count: keys.length };
  }, DB);
}

async function summaryEvents(page) {
  await page.click('[data-testid=workspace-menu]');
  const text = await page.textContent('[data-testid=workspace-summary]');
  await page.click('[data-testid=workspace-menu]');
  return Number(/(\d+) events/.exec(text)[1]);
}

describe('a damaged stored segment (release build)', { timeout: 240_000 }, () => {
  const app = useApp();

  it('names the damage, keeps export and reset, and recovers to the last good event', async () => {
    const { context, page } = await app.open('/');
    await ready(page);
    await runInSeveralSaves(page);
    const damaged = await damageLastSegment(page);
    assert.ok(damaged.count >= 2, `the run is stored in ${damaged.count} segments`);
    assert.ok(damaged.goodEvents > 0 && damaged.goodEvents < damaged.events);

    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.reload();
      await page.waitForSelector('[data-testid=banner-failed]');
      await page.waitForSelector('[data-testid=recover-storage]');
      await page.screenshot({ path: await artifactPath(`corrupt-storage-banner-${scheme}.png`) });
    }
    const banner = await page.textContent('[data-testid=banner-failed]');
    assert.match(banner, new RegExp(`segment ${damaged.segment}:`));
    assert.ok(await page.isDisabled('[data-testid=clock-play]'));
    assert.equal(await page.getAttribute('[data-testid=save-state]', 'data-state'), 'off', 'a damaged workspace is not shown as saved');

    await page.click('[data-testid=workspace-menu]');
    assert.ok(await page.isEnabled('[data-testid=export-workspace]'));
    assert.ok(await page.isEnabled('[data-testid=reset-workspace]'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-workspace]'),
    ]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.ok(exported, 'the good part exports');

    await page.click('[data-testid=recover-storage]');
    const body = await page.textContent('[data-testid=recover-dialog]');
    assert.match(body, new RegExp(`segment ${damaged.segment}`));
    assert.match(body, new RegExp(`up to event ${damaged.goodEvents}\\b`));
    // Cancelling changes nothing.
    await page.click('[data-testid=recover-cancel]');
    await page.reload();
    await page.waitForSelector('[data-testid=recover-storage]');

    await page.click('[data-testid=recover-storage]');
    await page.click('[data-testid=recover-confirm]');
    await ready(page);
    assert.equal(await page.$('[data-testid=banner-failed]'), null);
    assert.equal(await summaryEvents(page), damaged.goodEvents);
    // It is stored that way: a reload opens it.
    await page.reload();
    await ready(page);
    assert.equal(await summaryEvents(page), damaged.goodEvents);
    await context.close();
  });

  it('resets a damaged workspace to the sample', async () => {
    const { context, page } = await app.open('/');
    await ready(page);
    await runInSeveralSaves(page);
    await damageLastSegment(page);
    await page.reload();
    await page.waitForSelector('[data-testid=banner-failed]');
    await page.click('[data-testid=workspace-menu]');
    await page.click('[data-testid=reset-workspace]');
    await page.click('[data-testid=reset-confirm]');
    await ready(page);
    assert.equal(await page.$('[data-testid=banner-failed]'), null);
    assert.equal(await clockMs(page), 0);
    await page.reload();
    await ready(page);
    assert.equal(await page.$('[data-testid=banner-failed]'), null);
    await context.close();
  });
});
