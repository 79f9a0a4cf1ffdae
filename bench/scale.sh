#!/usr/bin/env bash
# How far one machine's tooling scales, printed (never asserted):
#   - runner merge of 100 shard databases of 100 runs x 30 epochs each;
#   - the time runner sweep --dry-run takes to expand, hash and list grids of
#     growing size.
# Usage: bench/scale.sh [path/to/runner]   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runner=$(realpath "${1:-.build/release/runner}")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
now() { date +%s.%N; }

echo "== merge of 100 shards x 100 runs x 30 epochs"
template="$scratch/template.sqlite"
"$runner" sweep experiments/smoke.yaml --db "$template" --out "$scratch/out" --quiet
sqlite3 "$template" "DELETE FROM epochs; DELETE FROM experiment_runs; DELETE FROM runs; DELETE FROM experiments;
  INSERT INTO experiments(name, description, spec_yaml, spec_sha256, created_at)
  VALUES ('bench-merge', 'synthetic shards', '', '', '2026-01-01T00:00:00.000Z');"
mkdir -p "$scratch/shards"
for shard in $(seq 0 99); do
  file="$scratch/shards/bench-merge-$shard-of-100.sqlite"
  cp "$template" "$file"
  sqlite3 "$file" "
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99)
    INSERT INTO runs(experiment_id, config_hash, layers, hidden, eta, epochs, batch_size, seed, init, dataset,
                     train_size, test_size, params_json, status, final_accuracy, best_accuracy, best_epoch,
                     final_train_cost, wall_seconds, host, owner_pid, runner_version)
    SELECT 1, printf('%03d-%03d', $shard, i), '784-30-10', '30', 0.01 * (i + 1), 30, 10, $shard, 'normal', 'mnist',
           50000, 10000, '{}', 'done', 0.95, 0.951, 28, 0.01, 3.5, 'node$shard', 1000 + i, '0.1.0' FROM n;
    INSERT INTO experiment_runs(experiment_id, run_id, position) SELECT 1, id, $shard * 100 + id - 1 FROM runs;
    WITH RECURSIVE e(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM e WHERE k < 30)
    INSERT INTO epochs(run_id, epoch, train_cost, test_cost, test_accuracy, seconds)
    SELECT r.id, e.k, 0.1 / e.k, 0.11 / e.k, 0.9 + e.k * 0.001, 0.12 FROM runs r, e;"
done
start=$(now)
"$runner" merge "$scratch"/shards/*.sqlite --into "$scratch/merged.sqlite" >/dev/null
took=$(echo "$(now) - $start" | bc -l)
printf 'merged 10000 runs (300000 epochs) in %.2f s: %.0f runs/s\n' "$took" "$(echo "10000 / $took" | bc -l)"
start=$(now)
"$runner" merge "$scratch"/shards/*.sqlite --into "$scratch/merged.sqlite" >/dev/null
printf 'merging the same 100 shards again (nothing to copy): %.2f s\n' "$(echo "$(now) - $start" | bc -l)"

echo "== dry run of growing grids (expand, validate, hash, list)"
for size in 10 100 1000 10000 100000; do
  etas=$(seq -s, 1 "$size" | sed 's/\([0-9]*\)/\1.5/g')
  cat > "$scratch/grid.yaml" <<YAML
name: bench-grid
layers: [784, 30, 10]
epochs: 30
batch: 10
grid:
  eta: [$etas]
YAML
  start=$(now)
  "$runner" sweep "$scratch/grid.yaml" --dry-run --db "$scratch/none.sqlite" >/dev/null
  printf '%6d runs: %.2f s\n' "$size" "$(echo "$(now) - $start" | bc -l)"
done
