#!/usr/bin/env bash
# make same-output BASE=<commit>: proves that a change kept the behaviour. Builds BASE (in a git
# worktree, its build cached in .build-same-output/) and the work tree, syncs Sampledata and the
# conformance drop with each (same clock, same --today), and compares every report view in text,
# CSV and JSON, in Danish and English, on the sync's today and on a later one, byte for byte; then checks that the golden screens are
# BASE's and that the work tree's golden tests pass against them. Exit 0 only when all is the same.
set -euo pipefail
base=${BASE:?usage: make same-output BASE=<commit>}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
conformance=${CONFORMANCE:-../shared/conformance}
work=$(mktemp -d)
git worktree add --detach --force "$work/base" "$base" >/dev/null 2>&1
cleanup() { git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "building $base and the work tree…"
swift build --package-path "$work/base" --scratch-path "$root/.build-same-output" --product overblik-sync >/dev/null
swift build --package-path "$work/base" --scratch-path "$root/.build-same-output" --product overblik >/dev/null
swift build --product overblik-sync >/dev/null
swift build --product overblik >/dev/null

export OVERBLIK_NOW=2026-11-23T06:00:00Z
today=2026-11-23
later=2026-12-15
# name  folder-with-overblik.toml  caseworker for caseload
drops=("sampledata|$root/Sampledata|MHA")
[ -f "$conformance/drop/overblik.toml" ] && drops+=("conformance|$conformance/drop|BIC")

outputs() {  # $1 = bin folder, $2 = output folder
    local bin=$1 out=$2
    mkdir -p "$out"
    for entry in "${drops[@]}"; do
        IFS='|' read -r name source caseworker <<<"$entry"
        # The same folder for both builds (reports name the snapshot's path), made anew each time.
        local drop="$work/drop-$name"
        rm -rf "$drop" && mkdir -p "$drop"
        cp -r "$source"/. "$drop"/ && chmod -R u+w "$drop" && rm -rf "$drop/snapshots"
        "$bin/overblik-sync" --config "$drop/overblik.toml" --today "$today" --quiet
        # On the sync's today (what it stored) and on a later day (everything computed again).
        for day in "$today" "$later"; do
            for view in status team followups budget movements ottetal discrepancies caseload udvikling; do
                local extra=()
                [ "$view" = caseload ] && extra=(--caseworker "$caseworker")
                for format in text csv json; do
                    for lang in da en; do
                        local file="$out/$name-$day-$view-$lang.$format"
                        "$bin/overblik" report "$view" --config "$drop/overblik.toml" --today "$day" --format "$format" \
                            --lang "$lang" "${extra[@]}" > "$file" 2>&1 || echo "exit $?" >> "$file"
                    done
                done
            done
        done
    done
}

outputs "$root/.build-same-output/debug" "$work/out-base"
outputs "$root/.build/debug" "$work/out-now"
# The sync's own summary names the snapshot's path (a temporary folder): only the reports are compared.
files=$(ls "$work/out-base" | wc -l)
if diff -r "$work/out-base" "$work/out-now" > "$work/diff.txt"; then
    echo "reports: $files outputs byte-identical to $base"
else
    echo "reports differ from $base:"; head -50 "$work/diff.txt"; exit 1
fi
if [ -n "$(git diff --stat "$base" -- Tests/OverblikTUITests/Golden)" ]; then
    echo "golden screens changed since $base:"; git diff --stat "$base" -- Tests/OverblikTUITests/Golden; exit 1
fi
swift build --build-tests >/dev/null
swift test --skip-build --filter "Golden|AppScreen" 2>&1 | tail -1
echo "golden screens: the same files as $base, and the work tree's screens match them"
