"""Oracle vectors for Vigil's drift statistics (shared/stats/), from scipy and numpy.

Run from the repository root:  python3 test/oracles/drift.py
Writes test/fixtures/oracles/drift.json, which test/shared/stats/*.test.ts read. Every sample is
drawn from a seeded numpy Generator, so re-running with the same numpy/scipy versions reproduces
the file byte for byte; the versions used are recorded in the fixture.

The definitions follow DESIGN.md section 5:
  ks            scipy.stats.ks_2samp(ref, cur)                       (two-sided, method="auto")
  wasserstein   scipy.stats.wasserstein_distance(ref, cur)
  cvm           scipy.stats.cramervonmises_2samp(ref, cur)           (method="auto")
  anderson      scipy.stats.anderson_ksamp([ref, cur], variant="midrank")
  bins          edges = np.unique(np.quantile(ref, k/10, k=1..9)); counts = bincount(digitize(x, edges))
  psi           sum((c - r) * ln(c / r)), proportions of 0 -> 0.0001 (not renormalised)
  jensenshannon scipy.spatial.distance.jensenshannon(r, c)           (natural log)
  kl            scipy.stats.entropy(c', r') with 0 -> 0.0001 applied to the proportions
  hellinger     sqrt(1 - sum(sqrt(r * c)))
  chisquare     scipy.stats.chi2_contingency([ref, cur], correction=False), all-zero columns dropped
  ztest         two-proportion z-test, pooled variance, p = 2 * scipy.stats.norm.sf(|z|)
"""
import json
import math
import os
import platform
import sys
import warnings

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial.distance import jensenshannon
from scipy.stats._hypotests import _cdf_cvm_inf, _pval_cvm_2samp_exact
from scipy.stats._stats_py import _attempt_exact_2kssamp

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "oracles", "drift.json")
EMPTY = 0.0001
BINS = 10


def f(x):
    """A JSON-safe float (None for NaN or infinity)."""
    x = float(x)
    return x if math.isfinite(x) else None


def ks_case(ref, cur):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = stats.ks_2samp(ref, cur)
    n1, n2 = len(ref), len(cur)
    method = "exact" if max(n1, n2) <= 10000 else "asymp"
    if any("Exact calculation unsuccessful" in str(w.message) for w in caught):
        method = "asymp-fallback"
    return {"statistic": f(res.statistic), "pValue": f(res.pvalue), "method": method}


def cvm_case(ref, cur):
    if len(ref) < 2 or len(cur) < 2:
        return None
    res = stats.cramervonmises_2samp(ref, cur)
    method = "exact" if max(len(ref), len(cur)) <= 20 else "asymptotic"
    return {"statistic": f(res.statistic), "pValue": f(res.pvalue), "method": method}


def anderson_case(ref, cur):
    if len(np.unique(np.concatenate([ref, cur]))) < 2 or len(ref) + len(cur) < 4:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = stats.anderson_ksamp([ref, cur], variant="midrank")
    return {"statistic": f(res.statistic), "pValue": f(res.pvalue)}


def proportions(counts):
    counts = np.asarray(counts, dtype=float)
    return counts / counts.sum()


def binned(ref_counts, cur_counts):
    r = proportions(ref_counts)
    c = proportions(cur_counts)
    r0 = np.where(r == 0, EMPTY, r)
    c0 = np.where(c == 0, EMPTY, c)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        js = jensenshannon(np.asarray(ref_counts, float), np.asarray(cur_counts, float))
    return {
        "psi": f(np.sum((c0 - r0) * np.log(c0 / r0))),
        "jensenshannon": f(js),
        "kl": f(stats.entropy(c0, r0)),
        "hellinger": f(np.sqrt(max(0.0, 1 - np.sum(np.sqrt(r * c))))),
    }


def bins_case(ref, cur):
    edges = np.unique(np.quantile(ref, np.arange(1, BINS) / BINS))
    ref_counts = np.bincount(np.digitize(ref, edges), minlength=len(edges) + 1)
    cur_counts = np.bincount(np.digitize(cur, edges), minlength=len(edges) + 1)
    out = {"edges": [float(e) for e in edges], "refCounts": ref_counts.tolist(), "curCounts": cur_counts.tolist()}
    out.update(binned(ref_counts, cur_counts))
    return out


def continuous(name, ref, cur):
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    return {
        "name": name,
        "ref": ref.tolist(),
        "cur": cur.tolist(),
        "ks": ks_case(ref, cur),
        "wasserstein": f(stats.wasserstein_distance(ref, cur)),
        "cvm": cvm_case(ref, cur),
        "anderson": anderson_case(ref, cur),
        "bins": bins_case(ref, cur),
    }


def continuous_cases():
    rng = np.random.default_rng(20240115)
    r4 = lambda x: np.round(x, 4)  # large samples are stored with 4 decimals (ties included)
    cases = [
        ("small n=5 each, shifted", rng.normal(0, 1, 5), rng.normal(0.5, 1, 5)),
        ("small n=10 vs 12, shifted", rng.normal(0, 1, 10), rng.normal(1, 1, 12)),
        ("small n=30 vs 25", rng.normal(0, 1, 30), rng.normal(0.2, 1.3, 25)),
        ("small integers with ties, n=20 vs 15", rng.integers(0, 6, 20), rng.integers(1, 7, 15)),
        ("small integers with ties, n=18 vs 18", rng.integers(0, 4, 18), rng.integers(0, 4, 18)),
        ("exact KS falls back to asymptotic (h = 1)", [1, 2, 3, 4, 5], [1, 2, 3, 4, 6]),
        ("identical small samples", *(lambda x: (x, x.copy()))(rng.normal(0, 1, 10))),
        ("constant, same value", [3.0] * 10, [3.0] * 12),
        ("constant, different values", [1.0] * 8, [2.0] * 8),
        ("a single value each", [1.5], [2.5]),
        ("a single reference value", [0.3], rng.normal(0, 1, 20)),
        ("two values each", [0.0, 1.0], [0.5, 2.0]),
        ("small lognormal, n=25 vs 30", rng.lognormal(0, 1, 25), rng.lognormal(0.3, 1, 30)),
        ("small exponential, scale change, n=20 each", rng.exponential(1, 20), rng.exponential(2, 20)),
        ("fully separated, n=7 vs 9", rng.uniform(0, 1, 7), rng.uniform(2, 3, 9)),
        ("large normal, same distribution, n=2000 each", rng.normal(0, 1, 2000), rng.normal(0, 1, 2000)),
        ("large normal, n=5000 vs 4000, small shift", r4(rng.normal(0, 1, 5000)), r4(rng.normal(0.05, 1, 4000))),
        ("large normal, n=10000 each (exact, equal sizes)", r4(rng.normal(0, 1, 10000)), r4(rng.normal(0.03, 1, 10000))),
        ("large normal, n=10000 vs 9000 (exact, unequal)", r4(rng.normal(0, 1, 10000)), r4(rng.normal(0.03, 1, 9000))),
        ("large integers, n=3000 vs 2500 (exact, ties)", rng.poisson(4, 3000), rng.poisson(4.2, 2500)),
        ("large uneven sizes, n=10000 vs 300 (exact)", r4(rng.normal(0, 1, 10000)), r4(rng.normal(0.1, 1, 300))),
        ("large exponential, n=8000 vs 6000", r4(rng.exponential(1, 8000)), r4(rng.exponential(1.05, 6000))),
        ("asymptotic, n=20000 vs 15000, small shift (Pelz-Good)", r4(rng.normal(0, 1, 20000)), r4(rng.normal(0.01, 1, 15000))),
        ("asymptotic, n=12000 vs 11000, drift (Smirnov)", r4(rng.normal(0, 1, 12000)), r4(rng.normal(0.1, 1, 11000))),
        ("asymptotic, skewed lognormal, n=20000 vs 18000, scale change", r4(rng.lognormal(0, 1, 20000)), r4(rng.lognormal(0, 1.1, 18000))),
        ("asymptotic, integers with ties, n=15000 each", rng.poisson(3, 15000), rng.poisson(3, 15000)),
        ("asymptotic, n=12000 vs 60 (Pomeranz)", r4(rng.normal(0, 1, 12000)), r4(rng.normal(0.25, 1, 60))),
    ]
    base = r4(rng.normal(0, 1, 20000))
    nudged = base.copy()
    nudged[:40] += 10.0
    cases.append(("asymptotic, n=20000 each, 40 values moved (Durbin matrix)", base, nudged))
    return [continuous(name, ref, cur) for name, ref, cur in cases]


def categorical(name, ref, cur):
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    keep = (ref > 0) | (cur > 0)
    table = np.array([ref[keep], cur[keep]])
    if table.shape[1] < 2:
        chi = {"statistic": 0.0, "pValue": 1.0, "dof": 0}
    else:
        res = stats.chi2_contingency(table, correction=False)
        chi = {"statistic": f(res.statistic), "pValue": f(res.pvalue), "dof": int(res.dof)}
    out = {"name": name, "ref": ref.tolist(), "cur": cur.tolist(), "chisquare": chi}
    out.update(binned(ref, cur))
    return out


def categorical_cases():
    rng = np.random.default_rng(7)
    p = rng.dirichlet(np.ones(50))
    cases = [
        ("identical proportions", [10, 20, 30], [20, 40, 60]),
        ("shifted proportions", [30, 10], [10, 30]),
        ("a new category", [40, 60, 0], [30, 50, 20]),
        ("a vanished category", [40, 60, 25], [30, 50, 0]),
        ("a category empty in both", [5, 0, 7, 3], [6, 0, 2, 9]),
        ("one category", [12], [30]),
        ("one category left after dropping empties", [0, 9, 0], [0, 4, 0]),
        ("fifty categories", rng.multinomial(5000, p), rng.multinomial(4000, p)),
        ("fifty categories, drifted", rng.multinomial(5000, p), rng.multinomial(4000, rng.dirichlet(np.ones(50)))),
        ("huge counts, tiny p-value", [600000, 400000], [500000, 500000]),
        ("huge counts, p-value near underflow", [900000, 100000, 0], [100000, 800000, 100000]),
        ("small counts", [1, 2, 1], [2, 0, 3]),
    ]
    return [categorical(name, ref, cur) for name, ref, cur in cases]


def binary(name, ref, cur):
    n1, n2 = sum(ref), sum(cur)
    p1, p2 = ref[1] / n1, cur[1] / n2
    pooled = (ref[1] + cur[1]) / (n1 + n2)
    var = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if p1 == p2 or not var > 0:
        z, pv = 0.0, 1.0
    else:
        z = abs((p1 - p2) / math.sqrt(var))
        pv = min(1.0, 2 * stats.norm.sf(z))
    return {"name": name, "ref": list(map(float, ref)), "cur": list(map(float, cur)), "ztest": {"statistic": f(z), "pValue": f(pv)}}


def binary_cases():
    return [binary(*c) for c in [
        ("equal proportions", [50, 50], [25, 25]),
        ("shifted proportions", [60, 40], [40, 60]),
        ("small samples", [3, 7], [6, 4]),
        ("rare positives", [9990, 10], [9950, 50]),
        ("huge samples, tiny p-value", [500000, 500000], [480000, 520000]),
        ("huge samples, p-value near underflow", [900000, 100000], [800000, 200000]),
        ("constant on the same value", [0, 40], [0, 25]),
        ("constant on different values", [40, 0], [0, 25]),
    ]]


def quantile_cases():
    rng = np.random.default_rng(11)
    ps = [0.0, 0.1, 0.25, 0.3, 0.5, 0.7, 0.75, 0.9, 0.99, 1.0, 1 / 3, 2 / 3]
    arrays = [
        [1.0, 1.0, 2.0, 10.0],
        [5.0],
        rng.integers(0, 5, 37).astype(float),
        np.round(rng.normal(0, 1, 101), 2),
        rng.lognormal(0, 2, 1000),
    ]
    out = []
    for a in arrays:
        a = np.asarray(a, dtype=float)
        out.append({"values": a.tolist(), "ps": ps, "quantiles": [float(np.quantile(a, q)) for q in ps],
                    "edges10": [float(e) for e in np.unique(np.quantile(a, np.arange(1, BINS) / BINS))]})
    return out


def special_cases():
    rng = np.random.default_rng(3)
    xs = [-40, -8, -3, -1.5, -0.5, 0, 0.3, 1, 1.96, 3, 5, 8.5, 10, 20, 30, 37, 38.4, 40]
    chi = [(x, d) for d in [1, 2, 3, 5, 10, 49, 99, 200] for x in [0, 0.01, 0.5, 1, 2, d * 0.8, d, d * 1.2, d + 10, 50, 200, 700, 1400]]
    ks_grid = []
    for n in [1, 2, 3, 5, 10, 20, 50, 100, 140, 141, 500, 1000, 5000, 8571, 10000, 50000, 100001, 300000, 2000000]:
        ds = list(rng.uniform(0, 1, 4)) + list(np.exp(rng.uniform(math.log(0.3 / n), 0, 10))) + [0.5 / n, 1 / n, (n - 1) / n, 0.5]
        ks_grid += [(float(d), n) for d in ds]
    smirnov_grid = [(n, float(x)) for n in [2, 5, 10, 100, 1000, 10000, 100000, 1500000]
                    for x in list(rng.uniform(0, 1, 4)) + list(np.exp(rng.uniform(math.log(0.5 / n), 0, 6)))]
    exact = []
    for n1, n2 in [(5, 5), (3, 4), (10, 7), (20, 20), (50, 60), (100, 99), (1000, 1000), (2000, 1500), (10000, 9999), (10000, 10000), (10000, 37), (6000, 4000)]:
        g = math.gcd(n1, n2)
        for d in sorted(set([1 / n1, 1 / max(n1, n2)] + list(rng.uniform(0, 0.2, 4)) + [0.3, 0.5, 0.9, 1.0])):
            ok, dd, p = _attempt_exact_2kssamp(n1, n2, g, d, "two-sided")
            exact.append({"n1": n1, "n2": n2, "d": float(d), "success": bool(ok), "dRounded": f(dd), "pValue": f(p)})
    cvm_exact = []
    for m, n in [(2, 2), (3, 3), (5, 4), (7, 6), (10, 10), (20, 15), (20, 20)]:
        for _ in range(3):
            x, y = rng.integers(0, 8, m), rng.integers(0, 8, n)
            r = stats.rankdata(np.concatenate([np.sort(x), np.sort(y)]))
            u = m * np.sum((r[:m] - np.arange(1, m + 1)) ** 2) + n * np.sum((r[m:] - np.arange(1, n + 1)) ** 2)
            cvm_exact.append({"u": float(u), "m": m, "n": n, "pValue": f(_pval_cvm_2samp_exact(np.asarray(u), m, n))})
    return {
        "normalSf": [[x, f(stats.norm.sf(x))] for x in xs],
        "erfc": [[x, f(special.erfc(x))] for x in xs],
        "chi2Sf": [[float(x), d, f(stats.chi2.sf(x, d))] for x, d in chi],
        "gamma": [[x, f(special.gamma(x))] for x in [0.1, 0.5, 0.75, 1, 1.25, 2.5, 5, 10, 33.5, 100, 170]],
        "lgamma": [[x, f(special.gammaln(x))] for x in [0.1, 0.5, 1, 1.5, 2, 2.5, 12.9, 13, 50, 100, 999, 1000, 1e5, 1e9]],
        "besselK": [[0.25, x, f(special.kv(0.25, x))] for x in [0.01, 0.1, 0.5, 1, 1.5, 1.99, 2, 2.5, 5, 10, 30, 100, 500]],
        "kstwoSf": [[d, n, f(stats.kstwo.sf(d, n))] for d, n in ks_grid],
        "smirnovSf": [[n, x, f(special.smirnov(n, x))] for n, x in smirnov_grid],
        "cvmInfCdf": [[x, f(_cdf_cvm_inf(np.asarray(x, dtype=float)))] for x in [0.003, 0.01, 0.05, 0.1, 0.2, 0.461, 0.743, 1.0, 2.0, 3.5]],
        "ksExact": exact,
        "cvmExact": cvm_exact,
    }


def anderson_fit():
    b0 = np.array([0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085])
    b1 = np.array([-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615])
    b2 = np.array([-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154])
    critical = b0 + b1 + b2
    sig = np.array([0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001])
    return {"critical": critical.tolist(), "fit": np.polyfit(critical, np.log(sig), 2).tolist()}


def main():
    fixture = {
        "generator": "test/oracles/drift.py",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "continuous": continuous_cases(),
        "categorical": categorical_cases(),
        "binary": binary_cases(),
        "quantiles": quantile_cases(),
        "special": special_cases(),
        "andersonFit": anderson_fit(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(fixture, fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"wrote {os.path.relpath(OUT)} with numpy {np.__version__}, scipy {scipy.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
