/**
 * At most one run per interval: a request after a quiet interval runs at once (leading edge);
 * requests within the interval are merged into one run at its end. Used for poll tallies, roster
 * patches and document progress, which all send the latest state, so merging loses nothing.
 */
export class Throttle {
  private last = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
    private readonly run: () => void,
  ) {}

  request(): void {
    if (this.timer) return;
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) return this.fire();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fire();
    }, wait);
    // A pending run must not keep a stopping process alive.
    this.timer.unref();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.last = this.now();
    this.run();
  }
}
