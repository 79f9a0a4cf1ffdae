# Every target builds what it needs; `make help` lists them.
SWIFT ?= swift
RELEASE_BIN := .build/release/runner
DEBUG_BIN := .build/debug/runner
EXP ?= experiments/eta.yaml

.PHONY: help build release test bench run sweep clean

help:
	@echo "make build    debug build of the runner"
	@echo "make release  optimised build (.build/release/runner)"
	@echo "make test     build once in debug and run every test"
	@echo "make bench    training speed on real MNIST, one thread (release build)"
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

clean:
	rm -rf .build
