import { formatClock, isExpired, remainingMs, type Timer } from '@plenary/shared';

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

  constructor(timer: () => Timer | null, serverNow: () => number) {
    const clock = new LiveClock(serverNow, () => this.running && !this.expired, 250);
    this.timer = $derived(timer());
    this.running = $derived(this.timer?.status === 'running');
    this.remaining = $derived(this.timer ? remainingMs(this.timer, clock.now) : 0);
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
