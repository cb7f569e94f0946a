# Every target sets up what it needs in .venv first, so each works on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?= ../shared/corpus

.PHONY: venv demo test test-fast lint quality bench build schema clean

venv: $(STAMP)

$(STAMP): pyproject.toml functions/common/requirements.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "article-ingest needs Python 3.11+"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: venv
	$(PY) -m infra.demo

test: venv
	$(PY) -m pytest

test-fast: venv
	$(PY) -m pytest -m "not corpus and not slow"

lint: venv
	$(VENV)/bin/ruff check functions infra tests bench
	$(VENV)/bin/cfn-lint template.yaml

quality: venv
	$(PY) bench/quality.py --corpus $(CORPUS)

# Speed, memory, cold start and cost, each against a peer in the same run; writes docs/PERFORMANCE.md.
# Needs only the project venv (not the SAM tooling). About 5-10 minutes on 2 cores.
bench: $(STAMP)
	$(PY) bench/run_all.py --corpus $(CORPUS)

clean:
	rm -rf $(VENV) .pytest_cache .aws-sam
