// The state gallery: from a fresh app, every state of the three lifecycles
// is three clicks away (Lifecycle, the state, the confirmation), and what
// the example says holds at the cursor: the execution's page shows that
// state, the step's row that status, the workflow's editor that status.
// The states are read from the diagrams, so a state box without an
// example fails here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, loadPreset, useApp, waitForClock } from './support.mjs';

/** Clicks `selector`, counting the click. */
async function click(page, clicks, selector) {
  await page.click(selector);
  clicks.n += 1;
}

/** Lifecycle, the state, and the confirmation when one is asked. */
async function showExample(page, machine, state) {
  const clicks = { n: 0 };
  await click(page, clicks, '[data-testid=nav-lifecycle]');
  await page.waitForSelector('[data-testid=screen-lifecycle]');
  await click(page, clicks, `[data-testid=lc-diagram-${machine}] [data-testid=lc-node][data-state="${state}"]`);
  const shown = `[data-testid=state-example][data-machine=${machine}][data-state="${state}"]`;
  await page.waitForSelector(`[data-testid=load-confirm], ${shown}`);
  const asked = (await page.$('[data-testid=load-confirm]')) !== null;
  if (asked) await click(page, clicks, '[data-testid=load-confirm]');
  const panel = await page.waitForSelector(shown);
  assert.ok(clicks.n <= 3, `${machine} ${state}: ${clicks.n} clicks`);
  return { panel, asked };
}

/** Follows the example's link and checks that the state holds there. */
async function checkAtCursor(page, panel, machine, state) {
  const workflow = await panel.getAttribute('data-workflow');
  const execution = await panel.getAttribute('data-execution');
  const step = await panel.getAttribute('data-step');
  const lit = await page.getAttribute(
    `[data-testid=lc-diagram-${machine}] [data-testid=lc-node][data-state="${state}"]`,
    'data-lit',
  );
  assert.equal(lit, 'true', `${state} is lit`);
  assert.ok((await page.textContent('[data-testid=state-example-say]')).length > 20, 'a narration line');
  assert.equal(await page.$('[data-testid=state-example-moved]'), null, 'the cursor is at the example');
  await page.click('[data-testid=state-example-link]');
  if (machine === 'definition') {
    assert.ok(workflow, 'a definition example names its workflow');
    await page.waitForSelector('[data-testid=editor-status]');
    assert.equal((await page.textContent('[data-testid=editor-status]')).trim(), state);
  } else if (machine === 'execution') {
    await page.waitForSelector(`[data-testid=execution-id]`);
    assert.equal(await page.textContent('[data-testid=execution-id]'), execution);
    assert.equal(await page.getAttribute('[data-testid=state-badge]', 'data-state'), state);
  } else {
    assert.ok(execution && step, 'a step example names its execution and step');
    const row = `[data-testid=tl-row][data-step="${step}"]`;
    await page.waitForSelector(row);
    assert.equal(await page.getAttribute(row, 'data-last'), state);
  }
}

async function statesOf(page, machine) {
  return page.$$eval(`[data-testid=lc-diagram-${machine}] [data-testid=lc-node]`, (nodes) =>
    nodes.map((n) => n.dataset.state),
  );
}

describe('state gallery (release build)', { timeout: 600_000 }, () => {
  const app = useApp();

  it('every state is three clicks from a fresh app and holds at the cursor', async () => {
    const { context: first, page: lifecycle } = await app.open('/lifecycle');
    const machines = {};
    for (const m of ['definition', 'execution', 'step']) machines[m] = await statesOf(lifecycle, m);
    await first.close();
    assert.equal(machines.definition.length, 5);
    assert.equal(machines.execution.length, 20);
    assert.equal(machines.step.length, 9);

    const failures = [];
    for (const [machine, states] of Object.entries(machines)) {
      for (const state of states) {
        const { context, page, problems } = await app.open('/');
        try {
          const { panel, asked } = await showExample(page, machine, state);
          assert.ok(asked, 'replacing the built-in workspace asks once');
          await checkAtCursor(page, panel, machine, state);
          assert.deepEqual(problems, []);
        } catch (e) {
          failures.push(`${machine} ${state}: ${e.message}`);
        }
        await context.close();
      }
    }
    assert.deepEqual(failures, []);
  });

  it('from one example to the next asks nothing, and play goes on from the cursor', async () => {
    const { page, problems } = await app.open('/');
    await showExample(page, 'execution', 'CANCELLED');
    const { asked } = await showExample(page, 'step', 'cancelled');
    assert.equal(asked, false, 'an untouched example is replaced without asking');
    await page.setViewportSize({ width: 1440, height: 1100 });
    await page.screenshot({ path: await artifactPath('state-gallery.png'), fullPage: true });
    // Play: nothing is discarded, the stop's instant goes on.
    await page.click('[data-testid=clock-play]');
    await page.waitForSelector('[data-testid=branch-dialog]', { timeout: 1000 }).then(
      () => assert.fail('play from the example asked to discard events'),
      () => {},
    );
    assert.deepEqual(problems, []);
  });

  it('a pause mark in the script stops the clock there with its line; play goes on', async () => {
    const { page, problems } = await app.open('/');
    await loadPreset(page, 'stop-and-acknowledge.json');
    await page.click('[data-testid=clock-speed-max]');
    await page.click('[data-testid=clock-play]');
    await page.waitForSelector('[data-testid=pause-mark]');
    await waitForClock(page, 600_000);
    assert.match(await page.textContent('[data-testid=pause-mark-say]'), /just stopped Ada's reminders/);
    await page.click('[data-testid=clock-play]');
    await page.waitForSelector('[data-testid=pause-mark-say]:has-text("acknowledged it as it is")');
    await waitForClock(page, 3_600_000);
    assert.deepEqual(problems, []);
  });
});
