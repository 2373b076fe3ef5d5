import dns from 'node:dns';

/**
 * The end-to-end tests open the app as a venue does: through a host name that is not localhost,
 * over plain http, so every page runs outside a secure context (as on http://192.168.1.20:3000)
 * and an API that needs one fails here first. Chromium maps the name to loopback with
 * --host-resolver-rules; this maps it for the test's own Node clients (API requests, sockets).
 * `E2E_HOST=127.0.0.1` runs the suite in a secure context instead.
 */
export const VENUE_HOST = 'plenary.test';

type LookupCallback = (error: Error | null, address: unknown, family?: number) => void;

export function mapVenueHostToLoopback(host: string): void {
  if (host !== VENUE_HOST) return;
  const lookup = dns.lookup as (...args: unknown[]) => void;
  const patched = (hostname: string, options: unknown, callback?: LookupCallback) => {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    const opts = (typeof options === 'object' && options) || {};
    if (hostname !== VENUE_HOST) return lookup(hostname, options, callback);
    const all = (opts as { all?: boolean }).all;
    process.nextTick(() =>
      all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4),
    );
  };
  const lookupPromise = dns.promises.lookup as (...args: unknown[]) => Promise<unknown>;
  Object.assign(dns, { lookup: patched });
  Object.assign(dns.promises, {
    lookup: (hostname: string, options?: { all?: boolean }) =>
      hostname === VENUE_HOST
        ? Promise.resolve(
            options?.all
              ? [{ address: '127.0.0.1', family: 4 }]
              : { address: '127.0.0.1', family: 4 },
          )
        : lookupPromise(hostname, options),
  });
}
