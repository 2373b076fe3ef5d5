import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandId, isLoopbackOrigin, joinOrigin, joinOriginChoices } from '@plenary/shared';
import {
  hostnameOf,
  isAnsweredHostname,
  lanOrigins,
  HostPolicy,
} from '../../server/src/http/hosts.js';
import { newCmdId, newDocId, randomHex } from '../../web/src/lib/ids.js';

describe('ids outside a secure context', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('are made without crypto.randomUUID, which plain http does not have', () => {
    // What a page at http://192.168.1.20:3000 sees: getRandomValues, no randomUUID.
    vi.stubGlobal('crypto', { getRandomValues: webcrypto.getRandomValues.bind(webcrypto) });
    expect((globalThis.crypto as Partial<Crypto>).randomUUID).toBeUndefined();
    const ids = Array.from({ length: 2000 }, () => newCmdId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(newDocId()).toMatch(/^[0-9a-f]{16}$/);
    expect(randomHex(3)).toMatch(/^[0-9a-f]{6}$/);
  });

  it('are command ids the server accepts', () => {
    expect(CommandId.safeParse(newCmdId()).success).toBe(true);
  });
});

const interfaces = {
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
  wlan0: [
    { address: '192.168.1.20', family: 'IPv4', internal: false },
    { address: 'fe80::1', family: 'IPv6', internal: false },
  ],
  eth0: [
    { address: '10.0.0.5', family: 'IPv4', internal: false },
    { address: '2001:db8::5', family: 'IPv6', internal: false },
  ],
} as unknown as NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>;

describe('where participants join', () => {
  it('lists every network address, IPv4 first, without loopback or link-local ones', () => {
    expect(lanOrigins(interfaces, 3000)).toEqual([
      { origin: 'http://192.168.1.20:3000', label: 'wlan0' },
      { origin: 'http://10.0.0.5:3000', label: 'eth0' },
      { origin: 'http://[2001:db8::5]:3000', label: 'eth0' },
    ]);
  });

  const server = { fixed: false, origins: lanOrigins(interfaces, 3000) };

  it('replaces a loopback console address with the first network address', () => {
    expect(joinOrigin('http://localhost:3000', server, null)).toBe('http://192.168.1.20:3000');
    expect(joinOrigin('http://127.0.0.1:3000', server, null)).toBe('http://192.168.1.20:3000');
    expect(joinOrigin('http://[::1]:3000', server, null)).toBe('http://192.168.1.20:3000');
  });

  it('keeps the address the console was opened at when phones can reach it', () => {
    expect(joinOrigin('http://laptop.local:3000', server, null)).toBe('http://laptop.local:3000');
  });

  it("follows the facilitator's choice while the server still has that address", () => {
    expect(joinOrigin('http://localhost:3000', server, 'http://10.0.0.5:3000')).toBe(
      'http://10.0.0.5:3000',
    );
    // The laptop moved to another network: the old choice no longer exists.
    expect(joinOrigin('http://localhost:3000', server, 'http://172.16.0.9:3000')).toBe(
      'http://192.168.1.20:3000',
    );
  });

  it('lets PUBLIC_ORIGIN decide alone', () => {
    const fixed = { fixed: true, origins: [{ origin: 'https://plenary.example.org', label: '' }] };
    expect(joinOrigin('http://localhost:3000', fixed, 'http://10.0.0.5:3000')).toBe(
      'https://plenary.example.org',
    );
    expect(joinOriginChoices('http://localhost:3000', fixed)).toEqual([]);
  });

  it('falls back to the page itself when the machine has no network', () => {
    expect(joinOrigin('http://localhost:3000', { fixed: false, origins: [] }, null)).toBe(
      'http://localhost:3000',
    );
  });

  it('offers the reachable page address and the network addresses as choices', () => {
    expect(joinOriginChoices('http://127.0.0.1:3000', server)).toEqual([
      'http://192.168.1.20:3000',
      'http://10.0.0.5:3000',
      'http://[2001:db8::5]:3000',
    ]);
    expect(joinOriginChoices('http://10.0.0.5:3000', server)).toHaveLength(3);
    expect(isLoopbackOrigin('http://127.8.9.1:80')).toBe(true);
    expect(isLoopbackOrigin('http://plenary.test:80')).toBe(false);
  });
});

describe('which Host headers the server answers', () => {
  const policy = (extra: Partial<ConstructorParameters<typeof HostPolicy>[0]> = {}) =>
    new HostPolicy({
      port: () => 3000,
      interfaces: () => interfaces,
      hostname: () => 'Facilitator-Laptop',
      ...extra,
    });

  it('reads the host name of a Host header', () => {
    expect(hostnameOf('Example.ORG:8080')).toBe('example.org');
    expect(hostnameOf('[::1]:3000')).toBe('::1');
    expect(hostnameOf('10.0.0.5')).toBe('10.0.0.5');
  });

  it('answers loopback, its own addresses and names', () => {
    const p = policy();
    for (const host of [
      'localhost:3000',
      '127.0.0.1:3000',
      '[::1]:3000',
      '192.168.1.20:3000',
      '[2001:db8::5]:3000',
      'facilitator-laptop:3000',
      'facilitator-laptop.local',
    ])
      expect(p.answers(host), host).toBe(true);
  });

  it('refuses names it was not given (DNS rebinding) and malformed headers', () => {
    const p = policy();
    for (const host of [
      'attacker.example:3000',
      '6.6.6.6:3000',
      '127.0.0.1:3000/evil',
      '127.0.0.1@attacker.example',
      '',
      undefined,
    ])
      expect(p.answers(host), String(host)).toBe(false);
    expect(isAnsweredHostname('attacker.example', new Set(['*']))).toBe(true);
  });

  it('answers configured names, and builds links only from answered hosts', () => {
    const p = policy({ allowedHosts: ['plenary.test'] });
    expect(p.answers('plenary.test:3917')).toBe(true);
    expect(p.originFor('http', 'plenary.test:3917')).toBe('http://plenary.test:3917');
    expect(p.originFor('http', 'attacker.example')).toBe('http://192.168.1.20:3000');
    const behindProxy = policy({ publicOrigin: 'https://plenary.example.org' });
    expect(behindProxy.answers('plenary.example.org')).toBe(true);
    expect(behindProxy.originFor('http', 'localhost:3000')).toBe('https://plenary.example.org');
    expect(behindProxy.joinOrigins()).toEqual({
      fixed: true,
      origins: [{ origin: 'https://plenary.example.org', label: 'PUBLIC_ORIGIN' }],
    });
  });
});
