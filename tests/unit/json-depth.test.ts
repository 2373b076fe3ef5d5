import { describe, expect, it } from 'vitest';
import { JsonDepth } from '@plenary/server';

const bytes = (s: string) => new TextEncoder().encode(s);
const fits = (text: string, max: number, chunk = 3) => {
  const depth = new JsonDepth(max);
  const all = bytes(text);
  for (let i = 0; i < all.length; i += chunk)
    if (!depth.feed(all.subarray(i, i + chunk))) return false;
  return true;
};

describe('JSON nesting depth', () => {
  it('lets through text nested up to the maximum, across chunk boundaries', () => {
    expect(fits('{"a":[{"b":[1,2]}]}', 4)).toBe(true);
    expect(fits('{"a":[{"b":[1,2]}]}', 3)).toBe(false);
  });

  it('refuses nested arrays as soon as they pass the maximum', () => {
    expect(fits('['.repeat(33) + ']'.repeat(33), 32)).toBe(false);
    expect(fits('['.repeat(32) + ']'.repeat(32), 32)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(fits(JSON.stringify({ s: '[[[[{{{{ \\" ]]]] "[[[[' }), 1, 1)).toBe(true);
    expect(fits(JSON.stringify(['Ça [va]', '数据 {x}']), 1, 2)).toBe(true);
  });
});
