// Presets played in the page (release build) against flowlab-sim: every
// preset loaded from the Scenarios screen and run at full speed to its
// run_until gives the trace `flowlab-sim run` writes, line for line, without
// the summary. Then what a trainer sees: the loaded note and script following
// the clock, 574 - Ok on the campaign, a FAILED_UNSAFE recovered by hand, and
// a bad file refused with its line and column, changing nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import {
  ROOT,
  artifactPath,
  downloadTrace,
  go,
  launchBrowser,
  loadPreset,
  openApp,
  playUntil,
  ready,
  serveDist,
  waitForClock,
  watchForErrors,
} from './support.mjs';

const SIM = process.env.FLOWLAB_SIM ?? `${ROOT}target/release/flowlab-sim`;
const PRESETS = `${ROOT}samples/presets/`;
const UNIT = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function durationMs(v) {
  if (typeof v === 'number') return v;
  let total = 0;
  for (const [, n, unit] of v.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(n) * UNIT[unit];
  return total;
}

describe('scenarios and presets (release build)', { timeout: 300_000 }, () => {
  let server;
  let browser;

  before(async () => {
    if (!existsSync(SIM)) {
      execFileSync('cargo', ['build', '--release', '-p', 'flowlab-sim'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
    }
    server = await serveDist();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('plays every preset in the page exactly as flowlab-sim runs it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await openApp(page, server.url, '/scenarios');
    await ready(page);
    const files = readdirSync(PRESETS).filter((f) => f.endsWith('.json')).sort();
    assert.equal(files.length, 11);
    for (const file of files) {
      const until = durationMs(JSON.parse(readFileSync(PRESETS + file, 'utf8')).run_until);
      const sim = execFileSync(SIM, ['run', PRESETS + file], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const lines = sim.trimEnd().split('\n');
      assert.match(lines.at(-1), /"type":"summary"/);
      const expected = lines.slice(0, -1).join('\n') + '\n';

      await loadPreset(page, file);
      await playUntil(page, until);
      const got = await downloadTrace(page);
      assert.equal(got.split('\n').length, expected.split('\n').length, `${file}: as many lines`);
      assert.equal(got, expected, `${file}: the page's trace is flowlab-sim's`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows a trainer the note, the script as it plays, 574 - Ok and a recovered rollback', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await openApp(page, server.url, '/scenarios');
    await ready(page);

    // Pause and resume: loaded paused at 0; the script follows the clock.
    await loadPreset(page, 'pause-resume.json');
    await go(page, '/scenarios');
    await page.waitForSelector('[data-testid=now-playing]');
    assert.equal(await page.textContent('[data-testid=now-playing-title]'), 'Pause and resume');
    assert.match(await page.textContent('[data-testid=now-playing-note]'), /BLOCKED_WAITING/);
    const states = () =>
      page.locator('[data-testid=script-entry]').evaluateAll((els) => els.map((e) => e.dataset.state));
    assert.deepEqual(await states(), ['next', 'pending', 'pending', 'pending', 'pending', 'pending']);
    await playUntil(page, 35 * 60_000);
    assert.deepEqual(await states(), ['done', 'done', 'done', 'done', 'next', 'pending']);
    assert.match(await page.textContent('[data-testid=script-entry][data-state=next]'), /Enroll c2 in onboarding/);
    await page.screenshot({ path: await artifactPath('scenarios-playing.png'), fullPage: true });
    await playUntil(page, 45 * 60_000);
    await go(page, '/runs/e2');
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=BLOCKED_WAITING]');

    // The campaign: 574 executions released by one approval.
    await loadPreset(page, 'campaign-validation.json');
    assert.match(page.url(), /\/runs\?workflow=spring_campaign$/);
    await playUntil(page, 3 * 3_600_000);
    const edge = page.locator('[data-testid=step-run][data-step=validate] [data-testid=edge-label][data-port=approved]');
    await edge.waitFor();
    assert.match(await edge.textContent(), /approved → deliver\s*574 - Ok/);
    await page.screenshot({ path: await artifactPath('scenarios-campaign-574.png') });

    // FAILED_UNSAFE, recovered by the operator before the script would.
    await loadPreset(page, 'rollback-unsafe.json');
    await playUntil(page, 30 * 60_000);
    await go(page, '/runs/e1');
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=FAILED_UNSAFE]');
    await page.screenshot({ path: await artifactPath('scenarios-failed-unsafe.png'), fullPage: true });
    await page.click('[data-testid=action-rollback]');
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=FAILED_SAFE]');
    await page.click('[data-testid=action-ack]');
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=FAILED_SAFE_ACK]');

    // Exported as a scenario, with the operator's two commands: flowlab-sim reproduces the page.
    await playUntil(page, 2 * 3_600_000);
    const trace = await downloadTrace(page);
    await go(page, '/scenarios');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-scenario]')]);
    const file = await download.path();
    await page.waitForSelector('[data-testid=export-result][data-reproduces=true]');
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    assert.deepEqual(
      exported.script.filter((c) => c.execution === 'e1').map((c) => [c.at, c.do]),
      [[1_800_000, 'rollback'], [1_800_000, 'ack'], [3_600_000, 'rollback'], [4_200_000, 'ack']],
    );
    const sim = execFileSync(SIM, ['run', file], { encoding: 'utf8' }).trimEnd().split('\n');
    assert.equal(sim.slice(0, -1).join('\n') + '\n', trace);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('refuses a bad scenario file with its line and column, and changes nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await openApp(page, server.url, '/scenarios');
    await ready(page);
    const title = await page.textContent('[data-testid=now-playing-title]');
    await page.setInputFiles('[data-testid=scenario-file-input]', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "format": "flowlab-scenario/1",\n  "run_until": "1h"\n  "workflows": []\n}\n'),
    });
    await page.waitForSelector('[data-testid=scenario-file-error]');
    assert.match(await page.textContent('[data-testid=scenario-file-error-message]'), /^broken\.json: 4:3/);
    assert.equal(await page.locator('[data-testid=load-dialog]').count(), 0);
    assert.equal(await page.textContent('[data-testid=now-playing-title]'), title);

    await page.setInputFiles('[data-testid=scenario-file-input]', {
      name: 'typo.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'flowlab-scenario/1', run_until: '1h', workflows: [{ id: 'w', stepz: [] }] })),
    });
    await page.waitForFunction(() => /typo\.json: workflows\[0\]/.test(document.querySelector('[data-testid=scenario-file-error-message]')?.textContent ?? ''));
    await page.screenshot({ path: await artifactPath('scenarios-file-error.png') });

    // Bytes that are not UTF-8 are refused where they are, not replaced; a key written twice is named.
    await page.setInputFiles('[data-testid=scenario-file-input]', {
      name: 'latin1.json',
      mimeType: 'application/json',
      buffer: Buffer.concat([Buffer.from('{"format": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]),
    });
    await page.waitForFunction(() => /^latin1\.json: 1:16: the file is not UTF-8/.test(document.querySelector('[data-testid=scenario-file-error-message]')?.textContent ?? ''));
    await page.setInputFiles('[data-testid=scenario-file-input]', {
      name: 'twice.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "flowlab-scenario/1", "run_until": "1h", "run_until": "2h"}'),
    });
    await page.waitForFunction(() => /twice\.json: .*key `run_until` is written twice/.test(document.querySelector('[data-testid=scenario-file-error-message]')?.textContent ?? ''));
    assert.equal(await page.textContent('[data-testid=now-playing-title]'), title);

    // A good file, even with a byte-order mark, loads after the confirmation and shows its note.
    const text = readFileSync(`${PRESETS}trigger-latency.json`, 'utf8');
    await page.setInputFiles('[data-testid=scenario-file-input]', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) });
    await page.click('[data-testid=load-confirm]');
    await page.waitForFunction(() => document.querySelector('[data-testid=now-playing-title]')?.textContent === 'Trigger polling latency');
    assert.equal(await page.locator('[data-testid=scenario-file-error]').count(), 0);
    await context.close();
  });

  it('imports a million generated contacts whole or refuses them, and a reload finds the same workspace', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await openApp(page, server.url, '/scenarios');
    await ready(page);
    const before = await page.textContent('[data-testid=now-playing-title]');
    const big = {
      format: 'flowlab-scenario/1',
      run_until: '1h',
      generate_contacts: { count: 1000000, email_ratio: 0.9, phone_ratio: 0.5, tags: { lead: 0.3 } },
      workflows: [{ id: 'w', name: 'Big audience', trigger: { type: 'manual' }, steps: [{ id: 's', kind: 'wait', duration: '1m' }] }],
      x: { note: 'A million contacts' },
    };
    await page.setInputFiles('[data-testid=scenario-file-input]', { name: 'million.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) });
    await page.click('[data-testid=load-confirm]');
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid=scenario-file-error-message]') || document.querySelector('[data-testid=now-playing-title]')?.textContent !== old,
      before,
      { timeout: 120_000 },
    );
    const refusal = await page.locator('[data-testid=scenario-file-error-message]').textContent().catch(() => null);
    const shown = refusal === null ? await page.textContent('[data-testid=now-playing-title]') : before;
    if (refusal !== null) {
      assert.match(refusal, /^million\.json was not loaded: this workspace takes \d+ MB to store, over the limit of 64 MB\. Nothing was changed\.$/);
      assert.equal(await page.textContent('[data-testid=now-playing-title]'), before, 'the workspace shown is the old one');
    } else {
      await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 120_000 });
    }
    await page.reload();
    await ready(page);
    assert.equal(await page.textContent('[data-testid=now-playing-title]'), shown, 'a reload finds the workspace the page showed');
    await context.close();
  });
});
