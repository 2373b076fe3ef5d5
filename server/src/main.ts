import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';
import { createServer, WEB_PROTOCOL_HEADER } from './app.js';
import { IMPORT_MAX_BYTES } from './http/restore.js';
import { loadConfig } from './config.js';
import { DataDirLockedError, LowdbStore } from './store/lowdb.js';
import { FileDocStore } from './coediting/file-doc-store.js';
import { connectCluster } from './cluster.js';
import type { Store } from './store/store.js';
import { logError } from './log.js';
import { isLoopbackHostname } from './http/hosts.js';
import type { JoinOrigins } from '@plenary/shared';

declare const PLENARY_VERSION: string | undefined;
const version = typeof PLENARY_VERSION === 'string' ? PLENARY_VERSION : '0.0.0-dev';

async function loadWebHandler(dir: string): Promise<RequestHandler | undefined> {
  const file = join(dir, 'handler.js');
  if (!existsSync(file)) {
    console.warn(`[plenary] no web build at ${dir}: serving the API only (run "pnpm build")`);
    return undefined;
  }
  // adapter-node takes the protocol from this header (set by app.ts from the connection), not its
  // default of https: a form posted over plain http at a venue would otherwise fail its CSRF check.
  process.env.PROTOCOL_HEADER = WEB_PROTOCOL_HEADER;
  // The restore form posts a backup file (multipart/form-data): adapter-node's 512 kB default
  // would refuse it before the action sees it. The action then holds the file to the API's limit.
  process.env.BODY_SIZE_LIMIT ??= String(IMPORT_MAX_BYTES + 64 * 1024);
  const mod = (await import(pathToFileURL(file).href)) as { handler: RequestHandler };
  return mod.handler;
}

/** Where phones on the venue's network join: printed at start, for whoever runs the laptop. */
function joinLines({ fixed, origins }: JoinOrigins, boundHost: string | undefined): string[] {
  if (fixed) return [`[plenary] Participants join at ${origins[0]!.origin}`];
  if (boundHost && isLoopbackHostname(boundHost))
    return [`[plenary] Listening on ${boundHost} only: other devices cannot join (unset HOST)`];
  if (origins.length === 0)
    return [
      '[plenary] No network found: connect to the venue’s Wi-Fi, then restart to see the address',
    ];
  return origins.map(({ origin, label }) => `[plenary] Participants join at ${origin} (${label})`);
}

async function main() {
  const config = loadConfig(process.env);
  const here = dirname(fileURLToPath(import.meta.url));
  const webDir = config.webBuildDir ?? resolve(here, '../../web/build');
  const shared = config.redisUrl ? await connectCluster(config.redisUrl) : undefined;
  let store: Store;
  if (shared) store = shared.store;
  else {
    try {
      store = await LowdbStore.open(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        console.error(`[plenary] ${error.message}`);
        process.exit(1);
      }
      throw error;
    }
  }
  const server = createServer({
    store,
    docStore: shared?.docStore ?? new FileDocStore(join(config.dataDir, 'docs')),
    ...(shared && { cluster: shared.cluster }),
    version,
    webHandler: await loadWebHandler(webDir),
    publicOrigin: config.publicOrigin,
    allowedOrigins: config.allowedOrigins,
    ...(config.trustProxy !== undefined && { trustProxy: config.trustProxy }),
    ...(config.workshopsPerMinute && {
      rateLimits: {
        creationsPerMinute: config.workshopsPerMinute,
        restoresPerMinute: config.workshopsPerMinute,
      },
    }),
    allowedHosts: config.allowedHosts,
  });
  const url = await server.listen(config.port, config.host);
  console.log(
    `[plenary] ${version} listening on ${url} (${config.redisUrl ? `workshops in Redis at ${new URL(config.redisUrl).host}` : `data in ${config.dataDir}`})`,
  );
  for (const line of joinLines(server.hosts.joinOrigins(), config.host)) console.log(line);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[plenary] ${signal}: closing`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  logError('[plenary] failed to start', error);
  process.exit(1);
});
