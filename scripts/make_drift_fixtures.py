#!/usr/bin/env python3
"""Writes the drift-statistics fixtures in Tests/DriftTests/Fixtures/ with scipy.

Each fixture holds two samples and what scipy (and numpy, for PSI) computes on them:
`scipy.stats.ks_2samp(reference, current)` (two-sided, method "auto"),
`scipy.stats.wasserstein_distance(reference, current)`, the reference's population standard
deviation, and the PSI over numpy's Sturges bins of the pooled data. The Swift tests in
Tests/DriftTests compare our implementation with these numbers to 1e-9.

The cases are chosen to reach every branch scipy takes: exact p-values for equal and unequal
sizes, ties (integer order counts), and the asymptotic branch (a sample over 10,000 values) in
each region of the Kolmogorov distribution (Durbin matrix, Pomeranz, Pelz-Good, Smirnov tail).

Needs numpy and scipy. If they are not installed system-wide:
    python3 -m venv scripts/.venv && scripts/.venv/bin/pip install numpy scipy
    scripts/.venv/bin/python scripts/make_drift_fixtures.py
Run from the repository root; re-running rewrites the same files (fixed seeds).
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.special
from scipy import stats

OUT = os.path.join("Tests", "DriftTests", "Fixtures")


def psi(reference, current):
    """Population stability index over numpy's Sturges bins of the pooled samples."""
    edges = np.histogram_bin_edges(np.concatenate([reference, current]), bins="sturges")
    ref = np.histogram(reference, edges)[0] / len(reference)
    cur = np.histogram(current, edges)[0] / len(current)
    for shares in (ref, cur):
        smallest = shares[shares > 0].min()
        fill = smallest / 1e6 if smallest <= 0.0001 else 0.0001
        shares[shares == 0] = fill
    return float(np.sum((ref - cur) * np.log(ref / cur)))


def case(name, reference, current, note):
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    ks = stats.ks_2samp(reference, current)
    fixture = {
        "name": name,
        "note": note,
        "scipy_version": scipy.__version__,
        "reference": reference.tolist(),
        "current": current.tolist(),
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
        "wasserstein": float(stats.wasserstein_distance(reference, current)),
        "reference_std": float(np.std(reference)),
        "psi": psi(reference, current),
    }
    path = os.path.join(OUT, name + ".json")
    with open(path, "w") as handle:
        json.dump(fixture, handle, separators=(",", ":"))
        handle.write("\n")
    print(f"{path}: n={len(reference)}/{len(current)} D={ks.statistic:.6g} p={ks.pvalue:.6g}", file=sys.stderr)


def money(rng, size, loc, scale):
    return np.round(rng.normal(loc, scale, size), 2)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261122)
    case("exact_equal_sizes", money(rng, 25, 15000, 2000), money(rng, 25, 16500, 2000),
         "n1 == n2: exact, paths outside the square")
    case("exact_unequal_sizes", money(rng, 40, 15000, 2000), money(rng, 65, 15400, 2500),
         "n1 != n2: exact, inside method")
    case("exact_ties", rng.poisson(300, 60), rng.poisson(310, 90),
         "integer order counts with many ties: exact")
    case("exact_large_lattice", money(rng, 900, 15000, 2000), money(rng, 7000, 15100, 2000),
         "both <= 10,000: exact on a large lattice")
    case("asymptotic_smirnov_tail", money(rng, 1000, 15000, 2000), money(rng, 10500, 16000, 2000),
         "one sample > 10,000 and a clear shift: Kolmogorov tail = 2 x Smirnov")
    case("asymptotic_durbin_small_n", money(rng, 100, 15000, 2000), money(rng, 10500, 15000, 2000),
         "n ~ 100, no shift: Durbin matrix region (n <= 140)")
    reference = money(rng, 1000, 15000, 2000)
    current = np.tile(reference, 11)
    current[:220] += 3000.0
    case("asymptotic_durbin_large_n", reference, current,
         "n ~ 900, tiny gap (n x^1.5 <= 1.4): Durbin matrix region (n > 140)")
    case("asymptotic_pelz_good", money(rng, 520, 15000, 2000), money(rng, 10500, 15150, 2000),
         "small shift, n ~ 500: Pelz-Good region")
    case("asymptotic_pomeranz", money(rng, 120, 15000, 2000), money(rng, 10200, 15400, 2000),
         "n ~ 120: Pomeranz region")
    case("wasserstein_rule", money(rng, 2000, 15000, 2000), rng.poisson(320, 3000).astype(float) * 50,
         "reference > 1,000 rows: Evidently decides with the normalised Wasserstein distance")
    case("constant_reference", [300.0] * 30, rng.poisson(300, 40),
         "constant reference: std is 0, Evidently floors it at 0.001")
    distributions()


def distributions():
    """scipy's one-sample distributions on a grid that reaches every branch of `_kolmogn`
    (Ruben-Gambino ends, Durbin matrix, Pomeranz, Pelz-Good, 2 x Smirnov) and of `smirnov`."""
    points = []
    for n in (3, 10, 50, 120, 140, 141, 400, 1000, 5000, 150000):
        for x in (0.004, 0.02, 0.05, 0.08, 0.12, 0.2, 0.35, 0.5, 0.7, 0.95):
            points.append({
                "n": n, "x": x,
                "kolmogorov_sf": float(stats.kstwo.sf(x, n)),
                "smirnov_sf": float(scipy.special.smirnov(n, x)),
            })
    path = os.path.join(OUT, "distributions.json")
    with open(path, "w") as handle:
        json.dump({"scipy_version": scipy.__version__, "points": points}, handle, indent=0)
        handle.write("\n")
    print(f"{path}: {len(points)} points", file=sys.stderr)


if __name__ == "__main__":
    main()
