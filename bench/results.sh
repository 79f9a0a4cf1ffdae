#!/usr/bin/env bash
# Timings of the results pipeline, printed (never asserted):
#   - a sweep on 1 and on 2 jobs, and their ratio;
#   - the share of training time spent committing epochs, each with its
#     run's checkpoint (about 95 KB for [784, 30, 10]), to SQLite;
#   - exporting 1,000 runs x 30 epochs to CSV;
#   - the check before writing (quick_check) on a database of about 100 MB.
# Usage: bench/results.sh [path/to/runner]   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runner=${1:-.build/release/runner}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

now() { date +%s.%N; }

echo "== sweep of bench/sweep.yaml (4 runs x 5 epochs on 50,000 images)"
declare -A took
for jobs in 1 2; do
  start=$(now)
  "$runner" sweep bench/sweep.yaml --db "$scratch/jobs$jobs.sqlite" --out "$scratch/out$jobs" --jobs "$jobs" --quiet
  took[$jobs]=$(echo "$(now) - $start" | bc -l)
  printf 'jobs %d: %.2f s\n' "$jobs" "${took[$jobs]}"
done
printf 'jobs 2 / jobs 1: %.2f\n' "$(echo "${took[2]} / ${took[1]}" | bc -l)"

echo "== per-epoch logging (each epoch's row and checkpoint, one transaction)"
"$runner" sweep bench/sweep.yaml --db "$scratch/logging.sqlite" --out "$scratch/out" --jobs 1 2>/dev/null | grep '^database writes'

echo "== export of 1,000 runs x 30 epochs"
db="$scratch/export.sqlite"
"$runner" sweep experiments/smoke.yaml --db "$db" --out "$scratch/out" --quiet
sqlite3 "$db" <<'SQL'
INSERT INTO experiments(name, description, spec_yaml, spec_sha256, created_at)
  VALUES ('bench-export', 'synthetic rows for timing exports', '', '', '2026-01-01T00:00:00.000Z');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO runs(experiment_id, config_hash, layers, hidden, eta, epochs, batch_size, seed, init, dataset,
                 train_size, test_size, params_json, status, final_accuracy, best_accuracy, best_epoch,
                 final_train_cost, wall_seconds)
SELECT (SELECT id FROM experiments WHERE name = 'bench-export'), printf('bench%04d', i), '784-30-10', '30',
       0.001 * i, 30, 10, i % 3, 'normal', 'mnist', 50000, 10000, '{}', 'done', 0.95 + i * 1e-6,
       0.951 + i * 1e-6, 28, 0.01 + i * 1e-7, 3.1415926 + i
FROM n;
INSERT INTO experiment_runs(experiment_id, run_id, position)
SELECT experiment_id, id, id FROM runs WHERE config_hash LIKE 'bench%';
WITH RECURSIVE e(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM e WHERE k < 30)
INSERT INTO epochs(run_id, epoch, train_cost, test_cost, test_accuracy, seconds)
SELECT r.id, e.k, 0.1 / e.k + r.id * 1e-9, 0.11 / e.k, 0.9 + e.k * 0.001 + r.id * 1e-9, 0.123456789
FROM runs r, e WHERE r.config_hash LIKE 'bench%';
SQL
for pass in 1 2 3; do
  start=$(now)
  "$runner" export --db "$db" --experiment bench-export --out "$scratch/export" >/dev/null
  printf 'pass %d: %.3f s\n' "$pass" "$(echo "$(now) - $start" | bc -l)"
done
wc -l "$scratch"/export/bench-export-*.csv | sed 's|'"$scratch"'/export/||'

echo "== the check before writing, on a database of 36,000 runs x 30 epochs"
sqlite3 "$db" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 35000)
INSERT INTO runs(experiment_id, config_hash, layers, hidden, eta, epochs, batch_size, seed, init, dataset,
                 train_size, test_size, params_json, status, final_accuracy, best_accuracy, best_epoch,
                 final_train_cost, wall_seconds)
SELECT (SELECT id FROM experiments WHERE name = 'bench-export'), printf('large%060d', i), '784-30-10', '30',
       0.001 * i, 30, 10, i % 3, 'normal', 'mnist', 50000, 10000, '{}', 'done', 0.95, 0.951, 28, 0.01, 3.14
FROM n;
INSERT INTO experiment_runs(experiment_id, run_id, position)
SELECT experiment_id, id, id FROM runs WHERE config_hash LIKE 'large%';
WITH RECURSIVE e(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM e WHERE k < 30)
INSERT INTO epochs(run_id, epoch, train_cost, test_cost, test_accuracy, seconds, eta, validation_cost,
                   validation_accuracy)
SELECT r.id, e.k, 0.1 / e.k + r.id * 1e-9, 0.11 / e.k, 0.9 + e.k * 0.001 + r.id * 1e-9, 0.123456789, 3.0,
       0.12 / e.k, 0.91 + e.k * 0.001
FROM runs r, e WHERE r.config_hash LIKE 'large%';
SQL
printf 'database: %d MB\n' "$(( $(stat -c %s "$db") / 1000000 ))"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
timed() { local start; start=$(now); "$@" >/dev/null; echo "$(now) - $start" | bc -l; }
printf 'quick_check: %.3f s (median of 7)\n' \
  "$(for _ in 1 2 3 4 5 6 7; do timed sqlite3 -readonly "$db" 'PRAGMA quick_check'; done | median)"
printf 'integrity_check (runner check): %.3f s (median of 3)\n' \
  "$(for _ in 1 2 3; do timed sqlite3 -readonly "$db" 'PRAGMA integrity_check'; done | median)"
printf 'runner gc --yes (opens to write, deletes nothing): %.3f s (median of 7)\n' \
  "$(for _ in 1 2 3 4 5 6 7; do timed "$runner" gc --db "$db" --yes; done | median)"
