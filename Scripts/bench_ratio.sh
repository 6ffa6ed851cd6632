#!/usr/bin/env bash
# make bench-compare: for each scale, PAIRS back-to-back pairs of overblik-sync (release, --dry-run)
# and the DuckDB pipeline (Scripts/bench_compare.py) on the same files; prints each pair and the
# median ratio Overblik/DuckDB per scale. Usage: bench_ratio.sh "L LC" 5 2026-11-23
set -euo pipefail
scales=${1:-"L LC"}
pairs=${2:-5}
today=${3:-2026-11-23}
now() { date +%s.%N; }
for scale in $scales; do
  [ -f "bench-data/$scale/overblik.toml" ] || .build/release/overblik-sampledata --scale "$scale" --output "bench-data/$scale"
  ratios=()
  for i in $(seq 1 "$pairs"); do
    start=$(now)
    .build/release/overblik-sync --config "bench-data/$scale/overblik.toml" --today "$today" --quiet --dry-run
    overblik=$(echo "$(now) - $start" | bc)
    start=$(now)
    bench-data/.venv/bin/python Scripts/bench_compare.py "$scale" > /dev/null
    duck=$(echo "$(now) - $start" | bc)
    ratio=$(echo "$overblik / $duck" | bc -l)
    ratios+=("$ratio")
    printf "%s pair %d: overblik-sync %.2f s, DuckDB %.2f s, ratio %.2f\n" "$scale" "$i" "$overblik" "$duck" "$ratio"
  done
  median=$(printf "%s\n" "${ratios[@]}" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
  printf "%s: median ratio Overblik/DuckDB %.2f over %d pairs\n" "$scale" "$median" "$pairs"
done
