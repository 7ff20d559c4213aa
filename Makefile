# civicscope — every set-up step lives here so that a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CORES  ?= 8
SNAKEMAKE := $(BIN)/snakemake
# The local profile (workflow/profiles/default): one collection job on the network at a time, keep going
# past a failed job, show its log. With the Snakefile at the top, Snakemake needs to be told where it is.
PROFILE := --workflow-profile workflow/profiles/default

.PHONY: help install run test test-slurm test-fast report reproduce bench lint lock demo-corpus clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# The stamp is rebuilt when the lock or the package metadata change, so `make` never reinstalls for nothing.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# The venv's bundled pip is too old to resolve lxml_html_clean (trafilatura then fails to import).
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==26.3"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install the pinned stack

run: $(STAMP)  ## install, then run the whole workflow on the default config (demo corpus)
	$(SNAKEMAKE) $(PROFILE) --cores $(CORES)
	$(SNAKEMAKE) --cores 1 --report results/report.html

test: $(STAMP)  ## install, then run the test suite
	$(BIN)/python -m pytest

test-slurm: $(STAMP)  ## opt-in: the tiny workflow through a one-node SLURM cluster (root; installs slurm-wlm, munge)
	$(BIN)/python -m pytest -m slurm tests/cluster

test-fast: $(STAMP)  ## the test suite without the end-to-end workflow runs
	$(BIN)/python -m pytest -m "not slow"

report: $(STAMP)  ## write results/report.html from the last run
	$(SNAKEMAKE) --cores 1 --report results/report.html

reproduce: $(STAMP)  ## re-run the workflow into a fresh directory and compare every table and figure
	$(BIN)/python scripts/reproduce.py --cores $(CORES)

bench: $(STAMP)  ## benchmarks: stage throughput against the raw libraries
	$(BIN)/python scripts/bench.py --cores $(CORES)

lint: $(STAMP)  ## snakemake --lint
	$(SNAKEMAKE) --lint

lock: $(STAMP)  ## regenerate requirements.lock from the installed environment
	$(BIN)/python scripts/write_lock.py requirements.lock

demo-corpus: $(STAMP)  ## rebuild the demo HTML/PDF files from corpus/demo/src
	$(BIN)/python scripts/build_demo_corpus.py

clean:  ## remove generated results (keeps .venv and the frozen raw snapshots)
	rm -rf results logs benchmarks corpus/interim models .snakemake/log
