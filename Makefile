# Pipeline: build, run and test. PocketBase v0.40 needs Go 1.27; with
# GOTOOLCHAIN=auto the go command fetches the toolchain go.mod names.
export GOTOOLCHAIN := auto

BINARY := pipeline
DEMO_DIR := ./pb_demo
HTTP := 127.0.0.1:8090

.PHONY: build demo serve test fmt-check vet clean

## build: compile the single binary (the UI in pb_public/ is embedded)
build:
	go build -o $(BINARY) .

## demo: run Pipeline with demo councils, people and projects in ./pb_demo
demo: build
	./$(BINARY) demo --dir $(DEMO_DIR) --http $(HTTP)

## serve: run Pipeline on ./pb_data with no demo content
serve: build
	./$(BINARY) serve --http $(HTTP)

## test: formatting, vet and every test
test: fmt-check vet
	go test -count=1 ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	go vet ./...

## clean: remove the binary and the demo data (never pb_data)
clean:
	rm -rf $(BINARY) $(DEMO_DIR)
