import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  publicOrigin: string | undefined;
  allowedOrigins: string[];
  webBuildDir: string | undefined;
  /** Several processes share workshops through this Redis; lowdb in dataDir when absent. */
  redisUrl: string | undefined;
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
  return {
    port,
    host: env.HOST || undefined,
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    publicOrigin,
    allowedOrigins,
    webBuildDir: env.WEB_BUILD_DIR ? resolve(env.WEB_BUILD_DIR) : undefined,
    redisUrl: env.REDIS_URL ? new URL(env.REDIS_URL).href : undefined,
  };
}
