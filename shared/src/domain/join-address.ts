import type { JoinOrigins } from '../protocol.js';

/** A page opened as localhost, 127.x or [::1]: an address no phone can reach. */
export function isLoopbackOrigin(origin: string): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

/**
 * The address in join links and QR codes. PUBLIC_ORIGIN decides alone; then the facilitator's
 * choice while the server still has that address; then the page's own address unless it is
 * loopback (a facilitator who opened the console through the network uses one phones reach);
 * then the server's first network address. Loopback is the last resort (no network at all).
 */
export function joinOrigin(
  pageOrigin: string,
  server: JoinOrigins | null,
  chosen: string | null,
): string {
  if (server?.fixed && server.origins[0]) return server.origins[0].origin;
  const offered = server?.origins ?? [];
  if (chosen && (chosen === pageOrigin || offered.some((o) => o.origin === chosen))) return chosen;
  if (!isLoopbackOrigin(pageOrigin)) return pageOrigin;
  return offered[0]?.origin ?? pageOrigin;
}

/** The choices a facilitator is offered: the page's own address (when reachable), then the server's. */
export function joinOriginChoices(pageOrigin: string, server: JoinOrigins | null): string[] {
  if (server?.fixed) return [];
  const own = isLoopbackOrigin(pageOrigin) ? [] : [pageOrigin];
  return [...new Set([...own, ...(server?.origins ?? []).map((o) => o.origin)])];
}
