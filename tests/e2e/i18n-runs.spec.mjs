// Runs, an execution's page, Approvals and People in French: the built-in
// workspace played on simulated time, each screen in its main states, no
// English left in its main area, and the Runs table's headers each inside
// their column at 800 and 1400 px. The samples' own texts (workflow, step,
// contact and operator names) and the simulated times are checked too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { englishOnScreen } from './english.mjs';
import { artifactPath, go, useApp } from './support.mjs';

/** English words left inside `root`, without what `exclude` matches (another area's component). */
function englishIn(page, root, exclude = null) {
  return englishOnScreen(page, { within: root, skip: exclude ? [exclude] : [] });
}

async function runUntil(page, text, ms) {
  await page.click('[data-testid=clock-speed-max]');
  await page.fill('[data-testid=clock-until-input]', text);
  await page.press('[data-testid=clock-until-input]', 'Enter');
  await page.waitForFunction(
    (want) => Number(document.querySelector('[data-testid=clock-time]')?.dataset.ms) === want,
    ms,
    { timeout: 60_000 },
  );
}

/** Each Runs header whose text is wider than its column. */
async function overflowingHeaders(page) {
  return page.$$eval('[data-testid=runs-table] [role=columnheader]', (els) =>
    els
      .filter((e) => getComputedStyle(e).display !== 'none' && e.textContent.trim())
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.textContent} (${e.scrollWidth} > ${e.clientWidth})`));
}

/** Headers whose text (its full width, clipped or not) reaches the next one's. */
async function collidingHeaders(page) {
  return page.$$eval('[data-testid=runs-table] [role=columnheader]', (els) => {
    const shown = els.filter((e) => getComputedStyle(e).display !== 'none');
    const boxes = shown.map((e) => {
      const r = document.createRange();
      r.selectNodeContents(e);
      const text = r.getBoundingClientRect();
      const cell = e.getBoundingClientRect();
      return { name: e.textContent, left: cell.left, right: text.width ? text.right : cell.left };
    });
    const out = [];
    for (let i = 1; i < boxes.length; i++) {
      if (boxes[i - 1].name && boxes[i].left < boxes[i - 1].right + 4) out.push(`${boxes[i - 1].name}|${boxes[i].name}`);
    }
    return out;
  });
}

describe('Runs, execution, Approvals and People in French (release build)', { timeout: 300_000 }, () => {
  const app = useApp();

  it('finds the English of the same screens in English (the check can fail)', async () => {
    const { context, page } = await app.open('/approvals', { viewport: { width: 1400, height: 900 } });
    await page.waitForSelector('[data-testid=inbox-empty], [data-testid=inbox-item]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.ok((await englishIn(page, 'main')).length > 0);
    // The English headers too stay apart at 800 px (EXECUTION ran into WORKFLOW).
    await page.setViewportSize({ width: 800, height: 900 });
    await go(page, '/runs');
    await page.waitForSelector('[data-testid=runs-table] [role=columnheader]:nth-child(2)');
    assert.deepEqual(await overflowingHeaders(page), [], 'English headers fit their columns at 800 px');
    assert.deepEqual(await collidingHeaders(page), [], 'English headers apart at 800 px');
    await context.close();
  });

  it('speaks French on every screen of watching runs, light and dark, at 1400 and 800 px', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('flowlab.lang', 'fr'));
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
    await page.goto(`${app.server.url}/approvals`);
    await page.waitForSelector('[data-testid=screen-approvals]');
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    const main = 'main';
    // The execution's lifecycle diagram (components/lifecycle_diagram.rs,
    // run_view/lifecycle.rs) is the Lifecycle screen's, translated there.
    const diagram = '[data-testid=execution-lifecycle] svg';
    const noEnglish = async (what) => assert.deepEqual(await englishIn(page, main, diagram), [], what);
    const shoot = async (name) => {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.screenshot({ path: await artifactPath(`i18n-runs-${name}-fr-light.png`), fullPage: true });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: await artifactPath(`i18n-runs-${name}-fr-dark.png`), fullPage: true });
      await page.emulateMedia({ colorScheme: 'light' });
    };

    // Approvals: an operator with nothing, then one with an open approval, decided.
    await runUntil(page, '90m', 90 * 60_000);
    await page.click('[data-testid=inbox-operator][data-operator=op3]');
    await page.waitForSelector('[data-testid=inbox-empty]');
    assert.match(await page.textContent('[data-testid=inbox-empty]'), /^Aucune notification\./);
    await noEnglish('approvals, an empty inbox');
    await page.click('[data-testid=inbox-operator][data-operator=op1]');
    const item = page.locator('[data-testid=inbox-item][data-step=validate]');
    await item.waitFor();
    assert.equal(await item.getAttribute('data-status'), 'open');
    assert.equal((await item.locator('[data-testid=inbox-status]').textContent()).trim(), 'En attente d’une décision');
    assert.equal((await item.locator('[data-testid=inbox-approve]').textContent()).trim(), 'Approuver');
    await noEnglish('approvals, an open approval');
    await shoot('approvals');
    await item.locator('[data-testid=inbox-approve]').click();
    await page.waitForSelector('[data-testid=inbox-item][data-step=validate][data-status=decided]');
    assert.match(await item.locator('[data-testid=inbox-status]').textContent(), /^Sam Rivera a choisi «\sapprouver\s» le /);
    await noEnglish('approvals, decided');

    // Runs: the table, its state chips, then filtered by workflow and time range.
    await runUntil(page, '3h', 3 * 3_600_000);
    await go(page, '/runs');
    await page.waitForSelector('[data-testid=run-row]');
    assert.match(await page.textContent('[data-testid=runs-summary]'), /exécutions en temps simulé$/);
    assert.deepEqual(
      await page.$$eval('[data-testid=runs-table] [role=columnheader]', (els) => els.map((e) => e.textContent)),
      ['', 'Exécution', 'Workflow', 'Contact', 'État', 'Étape', 'Inscription'],
    );
    await noEnglish('runs, the table');
    assert.deepEqual(await overflowingHeaders(page), [], 'headers fit their columns at 1400 px');
    assert.deepEqual(await collidingHeaders(page), [], 'headers apart at 1400 px');
    await page.selectOption('[data-testid=filter-workflow]', 'welcome');
    await page.fill('[data-testid=filter-from]', '0m');
    await page.fill('[data-testid=filter-to]', '2h');
    await page.waitForSelector('[data-testid=metrics-panel] [data-testid=metric-executions]');
    await page.waitForSelector('[data-testid=steps-panel] [data-testid=step-run]');
    assert.match(await page.textContent('[data-testid=runs-matching]'), /correspondantes · page 1 sur \d+/);
    assert.equal((await page.textContent('[data-testid=metric-completion-rate] .metric-label')).trim(), 'taux de complétion');
    await noEnglish('runs, filtered, with metrics and steps');
    await shoot('runs-filtered');
    await page.fill('[data-testid=filter-to]', '45x');
    await page.waitForSelector('[data-testid=filter-time-error]:not([hidden])');
    assert.match(await page.textContent('[data-testid=filter-time-error]'), /^À\s: `45x` n’est pas une durée/);
    await noEnglish('runs, a bad time range');
    await page.fill('[data-testid=filter-to]', '');

    // 800 px: the narrow table keeps its headers apart.
    await page.setViewportSize({ width: 800, height: 900 });
    await page.selectOption('[data-testid=filter-workflow]', '');
    await page.waitForSelector('[data-testid=run-row]');
    assert.deepEqual(await overflowingHeaders(page), [], 'headers fit their columns at 800 px');
    assert.deepEqual(await collidingHeaders(page), [], 'headers apart at 800 px');
    await page.screenshot({ path: await artifactPath('i18n-runs-table-fr-800.png') });
    await page.setViewportSize({ width: 1400, height: 900 });

    // An execution: lifecycle, timeline, history; its stop dialog when it can stop.
    const chip = page.locator('[data-testid=state-count][data-state=FAILED_SAFE]');
    await chip.click();
    const row = page.locator('[data-testid=run-row]').first();
    await row.locator('[data-testid=run-link]').click();
    await page.waitForSelector('[data-testid=screen-execution] [data-testid=tl-row]');
    await page.waitForSelector('[data-testid=history-line]');
    assert.match(await page.textContent('[data-testid=history-title]'), /^Historique · \d+ lignes$/);
    assert.equal((await page.textContent('[data-testid=action-ack]')).trim(), 'Prendre acte');
    await noEnglish('an execution');
    await shoot('execution');
    await page.click('[data-testid=action-ack]');
    await page.waitForSelector('[data-testid=lc-node][data-lit=true][data-state=FAILED_SAFE_ACK]');
    await noEnglish('an acknowledged execution');
    await go(page, '/runs');
    await page.waitForSelector('[data-testid=run-row]');
    const live = await page.$$eval('[data-testid=run-row]', (rows) =>
      rows.map((r) => r.dataset).find((d) => !/^(COMPLETED|FAILED_SAFE|FAILED_UNSAFE|CANCELLED)(_ACK)?$/.test(d.state))?.execution);
    assert.ok(live, 'an execution still running at 3h');
    await go(page, `/runs/${live}`);
    await page.waitForSelector('[data-testid=action-stop]:not([disabled])');
    await page.click('[data-testid=action-stop]');
    await page.waitForSelector('[data-testid=stop-dialog]');
    assert.match(await page.textContent('[data-testid=stop-dialog]'), /est annulée maintenant/);
    assert.deepEqual(await englishIn(page, '[data-testid=stop-dialog]'), [], 'the stop dialog');
    await page.click('[data-testid=stop-confirm]');
    await page.waitForSelector('[data-testid=execution-reason]');
    assert.equal((await page.textContent('[data-testid=execution-reason]')).trim(), 'arrêtée par un opérateur');
    await noEnglish('a stopped execution');
    await go(page, '/runs/e99999');
    await page.waitForSelector('[data-testid=execution-missing]');
    await noEnglish('a missing execution');

    // People: contacts with the form open, operators with the form and its problems.
    await go(page, '/people');
    await page.waitForSelector('[data-testid=contact-row]');
    await page.click('[data-testid=contact-add]');
    await page.waitForSelector('[data-testid=contact-form]');
    await page.click('[data-testid=contact-row][data-contact=c3] [data-testid=contact-select]');
    await page.selectOption('[data-testid=enroll-workflow]', 'welcome');
    assert.match(await page.textContent('[data-testid=enroll-selected]'), /^Inscrire la sélection \(1\)$/);
    assert.match(await page.textContent('[data-testid=enroll-warning]'), /^Le contact c3 n’a aucune adresse e-mail\s: les actions email de la v1 /);
    await noEnglish('people, the contact form open');
    await page.click('[data-testid=operator-add]');
    await page.waitForSelector('[data-testid=operator-form]');
    await page.fill('[data-testid=operator-id]', '');
    await page.fill('[data-testid=operator-email]', 'grace@example');
    await page.click('[data-testid=operator-save]');
    assert.match(await page.textContent('[data-testid=operator-email-error]'), /`grace@example` n’est pas une adresse e-mail/);
    assert.match(await page.textContent('[data-testid=operator-id-error]'), /l’opérateur doit avoir un identifiant/);
    await noEnglish('people, the operator form with its problems');
    await shoot('people');
    await page.click('[data-testid=operator-cancel]');

    // The approver's inbox still reads French after the operators changed nothing.
    await go(page, '/approvals');
    await page.click('[data-testid=inbox-operator][data-operator=op1]');
    await page.waitForSelector('[data-testid=inbox-item]');
    await noEnglish('approvals, after');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
