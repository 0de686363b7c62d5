// The Lifecycle screen and its state gallery in French, against the release
// build: the three diagrams (state codes kept, prose labels and notes in
// French and still inside their drawing, clear of the boxes), the counts,
// the confirmation, the narrations of states of each lifecycle, and
// projector mode at 1920×1080. English is looked for in the screen's main
// area, leaving out the names the built-in samples and presets give their
// workflows (samples/*.json, src/file_format/presets.rs), which another area translates.
// Screenshots: FR light and dark at 1400×900, projector at 1920×1080.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGLISH, englishOnScreen } from './english.mjs';
import { artifactPath, loadPreset, useApp, waitForClock } from './support.mjs';

const FRENCH = () => localStorage.setItem('flowlab.lang', 'fr');
/** The samples' and presets' own names, not this area's texts. */
const SAMPLE_TEXT = '[data-testid=lifecycle-workflow] option:not([value=""]), [data-testid=state-example-preset]';

/** English words left inside `root`, leaving out `leaveOut`. */
function englishIn(page, root, leaveOut = SAMPLE_TEXT) {
  return englishOnScreen(page, { within: root, skip: [leaveOut] });
}

/** The words of ENGLISH in `text`. */
function englishWords(text) {
  return text.split(/[^A-Za-z’']+/).filter((w) => ENGLISH.has(w.toLowerCase()) && w !== w.toUpperCase());
}

/**
 * Translated words of a diagram that do not fit: arrow labels and notes out
 * of the drawing or over a state's box, words running into each other, and
 * state names wider than their box.
 */
async function misfits(page, name) {
  return page.$eval(`[data-testid=lc-diagram-${name}]`, (svg) => {
    const view = svg.viewBox.baseVal;
    const out = [];
    const boxes = [...svg.querySelectorAll('.lc-node-box')].map((r) => r.getBBox());
    const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    // Commands' names (translate=no) are the English ones, drawn as before.
    for (const t of svg.querySelectorAll('.lc-edge-label:not([translate=no]), .lc-note')) {
      const b = t.getBBox();
      const edge = t.closest('[data-testid=lc-edge]');
      const what = edge ? `the label of ${edge.dataset.from} → ${edge.dataset.to}` : `the note of ${t.closest('[data-testid=lc-node]').dataset.state}`;
      if (b.x < 0 || b.y < 0 || b.x + b.width > view.width || b.y + b.height > view.height) {
        out.push(`${what} leaves the drawing`);
      }
      const hit = boxes.findIndex((box) => overlaps(b, box));
      if (hit >= 0) out.push(`${what} covers a state's box`);
    }
    const words = [...svg.querySelectorAll('.lc-edge-label, .lc-note')];
    for (const [i, a] of words.entries()) {
      for (const b of words.slice(i + 1)) {
        if (overlaps(a.getBBox(), b.getBBox())) out.push(`"${a.textContent}" runs into "${b.textContent}"`);
      }
    }
    for (const g of svg.querySelectorAll('[data-testid=lc-node]')) {
      const box = g.querySelector('.lc-node-box').getBBox();
      const label = g.querySelector('.lc-node-label').getBBox();
      if (label.width > box.width) out.push(`${g.dataset.state} is wider than its box`);
    }
    return out;
  });
}

const DIAGRAMS = ['execution', 'definition', 'step'];

/** Clicks a state and confirms when asked; returns whether it asked. */
async function showExample(page, machine, state) {
  await page.click(`[data-testid=lc-diagram-${machine}] [data-testid=lc-node][data-state="${state}"]`);
  const shown = `[data-testid=state-example][data-machine=${machine}][data-state="${state}"]`;
  await page.waitForSelector(`[data-testid=load-confirm], ${shown}`);
  const asked = (await page.$('[data-testid=load-confirm]')) !== null;
  if (asked) {
    const dialog = await page.textContent('[data-testid=load-dialog]');
    await page.click('[data-testid=load-confirm]');
    // The preset's title, between « », is the samples' text.
    assert.deepEqual(englishWords(dialog.replace(/«[^»]*»/g, '')), [], 'the confirmation speaks French');
    assert.match(dialog, /Montrer un exemple de/);
    assert.match(dialog, /Charger l’exemple/);
  }
  await page.waitForSelector(shown);
  return asked;
}

// States of each lifecycle, and what their narration must say (a few exactly).
const EXAMPLES = [
  ['definition', 'draft', /^La version 1 est publiée, mais un brouillon n’inscrit personne/],
  [
    'definition',
    'paused',
    /^Mis en pause à 30\u00a0min\u00a0: l’attente d’Ada arrive à échéance à 1\u00a0h .* il reprend à 2\u00a0h\.$/,
  ],
  ['definition', 'archived', /^Archivé à 1\u00a0h après son annulation/],
  ['execution', 'NEW', /^Ada vient d’être inscrite à la main/],
  ['execution', 'BLOCKED_WAITING', /la reprise à 2\u00a0h la libère\.$/],
  ['execution', 'SCHEDULED', /elle attend en SCHEDULED que e1 finisse à 10\u00a0min\.$/],
  ['execution', 'ERROR', /^L’étape SMS a échoué avec fail_workflow/],
  ['execution', 'ROLLBACK', /retentée à \+1\u00a0min, \+3\u00a0min\.$/],
  ['execution', 'FAILED_SAFE', /^Les deux étapes ont bien été défaites/],
  ['execution', 'FAILED_SAFE_ACK', /à 1\u00a0h 10\u00a0min l’opérateur l’a acquittée/],
  ['execution', 'FAILED_UNSAFE', /à 1\u00a0h, l’opérateur relance le retour arrière\.$/],
  ['execution', 'FAILED_UNSAFE_ACK', /l’opérateur l’a acquittée en l’état/],
  ['execution', 'CANCELLED', /jusqu’à son acquittement à 30\u00a0min\.$/],
  ['execution', 'CANCELLED_ACK', /^L’opérateur a acquitté l’exécution arrêtée à 30\u00a0min/],
  ['step', 'waiting', /^Une pause prévue\u00a0: Ada attend une heure/],
  ['step', 'pending', /prévue 1\u00a0min plus tard \(délai linéaire entre tentatives\)\.$/],
  ['step', 'running', /\(elle dure 2\u00a0s\)/],
  ['step', 'resolved', /l’étape est donc resolved plutôt que completed/],
  ['step', 'failed', /fait ensuite passer l’exécution en ERROR\.$/],
  ['step', 'cancelled', /^La journée d’attente d’Ada a été interrompue/],
];

describe('Lifecycle and the state gallery in French (release build)', { timeout: 600_000 }, () => {
  const app = useApp();

  for (const colorScheme of ['light', 'dark']) {
    it(`shows the three lifecycles in French, ${colorScheme}, every word in its place`, async () => {
      const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 }, colorScheme });
      await page.addInitScript(FRENCH);
      await page.goto(`${app.server.url}/lifecycle`);
      await page.waitForSelector('[data-testid=lifecycle-step] [data-testid=lc-node]');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
      assert.equal((await page.textContent('[data-testid=screen-lifecycle] .page-title')).trim(), 'Cycle de vie');
      assert.match(await page.textContent('[data-testid=lifecycle-execution] h2'), /Exécution · toute inscription suit cette machine/);
      assert.equal(await page.getAttribute('[data-testid=lc-diagram-step]', 'aria-label'), 'Cycle de vie d’une étape');
      // Prose arrows in French, commands and state codes as the spec writes them.
      const labels = await page.$$eval('[data-testid=lc-edge-label]', (ts) =>
        ts.map((t) => [t.textContent, t.getAttribute('translate')]),
      );
      for (const want of [['erreur', null], ['réessai', null], ['ok après échecs', null], ['rollback', 'no'], ['pause', 'no'], ['resume', 'no']]) {
        assert.ok(labels.some(([t, tr]) => t === want[0] && tr === want[1]), `${want[0]} in ${JSON.stringify(labels)}`);
      }
      const notes = await page.$$eval('[data-testid=lc-note]', (ts) => ts.map((t) => t.textContent));
      assert.ok(notes.includes('depuis tout état non terminal\u00a0: arrêt par un opérateur ou workflow annulé'), notes.join(' | '));
      assert.ok(notes.includes('après end_workflow / skip_remaining'), notes.join(' | '));
      assert.deepEqual(
        await page.$$eval('[data-testid=lc-diagram-step] [data-testid=lc-node]', (ns) => ns.map((n) => n.querySelector('title').textContent)).then((t) => t.slice(0, 2)),
        ['waiting\u00a0: voir un exemple', 'running\u00a0: voir un exemple'],
      );
      for (const d of DIAGRAMS) assert.deepEqual(await misfits(page, d), [], `the ${d} diagram`);
      assert.deepEqual(await englishIn(page, 'main'), []);

      // An example: its counts on the diagrams, its panel in French.
      await showExample(page, 'execution', 'ROLLBACK');
      await page.waitForSelector('[data-testid=lc-count]');
      assert.deepEqual(await englishIn(page, 'main'), []);
      assert.match(await page.textContent('[data-testid=state-example-link]'), /^Ouvrir l’exécution e1$/);
      assert.match(await page.textContent('[data-testid=state-example] .state-example-head'), /exécution e1 · préréglage «\u00a0/);
      for (const d of DIAGRAMS) assert.deepEqual(await misfits(page, d), [], `the ${d} diagram with counts`);
      await page.screenshot({ path: await artifactPath(`i18n-lifecycle-fr-${colorScheme}.png`), fullPage: true });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  it('narrates states of every lifecycle in French, with French durations', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1400, height: 900 } });
    await page.addInitScript(FRENCH);
    await page.goto(`${app.server.url}/lifecycle`);
    await page.waitForSelector('[data-testid=lifecycle-step] [data-testid=lc-node]');
    const failures = [];
    for (const [machine, state, says] of EXAMPLES) {
      try {
        await showExample(page, machine, state);
        const say = await page.textContent('[data-testid=state-example-say]');
        assert.match(say, says);
        assert.deepEqual(await englishIn(page, 'main'), []);
        const lit = `[data-testid=lc-diagram-${machine}] [data-testid=lc-node][data-state="${state}"]`;
        assert.equal(await page.getAttribute(lit, 'data-lit'), 'true');
        if (machine === 'step') {
          assert.match(await page.textContent('[data-testid=state-example-link]'), /^Ouvrir l’exécution e\d \(étape \w+\)$/);
        }
      } catch (e) {
        failures.push(`${machine} ${state}: ${e.message}`);
      }
    }
    assert.deepEqual(failures, []);
    await page.screenshot({ path: await artifactPath('i18n-lifecycle-fr-gallery.png'), fullPage: true });

    // Play on: the panel says, in French, that the cursor has left the example.
    await showExample(page, 'execution', 'RUNNING');
    await page.click('[data-testid=clock-speed-max]');
    await page.click('[data-testid=clock-play]');
    await page.waitForSelector('[data-testid=state-example-moved]');
    assert.match(await page.textContent('[data-testid=state-example-moved]'), /^Le curseur a bougé\u00a0: ici, exécution e1 est en [A-Z_]+\.$/);
    assert.deepEqual(await englishIn(page, 'main'), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says a pause mark of the script in French around its line', async () => {
    const { context, page, problems } = await app.open('/');
    await page.addInitScript(FRENCH);
    await page.goto(`${app.server.url}/`);
    await page.waitForSelector('[data-testid=app-shell] main [data-testid^=screen-]');
    await loadPreset(page, 'stop-and-acknowledge.json');
    await page.click('[data-testid=clock-speed-max]');
    await page.click('[data-testid=clock-play]');
    await page.waitForSelector('[data-testid=pause-mark]');
    await waitForClock(page, 600_000);
    const note = await page.textContent('[data-testid=pause-mark]');
    assert.match(note, /^En pause ici\u00a0:/);
    assert.match(note, /Appuyez sur Lecture pour continuer\.$/);
    // The line itself is the preset's (samples), not this area's.
    const around = note.replace(await page.textContent('[data-testid=pause-mark-say]'), '');
    assert.deepEqual(englishWords(around), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('lays the Lifecycle screen out in French for a projector at 1920×1080', async () => {
    const { context, page, problems } = await app.open('/', { viewport: { width: 1920, height: 1080 } });
    // In English first: where the rows are close, a few labels sit on
    // their arrow over a box's edge (haloed) already; French may not add any.
    await page.evaluate(() => localStorage.setItem('flowlab.projector', 'on'));
    await page.goto(`${app.server.url}/lifecycle`);
    await page.waitForSelector('[data-testid=lifecycle-step] [data-testid=lc-node]');
    const english = {};
    for (const d of DIAGRAMS) english[d] = await misfits(page, d);
    await page.addInitScript(FRENCH);
    await page.goto(`${app.server.url}/lifecycle`);
    await page.waitForSelector('[data-testid=lifecycle-step] [data-testid=lc-node]');
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('projector')));
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    const notes = await page.$$eval('[data-testid=lc-notes] li', (li) => li.map((l) => l.textContent));
    assert.ok(notes.includes('archived\u00a0: depuis active ou paused\u00a0: seulement si rien n’est en cours'), notes.join(' | '));
    for (const d of DIAGRAMS) {
      const french = await misfits(page, d);
      assert.deepEqual(french.filter((m) => !english[d].includes(m)), [], `the ${d} diagram (English: ${english[d].join('; ')})`);
      const box = await page.locator(`[data-testid=lc-diagram-${d}]`).boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 1920, `the ${d} diagram is inside the width`);
      assert.ok(box.y + box.height <= 1080, `the ${d} diagram ends at ${box.y + box.height}, below the fold`);
    }
    await showExample(page, 'step', 'failed');
    assert.deepEqual(await englishIn(page, 'main'), []);
    const overflow = await page.$eval('[data-testid=state-example]', (el) => el.scrollWidth > el.clientWidth);
    assert.equal(overflow, false, 'the narration wraps inside its panel');
    await page.screenshot({ path: await artifactPath('i18n-lifecycle-fr-projector.png') });
    await page.screenshot({ path: await artifactPath('i18n-lifecycle-fr-projector-full.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
