#!/usr/bin/env bash
# Builds the libFuzzer target for the CSV reader and the value parsers with address sanitizer,
# and runs it for RUNS inputs (default 200000) from the corpus in Tests/Fuzz/corpus (real-shaped
# rows: Sampledata's files cut into pieces, and random drops' files). Used by `make fuzz`; CI runs a short pass.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-200000}
out=.build/fuzz
mkdir -p "$out" "$out/corpus"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g)
# OverblikCore as a module of its own (the CSV sources import it), then the target.
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name OverblikCore \
    -emit-module-path "$out/OverblikCore.swiftmodule" -o "$out/libOverblikCore.a" $(find Sources/OverblikCore -name '*.swift')
swiftc "${flags[@]}" -I "$out" -L "$out" -lOverblikCore -module-name FuzzCSV -o "$out/fuzz-csv" \
    Tests/Fuzz/FuzzCSV.swift Sources/OverblikSync/CSV/CSVReader.swift Sources/OverblikSync/CSV/TextDecoding.swift \
    Sources/OverblikSync/CSV/FastParse.swift 2>&1 | grep -v "Cannot export local symbol" || true
# The seed corpus: pieces of every Sampledata file (headers, quoted line breaks, Windows-1252), and
# the files of 100 random drops of every shape the exports allow (the whole-drop tests' generator).
if [ -z "$(ls -A "$out/corpus")" ]; then
    for f in Sampledata/*/*.csv; do split -b 2048 -a 4 "$f" "$out/corpus/$(basename "$f" .csv)-"; done
    swift build --product overblik-drops >/dev/null
    .build/debug/overblik-drops "$out/corpus" 100 1
fi
"$out/fuzz-csv" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$out/corpus" 2>&1 \
    | grep -E "^#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|Done" || true
test "${PIPESTATUS[0]}" -eq 0
