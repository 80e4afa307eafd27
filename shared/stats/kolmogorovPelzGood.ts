/**
 * Pelz–Good (1976) approximation of the CDF of the two-sided one-sample Kolmogorov–Smirnov
 * statistic, P(D_n ≤ x) — scipy's `_kolmogn_PelzGood`, which `kstwo` uses for n > 140 in the
 * body of the distribution (n·x² < 2.2 and n·x^1.5 > 1.4, or n > 100000).
 *
 * It expands P(√n·D_n ≤ z) ≈ K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^1.5 (Li-Chien, Korolyuk) and
 * evaluates each term through Jacobi theta-function identities, so the series in q = e^(−π²/8z²)
 * converges fast for small and moderate z. Its truncation error is O(n^−2), which is scipy's
 * error as well: the port reproduces scipy's number, not the exact distribution.
 *
 * Complexity: O(z) terms, z = √n·x.
 *
 * @throws Never; callers pass arguments in the documented range.
 * @example
 * kolmogorovPelzGood(1000, 0.03); // 0.6773097856085364
 */
export function kolmogorovPelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2, z3 = z ** 3, z4 = z ** 4, z6 = z ** 6;
  const qlog = -PI_SQUARED / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * z2)) / 16;
  const k3d = (PI_SIX * (5 - 30 * z2)) / 64;
  const k3c = (PI_FOUR * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI_SQUARED * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2, m4 = m ** 4, m6 = m ** 6;
    const qpower = Math.pow(q, 8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i];
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / divisors[i];
  // The sums over all integers k for K2 and K3 (no subtractive cancellation expected).
  q = Math.exp(-PI_SQUARED / 2 / z2);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const k2 = k ** 2;
    const qk = q ** k2;
    const kpi = Math.PI * k;
    k2extra += k2 * qk;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  K[2] += k2extra * ((PI_SQUARED * SQRT2PI) / (-36 * z3));
  K[3] += k3extra * ((PI_SQUARED * SQRT2PI) / (216 * z6));
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i] / Math.pow(n, i / 2);
  return sum;
}

const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
const MIN_LOG = -708;
