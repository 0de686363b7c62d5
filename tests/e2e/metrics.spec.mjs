// Workflow metrics on the Runs screen (release build), checked against what
// the engine says elsewhere: the executions table's counts per state and the
// trace downloaded from the workspace menu, from which the per-step attempts,
// failures, fail actions and the time-to-complete figures are recounted here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, downloadTrace, runUntil, useApp, waitForClock } from './support.mjs';

const TERMINAL = {
  COMPLETED: 'completed',
  COMPLETED_ACK: 'completed',
  FAILED_SAFE: 'failed_safe',
  FAILED_SAFE_ACK: 'failed_safe',
  FAILED_UNSAFE: 'failed_unsafe',
  FAILED_UNSAFE_ACK: 'failed_unsafe',
  CANCELLED: 'stopped',
  CANCELLED_ACK: 'stopped',
};

/** Nearest rank, as the page states it. */
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

/** The metrics of one version, recounted from the trace's lines. */
function fromTrace(text, workflow, version) {
  const lines = text.trim().split('\n').map((l) => JSON.parse(l));
  const enrolledAt = new Map();
  const state = new Map();
  const steps = new Map();
  const durations = [];
  const step = (id) => {
    if (!steps.has(id)) steps.set(id, { attempts: 0, failed: 0, endedFailed: 0, actions: {} });
    return steps.get(id);
  };
  for (const l of lines) {
    if (l.type === 'enrolled' && l.workflow === workflow && l.version === version) {
      enrolledAt.set(l.execution, l.t);
      state.set(l.execution, 'NEW');
    }
    if (!enrolledAt.has(l.execution)) continue;
    if (l.type === 'execution_state') {
      state.set(l.execution, l.to);
      if (l.to === 'COMPLETED') durations.push(l.t - enrolledAt.get(l.execution));
    } else if (l.type === 'step_attempt') {
      step(l.step).attempts += 1;
      if (l.outcome === 'error') step(l.step).failed += 1;
    } else if (l.type === 'step_status' && l.to === 'failed') {
      step(l.step).endedFailed += 1;
    } else if (l.type === 'fail_action') {
      const s = step(l.step);
      s.actions[l.action] = (s.actions[l.action] ?? 0) + 1;
    }
  }
  const outcomes = { completed: 0, failed_safe: 0, failed_unsafe: 0, stopped: 0, in_flight: 0 };
  for (const s of state.values()) outcomes[TERMINAL[s] ?? 'in_flight'] += 1;
  durations.sort((a, b) => a - b);
  return {
    executions: state.size,
    outcomes,
    steps,
    count: durations.length,
    median: percentile(durations, 0.5),
    p90: percentile(durations, 0.9),
  };
}

async function shown(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-testid=metrics-panel]');
    const value = (id) => root.querySelector(`[data-testid=${id}]`)?.dataset.value ?? null;
    const outcomes = {};
    for (const o of root.querySelectorAll('[data-testid=outcome]')) outcomes[o.dataset.outcome] = Number(o.dataset.count);
    const steps = {};
    for (const r of root.querySelectorAll('[data-testid=metrics-step]')) {
      const actions = {};
      for (const a of r.querySelectorAll('[data-testid=fail-action]')) actions[a.dataset.action] = Number(a.dataset.count);
      steps[r.dataset.step] = {
        attempts: Number(r.dataset.attempts),
        failed: Number(r.dataset.failedAttempts),
        endedFailed: Number(r.dataset.endedFailed),
        actions,
        bar: r.querySelector('[data-testid=failure-bar]')?.dataset.rate ?? null,
      };
    }
    const bars = [...root.querySelectorAll('[data-testid=histogram-bar]')].map((b) => Number(b.dataset.count));
    return {
      version: root.querySelector('[data-testid=metrics-version]').value,
      executions: Number(value('metric-executions')),
      rate: value('metric-completion-rate'),
      median: value('metric-median'),
      p90: value('metric-p90'),
      outcomes,
      steps,
      bars,
    };
  });
}

/** The executions table's count chips for the chosen workflow, by state. */
async function chipCounts(page) {
  return page.evaluate(() => {
    const out = {};
    for (const c of document.querySelectorAll('[data-testid=state-count]')) out[c.dataset.state] = Number(c.dataset.count);
    return out;
  });
}

function assertAgrees(seen, want, chips, label) {
  assert.equal(seen.executions, want.executions, `${label}: executions`);
  assert.deepEqual(seen.outcomes, want.outcomes, `${label}: outcomes`);
  const chip = (s) => chips[s] ?? 0;
  assert.equal(seen.outcomes.completed, chip('COMPLETED') + chip('COMPLETED_ACK'), `${label}: completed vs the table`);
  assert.equal(seen.outcomes.failed_safe, chip('FAILED_SAFE') + chip('FAILED_SAFE_ACK'), `${label}: failed safe vs the table`);
  const finished = want.executions - want.outcomes.in_flight;
  assert.equal(seen.rate, finished ? String(want.outcomes.completed / finished) : '', `${label}: completion rate`);
  assert.equal(seen.median, want.median === null ? '' : String(want.median), `${label}: median`);
  assert.equal(seen.p90, want.p90 === null ? '' : String(want.p90), `${label}: p90`);
  assert.equal(seen.bars.reduce((a, b) => a + b, 0), want.count, `${label}: the histogram holds every completed execution`);
  for (const [id, s] of want.steps) {
    const row = seen.steps[id];
    assert.ok(row, `${label}: step ${id} listed`);
    assert.equal(row.attempts, s.attempts, `${label} ${id}: attempts`);
    assert.equal(row.failed, s.failed, `${label} ${id}: failed attempts`);
    assert.equal(row.endedFailed, s.endedFailed, `${label} ${id}: ended failed`);
    assert.deepEqual(row.actions, s.actions, `${label} ${id}: fail actions`);
    if (s.attempts) assert.equal(Number(row.bar), s.failed / s.attempts, `${label} ${id}: failure bar`);
  }
}

async function loadPreset(page, file) {
  await page.click('[data-testid=nav-scenarios]');
  await page.click(`[data-testid=preset-load][data-file="${file}"]`);
  await page.click('[data-testid=load-confirm]');
  await page.waitForSelector('[data-testid=screen-runs]');
  await waitForClock(page, 0);
  await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
  await page.click('[data-testid=clock-speed-max]');
}

async function chooseWorkflow(page, id) {
  await page.selectOption('[data-testid=filter-workflow]', id);
  await page.waitForSelector('[data-testid=metrics-panel] [data-testid=version-metrics]');
}

describe('workflow metrics (release build)', { timeout: 300_000 }, () => {
  const app = useApp();

  it('agrees with the table and the trace for every fail action', async () => {
    const { context, page, problems } = await app.open('/runs', { viewport: { width: 1440, height: 1100 } });
    await loadPreset(page, 'fail-actions.json');
    await runUntil(page, '3d');
    await waitForClock(page, 3 * 86_400_000);
    const trace = await downloadTrace(page);
    const workflows = await page.$$eval('[data-testid=filter-workflow] option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(workflows.length >= 8, `${workflows}`);
    let failures = 0;
    for (const wf of workflows) {
      await chooseWorkflow(page, wf);
      const seen = await shown(page);
      assert.equal(seen.version, '1', `${wf}: opens on the version with executions`);
      const want = fromTrace(trace, wf, 1);
      assertAgrees(seen, want, await chipCounts(page), wf);
      failures += [...want.steps.values()].reduce((n, s) => n + s.failed, 0);
    }
    assert.ok(failures >= 7, 'the preset fails at least once per fail action');

    await chooseWorkflow(page, 'on_retry');
    const retry = await shown(page);
    assert.ok(retry.steps.sync.actions.retry >= 1, 'the retry fail action is counted');
    await page.locator('[data-testid=metrics-panel]').screenshot({ path: await artifactPath('metrics-fail-actions.png') });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('fills the histogram live while the clock runs, in light and dark', async () => {
    const { context, page, problems } = await app.open('/runs', { viewport: { width: 1440, height: 1200 } });
    await loadPreset(page, 'campaign-validation.json');
    await runUntil(page, '1h');
    await waitForClock(page, 3_600_000);
    await chooseWorkflow(page, 'spring_campaign');
    let seen = await shown(page);
    assert.equal(seen.outcomes.in_flight, 574, 'everyone waits at the validation');
    assert.equal(seen.rate, '', 'no rate before anything finished');
    await page.waitForSelector('[data-testid=histogram-empty]');

    await runUntil(page, '1d');
    await waitForClock(page, 86_400_000);
    await page.waitForFunction(() => document.querySelector('[data-testid=metric-executions]')?.closest('[data-testid=metrics-panel]')
      && document.querySelector('[data-testid=outcome][data-outcome=completed]')?.dataset.count === '574');
    seen = await shown(page);
    const trace = await downloadTrace(page);
    const want = fromTrace(trace, 'spring_campaign', 1);
    assertAgrees(seen, want, await chipCounts(page), 'spring_campaign');
    assert.equal(seen.rate, '1');
    assert.ok(seen.bars.length >= 5 && seen.bars.length <= 12, `${seen.bars.length} bins`);
    const median = Number(await page.getAttribute('[data-testid=histogram-median]', 'data-ms'));
    assert.equal(median, want.median, 'the median marker sits at the median');

    const panel = page.locator('[data-testid=metrics-panel]');
    await panel.screenshot({ path: await artifactPath('metrics-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: await artifactPath('metrics-dark.png') });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
