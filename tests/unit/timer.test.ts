import { describe, expect, it } from 'vitest';
import {
  adjustTimer,
  clockSample,
  formatClock,
  idleTimer,
  isExpired,
  pauseTimer,
  remainingMs,
  resetTimer,
  resumeTimer,
  shownRemainingMs,
  startTimer,
  tighter,
} from '@plenary/shared';

const T0 = 1_000_000;

describe('timer arithmetic', () => {
  it('runs for its duration from the moment it starts', () => {
    const t = startTimer(idleTimer(300_000), T0);
    expect(t).toEqual({ status: 'running', durationMs: 300_000, endsAt: T0 + 300_000 });
    expect(remainingMs(t, T0 + 120_000)).toBe(180_000);
  });

  it('starts with a new duration when given one', () => {
    expect(startTimer(idleTimer(300_000), T0, 60_000)).toMatchObject({
      endsAt: T0 + 60_000,
      durationMs: 60_000,
    });
  });

  it('keeps what was left across a pause and resume', () => {
    const running = startTimer(idleTimer(300_000), T0);
    const paused = pauseTimer(running, T0 + 100_000);
    expect(paused).toEqual({ status: 'paused', durationMs: 300_000, remainingMs: 200_000 });
    expect(remainingMs(paused, T0 + 999_999)).toBe(200_000);
    const resumed = resumeTimer(paused, T0 + 500_000);
    expect(resumed).toMatchObject({ status: 'running', endsAt: T0 + 700_000 });
  });

  it('ignores pause when not running and resume when not paused', () => {
    const idle = idleTimer(1000);
    expect(pauseTimer(idle, T0)).toBe(idle);
    const running = startTimer(idle, T0);
    expect(resumeTimer(running, T0)).toBe(running);
  });

  it('adds and removes time in every state, never below zero', () => {
    expect(adjustTimer(idleTimer(60_000), T0, 60_000)).toEqual(idleTimer(120_000));
    expect(adjustTimer(idleTimer(60_000), T0, -120_000)).toEqual(idleTimer(0));
    const paused = pauseTimer(startTimer(idleTimer(60_000), T0), T0 + 30_000);
    expect(remainingMs(adjustTimer(paused, T0, -60_000), T0)).toBe(0);
    const running = startTimer(idleTimer(60_000), T0);
    expect(adjustTimer(running, T0 + 10_000, 60_000)).toMatchObject({ endsAt: T0 + 120_000 });
    expect(adjustTimer(running, T0 + 10_000, -600_000)).toMatchObject({ endsAt: T0 + 10_000 });
  });

  it('restarts the count when time is added to an expired timer', () => {
    const running = startTimer(idleTimer(60_000), T0);
    const later = T0 + 90_000;
    expect(isExpired(running, later)).toBe(true);
    const more = adjustTimer(running, later, 60_000);
    expect(remainingMs(more, later)).toBe(60_000);
    expect(isExpired(more, later)).toBe(false);
  });

  it('is expired only when running past its end', () => {
    const running = startTimer(idleTimer(1000), T0);
    expect(isExpired(running, T0 + 999)).toBe(false);
    expect(isExpired(running, T0 + 1000)).toBe(true);
    expect(isExpired(pauseTimer(running, T0 + 1000), T0 + 5000)).toBe(false);
  });

  it('resets to idle at a given length', () => {
    expect(resetTimer(startTimer(idleTimer(1000), T0), 45 * 60_000)).toEqual(
      idleTimer(45 * 60_000),
    );
  });

  it('formats the clock rounding up, with hours when needed', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(1)).toBe('0:01');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(5 * 60_000)).toBe('5:00');
    expect(formatClock(90 * 60_000)).toBe('1:30:00');
    expect(formatClock(-5)).toBe('0:00');
  });
});

describe('the server clock seen from a browser', () => {
  // The browser's clock is 10 s behind the server's; the server starts a 60-minute timer at
  // server time S, and its welcome takes a slow 1.8 s to arrive (0.3 s out, 1.5 s back).
  const BEHIND = 10_000;
  const S = 5_000_000;
  const timer = startTimer(idleTimer(60 * 60_000), S);

  it('never shows more than the timer’s length after a slow first answer', () => {
    const sentAt = S - BEHIND - 300;
    const receivedAt = S - BEHIND + 1500;
    const first = clockSample(sentAt, S, receivedAt);
    const serverNowSeen = receivedAt + first.offsetMs;
    expect(serverNowSeen).toBeGreaterThanOrEqual(S + 1500);
    expect(formatClock(remainingMs(timer, serverNowSeen))).toBe('59:59');
    // Without the round trip (offset = server time - arrival time) it read 60:00 and then some.
    const naive = receivedAt + (S - receivedAt);
    expect(remainingMs(timer, naive)).toBe(60 * 60_000);
  });

  it('keeps the sample with the shortest round trip, which bounds the offset best', () => {
    const slow = clockSample(0, 10_000, 1_800);
    const fast = clockSample(5_000, 15_040, 5_060);
    expect(tighter(slow, fast)).toBe(fast);
    expect(tighter(fast, slow)).toBe(fast);
    expect(fast.offsetMs - BEHIND).toBeGreaterThanOrEqual(0);
    expect(fast.offsetMs - BEHIND).toBeLessThanOrEqual(fast.roundTripMs);
  });

  it('does not jump back up when a better sample arrives', () => {
    expect(shownRemainingMs(3_599_000, null)).toBe(3_599_000);
    // A tighter offset puts the server 800 ms earlier: the raw count rises, the shown one holds.
    expect(shownRemainingMs(3_599_600, 3_599_000)).toBe(3_599_000);
    expect(shownRemainingMs(3_598_000, 3_599_000)).toBe(3_598_000);
    expect(shownRemainingMs(-5, 10)).toBe(0);
  });
});
