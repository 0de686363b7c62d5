// Where the bytes of a wasm file go (not a test): its code by crate, read
// from the function names, and its data segment. Each group is compressed
// on its own (zlib level 9), so the groups add up to a little more than the
// file compressed whole. The release build's names are in the main part as
// wasm-bindgen leaves it, before wasm-opt strips them:
//
//   node scripts/wasm-bytes.mjs target/wasm-split/release/bound/flowlab-<hash>_bg.wasm [--top 20] [--functions 20]
//
// `make bench-app` runs it on that file when the build left one.
import { readFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';

const SECTION_IMPORT = 2;
const SECTION_CODE = 10;
const SECTION_DATA = 11;
const IMPORT_FUNCTION = 0;
const NAME_FUNCTIONS = 1;

/** A reader of the wasm binary format's LEB128 numbers and names. */
class Reader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }

  u32() {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.at++];
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  }

  byte() {
    return this.bytes[this.at++];
  }

  name() {
    const length = this.u32();
    const text = this.bytes.subarray(this.at, this.at + length).toString('utf8');
    this.at += length;
    return text;
  }

  limits() {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}

/** Imported functions come first in the function index space. */
function countImportedFunctions(r, end) {
  let functions = 0;
  for (let n = r.u32(); n > 0; n--) {
    r.name();
    r.name();
    const kind = r.byte();
    if (kind === IMPORT_FUNCTION) {
      r.u32();
      functions++;
    } else if (kind === 1) {
      r.byte();
      r.limits();
    } else if (kind === 2) {
      r.limits();
    } else if (kind === 3) {
      r.byte();
      r.byte();
    } else if (kind === 4) {
      r.byte();
      r.u32();
    } else {
      throw new Error(`unknown import kind ${kind} at byte ${r.at}`);
    }
  }
  r.at = end;
  return functions;
}

function readFunctionNames(r, end) {
  const names = new Map();
  while (r.at < end) {
    const id = r.byte();
    const size = r.u32();
    const next = r.at + size;
    if (id === NAME_FUNCTIONS) {
      for (let n = r.u32(); n > 0; n--) {
        const index = r.u32();
        names.set(index, r.name());
      }
    }
    r.at = next;
  }
  return names;
}

export function readModule(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const r = new Reader(bytes, 8);
  let imported = 0;
  let bodies = [];
  let data = Buffer.alloc(0);
  let names = new Map();
  while (r.at < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.at + size;
    if (id === SECTION_IMPORT) {
      imported = countImportedFunctions(r, end);
    } else if (id === SECTION_CODE) {
      for (let n = r.u32(), i = 0; i < n; i++) {
        const length = r.u32();
        bodies.push({ index: i, bytes: bytes.subarray(r.at, r.at + length) });
        r.at += length;
      }
    } else if (id === SECTION_DATA) {
      data = bytes.subarray(r.at, end);
    } else if (id === 0 && r.name() === 'name') {
      names = readFunctionNames(r, end);
    }
    r.at = end;
  }
  bodies = bodies.map((b) => ({ ...b, name: demangle(names.get(imported + b.index) ?? '') }));
  return { bodies, data, named: names.size > 0 };
}

/** Legacy Rust mangling (`_ZN…E`) to a path; v0 names (`_R…`) as they are. */
export function demangle(symbol) {
  const legacy = symbol.match(/^_ZN(.*?)(17h[0-9a-f]{16})?E(\.\d+)?$/);
  if (!legacy) return symbol;
  const parts = [];
  let rest = legacy[1];
  while (rest.length > 0) {
    const digits = rest.match(/^\d+/);
    if (!digits) break;
    const length = Number(digits[0]);
    rest = rest.slice(digits[0].length);
    parts.push(rest.slice(0, length));
    rest = rest.slice(length);
  }
  return parts
    .join('::')
    .replace(/\$LT\$/g, '<')
    .replace(/\$GT\$/g, '>')
    .replace(/\$u20\$/g, ' ')
    .replace(/\$RF\$/g, '&')
    .replace(/\$BP\$/g, '*')
    .replace(/\$C\$/g, ',')
    .replace(/\$u7b\$/g, '{')
    .replace(/\$u7d\$/g, '}')
    .replace(/\$u5b\$/g, '[')
    .replace(/\$u5d\$/g, ']')
    .replace(/\.\./g, '::')
    .replace(/^_+/, '');
}

const firstCrate = (text) => text.match(/^[&*\[(]*(?:mut |const |dyn )*([A-Za-z_][A-Za-z0-9_]*)::/)?.[1];

/** The crate a function belongs to: the first path in its name; for
 * `<Type as Trait>::f`, the type's crate, or the trait's when the type is
 * generic or built in (`<T as core::fmt::Debug>::fmt` is core's). */
export function crateOf(name) {
  const v0 = name.match(/^_R.*?Cs[0-9A-Za-z_]*?_(\d+)([A-Za-z_][A-Za-z0-9_]*)/);
  if (v0) return v0[2].slice(0, Number(v0[1]));
  const impl = name.match(/^<(?:impl )?(.+?) as (.+?)>::/);
  if (impl) return firstCrate(impl[1]) ?? firstCrate(impl[2]) ?? '(unnamed)';
  return firstCrate(name.replace(/^<(?:impl )?/, '')) ?? '(unnamed)';
}

const compressed = (buffers) => deflateRawSync(Buffer.concat(buffers), { level: 9 }).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`.padStart(10);

export function report(bytes, { top = 20, functions = 0 } = {}) {
  const { bodies, data, named } = readModule(bytes);
  if (!named) {
    return ['no function names in this file: give the build that keeps them (see the usage above)'];
  }
  const crates = new Map();
  for (const body of bodies) {
    const crate = crateOf(body.name);
    const group = crates.get(crate) ?? { raw: 0, functions: 0, bodies: [] };
    group.raw += body.bytes.length;
    group.functions++;
    group.bodies.push(body.bytes);
    crates.set(crate, group);
  }
  const rows = [...crates]
    .map(([crate, g]) => ({ crate, raw: g.raw, functions: g.functions, packed: compressed(g.bodies) }))
    .sort((a, b) => b.packed - a.packed);
  const lines = [`code by crate (each compressed on its own), of ${bodies.length} functions:`];
  for (const row of rows.slice(0, top)) {
    lines.push(`  ${row.crate.padEnd(24)} ${kib(row.packed)} compressed, ${kib(row.raw)} raw, ${row.functions} functions`);
  }
  const rest = rows.slice(top);
  if (rest.length > 0) {
    const packed = rest.reduce((a, r) => a + r.packed, 0);
    lines.push(`  ${`${rest.length} more crates`.padEnd(24)} ${kib(packed)} compressed`);
  }
  lines.push(`data segment (every text and constant): ${kib(compressed([data]))} compressed, ${kib(data.length)} raw`);
  if (functions > 0) {
    lines.push(`largest functions, raw:`);
    for (const body of [...bodies].sort((a, b) => b.bytes.length - a.bytes.length).slice(0, functions)) {
      lines.push(`  ${String(body.bytes.length).padStart(7)} ${body.name.slice(0, 150)}`);
    }
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!file) {
    console.error('usage: node scripts/wasm-bytes.mjs FILE.wasm [--top N] [--functions N]');
    process.exit(2);
  }
  const lines = report(await readFile(file), { top: option('top', 20), functions: option('functions', 0) });
  console.log(lines.join('\n'));
}
