import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOps, diffJson } from '@plenary/server';
import { applyOpsCopying } from '../../server/src/store/json-diff.js';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** `b` as the journal would rebuild it: `a` as parsed from disk, with the diff as written applied. */
const replayed = (a: unknown, b: unknown): unknown => {
  const target = { root: clone(a) };
  applyOps(target, clone(diffJson({ root: a }, { root: b })));
  return target.root;
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * An immutable edit, as the domain makes them: copies along one path, everything else shared.
 * `steps` picks the path and what happens at its end.
 */
function edit(value: Json, steps: number[], fresh: Json): Json {
  const [step = 0, ...rest] = steps;
  if (Array.isArray(value)) {
    const i = value.length === 0 ? 0 : step % (value.length + 1);
    const kind = step % 4;
    if (kind === 0 || i >= value.length) return [...value.slice(0, i), fresh, ...value.slice(i)];
    if (kind === 1) return [...value.slice(0, i), ...value.slice(i + 1)];
    const copy = value.slice();
    copy[i] = edit(value[i]!, rest, fresh);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const kind = step % 4;
    if (kind === 0 || keys.length === 0) return { ...value, [`k${step}`]: fresh };
    const key = keys[step % keys.length]!;
    if (kind === 1) {
      const { [key]: _gone, ...others } = value;
      return others;
    }
    return { ...value, [key]: edit(value[key]!, rest, fresh) };
  }
  return fresh;
}

describe('the journal diff', () => {
  it('rebuilds any JSON value from any other', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(replayed(a, b)).toEqual(clone(b));
      }),
      { numRuns: 500 },
    );
  });

  it('rebuilds a chain of immutable edits, entry by entry, as a replay does', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.array(fc.tuple(fc.array(fc.nat(50), { maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })), {
          maxLength: 12,
        }),
        (start, edits) => {
          const disk = { root: clone(start) };
          let current = start as Json;
          for (const [steps, fresh] of edits) {
            const next = edit(current, steps, fresh as Json);
            applyOps(disk, clone(diffJson({ root: current }, { root: next })));
            current = next;
          }
          expect(disk.root).toEqual(clone(current));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes a vote among 1,000 as one ballot and one insertion in the voter list', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `p${String(i * 2).padStart(5, '0')}`);
    const poll = {
      id: 'poll1',
      ballots: Object.fromEntries(ids.map((id) => [id, { kind: 'single', optionId: 'a' }])),
      voters: ids,
    };
    const before = { title: 'Invented workshop', polls: [{ id: 'poll0' }, poll] };
    const after = {
      ...before,
      polls: [
        before.polls[0]!,
        {
          ...poll,
          ballots: { ...poll.ballots, p00501: { kind: 'single', optionId: 'b' } },
          voters: [...ids.slice(0, 251), 'p00501', ...ids.slice(251)],
        },
      ],
    };
    const ops = diffJson(before, after);
    expect(ops).toEqual([
      { p: ['polls', 1, 'ballots', 'p00501'], v: { kind: 'single', optionId: 'b' } },
      { p: ['polls', 1, 'voters', 251], d: 0, a: ['p00501'] },
    ]);
    // The whole poll is about 40 KB of JSON; its journal entry a hundred bytes or so.
    expect(JSON.stringify(ops).length).toBeLessThan(JSON.stringify(after).length / 200);
    const disk = clone(before);
    applyOps(disk, ops);
    expect(disk).toEqual(after);
  });

  it('treats undefined members as absent, as JSON does', () => {
    expect(diffJson({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(diffJson({ a: 1 }, { a: undefined })).toEqual([{ p: ['a'] }]);
    expect(diffJson({ a: undefined }, { a: 2 })).toEqual([{ p: ['a'], v: 2 }]);
  });

  it('keeps a key named __proto__ an own key, and leaves prototypes alone', () => {
    const before = JSON.parse('{"m":{}}') as Record<string, unknown>;
    const after = JSON.parse('{"m":{"__proto__":{"polluted":true}}}') as Record<string, unknown>;
    const disk = clone(before);
    applyOps(disk, diffJson(before, after));
    expect(Object.hasOwn(disk.m as object, '__proto__')).toBe(true);
    expect(JSON.stringify(disk)).toBe(JSON.stringify(after));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an operation that does not fit the value it is applied to', () => {
    expect(() => applyOps({ a: 1 }, [{ p: ['b', 'c'], v: 1 }])).toThrow(/missing value/);
    expect(() => applyOps({ a: [1] }, [{ p: ['a', 5], d: 0, a: [2] }])).toThrow(/array/);
    expect(() => applyOps({ a: 1 }, [{ p: [], v: 1 }])).toThrow(/empty path/);
  });

  it('applies a chain of edits to a shared value by copying only what they change', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.array(fc.tuple(fc.array(fc.nat(50), { maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })), {
          maxLength: 12,
        }),
        (start, edits) => {
          let copy = { root: clone(start) } as { root: Json };
          let current = start as Json;
          for (const [steps, fresh] of edits) {
            const next = edit(current, steps, fresh as Json);
            const before = copy;
            const frozen = JSON.stringify(before);
            copy = applyOpsCopying(before, clone(diffJson({ root: current }, { root: next })));
            // The value it started from is shared (a cached record): left as it was.
            expect(JSON.stringify(before)).toBe(frozen);
            current = next;
          }
          expect(copy.root).toEqual(clone(current));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('shares what a copying application does not change, and keeps __proto__ an own key', () => {
    const before = JSON.parse('{"m":{},"big":{"x":[1,2,3]}}') as Record<string, unknown>;
    const after = JSON.parse('{"m":{"__proto__":{"polluted":true}},"big":{"x":[1,2,3]}}');
    const copied = applyOpsCopying(before, diffJson(before, after));
    expect(copied.big).toBe(before.big);
    expect(Object.hasOwn(copied.m as object, '__proto__')).toBe(true);
    expect(Object.hasOwn(before.m as object, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => applyOpsCopying({ a: 1 }, [{ p: ['b', 'c'], v: 1 }])).toThrow(/missing value/);
  });
});
