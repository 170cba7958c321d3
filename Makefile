# Two commands do all the set-up on a fresh machine (Python 3.11 + pip):
#   make serve   create .venv, install, build the store from the files, validate, serve :8000
#   make test    the whole test suite (installs what the tests need, Chromium included)

PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: serve test check build venv browser bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

build: $(STAMP)
	$(BIN)/llmkg build

serve: $(STAMP)
	$(BIN)/llmkg serve --host $(HOST) --port $(PORT)

check: $(STAMP)
	$(BIN)/ruff check src tests bench

# Debian's Chromium and ChromeDriver for the page tests (root on these machines; skipped
# with a message where they cannot be installed).
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian chromium and chromium-driver for the page tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "warning: chromium not installed and not root; browser tests will be skipped"; fi; \
	fi

test: $(STAMP) browser check
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .llmkg .pytest_cache
