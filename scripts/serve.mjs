// A tiny static file server for the built app in dist/, with the fallback a
// single-page app needs: a path that names no file (a client-side route such
// as /editor/welcome) is answered with index.html.
//
//   node scripts/serve.mjs --dir dist --port 8080 [--host 127.0.0.1]
//
// The end-to-end tests and the benchmark import startServer() and use port 0.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function startServer({ dir = 'dist', port = 0, host = '127.0.0.1' } = {}) {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!(await isFile(index))) {
    throw new Error(`${index} does not exist: build the app first (make build)`);
  }
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      const wanted = normalize(join(root, decodeURIComponent(url.pathname)));
      if (wanted !== root && !wanted.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let file = wanted;
      if (!(await isFile(file))) {
        if (extname(url.pathname) !== '') {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return;
        }
        file = index;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const { port: bound } = server.address();
  return {
    url: `http://${host}:${bound}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const { url } = await startServer({
    dir: opt('dir', 'dist'),
    port: Number(opt('port', '8080')),
    host: opt('host', '127.0.0.1'),
  });
  console.log(`Flowlab is served on ${url}/ (Ctrl-C to stop)`);
}
