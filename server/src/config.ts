import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  publicOrigin: string | undefined;
  allowedOrigins: string[];
  /** Host names answered besides this machine's own names and addresses (`*`: any). */
  allowedHosts: string[];
  webBuildDir: string | undefined;
  /** Several processes share workshops through this Redis; lowdb in dataDir when absent. */
  redisUrl: string | undefined;
  /** Proxies whose X-Forwarded-For is believed (express's `trust proxy`); none when undefined. */
  trustProxy: string | number | undefined;
  /** Workshops created, and backups restored, per address per minute (each); 10 when undefined. */
  workshopsPerMinute: number | undefined;
}

/**
 * TRUST_PROXY: a number of proxy hops, or addresses and subnets (`loopback`, `10.0.0.0/8`, ...)
 * comma-separated. `true` is refused: trusting X-Forwarded-For from anyone lets every client
 * choose the address its limits are counted under.
 */
function trustProxy(value: string | undefined): string | number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true' || v === '*')
    throw new Error('TRUST_PROXY must name the proxies (e.g. "loopback" or "10.0.0.2"), not all');
  return v;
}

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (!value?.trim()) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0`);
  return n;
}

/** Configuration comes from the environment, read here and only here. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const publicOrigin = env.PUBLIC_ORIGIN ? new URL(env.PUBLIC_ORIGIN).origin : undefined;
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => new URL(s).origin);
  if (publicOrigin) allowedOrigins.push(publicOrigin);
  const allowedHosts = (env.ALLOWED_HOSTS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return {
    port,
    host: env.HOST || undefined,
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    publicOrigin,
    allowedOrigins,
    allowedHosts,
    webBuildDir: env.WEB_BUILD_DIR ? resolve(env.WEB_BUILD_DIR) : undefined,
    redisUrl: env.REDIS_URL ? new URL(env.REDIS_URL).href : undefined,
    trustProxy: trustProxy(env.TRUST_PROXY),
    workshopsPerMinute: positiveInteger('WORKSHOPS_PER_MINUTE', env.WORKSHOPS_PER_MINUTE),
  };
}
