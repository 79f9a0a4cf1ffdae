# Every target builds what it needs; `make help` lists them.
SWIFT ?= swift
RELEASE_BIN := .build/release/runner
DEBUG_BIN := .build/debug/runner
EXP ?= experiments/eta.yaml
# Nielsen's algorithm in vectorised numpy, measured beside us when present.
PEER ?= ../shared/peers/nielsen_numpy.py

.PHONY: help build release test bench bench-peer bench-results run sweep clean

help:
	@echo "make build    debug build of the runner"
	@echo "make release  optimised build (.build/release/runner)"
	@echo "make test     build once in debug and run every test"
	@echo "make bench    training speed on real MNIST, one thread, and the results pipeline"
	@echo "make run      sweep experiments/eta.yaml"
	@echo "make sweep EXP=experiments/hidden.yaml"
	@echo "make clean    remove build products"

build:
	$(SWIFT) build --product runner

release:
	$(SWIFT) build -c release --product runner

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

# Speed is measured, never asserted: these print figures.
bench: release
	@echo "== [784,30,10] batch 10"
	@$(RELEASE_BIN) bench --layers 784,30,10 --batch 10
	@echo "== [784,30,10] batch 1"
	@$(RELEASE_BIN) bench --layers 784,30,10 --batch 1
	@echo "== [784,100,10] batch 10"
	@$(RELEASE_BIN) bench --layers 784,100,10 --batch 10
	@$(MAKE) --no-print-directory bench-peer bench-results

# The peer uses numpy's own OpenBLAS; the variables some machines set for older
# OpenBLAS builds would slow it, so they are unset for this command only.
bench-peer:
	@if [ -f "$(PEER)" ]; then \
	  echo "== peer: $(PEER) --vectorized --dtype float32, [784,30,10] batch 10"; \
	  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \
	    python3 "$(PEER)" --vectorized --dtype float32 --epochs 6 | grep '^examples/s'; \
	else echo "== peer: $(PEER) not found, skipped"; fi

bench-results: release
	@bench/results.sh $(RELEASE_BIN)

run: release
	$(RELEASE_BIN) sweep experiments/eta.yaml

sweep: release
	$(RELEASE_BIN) sweep $(EXP)

clean:
	rm -rf .build
