#!/usr/bin/env python3
"""Writes a synthetic prediction log (SPEC.md header and line shape) for benchmarks and
screenshots: `--lines N` predictions spread over `--days D` days ending `--end` (2026-11-22), with a
daily revenue cycle, a slow upward drift, a few outliers and (optionally) malformed lines.
`--shape calendar` writes the ten-column lines (date = the timestamp's day, forecast_date = the
day after, an interval around the prediction, a request id);
`--shape five` (the default) the original five columns.

    python3 scripts/make_prediction_log.py --lines 1000000 --output /tmp/log.csv
Standard library only.
"""
import argparse
import math
import random
from datetime import datetime, timedelta, timezone


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--days", type=float, default=30)
    parser.add_argument("--output", required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--malformed", type=int, default=0, help="number of broken lines to insert")
    parser.add_argument("--version", default="20261101T000000Z-abc123")
    parser.add_argument("--shape", choices=["five", "calendar"], default="five")
    parser.add_argument("--end", default="2026-11-22", help="day of the last line (YYYY-MM-DD), at noon UTC")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    end = datetime.fromisoformat(args.end).replace(hour=12, tzinfo=timezone.utc)
    start = end - timedelta(days=args.days)
    span = (end - start).total_seconds()
    broken = set(rng.sample(range(args.lines), min(args.malformed, args.lines)))
    with open(args.output, "w") as out:
        header = "timestamp,ca_total,nb_commandes,prediction,model_version"
        if args.shape == "calendar":
            header += ",date,forecast_date,lower,upper,request_id"
        out.write(header + "\n")
        for i in range(args.lines):
            t = start + timedelta(seconds=span * i / max(args.lines - 1, 1))
            phase = (t.timestamp() % 86400) / 86400
            trend = 1 + 0.15 * i / max(args.lines, 1)
            revenue = max(0.0, rng.gauss(15000 * trend * (1 + 0.1 * math.sin(2 * math.pi * phase)), 1800))
            orders = max(0, int(revenue / 48 + rng.gauss(0, 12)))
            prediction = 0.7 * revenue + 4800 + rng.gauss(0, 900)
            if rng.random() < 0.0005:
                prediction *= 2.5
            stamp = t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
            line = f"{stamp},{revenue:.2f},{orders},{prediction:.2f},{args.version}"
            if args.shape == "calendar":
                day = t.date()
                line += f",{day},{day + timedelta(days=1)},{prediction * 0.85:.2f},{prediction * 1.15:.2f},req-{i:08x}"
            line += "\n"
            if i in broken:
                line = line[: rng.randrange(5, len(line) - 5)] + "\n"
            out.write(line)


if __name__ == "__main__":
    main()
