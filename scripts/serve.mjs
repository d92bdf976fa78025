// A small static file server for the demo page and the browser tests:
//   node scripts/serve.mjs DIR [PORT] [--header 'Name: value']...
// Serves DIR on http://localhost:PORT (PORT 0 picks a free one) and prints the URL;
// each --header is added to every response (for example a Content-Security-Policy).
// Only files inside DIR are served; .wasm goes out as application/wasm so
// browsers can compile it while it downloads.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Starts serving `dir` on `port` of the loopback interface; resolves to the server. */
export function serve(dir, port = 0, headers = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      let file = resolve(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const args = process.argv.slice(2);
  const headers = {};
  for (let i = args.indexOf('--header'); i >= 0; i = args.indexOf('--header')) {
    const [header] = args.splice(i, 2).slice(1);
    const colon = header?.indexOf(':') ?? -1;
    if (colon <= 0) {
      console.error(`serve: --header wants 'Name: value', got ${JSON.stringify(header)}`);
      process.exit(2);
    }
    headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
  }
  const [dir = 'www', port = '8080'] = args;
  const server = await serve(dir, Number(port), headers).catch((e) => {
    console.error(`serve: cannot listen on port ${port}: ${e.message}`);
    process.exit(1);
  });
  console.log(`Serving ${dir}/ on http://localhost:${server.address().port}/  (Ctrl-C to stop)`);
}
