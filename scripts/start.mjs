// `pnpm start` / `npm start`: install and build when needed, then run the production server.
// The server reads PORT (default 3000), HOST and DATA_DIR itself and prints its own URL.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ensureInstalled, exitCodeOf, ROOT } from './lib.mjs';

await ensureInstalled();
await ensureBuilt();

const server = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: process.env,
});

// A terminal's Ctrl-C reaches the server directly too; it shuts down once however often it is told.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  });
}

server.on('error', (error) => {
  console.error(`Could not start the server: ${error.message}`);
  process.exit(1);
});
server.on('exit', (code, signal) => process.exit(exitCodeOf(code, signal)));
