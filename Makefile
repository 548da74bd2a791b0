# GANScope: two commands for a fresh machine.
#   make demo  installs missing system packages, builds release, runs the seed experiment
#   make test  installs missing system packages (and chromium, for the browser tests), builds the
#              library's documentation (make docs), runs the test suite
#   make docs  the DocC documentation of the GANScope library; a warning fails it
#   make test-slurm  a comparison on a one-node Slurm cluster started here, checked against a
#              local run (as root; not part of make test; docs/compare.md)
SWIFT        ?= swift
APT_PACKAGES := libgd-dev libopenblas-dev pkg-config fontconfig fonts-dejavu-core
# The browser tests of the report (Tests/GANServeTests/BrowserTests.swift) drive headless Chromium.
TEST_PACKAGES := chromium
RESULT_DIR   ?= results

.PHONY: all deps build demo docs test test-slurm bench clean

all: build

# Installs the Debian packages that are missing (as root), or prints the exact command.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing:$$missing"; \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	  else \
	    echo "missing system packages:$$missing"; \
	    echo "run:  sudo apt-get update && sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c release

demo: build
	$(SWIFT) run -c release ganscope train --preset seed --result-dir $(RESULT_DIR) --overwrite
	@echo "Open the report: file://$(abspath $(RESULT_DIR))/index.html"

# GANScope's own symbols are its @_exported modules', which SwiftPM's symbol extraction
# leaves out: they are extracted here and handed to DocC beside the plugin's graph.
SYMBOLS := .build/reexported-symbols
docs:
	$(SWIFT) build --target GANScope
	rm -rf $(SYMBOLS) && mkdir -p $(SYMBOLS)
	$(SWIFT)-symbolgraph-extract -module-name GANScope -target $$(uname -m)-unknown-linux-gnu \
	  -I .build/debug/Modules -I Sources/CLibGD -I Sources/COpenBLAS -minimum-access-level public -skip-synthesized-members \
	  -experimental-allowed-reexported-modules=GANCore,GANRender,GANRun -output-dir $(SYMBOLS)
	$(SWIFT) package generate-documentation --target GANScope --warnings-as-errors \
	  --additional-symbol-graph-dir $(SYMBOLS)

test:
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(APT_PACKAGES) $(TEST_PACKAGES)"
	@$(MAKE) --no-print-directory docs
	$(SWIFT) test

test-slurm: deps
	scripts/slurm-test.sh

clean:
	rm -rf .build $(RESULT_DIR)
