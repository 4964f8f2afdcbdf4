"""Quality benchmark driver (see bench_quality.sh): runs `forecast train --json` on each shop,
then scikit-learn's RandomForestRegressor on the same features and the same backtest folds.

The features are recomputed here from their definitions (ModelRegistry/FeatureSet.swift for the
level forest's `extended` set, ModelRegistry/ScaleFreeFeatures.swift for the scale-free one), so
the reference sees what our forests see.
"""
import csv
import datetime
import json
import subprocess
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestRegressor

CANDIDATES = ["forest", "forest_scale_free", "seasonal_naive", "moving_average_7d", "persistence", "blend"]
RULES = ["seasonal_naive", "moving_average_7d", "persistence"]
HISTORY = 27  # earlier days the features look at


def read(path):
    days, revenue, orders, labels = [], [], [], []
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            days.append(datetime.date.fromisoformat(row["date"]))
            revenue.append(float(row["ca_total"]))
            orders.append(float(row["nb_commandes"]))
            labels.append(float(row["label"]))
    return days, np.array(revenue), np.array(orders), np.array(labels)


def mean_days(earlier, today, days):
    before = earlier[-(days - 1):] if days > 1 else []
    return (sum(before) + today) / (len(before) + 1)


def same_weekday(earlier, weeks):
    back = 7 * weeks - 1
    return earlier[-back] if back <= len(earlier) else None


def features(days, revenue, orders):
    """Rows of the extended level features and of the scale-free features, and the scales."""
    extended, scale_free, scales = [], [], []
    for i, day in enumerate(days):
        earlier = list(revenue[max(0, i - HISTORY):i])
        today = revenue[i]
        weekday = (day + datetime.timedelta(days=1)).isoweekday()
        mean7, mean28 = mean_days(earlier, today, 7), mean_days(earlier, today, 28)
        week_before = earlier[-6] if len(earlier) >= 6 else mean7
        extended.append([today, orders[i], weekday, mean7, mean28, week_before, today / mean7 if mean7 != 0 else 1])

        def ratio(value, base):
            return value / base if base > 0 else 1

        same = same_weekday(earlier, 1)
        four = [v for v in (same_weekday(earlier, w) for w in range(1, 5)) if v is not None]
        scale_free.append([
            ratio(today, mean7), ratio(today, mean28), ratio(mean7, mean28), weekday,
            ratio(same if same is not None else mean7, mean7),
            ratio(sum(four) / len(four) if four else mean7, mean7),
        ])
        scales.append(mean7)
    return np.array(extended), np.array(scale_free), np.array(scales)


def sklearn_backtest(path, folds, seed):
    """Mean fold MAE of scikit-learn forests on the level and the scale-free features."""
    days, revenue, orders, labels = read(path)
    extended, scale_free, scales = features(days, revenue, orders)
    starts = [fold["train_rows"] for fold in folds]
    ends = starts[1:] + [len(days)]
    level_mae, free_mae = [], []
    for start, end in zip(starts, ends):
        model = RandomForestRegressor(n_estimators=200, random_state=seed, n_jobs=-1)
        model.fit(extended[:start], labels[:start])
        level_mae.append(np.mean(np.abs(model.predict(extended[start:end]) - labels[start:end])))
        usable = scales[:start] > 0
        model = RandomForestRegressor(n_estimators=200, random_state=seed, n_jobs=-1)
        model.fit(scale_free[:start][usable], (labels[:start] / np.where(scales[:start] > 0, scales[:start], 1))[usable])
        predicted = model.predict(scale_free[start:end]) * scales[start:end]
        free_mae.append(np.mean(np.abs(predicted - labels[start:end])))
    return float(np.mean(level_mae)), float(np.mean(free_mae))


def train(forecast, path, models):
    began = time.perf_counter()
    out = subprocess.run(
        [forecast, "train", "--features", path, "--models-dir", models, "--json"],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out), time.perf_counter() - began


def main():
    forecast, work, shops = sys.argv[1], sys.argv[2], [arg.split("=", 1) for arg in sys.argv[3:]]
    rows, failures = [], []
    for name, path in shops:
        report, seconds = train(forecast, path, f"{work}/models-{name}")
        scores = {c: report["candidates"][c]["backtest"]["mae"] for c in CANDIDATES}
        selected = report["selected"]
        best_rule = min(RULES, key=lambda r: scores[r])
        auto = scores[selected]
        gain = (scores[best_rule] - auto) / scores[best_rule] * 100
        coverage = report["test"]["coverage"] * 100
        sk_level, sk_free = sklearn_backtest(path, report["backtest"]["folds"], report["hyperparameters"]["seed"])
        rows.append((name, scores, selected, auto, best_rule, gain, coverage, sk_level, sk_free, seconds))
        if auto > scores[best_rule]:
            failures.append(f"{name}: auto ({selected}) MAE {auto:.0f} is worse than {best_rule} {scores[best_rule]:.0f}")
        if name == "sample" and gain < 10:
            failures.append(f"sample: auto is only {gain:.1f} % better than the best rule (goal >= 10 %)")
        if name == "level-shift" and scores["forest_scale_free"] > 1.05 * scores[best_rule]:
            failures.append(f"level-shift: scale-free forest {scores['forest_scale_free']:.0f} is more than 5 % above {best_rule}")
        if name in ("sample", "level-shift") and abs(coverage - 80) > 7:
            failures.append(f"{name}: test coverage {coverage:.1f} % is outside 80 ± 7 %")

    print()
    print("Backtest MAE, mean over 5 folds (ours; `sklearn` = scikit-learn RandomForestRegressor(200 trees) on the same features and folds):")
    print()
    print("| shop | forest | forest_scale_free | seasonal_naive | moving_average_7d | persistence | blend | auto (selected) | vs best rule | test coverage | sklearn forest (ratio ours/sklearn) | sklearn scale-free (ratio) | train time |")
    print("|---|" + "---:|" * 12)
    for name, scores, selected, auto, best_rule, gain, coverage, sk_level, sk_free, seconds in rows:
        cells = " | ".join(f"{scores[c]:,.0f}" for c in CANDIDATES)
        print(f"| {name} | {cells} | {auto:,.0f} ({selected}) | {gain:+.1f} % vs {best_rule} | {coverage:.1f} % "
              f"| {sk_level:,.0f} ({scores['forest'] / sk_level:.2f}) | {sk_free:,.0f} ({scores['forest_scale_free'] / sk_free:.2f}) "
              f"| {seconds:.2f} s |")
    print()
    if failures:
        print("Goals missed:")
        for failure in failures:
            print(f"- {failure}")
    else:
        print("Goals met: auto never worse than the best rule; >= 10 % better on the sample; scale-free forest within "
              "5 % of the best rule on the level-shift shop; coverage 80 ± 7 % on the sample and the level-shift shop.")


if __name__ == "__main__":
    main()
