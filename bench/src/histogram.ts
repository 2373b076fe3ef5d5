/**
 * A mergeable latency histogram in milliseconds: 10 µs buckets below 1 ms, then buckets 0.5 %
 * wide up to ~30 min. Percentiles are read as a bucket's upper edge (at most 0.5 % high).
 * Plain data, so workers send it over IPC.
 */
const LINEAR = 100; // buckets of 10 µs for [0, 1) ms
const GROWTH = Math.log(1.005);
const SIZE = LINEAR + Math.ceil(Math.log(2e6) / GROWTH);

export interface HistogramData {
  counts: number[];
  count: number;
  sum: number;
  max: number;
}

export class Histogram {
  private counts = new Uint32Array(SIZE);
  count = 0;
  sum = 0;
  max = 0;

  record(ms: number): void {
    const v = Math.max(0, ms);
    const i = v < 1 ? Math.floor(v * 100) : LINEAR + Math.floor(Math.log(v) / GROWTH);
    this.counts[Math.min(SIZE - 1, i)]!++;
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  merge(other: Histogram | HistogramData): this {
    const counts = other instanceof Histogram ? other.counts : other.counts;
    for (let i = 0; i < counts.length; i++) this.counts[i]! += counts[i]!;
    this.count += other.count;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
    return this;
  }

  /** The value at or below which `p` percent of the samples lie; NaN when empty. */
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < SIZE; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, upperEdge(i));
    }
    return this.max;
  }

  get mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  summary() {
    return {
      count: this.count,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: this.count ? this.max : NaN,
      mean: this.mean,
    };
  }

  toJSON(): HistogramData {
    return { counts: [...this.counts], count: this.count, sum: this.sum, max: this.max };
  }

  static from(data: HistogramData): Histogram {
    return new Histogram().merge(data);
  }
}

function upperEdge(i: number): number {
  return i < LINEAR ? (i + 1) / 100 : Math.exp((i - LINEAR + 1) * GROWTH);
}

export type Summary = ReturnType<Histogram['summary']>;
