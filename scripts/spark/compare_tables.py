"""Checks that two daily features tables are the same: same days, same order counts, revenue and
label equal to 1e-9 relative. Each side is a CSV file or a folder of Spark part files.

    python compare_tables.py OURS.csv SPARK_OUTPUT
Prints one line; exit status 1 when they differ.
"""

import glob
import os
import sys

HEADER = "date,ca_total,nb_commandes,label"
TOLERANCE = 1e-9


def read_table(path):
    files = sorted(glob.glob(os.path.join(path, "part-*.csv"))) if os.path.isdir(path) else [path]
    rows = {}
    for name in files:
        with open(name, encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if not line or line == HEADER:
                    continue
                date, revenue, orders, label = line.split(",")
                if date in rows:
                    sys.exit(f"compare: {date} appears twice in {path}")
                rows[date] = (float(revenue), int(orders), float(label))
    return rows


def close(a, b):
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1.0)


def main():
    ours, theirs = read_table(sys.argv[1]), read_table(sys.argv[2])
    if set(ours) != set(theirs):
        only = sorted(set(ours) ^ set(theirs))
        print(f"DIFFERENT days: {len(ours)} vs {len(theirs)}, first unmatched {only[:3]}")
        sys.exit(1)
    worst, bad = 0.0, []
    for date, (revenue, orders, label) in ours.items():
        other = theirs[date]
        for a, b in ((revenue, other[0]), (label, other[2])):
            worst = max(worst, abs(a - b) / max(abs(a), abs(b), 1.0))
        if orders != other[1] or not close(revenue, other[0]) or not close(label, other[2]):
            bad.append(date)
    total = sum(r[0] for r in ours.values())
    if bad:
        print(f"DIFFERENT on {len(bad)} days, first {sorted(bad)[:3]}")
        sys.exit(1)
    print(f"SAME {len(ours)} days, {sum(r[1] for r in ours.values())} orders, revenue {total:.2f}, "
          f"largest relative difference {worst:.1e}")


if __name__ == "__main__":
    main()
