import { beforeEach, describe, expect, it } from 'vitest';
import {
  consoleUrl,
  facilitatedWorkshops,
  keepLinkStep,
  knownHere,
  linkFile,
  linkFileName,
  rememberWorkshop,
} from '../../web/src/lib/facilitated.js';

/** A localStorage for Node: the browser's, reduced to what the app uses. */
class MemoryStorage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  key = (i: number) => [...this.#items.keys()][i] ?? null;
  getItem = (k: string) => this.#items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.#items.set(k, String(v));
  removeItem = (k: string) => void this.#items.delete(k);
}

beforeEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});

describe('the workshops this browser facilitates', () => {
  it('lists each workshop whose key it holds, newest first, with its title, dates and role', () => {
    localStorage.setItem('plenary:facilitator:w1', 'k1');
    localStorage.setItem('plenary:facilitator:w2', 'k2');
    localStorage.setItem('plenary:facilitator:old', 'k3');
    rememberWorkshop({
      id: 'w1',
      title: 'Day one',
      startsOn: '2026-11-23',
      endsOn: null,
      role: 'owner',
      openedAt: 1,
    });
    rememberWorkshop({
      id: 'w2',
      title: 'Cebu',
      startsOn: null,
      endsOn: null,
      role: 'moderator',
      openedAt: 2,
    });
    // Remembered but its key is gone: not listed.
    rememberWorkshop({
      id: 'w3',
      title: 'Gone',
      startsOn: null,
      endsOn: null,
      role: 'owner',
      openedAt: 3,
    });
    expect(facilitatedWorkshops().map((w) => [w.id, w.title, w.role])).toEqual([
      ['w2', 'Cebu', 'moderator'],
      ['w1', 'Day one', 'owner'],
      ['old', '', 'owner'],
    ]);
    expect(knownHere('w1')).toBe(true);
    expect(knownHere('old')).toBe(false);
  });

  it('asks to keep the link once per request', () => {
    keepLinkStep.ask('w1');
    keepLinkStep.ask('w1');
    expect(keepLinkStep.pending('w1')).toBe(true);
    keepLinkStep.done('w1');
    expect(keepLinkStep.pending('w1')).toBe(false);
  });

  it('writes a link file that opens the console and escapes the title', () => {
    const url = consoleUrl('http://192.168.1.20:3000', 'w1', 'a-b_c');
    expect(url).toBe('http://192.168.1.20:3000/w/w1/facilitate#key=a-b_c');
    const html = linkFile('<script>alert(1)</script> & "Day"', url);
    expect(html).not.toContain('<script>');
    expect(html).toContain(`href="${url}"`);
    expect(linkFileName('Formation régionale: jour 1')).toBe(
      'Formation-regionale-jour-1-facilitator-link.html',
    );
  });
});
