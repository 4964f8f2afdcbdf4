"""The Python half of scripts/bench_explain.sh: fits scikit-learn's RandomForestRegressor
(200 trees, the defaults) on the sample's extended features, exports its trees with their covers,
and times the `shap` package's TreeExplainer beside our TreeSHAP (the compiled Swift bench) on
the same trees and test rows; then our TreeSHAP on our own forest fitted on the same rows.
Prints one table with the ratios and the largest difference between the two explanations.

Usage: bench_explain.py BENCH_BINARY TRAIN.csv TEST.csv WORKDIR REPEATS
"""
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import shap
import sklearn
from sklearn.ensemble import RandomForestRegressor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_shap_fixtures import preorder  # noqa: E402  (same export as the test fixture)

binary, train_csv, test_csv, workdir, repeats = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])


def read_csv(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return data[:, :-1], data[:, -1]


X_train, y_train = read_csv(train_csv)
X_test, _ = read_csv(test_csv)
# Our forest compares float64 values with its thresholds; scikit-learn reads float32. Rows already
# exact in float32 make both walk the same branches (revenue has cents, so round them).
X_test = X_test.astype(np.float32).astype(np.float64)
np.savetxt(os.path.join(workdir, "test32.csv"), np.column_stack([X_test, np.zeros(len(X_test))]), delimiter=",",
           header=",".join([f"x{i}" for i in range(X_test.shape[1])] + ["target"]), comments="", fmt="%.17g")

model = RandomForestRegressor(n_estimators=200, random_state=0, n_jobs=-1).fit(X_train, y_train)
trees_path = os.path.join(workdir, "trees.json")
with open(trees_path, "w") as handle:
    json.dump([preorder(estimator.tree_) for estimator in model.estimators_], handle)

explainer = shap.TreeExplainer(model, feature_perturbation="tree_path_dependent")
singles = []
for _ in range(repeats):
    start = time.perf_counter()
    explainer.shap_values(X_test[:1], check_additivity=False)
    singles.append(time.perf_counter() - start)
start = time.perf_counter()
reference = explainer.shap_values(X_test, check_additivity=False)
shap_all = time.perf_counter() - start

ours = json.loads(subprocess.check_output([binary, "explain", trees_path, os.path.join(workdir, "test32.csv"), str(repeats)]))
own = json.loads(subprocess.check_output([binary, "own", train_csv, os.path.join(workdir, "test32.csv"), str(repeats)]))
difference = float(np.max(np.abs(np.array(ours["values"]) - reference)))
scale = float(np.max(np.abs(reference)))

shap_single = statistics.median(singles)
rows = len(X_test)
print(f"# scikit-learn {sklearn.__version__}, shap {shap.__version__}; {len(X_train)} training rows x {X_train.shape[1]} "
      f"features, 200 trees; {rows} test rows")
print(f"{'':44}{'one row':>12}{f'{rows} rows':>12}")
print(f"{'shap TreeExplainer, sklearn forest':44}{shap_single * 1e3:>10.2f}ms{shap_all * 1e3:>10.1f}ms")
print(f"{'ours (ForestExplainer), same sklearn forest':44}{ours['single_seconds'] * 1e3:>10.2f}ms"
      f"{ours['all_seconds'] * 1e3:>10.1f}ms")
print(f"{'ratio shap / ours':44}{shap_single / ours['single_seconds']:>11.2f}x{shap_all / ours['all_seconds']:>11.2f}x")
print(f"{'ours on our own forest (same rows)':44}{own['single_seconds'] * 1e3:>10.2f}ms{own['all_seconds'] * 1e3:>10.1f}ms")
print(f"largest |ours - shap| over {rows} rows x {X_train.shape[1]} features: {difference:.3g} (largest value {scale:.5g})")
print(f"expected value: ours {ours['expected_value']:.10g}, shap {float(np.ravel(explainer.expected_value)[0]):.10g}")
print(f"our own forest: {own['nodes']} nodes, deepest leaf {own['depth']}, "
      f"|expected + sum(contributions) - prediction| <= {own['additivity']:.3g}")
