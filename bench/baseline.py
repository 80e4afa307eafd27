"""The drift job Vigil's `vigil check` does, written as an ML engineer would in Python.

Loads the current JSON Lines window and the reference JSON Lines with the standard json module
(no pandas on the machine image), then per feature: PSI over the reference's deciles and
scipy.stats.ks_2samp for numerical features, scipy.stats.chi2_contingency for categorical ones.
It streams each file once into per-feature columns (never a list of a million dicts), which is
what a careful user writes; numpy and scipy do the statistics.

    python3 bench/baseline.py --reference bench/out/reference-100000.jsonl \
        --current bench/out/current-1000000.jsonl [--out values.json]

Prints one JSON line: rows, seconds per phase, CPU seconds and peak RSS (getrusage). With --out,
writes the per-feature values so bench/run.ts can check them against Vigil's.

Where the definitions differ from Vigil's (DESIGN section 5):
- PSI bins: here the edges are np.quantile of the whole reference column at k/10 (numpy's
  default linear method), duplicates removed, bins (-inf, e1), [e1, e2), ..., [e9, +inf), and a
  zero share becomes 0.0001 without renormalising -- DESIGN's definition. Vigil takes the same
  edges from the reference profile; beyond 10,000 values a profile holds a quantile sketch, so
  its edges and its counts within bins can differ slightly from these exact ones.
- KS: ks_2samp on the full samples (exact D). Vigil's D comes from its profiles, exact up to
  10,000 values per feature and within 0.005 beyond (sketch). p-values for D this large on a
  million rows underflow to ~0 on both sides.
- chi-square: chi2_contingency on the 2 x k table of counts (reference, current) over the union
  of categories. Vigil caps reference categories at the 100 most frequent (12 here, so no cap)
  and passes correction=False; with k > 2 scipy's Yates correction does not apply anyway.
"""

import argparse
import json
import resource
import sys
import time
from collections import Counter

import numpy as np
from scipy import stats

BINS = 10
EPSILON = 0.0001


def load_columns(path):
    """Non-null feature values per feature name, and the row count."""
    columns = {}
    rows = 0
    with open(path, "rb") as f:
        for line in f:
            if not line.strip():
                continue
            rows += 1
            for name, value in json.loads(line)["features"].items():
                if value is not None:
                    columns.setdefault(name, []).append(value)
    return columns, rows


def is_numeric(values):
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values[:1000])


def psi(ref, cur):
    edges = np.unique(np.quantile(ref, np.arange(1, BINS) / BINS))
    r = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1) / len(ref)
    c = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1) / len(cur)
    r = np.where(r == 0, EPSILON, r)
    c = np.where(c == 0, EPSILON, c)
    return float(np.sum((c - r) * np.log(c / r)))


def chi_square(ref, cur):
    rc, cc = Counter(ref), Counter(cur)
    cats = sorted(set(rc) | set(cc))
    chi2, p, _, _ = stats.chi2_contingency(np.array([[rc[k] for k in cats], [cc[k] for k in cats]]), correction=False)
    return float(chi2), float(p)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reference", required=True)
    ap.add_argument("--current", required=True)
    ap.add_argument("--out")
    args = ap.parse_args()

    t0 = time.perf_counter()
    ref, ref_rows = load_columns(args.reference)
    t1 = time.perf_counter()
    cur, cur_rows = load_columns(args.current)
    t2 = time.perf_counter()
    features = {}
    for name in sorted(ref):
        if name not in cur:
            continue
        if is_numeric(ref[name]):
            r = np.asarray(ref[name], dtype=np.float64)
            c = np.asarray(cur[name], dtype=np.float64)
            ks = stats.ks_2samp(r, c)
            features[name] = {"type": "numerical", "psi": psi(r, c), "ks": float(ks.statistic), "ksP": float(ks.pvalue)}
        else:
            chi2, p = chi_square(ref[name], cur[name])
            features[name] = {"type": "categorical", "chi2": chi2, "chi2P": p}
    t3 = time.perf_counter()

    usage = resource.getrusage(resource.RUSAGE_SELF)
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"features": features}, f)
    summary = {
        "referenceRows": ref_rows,
        "rows": cur_rows,
        "features": len(features),
        "loadReferenceS": t1 - t0,
        "loadCurrentS": t2 - t1,
        "statsS": t3 - t2,
        "totalS": t3 - t0,
        "cpuS": usage.ru_utime + usage.ru_stime,
        "peakRssMb": usage.ru_maxrss / 1024,
        "numpy": np.__version__,
        "scipy": __import__("scipy").__version__,
        "python": sys.version.split()[0],
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
