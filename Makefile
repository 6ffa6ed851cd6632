# Overblik: the two commands that matter are `make run` and `make test`.
SWIFT   ?= swift
# A module may import only what Package.swift lets it depend on (so the terminal UI cannot reach the
# snapshot writer even when the writer's module happens to be built already).
CHECK   := --explicit-target-dependency-import-check error
BIN     := .build/debug
RELEASE := .build/release
SAMPLE  := Sampledata
# Sampledata is laid out around this day (see Sampledata/README.md); real drops use the machine's date.
TODAY   ?= 2026-11-23

.PHONY: all build run test test-moved-clock conformance same-output report-check fuzz sync sampledata sampledata-check snapshot bench bench-data bench-compare bench-folk1a bench-figures clean

all: build

build:
	$(SWIFT) build $(CHECK)

## make run: build, sync Sampledata when its snapshot is missing or older than the drop, open Overblik.
run: build snapshot
	$(BIN)/overblik --config $(SAMPLE)/overblik.toml --today $(TODAY)

## The sample snapshot, made again only when a file of the drop (or overblik-sync itself) is newer
## than the newest snapshot.
snapshot:
	@newest=$$(ls -1 $(SAMPLE)/snapshots/snapshot-*.sqlite 2>/dev/null | tail -n 1); \
	if [ -z "$$newest" ] || [ $(BIN)/overblik-sync -nt "$$newest" ] || \
	   [ -n "$$(find $(SAMPLE) -path $(SAMPLE)/snapshots -prune -o -type f -newer "$$newest" -print | head -n 1)" ]; then \
		$(BIN)/overblik-sync --config $(SAMPLE)/overblik.toml --today $(TODAY); \
	fi

## make test: the committed Sampledata is what the generator makes; every force unwrap, try! and
## precondition where data flows says why data cannot reach it (Scripts/unwrap-audit.py); the real TUI in tmux;
## then every test target (last, so that its closing line ends the output).
test: sampledata-check
	python3 Scripts/unwrap-audit.py
	bash Tests/e2e/tui-in-tmux.sh
	$(SWIFT) build --build-tests $(CHECK)
	$(SWIFT) test --skip-build

## make test-moved-clock [CLOCK_AHEAD=+400d]: the Swift tests again with the machine's clock moved
## (libfaketime: Debian's faketime package), to prove that no test depends on the day it runs.
## Only the calendar moves: libfaketime's monotonic clock stays real (FAKETIME_DONT_FAKE_MONOTONIC),
## since Dispatch's timers run on it; a hang still ends, as a failure, after MOVED_CLOCK_LIMIT.
CLOCK_AHEAD ?= +400d
MOVED_CLOCK_LIMIT ?= 20m
test-moved-clock:
	$(SWIFT) build --build-tests $(CHECK)
	FAKETIME_DONT_FAKE_MONOTONIC=1 timeout --kill-after=10s $(MOVED_CLOCK_LIMIT) faketime -f '$(CLOCK_AHEAD)' $(SWIFT) test --skip-build \
	  || { rc=$$?; [ $$rc -ne 124 ] || echo "the tests under a moved clock did not finish within $(MOVED_CLOCK_LIMIT)"; exit $$rc; }

## make report-check: the status report of Sampledata (Danish and English) in headless Chromium
## (Debian's chromium and poppler-utils, installed when missing): an A4 PDF with a page or more per
## section, no blank page (Scripts/report_check.py). IMAGES=1 also writes the README's PNGs of its
## first two pages to docs/images/.
REPORT_OUT := .build/report-check
report-check: build snapshot
	@command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium poppler-utils; }
	@mkdir -p $(REPORT_OUT)/da $(REPORT_OUT)/en
	$(BIN)/overblik report statusrapport --config $(SAMPLE)/overblik.toml --today $(TODAY) --output $(REPORT_OUT)/da/statusrapport.html
	$(BIN)/overblik report statusrapport --config $(SAMPLE)/overblik.toml --today $(TODAY) --lang en --output $(REPORT_OUT)/en/statusrapport.html
	python3 Scripts/report_check.py $(REPORT_OUT)/da/statusrapport.html $(REPORT_OUT)/da $(if $(IMAGES),--images docs/images/statusrapport)
	python3 Scripts/report_check.py $(REPORT_OUT)/en/statusrapport.html $(REPORT_OUT)/en

## make conformance: the release build against a drop made by a generator that is not ours, with the
## figures an independent implementation of the rules computes for it (../shared/conformance).
CONFORMANCE ?= ../shared/conformance
## The management views built so far (check.py --views); the others are added as they are built.
MANAGEMENT_VIEWS ?= udvikling,tilsyn,servicemaal,deadlines,klagesager,sammenligning,belaegning
conformance:
	@[ -f $(CONFORMANCE)/check.py ] || { echo "no conformance drop at $(CONFORMANCE) (set CONFORMANCE=…)"; exit 1; }
	$(SWIFT) build -c release
	python3 $(CONFORMANCE)/check.py $(CONFORMANCE)/drop --product .
	python3 $(CONFORMANCE)/check.py $(CONFORMANCE)/management --product . --management --views $(MANAGEMENT_VIEWS)

## make same-output BASE=<commit>: every report view (text, CSV, JSON; da, en) on Sampledata and the
## conformance drop byte for byte as BASE printed them, and the golden screens unchanged (Scripts/same-output.sh).
same-output:
	BASE=$(BASE) bash Scripts/same-output.sh

## make fuzz [RUNS=100000] [DROPS=2000]: the libFuzzer target for the CSV reader and the value parsers,
## with address sanitizer, from a corpus of Sampledata's files in pieces and random drops' files
## (Scripts/fuzz.sh); then DROPS random whole drops through the sync in-process (the whole-drop
## property test, from seed 100000 so that they are others than make test's 200).
## CI runs a short pass first (make fuzz RUNS=3000 DROPS=1000).
RUNS ?= 100000
DROPS ?= 2000
fuzz:
	RUNS=$(RUNS) bash Scripts/fuzz.sh
	$(SWIFT) build --build-tests
	OVERBLIK_DROPS=$(DROPS) OVERBLIK_DROP_SEED=100000 $(SWIFT) test --skip-build --filter WholeDropPropertyTests

## make sync: publish a new snapshot of Sampledata and print its summary.
sync: build
	$(BIN)/overblik-sync --config $(SAMPLE)/overblik.toml --today $(TODAY)

## make sampledata: write the fictitious drop again (deterministic).
sampledata: build
	$(BIN)/overblik-sampledata --output $(SAMPLE)

sampledata-check: build
	@tmp=$$(mktemp -d); \
	$(BIN)/overblik-sampledata --output $$tmp >/dev/null; \
	if diff -r -q -x snapshots $$tmp $(SAMPLE); then echo "Sampledata matches the generator."; rm -rf $$tmp; \
	else echo "Sampledata differs from the generator's output: run 'make sampledata' and commit."; rm -rf $$tmp; exit 1; fi

## make bench-data SCALE=M|L|LC: the Sampledata generator scaled up, written to bench-data/ (ignored).
SCALE ?= M
bench-data:
	$(SWIFT) build -c release --product overblik-sampledata
	$(RELEASE)/overblik-sampledata --scale $(SCALE) --output bench-data/$(SCALE)

## make bench: release build, then for Sampledata, M, L and LC (generated when missing): the sync's
## time and peak memory, the snapshot's size, every report view's time, the TUI's first frame
## and per-key times. One table printed, bench-data/results.json written. SCALES=S,M to choose.
SCALES ?= S,M,L,LC
bench: build snapshot
	$(SWIFT) build -c release
	$(RELEASE)/overblik-bench scales --scales $(SCALES) --today $(TODAY)

## make bench-folk1a: a whole FOLK1A download (every area, sex, civil status and age, two quarters:
## 400.050 lines) read by the release overblik-sync: seconds, rows, skipped and rejected.
bench-folk1a:
	$(SWIFT) build -c release --product overblik-sync
	$(SWIFT) build -c release --product overblik-bench
	$(RELEASE)/overblik-bench folk1a

## make bench-figures [FIGURES_SCALE=LC]: the sync's figures one at a time on the newest snapshot of
## bench-data/<scale> (its dataset read back), each run 3 times on one thread: the least CPU seconds.
FIGURES_SCALE ?= LC
bench-figures:
	$(SWIFT) build -c release --product overblik-bench
	@snapshot=$$(ls -t bench-data/$(FIGURES_SCALE)/snapshots/*.sqlite 2>/dev/null | head -1); \
	  [ -n "$$snapshot" ] || { echo "no snapshot in bench-data/$(FIGURES_SCALE)/snapshots: run make bench first"; exit 1; }; \
	  $(RELEASE)/overblik-bench figures --snapshot "$$snapshot"

## make bench-compare [COMPARE_SCALES="L LC"] [PAIRS=5]: the same files through overblik-sync and through
## DuckDB (installed with pip into bench-data/.venv), PAIRS back-to-back pairs per scale; prints each
## pair and the median ratio Overblik/DuckDB.
COMPARE_SCALES ?= L LC
PAIRS ?= 5
bench-compare:
	$(SWIFT) build -c release --product overblik-sync
	$(SWIFT) build -c release --product overblik-sampledata
	@[ -x bench-data/.venv/bin/python ] || (python3 -m venv bench-data/.venv && bench-data/.venv/bin/pip install -q duckdb)
	bash Scripts/bench_ratio.sh "$(COMPARE_SCALES)" $(PAIRS) $(TODAY)

clean:
	rm -rf .build $(SAMPLE)/snapshots
