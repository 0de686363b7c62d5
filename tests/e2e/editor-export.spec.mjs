// The editor's Export menu against the release build: BPMN and Mermaid of
// the draft, and pictures of the canvas (SVG and PNG) in design and run
// mode, light and dark. The SVG parses, holds every step title, has no CSS
// variable left and is painted in the theme; the PNG is a PNG of a sensible
// size with something drawn on it; in run mode the pictures carry the
// counts and `N - Ok` labels. Each picture is saved under
// tests/e2e/artifacts/ to look at.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, readFile } from 'node:fs/promises';
import { artifactPath, loadPreset, playUntil, ready, useApp } from './support.mjs';

const H = 3_600_000;
const VIEWPORT = { width: 1400, height: 900 };

/** Picks `item` in the Export menu and gives the downloaded file's path and name. */
async function exported(page, item) {
  await page.click('[data-testid=export]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${item}]`)]);
  return { path: await download.path(), name: download.suggestedFilename() };
}

/** The exported SVG as the browser's XML parser reads it. */
async function parseSvg(page, text) {
  return page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      viewBox: root.getAttribute('viewBox'),
      text: root.textContent,
      paper: root.querySelector(':scope > rect')?.getAttribute('fill') ?? null,
      frame: root.querySelector('.node-frame')?.getAttribute('style') ?? '',
    };
  }, text);
}

/** How much of the PNG differs from its corner pixel (0..1), drawn in the page. */
async function inkShare(page, bytes) {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(image, 0, 0);
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    let differing = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - data[0]) + Math.abs(data[i + 1] - data[1]) + Math.abs(data[i + 2] - data[2]) > 30) differing += 1;
    }
    return differing / (data.length / 4);
  }, bytes.toString('base64'));
}

/** Exports SVG and PNG of the canvas shown and checks both; returns the SVG's reading. */
async function pictures(page, label) {
  const titles = await page.$$eval('[data-testid=node-title]', (els) => els.map((e) => e.textContent));
  assert.ok(titles.length > 0, 'steps on the canvas');

  const svgFile = await exported(page, 'export-svg');
  assert.match(svgFile.name, /\.svg$/);
  const svgText = await readFile(svgFile.path, 'utf8');
  await copyFile(svgFile.path, await artifactPath(`export-${label}.svg`));
  const svg = await parseSvg(page, svgText);
  assert.equal(svg.error, null, `the SVG parses: ${svg.error}`);
  assert.equal(svg.root, 'svg');
  assert.match(svg.viewBox ?? '', /^-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+$/);
  for (const title of titles) assert.ok(svg.text.includes(title), `the SVG names "${title}"`);
  assert.ok(!svgText.includes('var('), 'no CSS variable is left in the SVG');
  assert.ok(!/url\("?https?:/.test(svgText), 'the SVG points only into itself');
  assert.match(svg.frame, /(^|;)fill:rgb/, 'computed styles are written on the elements');

  const pngFile = await exported(page, 'export-png');
  assert.match(pngFile.name, /\.png$/);
  const png = await readFile(pngFile.path);
  await copyFile(pngFile.path, await artifactPath(`export-${label}.png`));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.ok(width >= 400 && height >= 150, `a PNG of ${width}×${height}`);
  assert.ok(png.length > 10_000, `a PNG of ${png.length} bytes`);
  const ink = await inkShare(page, png);
  assert.ok(ink > 0.02, `the PNG has something drawn on it (${(ink * 100).toFixed(1)}% differs from the background)`);
  return { svg, svgText };
}

describe('the editor Export menu (release build)', { timeout: 300_000 }, () => {
  const app = useApp();

  it('exports BPMN and Mermaid of the draft', async () => {
    const { context, page, problems } = await app.open('/editor/spring_campaign', { viewport: VIEWPORT });
    await page.waitForSelector('[data-testid=node]');
    const bpmn = await exported(page, 'export-bpmn');
    assert.equal(bpmn.name, 'spring_campaign.bpmn');
    const xml = await readFile(bpmn.path, 'utf8');
    assert.match(xml, /<bpmn:definitions[^>]*>/);
    assert.match(xml, /<bpmn:userTask id="validate"/);
    await copyFile(bpmn.path, await artifactPath('export-spring_campaign.bpmn'));

    const mermaid = await exported(page, 'export-mermaid');
    assert.equal(mermaid.name, 'spring_campaign.mmd');
    const chart = await readFile(mermaid.path, 'utf8');
    assert.match(chart, /^%% .*\nflowchart LR\n/);
    assert.match(chart, /s0\[\/"Marketing validation"\/\]/);
    assert.match(chart, /-->\|approved\|/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('exports SVG and PNG of the canvas in design mode, light and dark', async () => {
    const { context, page, problems } = await app.open('/editor/welcome', { viewport: VIEWPORT, colorScheme: 'light' });
    await page.waitForSelector('[data-testid=node]');
    const papers = {};
    const frames = {};
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const { svg } = await pictures(page, `design-${scheme}`);
      papers[scheme] = svg.paper;
      frames[scheme] = svg.frame;
    }
    assert.ok(papers.light && papers.dark);
    assert.notEqual(papers.light, papers.dark, 'the pictures are in the theme of the moment');
    assert.notEqual(frames.light, frames.dark, 'the steps are drawn in the theme of the moment');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('exports SVG and PNG in run mode with the rings, counts and N - Ok labels', async () => {
    const { context, page, problems } = await app.open('/scenarios', { viewport: VIEWPORT, colorScheme: 'light' });
    await ready(page);
    await loadPreset(page, 'campaign-validation.json');
    await playUntil(page, 2 * H + 4_000);
    await page.click('[data-testid=watch-on-canvas]');
    await page.waitForSelector('[data-testid=screen-editor][data-mode=run]');
    await page.waitForSelector('[data-testid=edge-run-label]');
    const okLabels = await page.$$eval('[data-testid=edge-run-label-text]', (els) => els.map((e) => e.textContent));
    assert.ok(okLabels.some((l) => /^\d+ - Ok$/.test(l)), `N - Ok on the canvas: ${okLabels}`);
    const counts = await page.$$eval('[data-testid=node-count]', (els) => els.map((e) => e.textContent.trim()));
    assert.ok(counts.length > 0, 'counts on the canvas');
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const { svg, svgText } = await pictures(page, `run-${scheme}`);
      for (const label of okLabels) assert.ok(svg.text.includes(label), `the SVG has "${label}"`);
      for (const count of counts) assert.ok(svg.text.includes(count), `the SVG has the count "${count}"`);
      assert.match(svgText, /run-ring/, 'the rings are in the SVG');
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
});
