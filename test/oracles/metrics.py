#!/usr/bin/env python3
"""Expected model-quality metrics for test/shared/metrics, computed by scikit-learn and numpy.

Writes test/fixtures/oracles/metrics.json. Run with Debian's python3-sklearn:

    /usr/bin/python3 test/oracles/metrics.py

Every case is deterministic (fixed seeds). The large binary case (10^5 rows) is not stored row by
row: its rows come from a 32-bit linear congruential generator that the TypeScript test
reimplements with the same exact integer and correctly rounded float operations (+, *, /, sqrt).

Where Vigil defines a value that scikit-learn does not, the expected value is null and the reason
is written next to it here: ROC AUC with one class (sklearn raises), average precision without a
positive (sklearn 1.2 warns and returns 0), R² below two rows (sklearn returns nan), log loss and
Brier without scores.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
import sklearn
from sklearn import metrics as skm

warnings.filterwarnings("ignore")  # zero_division and one-class warnings are expected here

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "oracles", "metrics.json")
THRESHOLD = 0.5


def lcg(seed):
    """x <- (1664525 x + 1013904223) mod 2^32, yielding x / 2^32 in [0, 1)."""
    x = seed
    while True:
        x = (1664525 * x + 1013904223) % 4294967296
        yield x / 4294967296


def lcg_binary_rows(seed, n, positive_share):
    """The rows of the large binary case: label, then a score skewed up for positives."""
    u = lcg(seed)
    labels, scores = [], []
    for _ in range(n):
        y = 1 if next(u) < positive_share else 0
        v = next(u)
        labels.append(y)
        scores.append(math.sqrt(v) if y else v * v)
    return labels, scores


def f(x):
    """A float for JSON, or None for an undefined value."""
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


# ---------------------------------------------------------------------------------------------
# Binary classification


def binary_expected(labels, predictions, scores, pos, neg):
    """Metrics over rows with a label; a missing prediction is taken from score >= 0.5."""
    rows = [(y, p, s) for y, p, s in zip(labels, predictions, scores) if y is not None]
    rows = [(y, p if p is not None else (pos if s is not None and s >= THRESHOLD else neg if s is not None else None), s) for y, p, s in rows]
    rows = [r for r in rows if r[1] is not None]
    y = np.array([r[0] for r in rows], dtype=object if isinstance(pos, str) else None)
    yhat = np.array([r[1] for r in rows], dtype=y.dtype)
    scored = [(1 if r[0] == pos else 0, r[2]) for r in rows if r[2] is not None]
    y01 = np.array([a for a, _ in scored], dtype=int)
    s = np.array([b for _, b in scored], dtype=float)
    cm = skm.confusion_matrix(y, yhat, labels=[neg, pos])
    out = {
        "count": len(rows),
        "accuracy": f(skm.accuracy_score(y, yhat)),
        "precision": f(skm.precision_score(y, yhat, pos_label=pos)),
        "recall": f(skm.recall_score(y, yhat, pos_label=pos)),
        "f1": f(skm.f1_score(y, yhat, pos_label=pos)),
        "confusionMatrix": {"tn": int(cm[0, 0]), "fp": int(cm[0, 1]), "fn": int(cm[1, 0]), "tp": int(cm[1, 1]),
                            "matrix": cm.tolist()},
        "rocAuc": None, "averagePrecision": None, "logLoss": None, "brier": None,
    }
    if len(s) > 0:
        out["logLoss"] = f(skm.log_loss(y01, s, labels=[0, 1]))
        out["brier"] = f(skm.brier_score_loss(y01, s, pos_label=1))
        if 0 < y01.sum() < len(y01):
            out["rocAuc"] = f(skm.roc_auc_score(y01, s))
        if y01.sum() > 0:
            out["averagePrecision"] = f(skm.average_precision_score(y01, s))
    return out


def binary_case(name, labels, predictions=None, scores=None, pos=1, neg=0, options=None):
    n = len(labels)
    predictions = predictions if predictions is not None else [None] * n
    scores = scores if scores is not None else [None] * n
    obs = []
    for y, p, s in zip(labels, predictions, scores):
        o = {"label": y}
        if p is not None:
            o["prediction"] = p
        if s is not None:
            o["score"] = s
        obs.append(o)
    return {"name": name, "options": options or {}, "observations": obs,
            "expected": binary_expected(labels, predictions, scores, pos, neg)}


def py(xs):
    return [x.item() if hasattr(x, "item") else x for x in xs]


def binary_cases():
    rng = np.random.RandomState(20240501)
    cases = []

    y = rng.binomial(1, 0.5, 200)
    s = np.clip(rng.normal(0.35 + 0.3 * y, 0.2), 0, 1)
    cases.append(binary_case("balanced, predictions from scores", py(y), scores=py(s)))

    y = rng.binomial(1, 0.5, 150)
    s = rng.beta(2 + 3 * y, 5 - 3 * y)
    p = np.where(rng.uniform(size=150) < 0.8, y, 1 - y)  # explicit predictions, not from the scores
    cases.append(binary_case("balanced, explicit predictions", py(y), predictions=py(p), scores=py(s)))

    y = (rng.uniform(size=400) < 0.05).astype(int)
    s = rng.beta(1 + 4 * y, 6)
    cases.append(binary_case("imbalanced 5% positives", py(y), scores=py(s)))

    s = rng.uniform(size=50)
    cases.append(binary_case("all negative", [0] * 50, scores=py(s)))
    cases.append(binary_case("all positive", [1] * 40, scores=py(rng.uniform(size=40))))

    y = py(rng.binomial(1, 0.4, 60))
    cases.append(binary_case("perfect, scores 0 and 1 exactly", y, scores=[float(v) for v in y]))
    cases.append(binary_case("worst, scores 0 and 1 exactly", y, scores=[1.0 - v for v in y]))

    y = rng.binomial(1, 0.5, 120)
    s = np.round(np.clip(rng.normal(0.4 + 0.2 * y, 0.25), 0, 1), 1)  # 11 distinct values: many ties
    cases.append(binary_case("tied scores", py(y), scores=py(s)))

    y = rng.binomial(1, 0.5, 80)
    s = np.where(rng.uniform(size=80) < 0.3, rng.binomial(1, 0.5, 80).astype(float), rng.uniform(size=80))
    cases.append(binary_case("scores 0 and 1 with mistakes (clipping)", py(y), scores=py(s)))

    y = rng.binomial(1, 0.3, 90)
    s = np.clip(rng.normal(0.3 + 0.4 * y, 0.2), 0, 1)
    p = (s >= 0.5).astype(int)
    yes = ["yes" if v else "no" for v in y]
    cases.append(binary_case("yes/no labels and predictions", yes, predictions=["yes" if v else "no" for v in p],
                             scores=py(s), pos="yes", neg="no"))
    cases.append(binary_case('"1"/"0" string labels', [str(v) for v in y], scores=py(s), pos="1", neg="0"))
    cases.append(binary_case("true/false labels", [bool(v) for v in y], predictions=[bool(v) for v in p],
                             pos=True, neg=False))
    fraud = ["fraud" if v else "legit" for v in y]
    cases.append(binary_case("custom positive label", fraud, scores=py(s), pos="fraud", neg="legit",
                             options={"positiveLabel": "fraud"}))

    y = rng.binomial(1, 0.5, 70)
    p = np.where(rng.uniform(size=70) < 0.7, y, 1 - y)
    cases.append(binary_case("predictions only, no scores", py(y), predictions=py(p)))

    y = py(rng.binomial(1, 0.5, 100))
    s = py(rng.uniform(size=100))
    labels = [None if i % 9 == 0 else v for i, v in enumerate(y)]
    scores = [None if i % 4 == 1 else v for i, v in enumerate(s)]
    preds = [None if scores[i] is not None and i % 3 == 0 else (1 if s[i] > 0.3 else 0) for i in range(100)]
    cases.append(binary_case("missing labels, some scores missing", labels, predictions=preds, scores=scores))
    return cases


def large_binary_case():
    seed, n, share = 12345, 100_000, 0.3
    labels, scores = lcg_binary_rows(seed, n, share)
    expected = binary_expected(labels, [None] * n, scores, 1, 0)
    return {"name": "large n, rounded-score AUC path", "generator": {"kind": "lcg-binary", "seed": seed, "n": n,
            "positiveShare": share, "firstScores": scores[:3], "distinctScores": len(set(scores))},
            "options": {}, "expected": expected}


# ---------------------------------------------------------------------------------------------
# Multiclass classification


def multiclass_case(name, labels, predictions=None, probabilities=None):
    obs = []
    derived = []
    for i, y in enumerate(labels):
        o = {"label": y}
        if predictions is not None:
            o["prediction"] = predictions[i]
            derived.append(predictions[i])
        else:
            o["probabilities"] = probabilities[i]
            derived.append(max(sorted(probabilities[i]), key=lambda k: probabilities[i][k]))
        obs.append(o)
    y = np.array([str(v) for v in labels], dtype=object)
    yhat = np.array([str(v) for v in derived], dtype=object)
    exp = {"count": len(y), "accuracy": f(skm.accuracy_score(y, yhat)),
           "labels": sorted(set(y) | set(yhat))}
    for avg in ("macro", "weighted"):
        p, r, f1, _ = skm.precision_recall_fscore_support(y, yhat, average=avg)
        exp["precision" + avg.title()] = f(p)
        exp["recall" + avg.title()] = f(r)
        exp["f1" + avg.title()] = f(f1)
    exp["matrix"] = skm.confusion_matrix(y, yhat, labels=exp["labels"]).tolist()
    return {"name": name, "observations": obs, "expected": exp}


def noisy(rng, y, classes, accuracy):
    return [v if rng.uniform() < accuracy else classes[rng.randint(len(classes))] for v in y]


def multiclass_cases():
    rng = np.random.RandomState(7)
    cases = []
    c3 = ["cat", "dog", "bird"]
    y = [c3[i] for i in rng.randint(3, size=150)]
    cases.append(multiclass_case("3 classes", y, noisy(rng, y, c3, 0.7)))

    c4 = ["a", "b", "c", "d"]
    y = [c4[i] for i in rng.choice(4, size=200, p=[0.4, 0.3, 0.2, 0.1])]
    pred = [v if v != "d" and rng.uniform() < 0.75 else c4[rng.randint(3)] for v in y]  # "d" never predicted
    cases.append(multiclass_case("4 classes, one never predicted", y, pred))

    c5 = ["A", "B", "C", "D", "E"]
    y = [c5[i] for i in rng.randint(4, size=250)]  # "E" never a label
    cases.append(multiclass_case("5 classes, one only predicted", y, noisy(rng, y, c5, 0.6)))

    y = py(rng.randint(3, size=120))
    cases.append(multiclass_case("integer classes", y, py([v if rng.uniform() < 0.8 else (v + 1) % 3 for v in y])))

    y = [c3[i] for i in rng.randint(3, size=100)]
    probs = []
    for v in y:
        w = rng.dirichlet([1, 1, 1]) + np.array([0.6 if c == v else 0 for c in c3])
        w = w / w.sum()
        probs.append({c: float(p) for c, p in zip(c3, w)})
    cases.append(multiclass_case("predictions from probabilities", y, probabilities=probs))

    y = [c4[i] for i in rng.randint(4, size=40)]
    cases.append(multiclass_case("perfect", y, list(y)))
    return cases


# ---------------------------------------------------------------------------------------------
# Regression


def regression_case(name, y, yhat):
    y = np.asarray(y, dtype=float)
    yhat = np.asarray(yhat, dtype=float)
    exp = {"count": len(y),
           "mae": f(skm.mean_absolute_error(y, yhat)),
           "mse": f(skm.mean_squared_error(y, yhat)),
           "rmse": f(skm.mean_squared_error(y, yhat, squared=False)),
           "mape": f(skm.mean_absolute_percentage_error(y, yhat)),
           "r2": f(skm.r2_score(y, yhat))}  # nan below two rows -> None
    return {"name": name, "observations": [{"label": a, "prediction": b} for a, b in zip(py(y), py(yhat))],
            "expected": exp}


def regression_cases():
    rng = np.random.RandomState(99)
    cases = []
    y = rng.normal(50, 10, 300)
    cases.append(regression_case("normal", y, y + rng.normal(0, 4, 300)))
    y = np.where(rng.uniform(size=100) < 0.2, 0.0, rng.exponential(3, 100))
    cases.append(regression_case("zeros in y (MAPE)", y, y + rng.normal(0, 1, 100)))
    cases.append(regression_case("constant y, errors", [3.0] * 20, py(3.0 + rng.normal(0, 1, 20))))
    cases.append(regression_case("constant y, perfect", [2.5] * 10, [2.5] * 10))
    y = 1e6 + rng.normal(0, 1e-3, 200)
    cases.append(regression_case("large mean, tiny variance", y, y + rng.normal(0, 7e-4, 200)))
    y = rng.uniform(-5, 5, 60)
    cases.append(regression_case("perfect", y, y))
    cases.append(regression_case("one row", [4.0], [5.5]))
    return cases


# ---------------------------------------------------------------------------------------------
# Label delay


def delay_cases():
    rng = np.random.RandomState(3)
    arrays = {
        "five values": [1000.0, 2000.0, 3000.0, 4000.0, 5000.0],
        "lognormal hours": py(np.round(rng.lognormal(np.log(3.6e6), 1.0, 500))),
        "with zeros": [0.0] * 30 + py(np.round(rng.exponential(60_000, 170))),
        "one value": [42.0],
    }
    out = []
    for name, xs in arrays.items():
        p = np.percentile(np.asarray(xs, dtype=float), [50, 90, 99])
        out.append({"name": name, "delaysMs": xs,
                    "expected": {"count": len(xs), "p50": f(p[0]), "p90": f(p[1]), "p99": f(p[2])}})
    return out


def main():
    fixture = {
        "generator": "test/oracles/metrics.py",
        "versions": {"python": sys.version.split()[0], "sklearn": sklearn.__version__, "numpy": np.__version__,
                     "scipy": scipy.__version__},
        "binary": binary_cases() + [large_binary_case()],
        "multiclass": multiclass_cases(),
        "regression": regression_cases(),
        "labelDelay": delay_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(fixture, fh, indent=1, allow_nan=False)
        fh.write("\n")
    print(f"wrote {os.path.normpath(OUT)} with scikit-learn {sklearn.__version__}")


if __name__ == "__main__":
    main()
