/**
 * Seeded random numbers for profile tests: the same seed gives the same data on every machine.
 *
 * @example
 * const rng = new Rng(1); rng.normal(); // a standard normal draw
 */
export class Rng {
  private s: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }

  /** Uniform in [0, 1) (mulberry32). */
  uniform(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Marsaglia polar method). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const q = u * u + v * v;
      if (q > 0 && q < 1) {
        const f = Math.sqrt((-2 * Math.log(q)) / q);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}

/** The distributions the accuracy tests draw from, by name. */
export const DISTRIBUTIONS = {
  normal: (r: Rng) => 10 + 2 * r.normal(),
  lognormal: (r: Rng) => Math.exp(1 + 1 * r.normal()),
  bimodal: (r: Rng) => (r.uniform() < 0.3 ? -5 + r.normal() : 4 + 0.5 * r.normal()),
  /** Student t with 2 degrees of freedom: infinite variance, very heavy tails. */
  heavyTailed: (r: Rng) => r.normal() / Math.sqrt((r.normal() ** 2 + r.normal() ** 2) / 2),
  /** 30% exact zeros, 20% on 50 integers, the rest continuous: heavy ties beyond the exact cap. */
  tiesAndContinuous: (r: Rng) => {
    const u = r.uniform();
    if (u < 0.3) return 0;
    if (u < 0.5) return 1 + r.int(50);
    return Math.round(r.normal() * 1e6) / 100;
  },
} as const;

export type DistributionName = keyof typeof DISTRIBUTIONS;

/** n draws of a named distribution, with an optional shift and scale of the result. */
export function draw(name: DistributionName, n: number, seed: number, shift = 0, scale = 1): Float64Array {
  const r = new Rng(seed);
  const f = DISTRIBUTIONS[name];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = shift + scale * f(r);
  return out;
}
