import type { Timer } from './types.js';

export const MIN_TIMER_MS = 0;
export const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

const clamp = (ms: number) => Math.min(MAX_TIMER_MS, Math.max(MIN_TIMER_MS, ms));

export const idleTimer = (durationMs: number): Timer => ({
  status: 'idle',
  durationMs: clamp(durationMs),
});

/** Milliseconds left on a timer at `now` (server clock). Never negative. */
export function remainingMs(timer: Timer, now: number): number {
  switch (timer.status) {
    case 'idle':
      return timer.durationMs;
    case 'paused':
      return timer.remainingMs;
    case 'running':
      return Math.max(0, timer.endsAt - now);
  }
}

/** A running timer whose end has passed. Derived, never stored. */
export const isExpired = (timer: Timer, now: number): boolean =>
  timer.status === 'running' && timer.endsAt <= now;

/** Starts from the full duration (or a new one). Restarting a running timer starts it over. */
export function startTimer(timer: Timer, now: number, durationMs?: number): Timer {
  const duration = clamp(durationMs ?? timer.durationMs);
  return { status: 'running', durationMs: duration, endsAt: now + duration };
}

export function pauseTimer(timer: Timer, now: number): Timer {
  if (timer.status !== 'running') return timer;
  return { status: 'paused', durationMs: timer.durationMs, remainingMs: remainingMs(timer, now) };
}

export function resumeTimer(timer: Timer, now: number): Timer {
  if (timer.status !== 'paused') return timer;
  return { status: 'running', durationMs: timer.durationMs, endsAt: now + timer.remainingMs };
}

/**
 * Adds (or with a negative delta removes) time. A running timer never ends in the past:
 * removing more than is left ends it now. Adding time to an expired timer restarts the count.
 */
export function adjustTimer(timer: Timer, now: number, deltaMs: number): Timer {
  switch (timer.status) {
    case 'idle':
      return idleTimer(timer.durationMs + deltaMs);
    case 'paused':
      return { ...timer, remainingMs: clamp(timer.remainingMs + deltaMs) };
    case 'running': {
      const left = clamp(remainingMs(timer, now) + deltaMs);
      return { ...timer, endsAt: now + left };
    }
  }
}

export const resetTimer = (timer: Timer, durationMs?: number): Timer =>
  idleTimer(durationMs ?? timer.durationMs);

/** "mm:ss", or "h:mm:ss" from an hour up. Rounds up so 0:00 shows only at the end. */
export function formatClock(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
