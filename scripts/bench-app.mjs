// Benchmark of the built app (not a test): wasm size raw and gzipped, and
// time to first paint in headless Chromium over loopback, median of N loads,
// each in a fresh browser context (empty cache).
//
//   node scripts/bench-app.mjs --dir dist [--runs 7]
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/support.mjs';
import { report } from './wasm-bytes.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = opt('dir', 'dist');
const runs = Number(opt('runs', '7'));

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// What the first page load fetches (index.html's own files) against the
// screens' parts in split-<hash>/, fetched when a screen first opens.
async function sizesIn(folder) {
  const sizes = [];
  for (const name of (await readdir(folder)).filter((f) => /\.(wasm|js|css)$/.test(f))) {
    const bytes = await readFile(join(folder, name));
    sizes.push({ name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return sizes;
}
const sum = (sizes) => sizes.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), { raw: 0, gzip: 0 });

const sizes = await sizesIn(dir);
const wasm = sizes.find((s) => s.name.endsWith('.wasm'));
if (!wasm) throw new Error(`no .wasm in ${dir}: build first (make build)`);
const partDir = (await readdir(dir)).find((f) => f.startsWith('split-'));
const parts = partDir ? await sizesIn(join(dir, partDir)) : [];
const loaderJs = parts.filter((s) => s.name.endsWith('.js'));
const lazyWasm = parts.filter((s) => s.name.endsWith('.wasm'));
const first = sum([...sizes, ...loaderJs]);
const later = sum(lazyWasm);

console.log(`main wasm: ${wasm.name}`);
console.log(`  raw     ${kb(wasm.raw)} (${wasm.raw} bytes)`);
console.log(`  gzipped ${kb(wasm.gzip)} (${wasm.gzip} bytes, zlib level 9)`);
console.log(`first load, wasm+js+css: raw ${kb(first.raw)}, gzipped ${kb(first.gzip)}`);
console.log(`screens' parts, fetched when first opened: ${lazyWasm.length} files, raw ${kb(later.raw)}, gzipped ${kb(later.gzip)}`);
const screens = lazyWasm.filter((s) => s.name.startsWith('split_')).sort((a, b) => b.gzip - a.gzip);
for (const s of screens) {
  const screen = s.name.replace(/^split_+/, '').replace(/(_route_view)?_\d+\.wasm$/, '');
  console.log(`  ${screen.padEnd(10)} ${kb(s.gzip)} gzipped (its own part, without the chunks it shares)`);
}
console.log(`everything: gzipped ${kb(first.gzip + later.gzip)}`);

// Where the main part's bytes go, from the same build before wasm-opt
// stripped its names (scripts/split-wasm.mjs leaves it there).
const named = join(process.env.CARGO_TARGET_DIR || 'target', 'wasm-split', 'release', 'bound', wasm.name);
const namedBytes = await readFile(named).catch(() => null);
if (namedBytes) {
  console.log(`main wasm, where the bytes go (${named}, before wasm-opt):`);
  console.log(report(namedBytes, { top: 12 }).map((line) => `  ${line}`).join('\n'));
} else {
  console.log(`(no ${named}: the bytes by crate are printed for the build that made ${dir})`);
}

const server = await startServer({ dir, port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const samples = { fp: [], fcp: [], list: [] };
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid=workflow-list]')) {
          window.__listAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid=workflow-list]');
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    const m = await page.evaluate(() => ({
      fp: performance.getEntriesByName('first-paint')[0]?.startTime,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      list: window.__listAt,
    }));
    for (const k of Object.keys(samples)) samples[k].push(m[k]);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const row = (label, xs) =>
  console.log(`  ${label.padEnd(34)} median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`);
console.log(`time to paint, ${runs} cold loads over loopback (headless Chromium, from navigation start):`);
row('first paint', samples.fp);
row('first contentful paint', samples.fcp);
row('workflow list in the DOM', samples.list);
