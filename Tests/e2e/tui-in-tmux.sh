#!/usr/bin/env bash
# End to end: the real `overblik` in a real terminal (a private tmux server): start, keys,
# resize, the too-small screen, quit, and SIGTERM restoring the terminal. Run by `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=.build/debug/overblik
run=0
sock="overblik-e2e-$$-0"
tmp=$(mktemp -d)
trap 'echo "e2e: failed at line $LINENO"' ERR
trap 'for n in $(seq 0 $run); do tmux -L "overblik-e2e-$$-$n" kill-server >/dev/null 2>&1 || true; done; rm -rf "$tmp"' EXIT

# A snapshot of Sampledata in a private folder.
for d in fagsystem okonomi dst stamdata; do ln -s "$PWD/Sampledata/$d" "$tmp/$d"; done
cp Sampledata/overblik.toml "$tmp/"
.build/debug/overblik-sync --config "$tmp/overblik.toml" --today 2026-11-23 --quiet

fail() { echo "e2e: $1"; tmux -L "$sock" capture-pane -t e2e -p || true; exit 1; }
wait_for() {  # wait_for TEXT: poll the pane for up to 10 s
    for _ in $(seq 100); do
        tmux -L "$sock" capture-pane -t e2e -p | grep -qF -- "$1" && return 0
        sleep 0.1
    done
    fail "never saw: $1"
}
start() {  # each scenario gets its own server: reusing a socket races with the dying server
    tmux -L "$sock" kill-server >/dev/null 2>&1 || true
    run=$((run + 1))
    sock="overblik-e2e-$$-$run"
    tmux -L "$sock" new-session -d -s e2e -x 100 -y 30 \
        "env LANG=C.UTF-8 $bin --config $tmp/overblik.toml --today 2026-11-23 --user MHA; echo EXIT=\$?; sleep 30" </dev/null >/dev/null 2>&1
}

start
wait_for "Sager for MHA · Mette Hald"
wait_for " 1 Mine sager  2 Team  3 Opfølgning  4 Økonomi  5 Afstemning  6 Datastatus"
tmux -L "$sock" send-keys -t e2e Enter; wait_for "Bevilling"
tmux -L "$sock" send-keys -t e2e Escape; wait_for "Sager for MHA · Mette Hald"
tmux -L "$sock" send-keys -t e2e / S - 1 0 0 2 1 7 Enter; wait_for "3/114"
tmux -L "$sock" send-keys -t e2e 2; wait_for "alle teams · █"
tmux -L "$sock" send-keys -t e2e j j; wait_for "3/15"
tmux -L "$sock" resize-window -t e2e -x 70 -y 20; wait_for "vinduet er for lille"
tmux -L "$sock" resize-window -t e2e -x 100 -y 30; wait_for "alle teams · █"
tmux -L "$sock" send-keys -t e2e q; wait_for "EXIT=0"
tmux -L "$sock" capture-pane -t e2e -p | grep -qF "alle teams" && fail "the screen was not restored after q"

start
wait_for "Sager for MHA"
pane=$(tmux -L "$sock" list-panes -t e2e -F '#{pane_pid}')
pkill -TERM -P "$pane" -f overblik
wait_for "EXIT=143"
tmux -L "$sock" capture-pane -t e2e -p | grep -qF "Sager for MHA" && fail "the screen was not restored after SIGTERM"

# The terminal disappears (the tmux server is killed): overblik must exit, not spin.
start
wait_for "Sager for MHA"
pane=$(tmux -L "$sock" list-panes -t e2e -F '#{pane_pid}')
app=$(pgrep -P "$pane" -f overblik || true)
[ -n "$app" ] || fail "could not find the overblik process"
tmux -L "$sock" kill-server >/dev/null 2>&1 || true
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app" 2>/dev/null; then kill -9 "$app"; fail "overblik kept running after its terminal was closed"; fi

echo "e2e: 1 passed, 0 failed (start, drill down and back, search, keys, resize, too small, q, SIGTERM, terminal closed)"
