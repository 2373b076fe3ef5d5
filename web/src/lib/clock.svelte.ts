import { formatClock, isExpired, remainingMs, shownRemainingMs, type Timer } from '@plenary/shared';

/**
 * A server-clock "now" that ticks only while `active()` is true, so an idle page does no work.
 * Create it while a component initialises (it owns an effect).
 */
export class LiveClock {
  now = $state.raw(0);

  constructor(serverNow: () => number, active: () => boolean, everyMs: number) {
    this.now = serverNow();
    $effect(() => {
      this.now = serverNow();
      if (!active()) return;
      const id = setInterval(() => (this.now = serverNow()), everyMs);
      return () => clearInterval(id);
    });
  }
}

/** The countdown every screen shows: remaining time from the session's timer and the server clock. */
export class Countdown {
  timer: Timer | null;
  running: boolean;
  remaining: number;
  expired: boolean;
  label: string;
  /** "Running", "Paused", "Ready" or "Time is up": the words that go with the colour. */
  state: string;

  /** What was last shown, for which running timer: the count never goes back up for it. */
  #shown: { endsAt: number; ms: number } | null = null;

  constructor(timer: () => Timer | null, serverNow: () => number) {
    const clock = new LiveClock(serverNow, () => this.running && !this.expired, 250);
    this.timer = $derived(timer());
    this.running = $derived(this.timer?.status === 'running');
    this.remaining = $derived.by(() => {
      const t = this.timer;
      if (!t) return 0;
      const ms = remainingMs(t, clock.now);
      if (t.status !== 'running') return ms;
      const previous = this.#shown?.endsAt === t.endsAt ? this.#shown.ms : null;
      const shown = shownRemainingMs(ms, previous);
      // A cache of the last value, not state: nothing reads it reactively.
      this.#shown = { endsAt: t.endsAt, ms: shown };
      return shown;
    });
    this.expired = $derived(this.timer ? isExpired(this.timer, clock.now) : false);
    this.label = $derived(formatClock(this.remaining));
    this.state = $derived(
      this.expired
        ? 'Time is up'
        : this.timer?.status === 'running'
          ? 'Running'
          : this.timer?.status === 'paused'
            ? 'Paused'
            : 'Ready',
    );
  }
}

/** What a countdown reads of a live connection: the session's timer and the server's clock. */
interface TimedConnection {
  session: { timer: Timer } | null;
  serverNow(): number;
}

/** The countdown of a page's connection (none yet: no timer, the device's clock). */
export function connectionCountdown(conn: () => TimedConnection | null): Countdown {
  return new Countdown(
    () => conn()?.session?.timer ?? null,
    () => conn()?.serverNow() ?? Date.now(),
  );
}
