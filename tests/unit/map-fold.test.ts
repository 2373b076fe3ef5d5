import { describe, expect, it } from 'vitest';
import { fitZoom, foldForScreen, MAP_NODE } from '@plenary/shared';

/** Issue 22: a wide referral map on the projector, labels 16 px in map units, read at 24 px. */
const SCREEN = { width: 1856, height: 930 };
const READABLE = 24 / 16;

const row = (n: number, step = 400) =>
  Array.from({ length: n }, (_, i) => ({ id: `a${i}`, x: i * step, y: 100 }));

function size(actors: ReadonlyArray<{ x: number; y: number }>) {
  const xs = actors.map((a) => a.x);
  const ys = actors.map((a) => a.y);
  return {
    width: Math.max(...xs) - Math.min(...xs) + MAP_NODE.width,
    height: Math.max(...ys) - Math.min(...ys) + MAP_NODE.height,
  };
}

describe('a map folded for the projector', () => {
  it('folds eight actors side by side into bands that read at 24 px, in their order', () => {
    const actors = row(8);
    expect(fitZoom(size(actors), SCREEN)).toBeLessThan(0.7);
    const folded = foldForScreen(actors, SCREEN, READABLE);
    expect(fitZoom(size(folded), SCREEN)).toBeGreaterThanOrEqual(READABLE);
    // Reading left to right, then band by band, gives the same order as before.
    const reading = [...folded].sort((a, b) => a.y - b.y || a.x - b.x).map((a) => a.id);
    expect(reading).toEqual(actors.map((a) => a.id));
    // No two actors overlap.
    for (const a of folded)
      for (const b of folded)
        if (a !== b)
          expect(
            Math.abs(a.x - b.x) >= MAP_NODE.width || Math.abs(a.y - b.y) >= MAP_NODE.height,
          ).toBe(true);
  });

  it('keeps the places within a band, and leaves a map that reads as it is', () => {
    const actors = [...row(10), { id: 'below', x: 0, y: 300 }];
    const folded = foldForScreen(actors, SCREEN, READABLE);
    const at = (id: string) => folded.find((a) => a.id === id)!;
    expect(at('below').y - at('a0').y).toBe(200);
    expect(at('a1').x - at('a0').x).toBe(400);
    const small = row(3);
    expect(foldForScreen(small, SCREEN, READABLE)).toBe(small);
    expect(foldForScreen([], SCREEN, READABLE)).toEqual([]);
  });

  it('leaves a tall map alone when folding would not draw it larger', () => {
    const column = Array.from({ length: 8 }, (_, i) => ({ id: `c${i}`, x: 0, y: i * 200 }));
    expect(foldForScreen(column, SCREEN, READABLE)).toBe(column);
  });
});
