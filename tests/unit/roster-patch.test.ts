import { describe, expect, it } from 'vitest';
import {
  applyRosterPatch,
  countryName,
  presenceByCountry,
  RosterChanges,
  type ParticipantView,
  type RosterEntry,
} from '@plenary/shared';

const view = (id: string, name = id, online = false): ParticipantView => ({
  id,
  name,
  country: 'PH',
  city: 'Cebu',
  organisation: 'Invented NGO',
  role: '',
  joinedAt: 0,
  presence: online ? 'online' : 'away',
  lastSeenAt: null,
});

describe('applyRosterPatch', () => {
  it('replaces changed entries in place, appends new ones, drops removed ones', () => {
    const roster = [view('a'), view('b'), view('c')];
    const next = applyRosterPatch(roster, {
      upsert: [view('b', 'Bee', true), view('d')],
      remove: ['a'],
    });
    expect(next.map((p) => p.id)).toEqual(['b', 'c', 'd']);
    expect(next[0]!.name).toBe('Bee');
    // The input is left as it was.
    expect(roster.map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('returns the same array for an empty patch and ignores unknown removals', () => {
    const roster = [view('a')];
    expect(applyRosterPatch(roster, { upsert: [], remove: [] })).toBe(roster);
    expect(applyRosterPatch(roster, { upsert: [], remove: ['zz'] })).toEqual(roster);
  });

  it("keeps one's own whole profile when the short entry everyone gets arrives", () => {
    const me = view('me', 'Maria');
    const short = { id: 'me', name: 'Maria S.', country: 'PH', presence: 'online' as const };
    const [after] = applyRosterPatch<RosterEntry>([me], { upsert: [short], remove: [] });
    expect(after).toEqual({ ...me, name: 'Maria S.', presence: 'online' });
  });

  it('never adds an id that the same patch removes', () => {
    expect(applyRosterPatch([], { upsert: [view('x')], remove: ['x'] })).toEqual([]);
  });
});

describe('RosterChanges', () => {
  it('keeps the latest change per participant, in first-change order', () => {
    const batch = new RosterChanges<{ id: string; n: number }>();
    batch.upsert({ id: 'a', n: 1 });
    batch.upsert({ id: 'b', n: 1 });
    batch.upsert({ id: 'a', n: 2 });
    expect(batch.size).toBe(2);
    expect(batch.take()).toEqual({
      upsert: [
        { id: 'a', n: 2 },
        { id: 'b', n: 1 },
      ],
      remove: [],
    });
    expect(batch.size).toBe(0);
    expect(batch.take()).toEqual({ upsert: [], remove: [] });
  });

  it('a removal cancels an earlier change, and a later change of a removed id is dropped', () => {
    const batch = new RosterChanges<{ id: string }>();
    batch.upsert({ id: 'a' });
    batch.remove('a');
    batch.upsert({ id: 'a' });
    batch.upsert({ id: 'b' });
    expect(batch.take()).toEqual({ upsert: [{ id: 'b' }], remove: ['a'] });
  });
});

describe('who is here, by country', () => {
  const entry = (id: string, country: string, presence: 'online' | 'away') =>
    ({ id, name: `Invented ${id}`, country, presence }) as RosterEntry;

  it('counts each country and who is online in it, most first, then by name', () => {
    const roster = [
      entry('a', 'VN', 'online'),
      entry('b', 'TH', 'away'),
      entry('c', 'VN', 'away'),
      entry('d', 'PH', 'online'),
      entry('e', 'TH', 'online'),
      entry('f', 'KH', 'away'),
    ];
    expect(presenceByCountry(roster, countryName)).toEqual([
      { country: 'TH', name: 'Thailand', total: 2, online: 1 },
      { country: 'VN', name: 'Viet Nam', total: 2, online: 1 },
      { country: 'KH', name: 'Cambodia', total: 1, online: 0 },
      { country: 'PH', name: 'Philippines', total: 1, online: 1 },
    ]);
    expect(presenceByCountry([], countryName)).toEqual([]);
  });
});
