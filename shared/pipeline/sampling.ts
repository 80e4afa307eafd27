/**
 * Deterministic sampling by id: the same id is always in or out, on every retry and in every
 * Lambda, so the label join sees a stable sample (FNV-1a of the id against the rate).
 *
 * @example
 * sampled("req-1", 1); // true
 */
export function sampled(id: string, rate: number): boolean {
  if (rate >= 1) return true;
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h / 0x1_0000_0000 < rate;
}
