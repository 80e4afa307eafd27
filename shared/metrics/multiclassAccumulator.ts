/**
 * The mergeable accumulator of a multiclass classifier: a confusion matrix keyed by class name.
 * Classes are kept sorted (by UTF-16 code units), so two accumulators of the same observations
 * are deep-equal whatever the order of additions and merges. Prediction missing but probabilities
 * present → the class with the highest probability (ties: the first class name in sorted order).
 * Memory is O(k²) for k classes.
 */
import { AccumulatorMismatchError } from "./errors.ts";
import { className } from "./labels.ts";
import type { Observation } from "./observation.ts";

/** Sufficient statistics of multiclass metrics; plain JSON. */
export interface MulticlassAccumulator {
  task: "multiclass_classification";
  /** Every class seen as a label or a prediction, sorted. */
  classes: string[];
  /** matrix[i][j]: observations of actual class i predicted as class j. */
  matrix: number[][];
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * An empty multiclass accumulator.
 *
 * @example
 * newMulticlassAccumulator(); // { task: "multiclass_classification", classes: [], matrix: [] }
 */
export function newMulticlassAccumulator(): MulticlassAccumulator {
  return { task: "multiclass_classification", classes: [], matrix: [] };
}

function argmax(probabilities: Record<string, number> | null | undefined): string | null {
  let best: string | null = null;
  let bestP = -Infinity;
  for (const [k, p] of Object.entries(probabilities ?? {})) {
    const name = className(k);
    if (name === null || !Number.isFinite(p)) continue;
    if (p > bestP || (p === bestP && best !== null && name < best)) [best, bestP] = [name, p];
  }
  return best;
}

// The position of a class, inserting it (with an empty row and column) when it is new.
function indexOf(acc: MulticlassAccumulator, name: string): number {
  let lo = 0;
  let hi = acc.classes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (acc.classes[mid] < name) lo = mid + 1;
    else hi = mid;
  }
  if (acc.classes[lo] === name) return lo;
  acc.classes.splice(lo, 0, name);
  for (const row of acc.matrix) row.splice(lo, 0, 0);
  acc.matrix.splice(lo, 0, new Array<number>(acc.classes.length).fill(0));
  return lo;
}

/**
 * Counts one observation; returns false, counting nothing, when the label is missing or there is
 * neither a prediction nor probabilities to take one from.
 *
 * @example
 * const acc = newMulticlassAccumulator();
 * addMulticlassObservation(acc, { label: "dog", probabilities: { cat: 0.7, dog: 0.3 } }); // true
 * [acc.classes, acc.matrix]; // [["cat", "dog"], [[0, 0], [1, 0]]]
 */
export function addMulticlassObservation(acc: MulticlassAccumulator, o: Observation): boolean {
  const actual = className(o.label);
  const predicted = className(o.prediction) ?? argmax(o.probabilities);
  if (actual === null || predicted === null) return false;
  indexOf(acc, predicted); // insert it first: inserting the label could shift its position
  const i = indexOf(acc, actual);
  const j = indexOf(acc, predicted);
  acc.matrix[i][j] += 1;
  return true;
}

/**
 * The accumulator of both inputs' observations (inputs unchanged); exact, associative, commutative.
 *
 * @throws {AccumulatorMismatchError} when a matrix does not match its class list
 * @example
 * const a = newMulticlassAccumulator(); addMulticlassObservation(a, { label: "b", prediction: "b" });
 * const b = newMulticlassAccumulator(); addMulticlassObservation(b, { label: "a", prediction: "b" });
 * mergeMulticlassAccumulators(a, b).matrix; // [[0, 1], [0, 1]]
 */
export function mergeMulticlassAccumulators(a: MulticlassAccumulator, b: MulticlassAccumulator): MulticlassAccumulator {
  for (const x of [a, b]) {
    if (x.matrix.length !== x.classes.length) throw new AccumulatorMismatchError("matrix size", x.matrix.length, x.classes.length);
  }
  const classes = [...new Set([...a.classes, ...b.classes])].sort(byCodeUnit);
  const at = new Map(classes.map((c, i) => [c, i]));
  const matrix = classes.map(() => new Array<number>(classes.length).fill(0));
  for (const x of [a, b]) {
    x.classes.forEach((ci, i) => {
      x.classes.forEach((cj, j) => {
        matrix[at.get(ci)!][at.get(cj)!] += x.matrix[i][j];
      });
    });
  }
  return { task: "multiclass_classification", classes, matrix };
}
