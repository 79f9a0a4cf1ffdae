#!/usr/bin/env bash
# What early stopping saves and what it finds, printed (never asserted):
# experiments/search.yaml (successive halving over 27 sampled points, 1 to
# 27 epochs, reduction 3) against bench/search-full.yaml (the same 27 points,
# every one trained to 27 epochs). Both are compared by test accuracy at the
# best validation epoch of the configuration each ranks best on validation.
# Limits: at most 35% of the epochs, and within 0.3 points of the best.
# Usage: bench/search.sh [path/to/runner]   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runner=${1:-.build/release/runner}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
db="$scratch/search.sqlite"

now() { date +%s.%N; }

echo "== early stopping: experiments/search.yaml against every point trained to the end"
for file in experiments/search.yaml bench/search-full.yaml; do
  start=$(now)
  "$runner" sweep "$file" --db "$db" --out "$scratch/out" --quiet
  printf '%s: %.1f s\n' "$file" "$(echo "$(now) - $start" | bc -l)"
done

sqlite3 -separator ' ' "$db" <<'SQL'
WITH trained AS (
  SELECT s.experiment, count(e.epoch) AS epochs
  FROM run_summary s JOIN epochs e ON e.run_id = s.run_id
  WHERE s.experiment IN ('search', 'search-full') GROUP BY s.experiment
)
SELECT printf('epochs trained: %d of %d (%.1f%%; limit 35%%)',
              (SELECT epochs FROM trained WHERE experiment = 'search'),
              (SELECT epochs FROM trained WHERE experiment = 'search-full'),
              100.0 * (SELECT epochs FROM trained WHERE experiment = 'search')
                    / (SELECT epochs FROM trained WHERE experiment = 'search-full'));
WITH best AS (
  SELECT experiment, eta, hidden, best_validation_accuracy AS validation,
         test_accuracy_at_best_validation AS test,
         row_number() OVER (PARTITION BY experiment
                            ORDER BY best_validation_accuracy DESC, config_hash) AS place
  FROM run_summary WHERE experiment IN ('search', 'search-full') AND status = 'done'
)
SELECT printf('%-11s best on validation: eta %g, hidden %s: validation %.2f%%, test %.2f%%',
              experiment, eta, hidden, 100 * validation, 100 * test)
FROM best WHERE place = 1 ORDER BY experiment DESC;
WITH best AS (
  SELECT experiment, test_accuracy_at_best_validation AS test,
         row_number() OVER (PARTITION BY experiment
                            ORDER BY best_validation_accuracy DESC, config_hash) AS place
  FROM run_summary WHERE experiment IN ('search', 'search-full') AND status = 'done'
)
SELECT printf('difference: %.2f points of test accuracy (limit 0.3)',
              100 * ((SELECT test FROM best WHERE experiment = 'search-full' AND place = 1)
                   - (SELECT test FROM best WHERE experiment = 'search' AND place = 1)));
SELECT printf('decisions: %d (%d promoted, %d pruned); runs pruned: %d',
              count(*), sum(verdict = 'promote'), sum(verdict = 'prune'),
              (SELECT count(*) FROM run_summary WHERE experiment = 'search' AND status = 'pruned'))
FROM decisions WHERE experiment_id = (SELECT id FROM experiments WHERE name = 'search');
SQL
