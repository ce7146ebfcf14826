# Pipeline: build, run and test. PocketBase v0.40 needs Go 1.27; with
# GOTOOLCHAIN=auto the go command fetches the toolchain go.mod names.
export GOTOOLCHAIN := auto

BINARY := pipeline
DEMO_DIR := ./pb_demo
HTTP := 127.0.0.1:8090
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build demo serve test go-test fmt-check vet ui ui-deps ui-check chromium browser-test drills bench clean

## build: compile the single binary (the UI in pb_public/ is embedded)
build:
	go build -o $(BINARY) .

## demo: run Pipeline with demo councils, people and projects in ./pb_demo
demo: build
	./$(BINARY) demo --dir $(DEMO_DIR) --http $(HTTP)

## serve: run Pipeline on ./pb_data with no demo content
serve: build
	./$(BINARY) serve --http $(HTTP)

## test: formatting, vet, Go tests, the committed UI build, browser tests
test: fmt-check vet go-test ui-check browser-test drills

go-test:
	go test -count=1 ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	go vet ./...

## ui: rebuild pb_public/ from ui/
ui: ui-deps
	cd ui && npm run build

ui-deps:
	cd ui && npm ci --no-audit --no-fund

## ui-check: fail if pb_public/ is not exactly what ui/ builds
ui-check: ui
	@if [ -n "$$(git status --porcelain -- pb_public)" ]; then \
		echo "pb_public/ differs from a fresh build of ui/: run 'make ui' and commit pb_public/"; \
		git status --short -- pb_public; exit 1; fi

## chromium: Debian's Chromium for the browser tests
chromium:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)

## browser-test: the UI's journeys and accessibility scans in headless Chromium
browser-test: build chromium
	cd ui && npm test

## drills: kill -9, backup while writing, SMTP outage and Litestream restore, against the binary
drills: build
	PIPELINE_BIN=$(CURDIR)/$(BINARY) scripts/drills.sh

## bench: the load benchmarks of docs/benchmarks.md (100,000 projects; BENCH_PROJECTS to change)
bench: build
	PIPELINE_BIN=$(CURDIR)/$(BINARY) scripts/bench.sh

## clean: remove the binary and the demo data (never pb_data)
clean:
	rm -rf $(BINARY) $(DEMO_DIR)
