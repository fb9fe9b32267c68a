# Task runner. `make lab` (students) and `make test` (everyone) set everything up on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
# nbgrader starts alembic and jupyter as subprocesses: the environment's tools come first.
export PATH := $(BIN):$(PATH)

.PHONY: help setup lab instructor-lab test check generate release outputs screenshots benchmark lock

help:
	@echo "make lab      set up, then open the course in JupyterLab (your copies live in work/)"
	@echo "make instructor-lab  the same, with nbgrader's instructor tools (formgrader, Create Assignment)"
	@echo "make test     set up, then run the whole test suite (REQUIRE_CUDA=1 on a CUDA runner)"
	@echo "make check    the fast subset: every unit test, no whole-class grading (a few minutes)"
	@echo "make generate regenerate notebooks/ from solutions/ with nbgrader generate_assignment"
	@echo "make outputs  re-execute solutions/ and store their outputs (before make generate)"
	@echo "make screenshots  regenerate docs/screenshots/ in a headless Chromium"
	@echo "make benchmark    time grader autograde against plain nbgrader autograde"
	@echo "make lock     re-pin requirements.txt after changing pyproject.toml's dependencies"

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $@

lab: setup
	$(BIN)/python -m grader.authoring.lab $(LAB_ARGS)

instructor-lab: setup
	$(BIN)/python -m grader.authoring.lab --instructor $(LAB_ARGS)

test: setup
	$(BIN)/python -m pytest

check: setup
	$(BIN)/python -m pytest -m "not slow" tests

generate: setup
	$(BIN)/python -m grader.authoring.generate

# The old name of generate, kept for a while: in nbgrader, "release" publishes to the exchange.
release: generate
	@echo "make release is now make generate; the old name will go away"

outputs: setup
	$(BIN)/python -m grader.authoring.outputs

screenshots: setup
	$(BIN)/python tests/scripts/take_screenshots.py

benchmark: setup
	$(BIN)/python tests/scripts/benchmark_grading.py $(BENCHMARK_ARGS)

lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet .
	{ echo "# Exact versions of everything the course installs with pip (a lock of pyproject.toml's dependencies)."; \
	  echo "# Regenerate after changing a dependency: make lock. tests/test_environment.py checks the three files agree."; \
	  .lock-venv/bin/python -m pip freeze | grep -v '^tensors-and-arrays-course' | sed 's/+cpu$$//'; } > requirements.txt
	rm -rf .lock-venv
