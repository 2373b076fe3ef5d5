import { describe, expect, it, vi } from 'vitest';
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

describe('Throttle with an interval that changes', () => {
  it('reads the interval at each request', () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      let interval = 20;
      const t = new Throttle(
        () => interval,
        Date.now,
        () => runs++,
      );
      t.request();
      interval = 200;
      t.request();
      vi.advanceTimersByTime(150);
      expect(runs).toBe(1);
      vi.advanceTimersByTime(50);
      expect(runs).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Throttle under a costly run', () => {
  it('spaces the next run by the cost of the last, so a run takes at most half the time', () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      // Each run costs 60 ms of the clock (a broadcast to many sockets).
      const t = new Throttle(20, Date.now, () => {
        runs++;
        vi.setSystemTime(Date.now() + 60);
      });
      t.request();
      expect(runs).toBe(1);
      t.request();
      // 60 ms cost at half the loop: the next run 120 ms after the first started, not 20.
      vi.advanceTimersByTime(59);
      expect(runs).toBe(1);
      vi.advanceTimersByTime(2);
      expect(runs).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('goes back to the interval once runs are cheap again', () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      let cost = 60;
      const t = new Throttle(20, Date.now, () => {
        runs++;
        vi.setSystemTime(Date.now() + cost);
      });
      t.request();
      cost = 0;
      t.request();
      vi.advanceTimersByTime(60);
      expect(runs).toBe(2);
      // That run cost nothing: the next waits the plain 20 ms interval.
      t.request();
      vi.advanceTimersByTime(19);
      expect(runs).toBe(2);
      vi.advanceTimersByTime(1);
      expect(runs).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Throttle whose interval shortens while a run waits', () => {
  it('brings the waiting run forward to the shorter interval', () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      let interval = 1000;
      const t = new Throttle(
        () => interval,
        Date.now,
        () => runs++,
      );
      t.request();
      t.request();
      // An urgent change joins the merged routine ones: the run is due 100 ms after the last.
      interval = 100;
      t.request();
      vi.advanceTimersByTime(100);
      expect(runs).toBe(2);
      // A longer interval asked for meanwhile does not put a waiting run back.
      t.request();
      interval = 1000;
      t.request();
      vi.advanceTimersByTime(100);
      expect(runs).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
