/**
 * Quantiles within a stated relative error, in bounded memory, mergeable exactly: a sketch of
 * logarithmic buckets (as DDSketch, Masson et al., VLDB 2019). A value x > 0 counts in bucket
 * i = ceil(log_γ x), γ = (1 + a) / (1 - a), which holds (γ^(i-1), γ^i]; the bucket's estimate
 * 2γ^i / (γ + 1) is within a (relative) of every value in it. So the quantile of rank r is
 * reported within a of the exact value of that rank, whatever the input.
 *
 * Merging adds bucket counts: a sketch of the parts merged is the sketch of the whole, bit for
 * bit, however the input was split (over worker threads, files, ranges).
 *
 * The number of buckets is bounded by the range of the values, not their count: about
 * ln(max / min) / ln γ. Queue times from a millisecond to a year take at most ~2,500 buckets;
 * every positive double together ~148,000. Zero (and anything not > 0) counts in a bucket of its
 * own, reported as 0.
 */

/** The relative error stated for the values `quantile()` returns (1%). */
export const RELATIVE_ERROR = 0.01;

/**
 * The buckets' own accuracy: about half of RELATIVE_ERROR, so that with the rounding of the
 * reported value to SIGNIFICANT_DIGITS (a relative error of at most 0.5%) the total stays within
 * it: (1 + 0.0049) * (1 + 0.005) < 1.01 and (1 - 0.0049) * (1 - 0.005) > 0.99.
 */
const BUCKET_ACCURACY = 0.0049;
/** Digits a reported quantile keeps: no more than its accuracy supports. */
const SIGNIFICANT_DIGITS = 3;

const GAMMA = (1 + BUCKET_ACCURACY) / (1 - BUCKET_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);

/** The bucket of a value > 0. */
export function bucketOf(x: number): number {
  return Math.ceil(Math.log(x) / LN_GAMMA);
}

/** The value a bucket stands for: the point within BUCKET_ACCURACY of both of its ends. */
function estimate(bucket: number): number {
  return (2 * Math.exp(bucket * LN_GAMMA)) / (GAMMA + 1);
}

/**
 * Buckets kept in an array, the rest in a Map: from γ^-1024 (about 44 µs) to γ^3072 (about
 * 10^13 s), where queue times are; 32 KiB. An array index costs less than a Map lookup.
 */
const DENSE_LOW = -1024;
const DENSE_SIZE = 4096;

export class QuantileSketch {
  /** Counts of the values > 0 by bucket: bucket b at dense[b - DENSE_LOW] when it fits, else in `sparse`. */
  private dense: Float64Array;
  /** A Map survives structured cloning (postMessage), as does the array. */
  private sparse = new Map<number, number>();
  private zeros = 0;
  private total = 0;
  private min = Infinity;
  private max = -Infinity;

  /**
   * `compact`: no dense array, every bucket in the Map (a few hundred entries for queue times):
   * for the many small sketches of a time series, where 32 KiB each would add up.
   */
  constructor(compact = false) {
    this.dense = new Float64Array(compact ? 0 : DENSE_SIZE);
  }

  /** Values added. */
  get count(): number {
    return this.total;
  }

  /** The largest value added (exact), or -Infinity. */
  get largest(): number {
    return this.max;
  }

  add(x: number): void {
    this.total++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    if (x > 0) this.addTo(bucketOf(x), 1);
    else this.zeros++;
  }

  private addTo(bucket: number, n: number): void {
    const i = bucket - DENSE_LOW;
    if (i >= 0 && i < this.dense.length) this.dense[i]! += n;
    else this.sparse.set(bucket, (this.sparse.get(bucket) ?? 0) + n);
  }

  /** Adds another sketch's values: the result is the sketch of both inputs together. */
  merge(o: QuantileSketch): void {
    this.total += o.total;
    this.zeros += o.zeros;
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
    if (o.dense.length === this.dense.length) for (let i = 0; i < this.dense.length; i++) this.dense[i]! += o.dense[i]!;
    else o.dense.forEach((n, i) => n > 0 && this.addTo(i + DENSE_LOW, n));
    for (const [b, n] of o.sparse) this.addTo(b, n);
  }

  /** The buckets that hold values, lowest first, with their counts. */
  private counts(): Array<[bucket: number, count: number]> {
    const all = [...this.sparse];
    this.dense.forEach((n, i) => n > 0 && all.push([i + DENSE_LOW, n]));
    return all.sort((a, b) => a[0] - b[0]);
  }

  /**
   * The q-quantile (0..1) by nearest rank (the value of rank ceil(q * count) in sorted order),
   * within RELATIVE_ERROR of the exact one; never outside the smallest and largest value added.
   * NaN when empty.
   */
  quantile(q: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.min(this.total, Math.max(1, Math.ceil(q * this.total)));
    if (rank <= this.zeros) return 0;
    let seen = this.zeros;
    let found = 0;
    for (const [b, n] of this.counts()) {
      seen += n;
      if (seen >= rank) {
        found = b;
        break;
      }
    }
    // Rounding, then clamping to the values' range, which only brings it closer to the exact one.
    const shown = Number(estimate(found).toPrecision(SIGNIFICANT_DIGITS));
    return Math.min(this.max, Math.max(this.min, shown));
  }

  /** A sketch from its structured clone (postMessage keeps the fields, not the class). */
  static revive(data: QuantileSketch): QuantileSketch {
    return Object.assign(new QuantileSketch(), data);
  }
}
