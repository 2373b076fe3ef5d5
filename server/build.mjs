// Bundles the server, the workspace's @plenary/shared source and the runtime dependencies into
// dist/main.js. Node resolving and compiling some 400 files of express, socket.io, ws, yjs and
// zod took a third of a cold start; one file, whitespace removed, starts about 140 ms sooner
// (bench/, row 7; and every restart in the reconnect storm). Names are kept, so a stack trace
// still reads; dist/main.js.map maps its positions back to the sources.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  // The server, and the worker thread that checks a backup being restored (beside main.js).
  entryPoints: { main: 'src/main.ts', 'backup-worker': 'src/http/backup-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  minifyWhitespace: true,
  minifySyntax: true,
  external: [
    // Loaded only when REDIS_URL is set (src/cluster.ts), from node_modules.
    'ioredis',
    '@socket.io/redis-streams-adapter',
    // ws's optional native helpers: required in a try, absent here.
    'bufferutil',
    'utf-8-validate',
  ],
  // The bundled CommonJS packages (express and its middleware, socket.io) call require() for
  // Node's built-ins; an ES module has none of its own.
  banner: {
    js: "import { createRequire as __plenaryRequire } from 'node:module'; const require = __plenaryRequire(import.meta.url);",
  },
  define: { PLENARY_VERSION: JSON.stringify(root.version) },
  logLevel: 'warning',
});
