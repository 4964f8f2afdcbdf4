#!/usr/bin/env python3
"""Writes Tests/ForestTests/Fixtures/shap_forest.json: a scikit-learn RandomForestRegressor's
trees and what the `shap` package's TreeExplainer says about some rows.

The forest is fitted on a small seeded data set shaped like ours (a revenue-like target driven
by a level, a weekday and a ratio, plus a noise feature). For every tree the fixture holds its
nodes in preorder (left child = next node, the layout of our DecisionTree): split feature (-1
for a leaf), right child, threshold or leaf value, and `weighted_n_node_samples` (the cover:
bootstrap counts summed, which TreeExplainer uses). Then, for a few rows, the forest's
prediction, `TreeExplainer(model, feature_perturbation="tree_path_dependent")`'s SHAP values
and its expected value. The Swift test in Tests/ForestTests rebuilds the trees and checks that
our TreeSHAP gives the same numbers to 1e-9.

Feature values sit on a 1/64 grid, so they are exact in float32 (scikit-learn compares float32
inputs with float64 thresholds; shap compares float64 ones) and both read the same branches.

Run from the repository root (installs scikit-learn and shap into scripts/.venv from PyPI if
needed, then re-runs itself there); re-running rewrites the same file (fixed seeds).
"""
import json
import os
import subprocess
import sys

VENV_PYTHON = os.path.join("scripts", ".venv", "bin", "python")
OUT = os.path.join("Tests", "ForestTests", "Fixtures", "shap_forest.json")


def ensure_venv():
    """Re-runs this script inside scripts/.venv with scikit-learn and shap installed."""
    if os.path.abspath(sys.prefix) == os.path.abspath(os.path.join("scripts", ".venv")):
        return
    if not os.path.exists(VENV_PYTHON):
        subprocess.check_call([sys.executable, "-m", "venv", os.path.join("scripts", ".venv")])
    probe = subprocess.run([VENV_PYTHON, "-c", "import sklearn, shap, numpy"], capture_output=True)
    if probe.returncode != 0:
        subprocess.check_call([VENV_PYTHON, "-m", "pip", "install", "-q", "scikit-learn", "shap", "numpy"])
    os.execv(VENV_PYTHON, [VENV_PYTHON] + sys.argv)


def make_data(np, rows, seed):
    """Seeded rows of (level, weekday, ratio, noise) on a 1/64 grid and a target from them."""
    rng = np.random.default_rng(seed)
    level = np.round(rng.uniform(50, 150, rows) * 64) / 64
    weekday = rng.integers(1, 8, rows).astype(float)
    ratio = np.round(rng.uniform(0.5, 1.5, rows) * 64) / 64
    noise = np.round(rng.normal(0, 1, rows) * 64) / 64
    target = level * (1 + 0.3 * (weekday >= 6)) * (0.7 + 0.3 * ratio) + rng.normal(0, 5, rows)
    return np.column_stack([level, weekday, ratio, noise]), target


def preorder(tree):
    """The tree's nodes in preorder, as (feature, right, value, cover) with the right child
    renumbered; scikit-learn's depth-first builder already numbers them so, but do not rely on it."""
    order, stack = [], [0]
    while stack:
        node = stack.pop()
        order.append(node)
        if tree.children_left[node] != -1:
            stack.append(int(tree.children_right[node]))
            stack.append(int(tree.children_left[node]))
    position = {node: index for index, node in enumerate(order)}
    nodes = []
    for node in order:
        cover = float(tree.weighted_n_node_samples[node])
        if tree.children_left[node] == -1:
            nodes.append({"feature": -1, "right": 0, "value": float(tree.value[node][0][0]), "cover": cover})
        else:
            assert position[int(tree.children_left[node])] == position[node] + 1
            nodes.append({
                "feature": int(tree.feature[node]), "right": position[int(tree.children_right[node])],
                "value": float(tree.threshold[node]), "cover": cover,
            })
    return nodes


def main():
    ensure_venv()
    import numpy as np
    import shap
    import sklearn
    from sklearn.ensemble import RandomForestRegressor

    features, target = make_data(np, 160, 20261203)
    model = RandomForestRegressor(n_estimators=12, min_samples_leaf=2, max_features=0.75, random_state=7)
    model.fit(features, target)
    rows, _ = make_data(np, 12, 99)
    explainer = shap.TreeExplainer(model, feature_perturbation="tree_path_dependent")
    values = explainer.shap_values(rows, check_additivity=True)
    expected = float(np.ravel(explainer.expected_value)[0])

    fixture = {
        "note": "written by scripts/make_shap_fixtures.py",
        "sklearn_version": sklearn.__version__,
        "shap_version": shap.__version__,
        "feature_names": ["level", "weekday", "ratio", "noise"],
        "trees": [preorder(estimator.tree_) for estimator in model.estimators_],
        "rows": rows.tolist(),
        "predictions": model.predict(rows).tolist(),
        "shap_values": values.tolist(),
        "expected_value": expected,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as handle:
        json.dump(fixture, handle, separators=(",", ":"))
        handle.write("\n")
    nodes = sum(len(tree) for tree in fixture["trees"])
    print(f"{OUT}: {len(fixture['trees'])} trees, {nodes} nodes, {len(rows)} rows explained", file=sys.stderr)


if __name__ == "__main__":
    main()
