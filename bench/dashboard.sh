#!/usr/bin/env bash
# How runner serve copes with the results of a large sweep, printed beside its
# limits (never asserted), on a generated database of 10,000 runs x 30 epochs
# (experiment `big`: 2,500 configurations x 4 seeds) and a few small
# experiments:
#   - server time of the experiments view and of one experiment's view (every
#     request of the page, sequentially, as one user opening it would cause):
#     median of 7 after a warm-up, limit 300 ms each;
#   - the experiment page in headless Chromium until its chart's first line
#     is in the DOM, limit 2 s;
#   - 200 concurrent connections (wrk) on the experiments list and on the big
#     experiment's JSON: requests/s and errors, of which there should be none;
#   - the server's peak resident memory after all of that, limit 200 MB.
# A dashboard is opened on exactly such a file after a sweep, so these are the
# figures a user meets; the limits are what feels immediate in a browser and
# what a laptop spares a background server.
# Usage: bench/dashboard.sh [path/to/runner]   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runner=$(realpath "${1:-.build/release/runner}")
python=.build/python/bin/python
scratch=$(mktemp -d)
server=""
stop_server() {
  [[ -n $server ]] || return 0
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
trap 'stop_server; rm -rf "$scratch"' EXIT
now() { date +%s.%N; }
ms() { printf '%.0f' "$(echo "$1 * 1000" | bc -l)"; }

echo "== dashboard on 10,000 runs x 30 epochs (big: 2,500 configurations x 4 seeds) and 3 small experiments"
db="$scratch/dashboard.sqlite"
start=$(now)
# A real sweep makes the schema, at its current version; its exports go to the
# scratch directory, not results/.
"$runner" sweep experiments/smoke.yaml --db "$db" --out "$scratch/out" --quiet
sqlite3 "$db" <bench/dashboard-data.sql
printf 'database generated in %.1f s: %s runs, %s epochs, %s MB\n' "$(echo "$(now) - $start" | bc -l)" \
  "$(sqlite3 "$db" 'SELECT count(*) FROM runs')" "$(sqlite3 "$db" 'SELECT count(*) FROM epochs')" \
  "$(( $(stat -c %s "$db") / 1000000 ))"

"$runner" serve --db "$db" --port 0 >"$scratch/serve.out" 2>"$scratch/serve.err" &
server=$!
for _ in $(seq 100); do
  [[ -s $scratch/serve.out ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$scratch/serve.err" >&2; exit 1; }
  sleep 0.1
done
base=$(head -n 1 "$scratch/serve.out")
base=${base%/}
[[ $base == http://* ]] || { echo "runner serve printed no URL: $(cat "$scratch/serve.out" "$scratch/serve.err")" >&2; exit 1; }

# Seconds one GET of each path takes, summed; fails on a status other than 200.
fetch() {
  local path total=0 line
  for path; do
    line=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$base$path")
    [[ ${line%% *} == 200 ]] || { echo "GET $path answered ${line%% *}" >&2; return 1; }
    total=$(echo "$total + ${line#* }" | bc -l)
  done
  echo "$total"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# A commit that changes one description and so the change counter: the
# server keeps answers until the next commit, and every epoch a sweep
# records is one.
commit() { sqlite3 "$db" "UPDATE experiments SET description = 'smoke, changed ' || abs(random()) WHERE name = 'smoke'"; }
# The median over 7 rounds, after one warm-up, of the time the paths take one
# after the other: `fresh` after a commit each round (computed anew, as while a
# sweep writes), `kept` between commits (answered from what the server keeps).
timed() {
  local mode=$1
  shift
  fetch "$@" >/dev/null
  for _ in 1 2 3 4 5 6 7; do
    [[ $mode == fresh ]] && commit
    fetch "$@"
  done | median
}
# A view's line, with the limit and, when over, by how much.
report() {
  local name=$1 milliseconds=$2 note=$3 limit=$4 over=""
  ((milliseconds > limit)) && over="   over by $((milliseconds - limit)) ms"
  printf '%-34s %6d ms %-15s limit %d ms%s\n' "$name" "$milliseconds" "$note" "$limit" "$over"
}

page_assets=(/assets/app.js /assets/style.css)
overview=(/ "${page_assets[@]}" /api/experiments)
experiment=(/experiments/big "${page_assets[@]}" /api/experiments/big /api/experiments/big/curves.svg)
echo "-- server time (curl, sequential requests of each view; fresh: after a commit, as while a sweep writes)"
report "experiments view, fresh" "$(ms "$(timed fresh "${overview[@]}")")" "(median of 7)" 300
report "experiment view (big), fresh" "$(ms "$(timed fresh "${experiment[@]}")")" "(median of 7)" 300
for path in /api/experiments /api/experiments/big /api/experiments/big/curves.svg; do
  printf '  %-32s %6d ms   %s bytes\n' "GET $path" "$(ms "$(timed fresh "$path")")" \
    "$(curl -sS -o /dev/null -w '%{size_download}' "$base$path")"
done
report "experiments view, kept" "$(ms "$(timed kept "${overview[@]}")")" "(median of 7)" 300
report "experiment view (big), kept" "$(ms "$(timed kept "${experiment[@]}")")" "(median of 7)" 300

echo "-- browser (headless Chromium, /experiments/big until its chart's first svg .line)"
render=$("$python" bench/dashboard_render.py "$base/experiments/big" 10 2>"$scratch/render.err" || true)
case $render in
  render\ *)
    read -r _ page wall lines <<<"$render"
    report "render in the page (performance.now)" "$page" "($lines lines)" 2000
    report "render, wall clock from driver.get" "$wall" "" 2000
    ;;
  not-ready\ *) echo "page not ready: ${render#not-ready }" ;;
  *) echo "page not measured: $(tail -n 1 "$scratch/render.err")" ;;
esac

echo "-- 200 concurrent connections (wrk -t2 -c200 -d10s; wrk gives up on a request after 2 s, a socket timeout)"
# Seconds until the server answers a cheap request within half a second again,
# at most 90: requests wrk gave up on may still be worked through.
settle() {
  local start
  start=$(now)
  until curl -s -o /dev/null --max-time 0.5 "$base/api/changes"; do
    sleep 0.5
    (($(echo "$(now) - $start > 90" | bc -l))) && { echo "over 90"; return; }
  done
  printf '%.1f' "$(echo "$(now) - $start" | bc -l)"
}
for path in /api/experiments /api/experiments/big; do
  out=$(wrk -t2 -c200 -d10s "$base$path" 2>&1) || true
  if ! rate=$(awk '/^Requests\/sec:/ { print $2; found = 1 } END { exit !found }' <<<"$out"); then
    echo "  GET $path: wrk measured nothing: $(tail -n 1 <<<"$out")"
    continue
  fi
  done_line=$(awk '/requests in/ { sub(",", "", $4); print $1, "requests in", $4 }' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  sockets=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' <<<"$out")
  timeouts=$(awk '/Socket errors:/ { gsub(",", ""); print $10 }' <<<"$out")
  printf '  %-32s %8.1f requests/s (%s)   errors %d: non-2xx %d, socket %d (timeouts %d)   goal: no error\n' \
    "GET $path" "$rate" "$done_line" "$(( ${non2xx:-0} + ${sockets:-0} ))" "${non2xx:-0}" "${sockets:-0}" "${timeouts:-0}"
  # wrk counts a timeout only when a late answer comes, so a server that
  # answers nothing at all in the run shows no errors.
  [[ ${done_line%% *} == 0 ]] && echo "    no request was answered within the 10 s: every connection was still waiting"
  printf '  %-32s %s s until it answers within 0.5 s again\n' "  then busy for" "$(settle)"
done

echo "-- server memory"
kill -0 "$server" 2>/dev/null || { echo "the server died: $(tail -n 3 "$scratch/serve.err")" >&2; exit 1; }
peak=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server/status")
now_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status")
over=""
((peak / 1024 > 200)) && over="   over by $((peak / 1024 - 200)) MB"
printf '%-34s %6d MB %-15s limit 200 MB%s\n' "peak resident memory (VmHWM)" "$((peak / 1024))" "(now $((now_kb / 1024)) MB)" "$over"

kill -TERM "$server"
status=0
wait "$server" || status=$?
server=""
echo "server stopped by SIGTERM: exit status $status"
