#!/usr/bin/env python3
"""Reference for scripts/bench_plot.sh: what the original notebook did with pandas and
matplotlib — read the prediction log, draw predictions over time and their histogram as SVG.

    scripts/.venv/bin/python scripts/bench_plot_reference.py LOG OUTPUT_DIR
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


def main():
    log, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    frame = pd.read_csv(log, on_bad_lines="skip")
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], errors="coerce", utc=True)
    frame["prediction"] = pd.to_numeric(frame["prediction"], errors="coerce")
    frame = frame.dropna(subset=["timestamp", "prediction"])
    figure, axes = plt.subplots(figsize=(10, 5))
    axes.plot(frame["timestamp"], frame["prediction"], linewidth=0.8)
    axes.set_title("Predictions over time")
    figure.savefig(os.path.join(out, "predictions_time_series.svg"))
    plt.close(figure)
    figure, axes = plt.subplots(figsize=(10, 5))
    axes.hist(frame["prediction"], bins=30)
    axes.set_title("Distribution of predictions")
    figure.savefig(os.path.join(out, "predictions_histogram.svg"))
    plt.close(figure)


if __name__ == "__main__":
    main()
