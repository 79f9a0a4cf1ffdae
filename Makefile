# Every target builds what it needs; `make help` lists them.
SWIFT ?= swift
RELEASE_BIN := .build/release/runner
DEBUG_BIN := .build/debug/runner
EXP ?= experiments/eta.yaml
# How long make fuzz runs each fuzz target of Fuzz/, in seconds.
FUZZ_SECONDS ?= 300
# Where scripts/prerequisites.sh installs the PyPI packages of its list.
VENV_PYTHON := .build/python/bin/python
# Nielsen's algorithm in vectorised numpy, measured beside us when present.
PEER ?= ../shared/peers/nielsen_numpy.py

# The runner that reproduces and checks results; tests point it at the debug build.
RUNNER ?= $(RELEASE_BIN)
RESULTS ?= results
EXPERIMENTS := $(filter-out experiments/smoke.yaml,$(sort $(wildcard experiments/*.yaml)))
NAMES := $(notdir $(EXPERIMENTS:.yaml=))
CHECK_EXPERIMENTS ?= $(EXPERIMENTS)
# make install: PREFIX/bin/runner, and the datasets of data/ in
# PREFIX/share/runner/data, where an installed runner looks for them.
PREFIX ?= $(if $(filter 0,$(shell id -u)),/usr/local,$(HOME)/.local)
SOURCES := Package.swift $(shell find Sources -name '*.swift' -o -name '*.h' -o -name '*.c' -o -name '*.inc' -o -name '*.modulemap')

.PHONY: help prerequisites build release install test fuzz bench bench-results bench-scale bench-dashboard bench-search run sweep reproduce check crosscheck figures screenshots clean

# What each goal needs, as the uses of scripts/prerequisites.txt (the one list
# of packages); a goal not named here needs the build.
USES.prerequisites := build test bench check figures crosscheck
USES.test := build test
USES.fuzz := build
USES.bench := build bench
USES.bench-results := build bench
USES.bench-scale := build bench
USES.bench-dashboard := build bench
USES.bench-search := build bench
USES.screenshots := build test check
# check and reproduce build the runner only when RUNNER is left to them.
builds-runner := $(if $(filter $(RELEASE_BIN),$(RUNNER)),build)
USES.check := $(builds-runner) check
USES.reproduce := $(builds-runner) figures
USES.install := $(builds-runner)
USES.figures := figures
USES.crosscheck := crosscheck
USES := $(sort $(foreach goal,$(MAKECMDGOALS),$(or $(USES.$(goal)),build)))

help:
	@echo "make prerequisites  check, or as root install, what every target needs (targets do this first)"
	@echo "make build    debug build of the runner"
	@echo "make release  optimised build (.build/release/runner)"
	@echo "make install  the release build as $(PREFIX)/bin/runner, the data in $(PREFIX)/share/runner/data (PREFIX=DIR)"
	@echo "make test     build once in debug and run every test"
	@echo "make fuzz     every fuzz target of Fuzz/ for FUZZ_SECONDS (300) each, two at a time; fails on a finding"
	@echo "make bench    training speed on real MNIST, one thread, the results pipeline, the dashboard and early stopping"
	@echo "make run      sweep experiments/eta.yaml"
	@echo "make sweep EXP=experiments/hidden.yaml"
	@echo "make reproduce  every experiment but smoke into $(RESULTS)/NAME-*.csv, then the figures"
	@echo "make $(RESULTS)/NAME-configs.csv  one experiment"
	@echo "make check    re-run the committed experiments and compare with the committed CSVs"
	@echo "make crosscheck  the kernels on x86-64 and (emulated) arm64 give the same bits"
	@echo "make figures  draw $(RESULTS)/figures/*.svg and *.png from the CSVs"
	@echo "make screenshots  every shipped experiment in one database, and docs/dashboard/*.png of runner serve"
	@echo "make clean    remove build products"

# Run first by every target that builds or runs something, once per make: quick
# when all is there; installs what is missing as root with apt-get, otherwise
# stops with the command to run.
prerequisites:
	@SWIFT='$(SWIFT)' scripts/prerequisites.sh $(or $(USES),build)

build: prerequisites
	$(SWIFT) build --product runner

release: $(RELEASE_BIN)

$(RELEASE_BIN): $(SOURCES) | prerequisites
	$(SWIFT) build -c release --product runner
	@touch $@

# The binary and data/ (RUNNER=PATH installs another build), then whether
# PREFIX/bin is on PATH, so that `runner` alone runs it.
install: prerequisites $(RUNNER)
	@mkdir -p '$(PREFIX)/bin' '$(PREFIX)/share/runner/data'
	@cp '$(RUNNER)' '$(PREFIX)/bin/runner.new' && chmod 755 '$(PREFIX)/bin/runner.new' && mv -f '$(PREFIX)/bin/runner.new' '$(PREFIX)/bin/runner'
	@cp -R data/. '$(PREFIX)/share/runner/data/'
	@echo "installed $(PREFIX)/bin/runner, and data/ in $(PREFIX)/share/runner/data"
	@case ":$$PATH:" in \
	  *':$(PREFIX)/bin:'*) echo "$(PREFIX)/bin is on PATH: run runner";; \
	  *) echo "$(PREFIX)/bin is not on PATH: run $(PREFIX)/bin/runner, or add it: export PATH=\"$(PREFIX)/bin:\$$PATH\"";; \
	esac

# The browser tests drive the debug runner's pages in headless Chromium with
# Selenium, from the virtual environment of scripts/prerequisites.txt.
test: prerequisites
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing
	RUNNER='$(CURDIR)/$(DEBUG_BIN)' $(VENV_PYTHON) -m unittest discover -s tests/browser -v

# libFuzzer and AddressSanitizer builds of Fuzz/, apart from the build
# above; scripts/fuzz.sh says what each target found.
fuzz: prerequisites
	@SWIFT='$(SWIFT)' scripts/fuzz.sh $(FUZZ_SECONDS)

# Speed is measured, never asserted: these print figures. bench/speed.py
# measures the one-core matmul peak, the training speed of every kernel
# variant and the numpy peer in one run, and sets each figure beside its limit.
bench: prerequisites release
	@python3 bench/speed.py $(RELEASE_BIN) $(PEER)
	@$(MAKE) --no-print-directory bench-results bench-scale bench-dashboard bench-search

bench-results: prerequisites release
	@bench/results.sh $(RELEASE_BIN)

bench-scale: prerequisites release
	@bench/scale.sh $(RELEASE_BIN)

# runner serve on 10,000 generated runs: server time of the views, Chromium's
# render of an experiment, 200 concurrent connections and peak memory.
bench-dashboard: prerequisites release
	@bench/dashboard.sh $(RELEASE_BIN)

bench-search: prerequisites release
	@bench/search.sh $(RELEASE_BIN)

run: prerequisites release
	$(RELEASE_BIN) sweep experiments/eta.yaml

sweep: prerequisites release
	$(RELEASE_BIN) sweep $(EXP)

reproduce: prerequisites $(NAMES:%=$(RESULTS)/%-configs.csv)
	@$(MAKE) --no-print-directory figures

# Each experiment trains into a fresh database of its own, so its exports
# reflect the current sources and nothing left from earlier builds.
$(RESULTS)/%-configs.csv: experiments/%.yaml $(RUNNER)
	@mkdir -p $(RESULTS)/reproduce
	rm -f $(RESULTS)/reproduce/$*.sqlite $(RESULTS)/reproduce/$*.sqlite-wal $(RESULTS)/reproduce/$*.sqlite-shm
	$(RUNNER) sweep $< --db $(RESULTS)/reproduce/$*.sqlite --out $(RESULTS) --quiet

# Trains the experiments again into a scratch database and compares every
# number of the fresh exports with the committed ones (timings aside).
check: prerequisites $(RUNNER)
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	for experiment in $(CHECK_EXPERIMENTS); do \
	  echo "== $$experiment"; \
	  $(RUNNER) sweep $$experiment --db "$$scratch/check.sqlite" --out "$$scratch" --quiet || exit 1; \
	done && \
	python3 scripts/compare-exports.py $(RESULTS) "$$scratch" $(notdir $(CHECK_EXPERIMENTS:.yaml=))

# The kernels' bits on every variant this CPU runs and on arm64 (gcc, qemu).
crosscheck: prerequisites
	@SWIFT='$(SWIFT)' scripts/crosscheck.sh

figures: prerequisites
	python3 scripts/figures.py $(RESULTS) $(RESULTS)/figures

# Every shipped experiment swept into one database, served, and each view
# of the dashboard photographed for the README.
SCREENSHOTS_DB := $(RESULTS)/reproduce/dashboard.sqlite
screenshots: prerequisites release
	@mkdir -p $(RESULTS)/reproduce && rm -f $(SCREENSHOTS_DB) $(SCREENSHOTS_DB)-wal $(SCREENSHOTS_DB)-shm
	@for experiment in $(EXPERIMENTS); do \
	  $(RELEASE_BIN) sweep $$experiment --db $(SCREENSHOTS_DB) --out $(RESULTS)/reproduce/dashboard-exports --quiet || exit 1; \
	done
	$(VENV_PYTHON) scripts/dashboard-screenshots.py $(RELEASE_BIN) $(SCREENSHOTS_DB) docs/dashboard

clean:
	rm -rf .build Fuzz/.build
