#!/usr/bin/env bash
# End to end: the real `overblik` in a real terminal (a private tmux server): start, keys,
# resize, the too-small screen, quit, and SIGTERM restoring the terminal. Run by `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$PWD/.build/debug/overblik"
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
        "cd $tmp && env LANG=C.UTF-8 $bin --config $tmp/overblik.toml --today 2026-11-23 --user MHA; echo EXIT=\$?; sleep 30" </dev/null >/dev/null 2>&1
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

# e then q at once: the export (written on a thread of its own, into the current folder) is
# finished before the program ends, and where it went is said once the screen is given back.
start
wait_for "Sager for MHA"
tmux -L "$sock" send-keys -t e2e e q; wait_for "EXIT=0"
wait_for "114 rækker gemt i $tmp/overblik-caseload-"
[ "$(ls "$tmp"/overblik-caseload-*.csv | wc -l)" = 1 ] || fail "the export was not written"
[ "$(stat -c %a "$tmp"/overblik-caseload-*.csv)" = 600 ] || fail "the export is not mode 0600"

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

# Hostile data: a provider holding escape sequences (colour, window title, clear screen) and a
# bidi override must reach the terminal inert: shown as text with U+FFFD for the control
# characters, no title change, the screen intact.
hostile="$tmp/hostile"
mkdir -p "$hostile/fagsystem" "$hostile/okonomi" "$hostile/stamdata"
printf 'Sags-ID;CPR;Navn;Paragraf;Ydelseskode;Leverandør;Startdato;Slutdato;Takst;Takstenhed;Sagsbehandler;Næste opfølgning\n' > "$hostile/fagsystem/indsatser.csv"
printf 'S-1;0101901234;Ond Ærø;§ 85;85-01;"Ond\033[31mRØD\033]0;pwned\007\033[2J\342\200\256tset";01-01-2026;;450,00;time;MHA;01-12-2026\n' >> "$hostile/fagsystem/indsatser.csv"
printf 'Bilagsnr;CPR;Funktion;Periode fra;Periode til;Beløb;Bogføringsdato\n' > "$hostile/okonomi/posteringer.csv"
printf 'Paragraf;Funktion;Gruppering;DST-ydelseskode;Ydelseskoder;Tekst\nSEL-85;5.38.38;004;85;85-01;Socialpædagogisk støtte\n' > "$hostile/stamdata/masteroversigt.csv"
printf '[municipality]\ncode = "250"\nname = "Frederikssund"\n[snapshot]\ndir = "snapshots"\n' > "$hostile/overblik.toml"
.build/debug/overblik-sync --config "$hostile/overblik.toml" --today 2026-11-23 --quiet
tmux -L "$sock" kill-server >/dev/null 2>&1 || true
run=$((run + 1))
sock="overblik-e2e-$$-$run"
tmux -L "$sock" new-session -d -s e2e -x 160 -y 30 \
    "env LANG=C.UTF-8 $bin --config $hostile/overblik.toml --today 2026-11-23 --user MHA; echo EXIT=\$?; sleep 30" </dev/null >/dev/null 2>&1
wait_for "Sager for MHA"
wait_for "Ond�[31mRØD�]0;pwned"
title=$(tmux -L "$sock" display-message -p -t e2e '#{pane_title}')
[ "$title" != "pwned" ] || fail "the data changed the window title"
tmux -L "$sock" capture-pane -t e2e -p -e | grep -q "pwned" || fail "the hostile text is not shown"
# With -e, tmux shows the pane's real attributes: no red from the data's own escape (31m).
tmux -L "$sock" capture-pane -t e2e -p -e | grep "Ond" | grep -q $'\033\[31m' && fail "the data's escape sequence set a colour"
tmux -L "$sock" capture-pane -t e2e -p | grep -q " 1 Mine sager  2 Team" || fail "the screen was cleared by the data"
tmux -L "$sock" send-keys -t e2e q; wait_for "EXIT=0"

echo "e2e: 1 passed, 0 failed (start, drill down and back, search, keys, resize, too small, q, export then q, SIGTERM, terminal closed, hostile text inert)"
