/**
 * A short three-tone beep with the Web Audio API (no audio files). Browsers only allow sound
 * after a user gesture, so `enable()` must run from a click.
 */
export class Beeper {
  #ctx: AudioContext | null = null;

  get enabled(): boolean {
    return this.#ctx !== null && this.#ctx.state === 'running';
  }

  async enable(): Promise<boolean> {
    this.#ctx ??= new AudioContext();
    await this.#ctx.resume();
    this.beep(0.15);
    return this.enabled;
  }

  beep(volume = 0.3): void {
    const ctx = this.#ctx;
    if (!ctx) return;
    const start = ctx.currentTime;
    for (let i = 0; i < 3; i++) {
      const at = start + i * 0.35;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(volume, at + 0.02);
      gain.gain.linearRampToValueAtTime(0, at + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.3);
    }
  }

  close(): void {
    void this.#ctx?.close();
    this.#ctx = null;
  }
}
