/**
 * The slice of double-double arithmetic (qd's `dd_real`, as scipy's xsf ships it) that the
 * one-sided Smirnov distribution needs: a value is hi + lo with |lo| ≤ ulp(hi)/2, giving ~106
 * significant bits. The products use Dekker's split instead of a fused multiply-add (JavaScript
 * has none); both give the exact error term of a double product, so results are the same.
 *
 * Complexity: O(1) per operation.
 *
 * @throws Never; callers pass arguments in the documented range.
 * @example
 * ddToNumber(ddAdd(dd(1), dd(1e-20))); // 1 (the 1e-20 lives in lo)
 * ddAdd(dd(1), dd(1e-20)).lo;          // 1e-20
 */
export interface DD {
  readonly hi: number;
  readonly lo: number;
}

/** A double as a double-double. */
export const dd = (hi: number, lo = 0): DD => ({ hi, lo });
/** The double nearest a double-double (its high part), as `static_cast<double>` in xsf. */
export const ddToNumber = (a: DD): number => a.hi;

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const c = s - a;
  return { hi: s, lo: (a - (s - c)) + (b - c) };
}

const SPLITTER = 134217729; // 2^27 + 1

function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return { hi: p, lo: ((ah * bh - p) + ah * bl + al * bh) + al * bl };
}

/** a + b, with the IEEE-style error bound of Briggs and Kahan. */
export function ddAdd(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  const u = quickTwoSum(s.hi, s.lo + t.hi);
  return quickTwoSum(u.hi, u.lo + t.lo);
}

/** a − b. */
export const ddSub = (a: DD, b: DD): DD => ddAdd(a, { hi: -b.hi, lo: -b.lo });

/** a × b. */
export function ddMul(a: DD, b: DD): DD {
  const p = twoProd(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

/** a × b for a double b (xsf's `double_double * double`). */
export function ddMulNumber(a: DD, b: number): DD {
  const p1 = twoProd(a.hi, b);
  const p2 = twoProd(a.lo, b);
  return quickTwoSum(p1.hi, p2.lo + p2.hi + p1.lo);
}

/** a / b: three quotient digits, as qd's accurate division. */
export function ddDiv(a: DD, b: DD): DD {
  const q1 = a.hi / b.hi;
  let r = ddSub(a, ddMulNumber(b, q1));
  const q2 = r.hi / b.hi;
  r = ddSub(r, ddMulNumber(b, q2));
  const q3 = r.hi / b.hi;
  const q = quickTwoSum(q1, q2);
  return ddAdd(q, dd(q3));
}

/** ⌊a⌋. */
export function ddFloor(a: DD): DD {
  const hi = Math.floor(a.hi);
  if (hi !== a.hi) return dd(hi);
  return quickTwoSum(hi, Math.floor(a.lo));
}

/** a·2^e. */
export const ddLdexp = (a: DD, e: number): DD => ({ hi: ldexp(a.hi, e), lo: ldexp(a.lo, e) });

/** Splits a = m·2^e with 0.5 ≤ |m.hi| < 1 (or |m.hi| = 1 with lo of the other sign), as xsf. */
export function ddFrexp(a: DD): { m: DD; e: number } {
  let [man, e] = frexp(a.hi);
  let b1 = ldexp(a.lo, -e);
  if (Math.abs(man) === 0.5 && man * b1 < 0) {
    man *= 2;
    b1 *= 2;
    e -= 1;
  }
  return { m: dd(man, b1), e };
}

/** C's frexp: x = m·2^e with 0.5 ≤ |m| < 1 (m = x, e = 0 for 0 and non-finite x). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
  let m = ldexp(x, -e);
  while (Math.abs(m) < 0.5) { m *= 2; e -= 1; }
  while (Math.abs(m) >= 1) { m /= 2; e += 1; }
  return [m, e];
}

/** C's ldexp: x·2^e, in steps so that neither 2^e nor an intermediate overflows needlessly. */
export function ldexp(x: number, e: number): number {
  while (e > 1000) { x *= 2 ** 1000; e -= 1000; }
  while (e < -1000) { x *= 2 ** -1000; e += 1000; if (x === 0) return x; }
  return x * 2 ** e;
}
