// Trunk's post_build hook (Trunk.toml): cuts the app's wasm into the part
// every page needs and one lazily fetched part per screen.
//
// Trunk cannot split a wasm module (trunk-rs/trunk#1022), so this hook redoes
// the last steps of its Rust pipeline on the same cargo output:
//   1. `wasm-split-cli` cuts cargo's wasm at the `#[lazy_route]` split points
//      (src/screens/lazy.rs; the cargo build links with --emit-relocs,
//      .cargo/config.toml);
//   2. `wasm-bindgen` makes the JS bindings of the main part, under the name
//      Trunk gave its own (flowlab-<hash>.js and _bg.wasm), so index.html
//      needs no change but for its integrity attributes (off for this asset);
//   3. `wasm-opt -Oz` shrinks every part (release builds only).
// The parts and their loader go in split-<hash>/ beside the main files.
// index.html names the loader, which names the parts: the service worker
// caches them all (sw.js), so a screen opens offline even the first time.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

function fail(message) {
  console.error(`split-wasm: ${message}`);
  process.exit(1);
}

function run(tool, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) =>
      reject(new Error(`${tool} could not be started (${error.code}); run make setup`)),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function inTurns(jobs, width) {
  const queue = [...jobs];
  const workers = Array.from({ length: width }, async () => {
    while (queue.length > 0) await queue.shift()();
  });
  await Promise.all(workers);
}

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR;
const profile = process.env.TRUNK_PROFILE;
if (!staging || !source || !profile) fail('run me as a Trunk post_build hook (TRUNK_* variables missing)');
const release = profile === 'release';

const staged = await readdir(staging);
const loader = staged.find((f) => /^flowlab-[0-9a-f]+\.js$/.test(f));
if (!loader) fail(`no flowlab-<hash>.js in ${staging}: Trunk's Rust pipeline did not run`);
const name = loader.slice(0, -'.js'.length);
const hash = name.slice('flowlab-'.length);

const targetDir = process.env.CARGO_TARGET_DIR || join(source, 'target');
const cargoWasm = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'flowlab.wasm');
const work = join(targetDir, 'wasm-split', profile);
const cut = join(work, 'cut');
const bound = join(work, 'bound');
await rm(work, { recursive: true, force: true });
await mkdir(cut, { recursive: true });
await mkdir(bound, { recursive: true });

try {
  await run('wasm-split-cli', ['--target', 'web', '--out-name', name, cargoWasm, cut]);
  await run('wasm-bindgen', [
    '--target', 'web', '--keep-lld-exports', '--no-demangle',
    '--out-name', name, '--out-dir', bound, join(cut, `${name}.wasm`),
  ]);
} catch (error) {
  fail(error.message);
}

const parts = (await readdir(cut)).filter((f) => f.endsWith('.wasm') && f !== `${name}.wasm`);
if (parts.length === 0) fail(`${cargoWasm} has no split points: was it built with --features split?`);
const partDir = `split-${hash}`;
await rm(join(staging, partDir), { recursive: true, force: true });
await mkdir(join(staging, partDir));

const shrink = (from, to) => async () => {
  if (release) await run('wasm-opt', ['-Oz', `--output=${to}`, from]);
  else await copyFile(from, to);
};
try {
  await inTurns(
    [
      shrink(join(bound, `${name}_bg.wasm`), join(staging, `${name}_bg.wasm`)),
      ...parts.map((part) => shrink(join(cut, part), join(staging, partDir, part))),
    ],
    2,
  );
} catch (error) {
  fail(error.message);
}

const splitLoader = '__wasm_split.js';
// Only the JS imports move: the wasm's own import module keeps its name.
const mainJs = (await readFile(join(bound, `${name}.js`), 'utf8')).replaceAll(
  `from "./${splitLoader}"`,
  `from "./${partDir}/${splitLoader}"`,
);
if (!mainJs.includes(`from "./${partDir}/${splitLoader}"`)) fail(`${name}.js does not import ${splitLoader}`);
await writeFile(join(staging, loader), mainJs);
const partsJs = (await readFile(join(cut, splitLoader), 'utf8')).replace(
  `from "./${name}.js"`,
  `from "../${name}.js"`,
);
if (!partsJs.includes(`"../${name}.js"`)) fail(`${splitLoader} does not import ./${name}.js`);
await writeFile(join(staging, partDir, splitLoader), partsJs);

const indexPath = join(staging, 'index.html');
const index = await readFile(indexPath, 'utf8');
if (/integrity="[^"]*"[^>]*flowlab-|flowlab-[^>]*integrity=/.test(index)) {
  fail('index.html checks the integrity of the files this hook replaces: set data-integrity="none"');
}
await writeFile(
  indexPath,
  index.replace('</head>', `<link rel="modulepreload" href="/${partDir}/${splitLoader}"></head>`),
);
console.log(`split-wasm: ${parts.length} lazily fetched parts in ${partDir}/`);
