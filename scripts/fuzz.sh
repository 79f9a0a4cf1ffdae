#!/usr/bin/env bash
# Builds the fuzz targets of Fuzz/ with libFuzzer and AddressSanitizer, runs
# each for SECONDS, two at a time (one per core), and prints per target the
# inputs executed, the coverage reached (libFuzzer's features) and what was
# found; fails when anything was.
#
#   scripts/fuzz.sh SECONDS [TARGET...]
#
# A finding is a crash, a hang (one input over 1 s), a leak or an allocation
# over 1 GiB; its input is in .build/fuzz/findings/TARGET/. Each target
# starts from its seeds (Fuzz/Corpus/TARGET and the directories below) and
# keeps what it learns in .build/fuzz/corpus/TARGET, for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: $0 SECONDS [TARGET...]}
shift
targets=("$@")
((${#targets[@]})) || targets=(FuzzExperiment FuzzDataset FuzzDatabase FuzzHTTP)
swift=${SWIFT:-swift}

# The longest input each target makes: room for its seeds and for every
# limit its reader checks (the dashboard's 16 KiB head), yet short enough
# that mutations stay quick. All are under 1 MiB, the size a hang is judged at.
declare -A max_len=([FuzzExperiment]=16384 [FuzzDataset]=16384 [FuzzDatabase]=131072 [FuzzHTTP]=20480)
# Seeds besides Fuzz/Corpus/TARGET: the bad and the shipped experiment files,
# and the databases fuzzing found mishandled.
declare -A seeds=([FuzzExperiment]="Tests/Corpus/experiments experiments" [FuzzDatabase]=Tests/Corpus/databases)

# Product by product: building the whole package would also build runner's
# own executable with the sanitizers, which nothing here runs. SwiftPM passes
# its two sanitizers to swiftc as two flags, of which the compiler keeps the
# last, address, and so no coverage: the combined flag, given last,
# instruments for both.
build=("$swift" build --package-path Fuzz -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address)
mkdir -p .build/fuzz
for target in "${targets[@]}"; do
  [[ -n ${max_len[$target]:-} ]] || { echo "no fuzz target $target" >&2; exit 2; }
  "${build[@]}" --product "$target" >.build/fuzz/build.log 2>&1 || { cat .build/fuzz/build.log >&2; exit 1; }
done
bin=$("${build[@]}" --show-bin-path)

fuzz() {
  local target=$1 work=.build/fuzz/corpus/$1 findings=.build/fuzz/findings/$1
  mkdir -p "$work" "$findings"
  rm -f "$findings"/*
  # Only the seed directories a clone has: git keeps no empty one, and
  # libFuzzer stops at a directory that is not there.
  local dirs=()
  for dir in "Fuzz/Corpus/$target" ${seeds[$target]:-}; do
    [[ -d $dir ]] && dirs+=("$dir")
  done
  "$bin/$target" "$work" "${dirs[@]}" \
    -max_total_time="$seconds" -timeout=1 -malloc_limit_mb=1024 -rss_limit_mb=2048 \
    -max_len="${max_len[$target]}" -print_final_stats=1 -artifact_prefix="$findings/" \
    >".build/fuzz/$target.log" 2>&1 || true
}

running=0
for target in "${targets[@]}"; do
  fuzz "$target" &
  if ((++running == 2)); then wait -n; ((running--)); fi
done
wait

status=0
printf '%-16s %12s %9s  %s\n' target executions features found
for target in "${targets[@]}"; do
  log=.build/fuzz/$target.log
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  features=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' "$log" | tail -1)
  found=$(cd ".build/fuzz/findings/$target" && ls)
  if [[ -n $found ]]; then
    status=1
    found=$(echo $found | sed "s|\([^ ]*\)|.build/fuzz/findings/$target/\1|g")
  elif [[ -z $executions ]]; then
    status=1
    found="did not finish: see $log"
  else
    found=nothing
  fi
  printf '%-16s %12s %9s  %s\n' "$target" "${executions:--}" "${features:--}" "$found"
done
exit $status
