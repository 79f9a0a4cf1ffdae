#!/usr/bin/env python3
"""Compare fresh CSV exports with committed ones, number for number.

Usage: compare-exports.py COMMITTED_DIR FRESH_DIR NAME [NAME ...]

For each experiment NAME, compares NAME-runs.csv, NAME-configs.csv and
NAME-epochs.csv field by field, every column: they hold no timings and no
database ids, so the same runs give the same files wherever they trained.
NAME-timings.csv, the wall-clock seconds, is neither committed nor compared.
Prints every difference and exits 1 if there is any.
"""
import csv
import sys

KINDS = ("runs", "configs", "epochs")
KEY_COLUMNS = ("layers", "eta", "batch_size", "init", "seed", "epoch")


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise SystemExit(f"{path}: empty file, expected a header row")
    return rows[0], rows[1:]


def describe(header, row):
    """The row's identity, for humans: layers=784-30-10 eta=3.0 seed=1 epoch=4."""
    return " ".join(f"{c}={row[header.index(c)]}" for c in KEY_COLUMNS if c in header)


def compare(committed_path, fresh_path):
    differences = []
    try:
        committed_header, committed = read(committed_path)
    except FileNotFoundError:
        return [f"{committed_path}: missing (run make reproduce and commit it)"]
    try:
        fresh_header, fresh = read(fresh_path)
    except FileNotFoundError:
        return [f"{fresh_path}: missing: the fresh sweep did not export it"]
    if committed_header != fresh_header:
        return [f"{committed_path}: columns {committed_header} but fresh export has {fresh_header}"]
    if len(committed) != len(fresh):
        differences.append(f"{committed_path}: {len(committed)} rows, fresh export has {len(fresh)}")
    for number, (old, new) in enumerate(zip(committed, fresh), start=2):
        for column, a, b in zip(committed_header, old, new):
            if a != b:
                differences.append(
                    f"{committed_path}:{number}: {describe(committed_header, old)}: "
                    f"{column} committed {a}, fresh {b}")
    return differences


def main(argv):
    if len(argv) < 4:
        raise SystemExit(__doc__.strip().splitlines()[2])
    committed_dir, fresh_dir, names = argv[1], argv[2], argv[3:]
    differences = []
    for name in names:
        for kind in KINDS:
            file = f"{name}-{kind}.csv"
            differences += compare(f"{committed_dir}/{file}", f"{fresh_dir}/{file}")
    for line in differences:
        print(line)
    if differences:
        print(f"{len(differences)} difference(s) from the committed results")
        return 1
    print(f"identical to the committed results: {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
