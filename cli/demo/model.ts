/**
 * A small logistic regression trained in code, deterministically (full-batch gradient descent from
 * zero weights), standing in for the model whose predictions the demo monitors.
 */
export interface LogisticModel {
  numeric: Array<{ name: string; mean: number; std: number }>;
  categorical: Array<{ name: string; levels: string[] }>;
  weights: number[];
  bias: number;
  /** Decision threshold chosen to maximise F1 on the training data. */
  threshold: number;
}

const ITERATIONS = 300;
const LEARNING_RATE = 0.5;
const L2 = 1e-3;

type Row = Record<string, number | string>;

/** Trains on rows with the named numeric and categorical inputs. */
export function trainLogistic(rows: Row[], labels: number[], numeric: string[], categorical: string[]): LogisticModel {
  const num = numeric.map((name) => {
    const xs = rows.map((r) => Number(r[name]));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) || 1;
    return { name, mean, std };
  });
  const cat = categorical.map((name) => ({ name, levels: [...new Set(rows.map((r) => String(r[name])))].sort() }));
  const model: LogisticModel = { numeric: num, categorical: cat, weights: [], bias: 0, threshold: 0.5 };
  const X = rows.map((r) => encode(model, r));
  const d = X[0].length;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let it = 0; it < ITERATIONS; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < X.length; i++) {
      const err = sigmoid(dot(w, X[i]) + b) - labels[i];
      for (let j = 0; j < d; j++) gw[j] += err * X[i][j];
      gb += err;
    }
    for (let j = 0; j < d; j++) w[j] -= LEARNING_RATE * (gw[j] / X.length + L2 * w[j]);
    b -= (LEARNING_RATE * gb) / X.length;
  }
  model.weights = w;
  model.bias = b;
  const scores = X.map((x) => sigmoid(dot(w, x) + b));
  let best = { f1: -1, t: 0.5 };
  for (let t = 0.05; t < 0.95; t += 0.01) {
    let tp = 0, fp = 0, fn = 0;
    scores.forEach((s, i) => {
      if (s >= t && labels[i] === 1) tp++;
      else if (s >= t) fp++;
      else if (labels[i] === 1) fn++;
    });
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    if (f1 > best.f1) best = { f1, t: Math.round(t * 100) / 100 };
  }
  model.threshold = best.t;
  return model;
}

/** The positive-class probability for one row. */
export function predictProba(model: LogisticModel, row: Row): number {
  return sigmoid(dot(model.weights, encode(model, row)) + model.bias);
}

function encode(model: LogisticModel, row: Row): number[] {
  const x = model.numeric.map((f) => (Number(row[f.name]) - f.mean) / f.std);
  for (const f of model.categorical) for (const level of f.levels) x.push(String(row[f.name]) === level ? 1 : 0);
  return x;
}

function dot(w: number[], x: number[]): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) s += w[j] * x[j];
  return s;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
