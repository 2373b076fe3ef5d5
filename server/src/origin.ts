import type { IncomingMessage } from 'node:http';

/**
 * Browsers always send Origin on WebSocket and cross-site requests. Allowed: no Origin (not a
 * browser, e.g. a script with a key), the server's own origin (same Host), or one configured.
 */
export function isAllowedOrigin(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
