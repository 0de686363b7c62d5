// Projector mode at 1920×1080, light and dark, against the release build:
// the header toggle (remembered after a reload), the Lifecycle screen with
// every word at 18 px or more, its three diagrams above the fold and across
// the width, and run mode of a five-step workflow whose 25-character step
// names are whole and no word under 12 px. Screenshots of both go to
// tests/e2e/artifacts/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactPath, go, playUntil, ready, useApp } from './support.mjs';

const VIEWPORT = { width: 1920, height: 1080 };

/** Every visible piece of text in `root` (a selector) with the size it is drawn at, in screen pixels. */
async function textSizes(page, root) {
  return page.$$eval(`${root} *`, (els) => {
    const out = [];
    for (const el of els) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).map((n) => n.textContent.trim()).join(' ');
      if (!own) continue;
      if (el.closest('title, defs, style, script, option, [hidden]')) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      if (el.closest('.visually-hidden, .sr-only')) continue;
      let size = parseFloat(style.fontSize);
      // Inside an SVG the text is scaled with the drawing.
      const graphic = el.closest('svg') ? (el instanceof SVGGraphicsElement ? el : el.closest('foreignObject') ?? el.parentElement) : null;
      if (graphic && graphic.getScreenCTM) {
        const m = graphic.getScreenCTM();
        if (m) size *= Math.hypot(m.a, m.b);
      }
      out.push({ text: own.slice(0, 40), size: Math.round(size * 10) / 10, tag: el.tagName });
    }
    return out;
  });
}

async function turnOn(page) {
  await page.click('[data-testid=projector]');
  await page.waitForSelector('[data-testid=projector][aria-pressed=true]');
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('projector')));
}

const FIVE_STEPS = {
  id: 'onboarding',
  name: 'Customer onboarding',
  trigger: { type: 'manual' },
  steps: [
    { id: 'verify', kind: 'action', name: 'Verify the billing record', action: 'webhook', duration: '2s' },
    { id: 'send', kind: 'action', name: 'Send the onboarding email', action: 'email', duration: '2s' },
    { id: 'pause', kind: 'wait', name: 'Wait two days for replies', duration: '2d' },
    { id: 'notify', kind: 'action', name: 'Notify the sales managers', action: 'webhook', duration: '2s' },
    { id: 'close', kind: 'end', name: 'Close the onboarding file' },
  ],
};

describe('projector mode at 1920×1080 (release build)', { timeout: 240_000 }, () => {
  const app = useApp();

  for (const colorScheme of ['light', 'dark']) {
    it(`lays the Lifecycle screen out for a room, ${colorScheme}, and remembers the choice`, async () => {
      const { context, page, problems } = await app.open('/lifecycle', { viewport: VIEWPORT, colorScheme });
      await ready(page);
      assert.equal(await page.getAttribute('[data-testid=projector]', 'aria-pressed'), 'false');
      const before = await page.locator('[data-testid=lc-diagram-step]').boundingBox();
      await turnOn(page);
      await page.reload();
      await page.waitForSelector('[data-testid=screen-lifecycle]');
      await ready(page);
      assert.equal(await page.getAttribute('[data-testid=projector]', 'aria-pressed'), 'true', 'remembered after a reload');
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains('projector')));

      const small = (await textSizes(page, 'body')).filter((t) => t.size < 18);
      assert.deepEqual(small, [], 'every word on the Lifecycle screen is 18 px or more');

      const boxes = [];
      for (const name of ['execution', 'definition', 'step']) {
        const box = await page.locator(`[data-testid=lc-diagram-${name}]`).boundingBox();
        assert.ok(box.y + box.height <= VIEWPORT.height, `the ${name} diagram ends at ${box.y + box.height}, below the fold`);
        boxes.push(box);
      }
      const left = Math.min(...boxes.map((b) => b.x));
      const right = Math.max(...boxes.map((b) => b.x + b.width));
      assert.ok(right - left >= 0.8 * VIEWPORT.width, `the diagrams span ${right - left} of ${VIEWPORT.width} px`);
      const step = boxes[2];
      assert.ok(step.y + step.height < before.y + before.height, 'the step diagram moved up');
      await page.screenshot({ path: await artifactPath(`projector-lifecycle-${colorScheme}.png`) });

      // Off again: the ordinary layout, remembered too.
      await page.click('[data-testid=projector]');
      await page.waitForSelector('[data-testid=projector][aria-pressed=false]');
      await page.reload();
      await page.waitForSelector('[data-testid=projector][aria-pressed=false]');
      assert.ok(!(await page.evaluate(() => document.documentElement.classList.contains('projector'))));
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  for (const colorScheme of ['light', 'dark']) {
    it(`shows a five-step workflow in run mode readably, ${colorScheme}`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'flowlab-projector-'));
      const file = join(dir, 'onboarding.json');
      await writeFile(file, JSON.stringify(FIVE_STEPS));
      const { context, page, problems } = await app.open('/', { viewport: VIEWPORT, colorScheme });
      await ready(page);
      await playUntil(page, 1_000);
      await page.click('[data-testid=workspace-menu]');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid=import-file]')]);
      await chooser.setFiles(file);
      await page.waitForSelector('[data-testid=import-done]');
      await go(page, '/editor/onboarding');
      await page.waitForSelector('[data-testid=node][data-step-id=close]');
      await page.click('[data-testid=publish]');
      await page.click('[data-testid=publish-confirm]');
      await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
      await page.click('[data-testid=lifecycle-activate]');
      await page.waitForFunction(() => document.querySelector('[data-testid=editor-status]')?.textContent === 'active');
      await go(page, '/people');
      for (const id of ['c1', 'c2', 'c4', 'c5']) {
        await page.check(`[data-testid=contact-row][data-contact=${id}] [data-testid=contact-select]`);
      }
      await page.selectOption('[data-testid=enroll-workflow]', 'onboarding');
      await page.click('[data-testid=enroll-selected]');
      await playUntil(page, 30 * 60_000);

      await turnOn(page);
      await go(page, '/editor/onboarding?mode=run&v=1');
      await page.waitForSelector('[data-testid=screen-editor][data-mode=run]');
      await page.waitForSelector('[data-testid=edge-run-label]');
      await page.waitForTimeout(300);

      const titles = await page.$$eval('[data-testid=node-title]', (els) =>
        els.map((e) => ({ text: e.textContent, clipped: e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1 })),
      );
      assert.equal(titles.length, 5);
      for (const t of titles) {
        assert.equal(t.text.length, 25, t.text);
        assert.ok(!t.clipped, `"${t.text}" is cut`);
      }
      const small = (await textSizes(page, '[data-testid=canvas]')).filter((t) => t.size < 12);
      assert.deepEqual(small, [], 'no word on the canvas under 12 px');
      await page.screenshot({ path: await artifactPath(`projector-run-mode-${colorScheme}.png`) });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
