// The editor's canvas in run mode (issue #6), against the release build: the
// campaign preset played at full speed and watched on the canvas. What a
// trainer projects: the validation blinking while 574 executions wait, its
// ring once they have gone on, `574 - Ok` on the edge (counted again from the
// downloaded trace), the counts by status, a still highlight under reduced
// motion, and the same picture after a reload. Screenshots in light and dark
// at 1400×900 are saved under tests/e2e/artifacts/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, downloadTrace, go, loadPreset, playUntil, ready, useApp } from './support.mjs';

const H = 3_600_000;
const VIEWPORT = { width: 1400, height: 900 };

/** Transitions in the trace from `from` by `port` to `to`. */
function traversals(trace, from, port, to) {
  return trace
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((l) => l.type === 'transition' && l.from_step === from && l.port === port && l.to_step === to).length;
}

const node = (id) => `[data-testid=node][data-step-id=${id}]`;
const label = (from, to) => `[data-testid=edge-run-label][data-from=${from}][data-to=${to}]`;

async function ringAnimation(page, id) {
  return page.$eval(`${node(id)} [data-testid=node-run-ring]`, (el) => getComputedStyle(el).animationName);
}

describe('the editor canvas in run mode (release build)', { timeout: 240_000 }, () => {
  const app = useApp();

  it('shows the campaign blinking at its validation, then 574 - Ok as the trace counts it, after a reload too', async () => {
    const { context, page, problems } = await app.open('/scenarios', { viewport: VIEWPORT });
    await ready(page);
    await loadPreset(page, 'campaign-validation.json');
    await playUntil(page, 1 * H);

    // From the Runs screen (where the preset lands) into run mode.
    await page.click('[data-testid=watch-on-canvas]');
    await page.waitForSelector('[data-testid=screen-editor][data-mode=run]');
    assert.match(page.url(), /\/editor\/spring_campaign\?mode=run&v=1$/);
    assert.equal(await page.locator('[data-testid=palette]').count(), 0, 'no palette in run mode');
    assert.equal(await page.inputValue('[data-testid=run-version]'), '1');
    assert.match(await page.textContent('[data-testid=run-version] option[value="1"]'), /v1 · 574 executions/);

    // Every execution waits at the validation: it blinks, nothing has gone on.
    await page.waitForSelector(`${node('validate')}[data-run-state=current]`);
    assert.equal(await ringAnimation(page, 'validate'), 'run-blink');
    const waiting = page.locator(`${node('validate')} [data-testid=node-count][data-status=awaiting_decision]`);
    assert.equal(await waiting.getAttribute('data-count'), '574');
    assert.match(await waiting.getAttribute('title'), /^574 executions awaiting_decision at Marketing validation$/);
    assert.equal(await page.getAttribute(node('deliver'), 'data-run-state'), 'idle');
    assert.equal(await page.locator('[data-testid=edge-run-label]').count(), 0, 'no edge taken yet');
    assert.equal(
      await page.getAttribute('[data-testid=edge][data-from=validate][data-to=deliver]', 'data-run-count'),
      '0',
    );
    await page.screenshot({ path: await artifactPath('run-mode-waiting-light.png') });

    // Sam approves at 2h; a few seconds later deliveries are running.
    await playUntil(page, 2 * H + 4_000);
    await page.waitForSelector(`${node('validate')}[data-run-state=executed]`);
    assert.equal(await ringAnimation(page, 'validate'), 'none', 'an executed step is circled, not blinking');
    await page.waitForSelector(`${node('deliver')}[data-run-state=current]`);
    assert.equal(await ringAnimation(page, 'deliver'), 'run-blink');

    const trace = await downloadTrace(page);
    const approved = traversals(trace, 'validate', 'approved', 'deliver');
    assert.equal(approved, 574);
    const edgeLabel = page.locator(label('validate', 'deliver'));
    assert.equal(await edgeLabel.locator('[data-testid=edge-run-label-text]').textContent(), `${approved} - Ok`);
    assert.equal(await edgeLabel.getAttribute('data-port'), 'approved');
    const done = traversals(trace, 'deliver', 'next', 'done');
    const doneLabel = page.locator(label('deliver', 'done'));
    if (done > 0) assert.equal(await doneLabel.locator('[data-testid=edge-run-label-text]').textContent(), `${done} - Ok`);
    assert.ok(done < 574, `some deliveries still run at 2h+4s (${done} done)`);
    await page.screenshot({ path: await artifactPath('run-mode-light.png') });

    // The labels are drawn above the nodes, and no node's card is under one.
    const frames = await page.locator('[data-testid=node] .node-frame').evaluateAll((els) =>
      els.map((e) => e.getBoundingClientRect().toJSON()),
    );
    for (const l of await page.locator('[data-testid=edge-run-label] .run-label-box').evaluateAll((els) =>
      els.map((e) => e.getBoundingClientRect().toJSON()),
    )) {
      for (const f of frames) {
        const overlap = l.left < f.right && f.left < l.right && l.top < f.bottom && f.top < l.bottom;
        assert.ok(!overlap, `a label at ${JSON.stringify(l)} is over a node at ${JSON.stringify(f)}`);
      }
    }
    assert.ok(
      await page.$eval('[data-testid=run-labels]', (g) => g.compareDocumentPosition(document.querySelector('g.nodes')) & Node.DOCUMENT_POSITION_PRECEDING),
      'the label layer comes after (above) the nodes',
    );

    // Reduced motion: the current step stays highlighted, without animation.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    assert.equal(await ringAnimation(page, 'deliver'), 'none');
    const still = await page.$eval(`${node('deliver')} [data-testid=node-run-ring]`, (el) => {
      const s = getComputedStyle(el);
      return { dash: s.strokeDasharray, width: parseFloat(s.strokeWidth) };
    });
    assert.notEqual(still.dash, 'none', 'a still highlight differs from the executed ring');
    assert.ok(still.width >= 6);
    await page.emulateMedia({ reducedMotion: 'no-preference' });

    // The side panel: the selected step's counts by status.
    await page.click(`${node('validate')} [data-testid=node-title]`);
    await page.waitForSelector('[data-testid=run-step][data-step=validate]');
    const completed = page.locator('[data-testid=run-step-count][data-status=completed]');
    assert.equal(await completed.getAttribute('data-count'), '574');
    assert.match(
      await page.textContent('[data-testid=run-step-edge][data-port=approved]'),
      new RegExp(`approved → deliver\\s*${approved} - Ok`),
    );

    // A reload (the clock paused, the workspace restored) shows the same labels.
    await page.reload();
    await page.waitForSelector('[data-testid=screen-editor][data-mode=run]');
    await page.waitForSelector(label('validate', 'deliver'));
    assert.equal(
      await page.textContent(`${label('validate', 'deliver')} [data-testid=edge-run-label-text]`),
      `${approved} - Ok`,
    );
    assert.equal(await page.getAttribute(node('validate'), 'data-run-state'), 'executed');

    // The panel leads to the version's metrics, on the Runs screen.
    await page.click('[data-testid=version-metrics-link]');
    await page.waitForSelector('[data-testid=metric-executions]');
    const enrolled = trace
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.type === 'enrolled' && l.workflow === 'spring_campaign').length;
    assert.ok(enrolled > 0);
    assert.equal(await page.getAttribute('[data-testid=metric-executions]', 'data-value'), String(enrolled));
    await page.goBack();
    await page.waitForSelector('[data-testid=screen-editor][data-mode=run]');

    // Back to the design: no run marks, the palette returns.
    await page.click('[data-testid=mode-design]');
    await page.waitForSelector('[data-testid=screen-editor][data-mode=design]');
    await page.waitForSelector('[data-testid=palette]');
    assert.equal(await page.locator('[data-testid=edge-run-label]').count(), 0);
    assert.equal(await page.locator('[data-testid=node][data-run-state]').count(), 0);
    assert.match(page.url(), /\/editor\/spring_campaign$/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('draws run mode readably in the dark theme', async () => {
    const { context, page, problems } = await app.open('/scenarios', { viewport: VIEWPORT, colorScheme: 'dark' });
    await ready(page);
    await loadPreset(page, 'campaign-validation.json');
    await playUntil(page, 2 * H + 4_000);
    await go(page, '/editor/spring_campaign?mode=run');
    await page.waitForSelector(`${node('deliver')}[data-run-state=current]`);
    await page.waitForSelector(label('validate', 'deliver'));
    await page.screenshot({ path: await artifactPath('run-mode-dark.png') });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('enlarges a small workflow to fill a projector\'s screen in run mode, and fits it at 100 % at most for editing', async () => {
    const { context, page, problems } = await app.open('/editor/welcome?mode=run', { viewport: { width: 1920, height: 1080 } });
    await ready(page);
    await playUntil(page, 60_000);
    await page.waitForSelector('[data-testid=node][data-run-state]');
    const zoom = () => page.$eval('[data-testid=canvas]', (c) => Number(c.dataset.zoom));
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=canvas]').dataset.zoom) > 1);
    assert.ok((await zoom()) <= 1.5, `at most 150 %: ${await zoom()}`);
    const canvas = await page.locator('[data-testid=canvas]').boundingBox();
    for (const box of await page.locator('[data-testid=node]').evaluateAll((ns) => ns.map((n) => {
      const r = n.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }))) {
      assert.ok(box.left >= canvas.x && box.right <= canvas.x + canvas.width, 'every step is in view');
      assert.ok(box.top >= canvas.y && box.bottom <= canvas.y + canvas.height, 'every step is in view');
    }
    await page.click('[data-testid=mode-design]');
    await page.waitForSelector('[data-testid=screen-editor][data-mode=design]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=canvas]').dataset.zoom) <= 1);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says what is wrong with a bad run-mode address, and shows what it can', async () => {
    const { context, page, problems } = await app.open('/editor/welcome?mode=run', { viewport: VIEWPORT });
    await ready(page);
    // Before the clock runs, the script has not published anything yet.
    await page.waitForSelector('[data-testid=run-problem]');
    assert.match(await page.textContent('[data-testid=run-problem]'), /no published version yet/);
    await playUntil(page, 60_000);
    await go(page, '/editor/welcome?mode=run&v=9');
    await page.waitForFunction(() => /no version 9/.test(document.querySelector('[data-testid=run-problem]')?.textContent));
    assert.match(await page.textContent('[data-testid=run-problem]'), /has no version 9 \(it has v1 to v1\): showing v1/);
    assert.equal(await page.inputValue('[data-testid=run-version]'), '1');
    await page.waitForSelector('[data-testid=node][data-run-state]');
    await go(page, '/editor/welcome?mode=runn');
    await page.waitForFunction(() => /“runn” is not a mode/.test(document.querySelector('[data-testid=run-problem]')?.textContent));
    await page.waitForSelector('[data-testid=screen-editor][data-mode=design]');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
