import { describe, expect, it } from 'vitest';
import { shareAxis } from '../../web/src/lib/share-axis';

describe('shareAxis', () => {
  it('ends at the round step above the largest bar, at least 50%', () => {
    expect(shareAxis([30, 45])).toEqual({ end: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(shareAxis([63])).toEqual({ end: 70, ticks: [0, 20, 40, 60] });
    expect(shareAxis([130])).toEqual({ end: 150, ticks: [0, 50, 100, 150] });
  });

  it('never puts a tick past the end (85% of the envelope drew "100%" over "80%")', () => {
    const { end, ticks } = shareAxis([85]);
    expect(end).toBe(90);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(end);
  });

  it('reaches the envelope on a chart of totals, so its line stands at 100%', () => {
    expect(shareAxis([85, 85, 40], 100)).toEqual({ end: 100, ticks: [0, 20, 40, 60, 80, 100] });
    expect(shareAxis([112], 100).end).toBe(150);
  });
});
