import { hostname as osHostname, networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import type { JoinOrigin, JoinOrigins } from '@plenary/shared';

/** Which Host headers this server answers, and which origins go into the links it hands out. */
export interface HostPolicyOptions {
  /** PUBLIC_ORIGIN: the one origin of every link, behind a proxy. */
  publicOrigin?: string | undefined;
  /** ALLOWED_ORIGINS: their host names are answered too. */
  allowedOrigins?: readonly string[];
  /** ALLOWED_HOSTS: more host names to answer (`*`: any). */
  allowedHosts?: readonly string[];
  /** The port the server listens on (known once it listens). */
  port: () => number;
  /** The machine's interfaces; os.networkInterfaces() unless a test gives its own. */
  interfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  hostname?: () => string;
}

/** The host name of a Host header (`[::1]:3000` -> `::1`, `Example.org:80` -> `example.org`). */
export function hostnameOf(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('['))
    return host.slice(1, host.indexOf(']') > 0 ? host.indexOf(']') : undefined);
  const colon = host.lastIndexOf(':');
  return colon >= 0 && host.indexOf(':') === colon ? host.slice(0, colon) : host;
}

export function isLoopbackHostname(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    (isIP(name) === 4 && name.startsWith('127.'))
  );
}

/**
 * Whether a request's host name is one this server answers: loopback, one of this machine's
 * addresses or names, or one configured. Anything else is refused: a name is how a page elsewhere
 * reaches this laptop by rebinding its DNS, and a Host header copied into links and the CSP must
 * name this server.
 */
export function isAnsweredHostname(name: string, known: ReadonlySet<string>): boolean {
  if (!name) return false;
  return known.has('*') || isLoopbackHostname(name) || known.has(name);
}

/**
 * The origins participants can reach this machine at, one per non-internal address: IPv4 first
 * (every phone has it), then global IPv6; link-local IPv6 needs a zone and is left out.
 */
export function lanOrigins(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
  port: number,
): JoinOrigin[] {
  const v4: JoinOrigin[] = [];
  const v6: JoinOrigin[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    for (const a of addresses ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4') v4.push({ origin: `http://${a.address}:${port}`, label: name });
      else if (!a.address.toLowerCase().startsWith('fe80:'))
        v6.push({ origin: `http://[${a.address}]:${port}`, label: name });
    }
  }
  return [...v4, ...v6];
}

const INTERFACES_TTL_MS = 5000;

/** A name or IPv4 address, or a bracketed IPv6 address, and an optional port: nothing else. */
const WELL_FORMED_HOST = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export class HostPolicy {
  readonly #options: HostPolicyOptions;
  readonly #configured: Set<string>;

  constructor(options: HostPolicyOptions) {
    this.#options = options;
    const origins = [options.publicOrigin, ...(options.allowedOrigins ?? [])].filter(
      (o): o is string => !!o,
    );
    this.#configured = new Set([
      ...origins.map((o) => new URL(o).hostname.replace(/^\[|\]$/g, '').toLowerCase()),
      ...(options.allowedHosts ?? []).map((h) => h.trim().toLowerCase()).filter(Boolean),
    ]);
  }

  #cache: { at: number; known: Set<string> } | undefined;

  /**
   * The names and addresses this server answers besides loopback: configured ones, the machine's
   * own name, and every interface's address (read again after a few seconds: a laptop that moves
   * to the venue's Wi-Fi gets a new one).
   */
  #known(): Set<string> {
    const now = Date.now();
    if (this.#cache && now - this.#cache.at < INTERFACES_TTL_MS) return this.#cache.known;
    const own = (this.#options.hostname ?? osHostname)().toLowerCase();
    const addresses = Object.values(this.#interfaces())
      .flat()
      .map((a) => a?.address.toLowerCase())
      .filter((a): a is string => !!a);
    const known = new Set([...this.#configured, own, `${own}.local`, ...addresses]);
    this.#cache = { at: now, known };
    return known;
  }

  #interfaces(): NodeJS.Dict<NetworkInterfaceInfo[]> {
    return (this.#options.interfaces ?? networkInterfaces)();
  }

  answers(hostHeader: string | undefined): boolean {
    if (!hostHeader || !WELL_FORMED_HOST.test(hostHeader)) return false;
    return isAnsweredHostname(hostnameOf(hostHeader), this.#known());
  }

  /** Where participants join: PUBLIC_ORIGIN alone when set, else this machine's addresses. */
  joinOrigins(): JoinOrigins {
    if (this.#options.publicOrigin)
      return {
        fixed: true,
        origins: [{ origin: this.#options.publicOrigin, label: 'PUBLIC_ORIGIN' }],
      };
    return { fixed: false, origins: lanOrigins(this.#interfaces(), this.#options.port()) };
  }

  /**
   * The origin for links made for a request: PUBLIC_ORIGIN, or the request's own when this server
   * answers its host, or else (a Host header this server does not answer) the first address.
   */
  originFor(protocol: string, hostHeader: string | undefined): string {
    if (this.#options.publicOrigin) return this.#options.publicOrigin;
    if (hostHeader && this.answers(hostHeader)) return `${protocol}://${hostHeader}`;
    return this.joinOrigins().origins[0]?.origin ?? `http://localhost:${this.#options.port()}`;
  }
}

/**
 * Refuses a request whose Host header this server does not answer, saying how to allow it; every
 * handler after it may build links from the Host header.
 */
export function refuseUnknownHosts(hosts: HostPolicy): RequestHandler {
  return (req, res, next) => {
    if (hosts.answers(req.headers.host)) return next();
    res
      .status(421)
      .type('text/plain')
      .send(
        "This Plenary server does not answer to that host name. Open it by this computer's " +
          'address, or set PUBLIC_ORIGIN (or ALLOWED_HOSTS) to the name it is reached by.\n',
      );
  };
}
