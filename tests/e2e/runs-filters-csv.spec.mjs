// The Runs screen's time range, its filters kept in the URL, and the CSV
// downloads of the table and of a version's metrics (release build). The
// built-in workspace is played to 90m; what the page shows is checked
// against the trace downloaded from the workspace menu and against the
// downloaded CSV, parsed here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { artifactPath, downloadTrace, ready, runUntil, useApp, waitForClock } from './support.mjs';

const MIN = 60_000;
const RUNS_HEADER = [
  'execution', 'workflow', 'workflow_name', 'version', 'contact', 'contact_name',
  'state', 'step', 'step_status', 'enrolled_ms', 'enrolled',
];

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r') {
      assert.equal(text[i + 1], '\n', 'CR only as part of CRLF');
      i += 1;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += c;
  }
  assert.equal(field + row.join(''), '', 'the last record ends with CRLF');
  return rows;
}

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/** The rows on screen, in order. */
async function visibleRows(page) {
  return page.$$eval('[data-testid=run-row]', (rows) => rows.map((r) => ({
    id: r.dataset.execution,
    state: r.dataset.state,
    enrolled: Number(r.dataset.enrolledMs),
    text: r.textContent,
  })));
}

async function matching(page) {
  const text = await page.textContent('[data-testid=runs-matching]');
  return Number(/^(\d+) matching/.exec(text)[1]);
}

/** Waits until the table says `n` executions match. */
async function waitMatching(page, n) {
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid=runs-matching]')?.textContent.startsWith(`${want} matching`),
    n,
  );
}

function query(page) {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

describe('runs: time range, filters in the URL, CSV exports (release build)', { timeout: 240_000 }, () => {
  const app = useApp();

  it('narrows by enrolment time, refuses bad times, keeps every filter across a reload, exports what it shows', async () => {
    const { context, page, problems } = await app.open('/runs', { viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    await ready(page);
    await page.click('[data-testid=clock-speed-max]');
    await runUntil(page, '90m');
    await waitForClock(page, 90 * MIN);
    const enrolled = (await downloadTrace(page)).trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'enrolled');
    const total = enrolled.length;
    await waitMatching(page, total);
    assert.ok(total >= 4, `${total} executions`);

    // 5m to 45m: the welcome series' polls, not the audience at 0 nor provisioning at 1m.
    const want = enrolled.filter((l) => l.t >= 5 * MIN && l.t <= 45 * MIN);
    assert.ok(want.length > 0 && want.length < total, `${want.length} of ${total} in range`);
    await page.fill('[data-testid=filter-from]', '5m');
    await page.fill('[data-testid=filter-to]', '45m');
    await waitMatching(page, want.length);
    let rows = await visibleRows(page);
    assert.deepEqual(rows.map((r) => r.id).sort(), want.map((l) => l.execution).sort());
    assert.ok(rows.every((r) => r.enrolled >= 5 * MIN && r.enrolled <= 45 * MIN), JSON.stringify(rows));
    assert.equal(await page.isHidden('[data-testid=filter-time-error]'), true);
    assert.deepEqual(query(page), { from: '5m', to: '45m' });

    // A bound that is not a duration: the error names the field and the problem, nothing is filtered.
    await page.fill('[data-testid=filter-to]', '45x');
    const error = page.locator('[data-testid=filter-time-error]');
    await error.waitFor();
    assert.match(await error.textContent(), /^To: `45x` is not a duration/);
    assert.match(await error.textContent(), /not applied/);
    assert.equal(await page.getAttribute('[data-testid=filter-to]', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('[data-testid=filter-from]', 'aria-invalid'), 'false');
    await waitMatching(page, total);
    assert.deepEqual(query(page), {}, 'a range that cannot be read stays out of the URL');
    await page.screenshot({ path: await artifactPath('runs-time-error.png') });
    await page.fill('[data-testid=filter-to]', '1m');
    assert.match(await error.textContent(), /^From \(5m\) is after To \(1m\)/);
    await waitMatching(page, total);

    // 1h30m written as the scenario format writes it; with a workflow and a state the URL carries all.
    const welcome = enrolled.filter((l) => l.workflow === 'welcome' && l.t >= 5 * MIN && l.t <= 90 * MIN);
    assert.ok(welcome.length >= 2, `${welcome.length} welcome runs`);
    await page.fill('[data-testid=filter-to]', '1h30m');
    await page.selectOption('[data-testid=filter-workflow]', 'welcome');
    await waitMatching(page, welcome.length);
    const state = (await visibleRows(page))[0].state;
    await page.click(`[data-testid=state-count][data-state=${state}]`);
    await page.fill('[data-testid=filter-contact]', 'c');
    const kept = await visibleRows(page);
    assert.ok(kept.length >= 1 && kept.every((r) => r.state === state));
    await page.waitForFunction(() => new URL(location.href).searchParams.get('contact') === 'c');
    assert.deepEqual(query(page), { workflow: 'welcome', state, contact: 'c', from: '5m', to: '1h30m' });

    await page.reload();
    await page.waitForSelector('[data-testid=screen-runs]');
    await ready(page);
    await waitMatching(page, kept.length);
    assert.deepEqual((await visibleRows(page)).map((r) => r.id), kept.map((r) => r.id));
    assert.equal(await page.inputValue('[data-testid=filter-from]'), '5m');
    assert.equal(await page.inputValue('[data-testid=filter-to]'), '1h30m');
    assert.equal(await page.inputValue('[data-testid=filter-contact]'), 'c');
    assert.equal(await page.inputValue('[data-testid=filter-workflow]'), 'welcome');
    assert.equal(await page.getAttribute(`[data-testid=state-count][data-state=${state}]`, 'aria-pressed'), 'true');
    assert.deepEqual(query(page), { workflow: 'welcome', state, contact: 'c', from: '5m', to: '1h30m' });

    // The CSV holds the rows on screen, in order, field for field.
    const runs = await download(page, 'runs-export-csv');
    assert.equal(runs.name, 'flowlab-runs.csv');
    const table = parseCsv(runs.text);
    assert.deepEqual(table[0], RUNS_HEADER);
    rows = await visibleRows(page);
    assert.equal(table.length - 1, rows.length);
    table.slice(1).forEach((rec, i) => {
      const r = Object.fromEntries(RUNS_HEADER.map((k, j) => [k, rec[j]]));
      assert.equal(r.execution, rows[i].id);
      assert.equal(r.state, rows[i].state);
      assert.equal(Number(r.enrolled_ms), rows[i].enrolled);
      assert.equal(r.workflow, 'welcome');
      assert.ok(rows[i].text.includes(r.contact_name) && rows[i].text.includes(r.contact), `${rows[i].text} vs ${rec}`);
      assert.ok(rows[i].text.includes(`${r.workflow_name} · v${r.version}`), `${rows[i].text} vs ${rec}`);
    });

    // Metrics of the chosen version: the CSV's figures are the panel's.
    await page.waitForSelector('[data-testid=metrics-panel] [data-testid=version-metrics] [data-testid=metric-executions]');
    const metrics = await download(page, 'metrics-export-csv');
    assert.equal(metrics.name, 'flowlab-metrics-welcome-v1.csv');
    const m = parseCsv(metrics.text);
    assert.deepEqual(m[0], ['workflow', 'version', 'step', 'metric', 'value']);
    assert.ok(m.slice(1).every((r) => r.length === 5 && r[0] === 'welcome' && r[1] === '1'));
    const value = (step, metric) => {
      const found = m.filter((r) => r[2] === step && r[3] === metric);
      assert.equal(found.length, 1, `${step} ${metric}`);
      return found[0][4];
    };
    const panel = page.locator('[data-testid=metrics-panel]');
    assert.equal(value('', 'executions'), await panel.locator('[data-testid=metric-executions]').getAttribute('data-value'));
    assert.equal(value('', 'completion_rate'), await panel.locator('[data-testid=metric-completion-rate]').getAttribute('data-value'));
    assert.equal(value('', 'time_to_complete_median_ms'), await panel.locator('[data-testid=metric-median]').getAttribute('data-value'));
    assert.equal(Number(value('', 'executions')), enrolled.filter((l) => l.workflow === 'welcome' && l.version === 1).length);
    const steps = await panel.locator('[data-testid=metrics-step]').evaluateAll((els) => els.map((e) => ({ ...e.dataset })));
    assert.ok(steps.length >= 2);
    for (const s of steps) {
      assert.equal(value(s.step, 'attempts'), s.attempts, `${s.step} attempts`);
      assert.equal(value(s.step, 'failed_attempts'), s.failedAttempts, `${s.step} failed attempts`);
      assert.equal(value(s.step, 'ended_failed'), s.endedFailed, `${s.step} ended failed`);
      assert.equal(value(s.step, 'reached'), s.reached, `${s.step} reached`);
    }
    await page.screenshot({ path: await artifactPath('runs-filters.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: await artifactPath('runs-filters-dark.png') });

    // The Runs link of the header is /runs alone: the filters follow the URL.
    await page.click('[data-testid=nav-runs]');
    await waitMatching(page, total);
    assert.equal(await page.inputValue('[data-testid=filter-from]'), '');
    assert.equal(await page.inputValue('[data-testid=filter-contact]'), '');
    assert.equal(await page.inputValue('[data-testid=filter-workflow]'), '');
    assert.deepEqual(query(page), {});
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('ignores what it cannot read in the URL', async () => {
    const { context, page, problems } = await app.open(
      '/runs?workflow=nope&version=zz&state=SLEEPING&from=later&to=1h&contact=&colour=red',
      { viewport: { width: 1280, height: 900 } },
    );
    await ready(page);
    assert.equal(await page.inputValue('[data-testid=filter-workflow]'), '');
    assert.equal(await page.inputValue('[data-testid=filter-from]'), '');
    assert.equal(await page.inputValue('[data-testid=filter-to]'), '', 'a range with a bad bound is dropped whole');
    assert.equal(await page.isHidden('[data-testid=filter-time-error]'), true);
    await page.waitForFunction(() => location.search === '');
    assert.equal(await page.isVisible('[data-testid=runs-table]'), true);
    await page.click('[data-testid=clock-speed-max]');
    await runUntil(page, '5m');
    await waitForClock(page, 5 * MIN);
    await page.waitForSelector('[data-testid=run-row]');

    // A version the workflow does not have yet is dropped too, the workflow kept.
    await page.goto(`${app.server.url}/runs?workflow=welcome&version=7&from=1m`);
    await ready(page);
    await page.waitForFunction(() => location.search === '?workflow=welcome&from=1m');
    assert.equal(await page.inputValue('[data-testid=filter-workflow]'), 'welcome');
    assert.equal(await page.inputValue('[data-testid=filter-version]'), '');
    assert.equal(await page.inputValue('[data-testid=filter-from]'), '1m');

    // Text with the URL's own separators survives both ways.
    await page.goto(`${app.server.url}/runs?contact=Lovelace%2C%20A%26B%3D50%25`);
    await ready(page);
    assert.equal(await page.inputValue('[data-testid=filter-contact]'), 'Lovelace, A&B=50%');
    await page.fill('[data-testid=filter-contact]', 'a&b=c?d #e');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('contact') === 'a&b=c?d #e');
    assert.deepEqual(query(page), { contact: 'a&b=c?d #e' });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
