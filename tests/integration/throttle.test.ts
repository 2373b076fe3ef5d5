import { describe, expect, it } from 'vitest';
import { Throttle } from '@plenary/server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Throttle', () => {
  it('runs at once after a quiet spell, then merges requests into one run per interval', async () => {
    let runs = 0;
    const t = new Throttle(80, Date.now, () => runs++);
    t.request();
    expect(runs).toBe(1);
    t.request();
    t.request();
    t.request();
    expect(runs).toBe(1);
    await sleep(120);
    expect(runs).toBe(2);
    await sleep(120);
    // Quiet since: the next request runs at once again.
    t.request();
    expect(runs).toBe(3);
  });

  it('runs nothing once cancelled', async () => {
    let runs = 0;
    const t = new Throttle(50, Date.now, () => runs++);
    t.request();
    t.request();
    t.cancel();
    await sleep(100);
    expect(runs).toBe(1);
  });
});
