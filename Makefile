# Every target sets up what it needs in .venv first, so each works on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?= ../shared/corpus

# SAM CLI lives in its own venv: it pins boto3, aws-sam-translator, cfn-lint and click exactly, which
# in .venv would hold the project's boto3 back behind the one the layer ships and tie moto to its pins.
SAM_CLI_VERSION ?= 1.170.0
SAM_VENV := $(VENV)/sam
SAM := $(SAM_VENV)/bin/sam
SAM_STAMP := $(SAM_VENV)/.installed-$(SAM_CLI_VERSION)
BUILD_DIR ?= .aws-sam/build
# checkov in a venv of its own too: its pins (boto3, networkx, pydantic...) clash with moto's and cfn-lint's.
CHECKOV_VERSION ?= 3.3.30
CHECKOV_VENV := $(VENV)/checkov
CHECKOV := $(CHECKOV_VENV)/bin/checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed-$(CHECKOV_VERSION)
# The CloudFormation SAM would deploy, one file per TriggerMode, for cfn-lint and checkov to read.
TRANSFORMED_DIR ?= .aws-sam/transformed
# sam build resolves the layer with the Lambda runtime's Python (3.12), found on PATH. It runs in a venv
# of its own with a current pip: pyenv's 3.12 ships pip 23.2, which silently drops an extra spelled
# differently from its declaration (justext's lxml[html_clean]), leaving lxml_html_clean out of the layer.
RUNTIME_PYTHON ?= $(or $(lastword $(sort $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.12.*/bin/python3.12))),$(shell command -v python3.12 2>/dev/null))
BUILD_VENV := $(VENV)/build-python3.12
BUILD_STAMP := $(BUILD_VENV)/.installed
SAM_ENV := SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-us-east-1}

PIP_TOOLS_VERSION ?= 7.7.0
LOCK := functions/common/requirements.txt

.PHONY: venv demo test test-fast lint quality line-model bench loadtest loadtest-backfill build deploy validate lock schema clean browser cost

venv: $(STAMP) $(SAM_STAMP) $(BUILD_STAMP) $(CHECKOV_STAMP)

# .venv runs the layer's exact versions (the lock as constraints), plus the dev tools.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "article-ingest needs Python 3.11+"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[dev,ops]'
	touch $(STAMP)

$(SAM_STAMP): | $(STAMP)
	test -x $(SAM_VENV)/bin/python || $(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SAM_VENV)/bin/python -m pip install --quiet 'aws-sam-cli==$(SAM_CLI_VERSION)'
	touch $(SAM_STAMP)

$(CHECKOV_STAMP): | $(STAMP)
	test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CHECKOV_VENV)/bin/python -m pip install --quiet 'checkov==$(CHECKOV_VERSION)'
	touch $(CHECKOV_STAMP)

$(BUILD_STAMP): | $(STAMP)
	@if [ -z "$(RUNTIME_PYTHON)" ]; then echo "no Python 3.12 found: make build and the sam build tests are unavailable" >&2; exit 0; fi; \
	set -ex; test -x $(BUILD_VENV)/bin/python3.12 || $(RUNTIME_PYTHON) -m venv $(BUILD_VENV); \
	$(BUILD_VENV)/bin/python -m pip install --quiet --upgrade pip; \
	touch $(BUILD_STAMP)

# The demo needs only the project venv, not the SAM tooling.
demo: $(STAMP)
	$(PY) -m article_ingest_ops.demo

# dynalite, the second DynamoDB implementation the table tests run against, from its lock file.
NODE_STAMP := tests/reliability/node_modules/.installed
$(NODE_STAMP): tests/reliability/package.json tests/reliability/package-lock.json
	npm ci --prefix tests/reliability --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Headless Chromium, for the test that renders `article-ingest inspect`'s report (Debian's package).
# Installed only when missing; needs root (CI) or a chromium already on the machine.
CHROMIUM := /usr/bin/chromium
CHROMIUM_STAMP := $(VENV)/.chromium
$(CHROMIUM_STAMP): | $(STAMP)
	@if [ ! -x $(CHROMIUM) ]; then \
		set -e; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi
	touch $(CHROMIUM_STAMP)

browser: $(CHROMIUM_STAMP)

test: venv $(NODE_STAMP) $(CHROMIUM_STAMP)
	$(PY) -m pytest

test-fast: venv
	$(PY) -m pytest -m "not corpus and not slow"

# checkov reads SAM's Serverless resources itself, and the transform too (SAM carries each function's
# Metadata, so the suppressions in template.yaml hold in both). --skip-download: offline, no Prisma API.
lint: venv
	$(VENV)/bin/ruff check functions infra tests bench
	mkdir -p $(TRANSFORMED_DIR)
	for mode in queue direct; do \
		$(PY) -c 'import json, sys; from article_ingest_ops.template import transformed_template as t; print(json.dumps(t({"TriggerMode": sys.argv[1]}), indent=1))' \
			$$mode > $(TRANSFORMED_DIR)/$$mode.json || exit 1; \
	done
	$(VENV)/bin/cfn-lint template.yaml $(TRANSFORMED_DIR)/queue.json $(TRANSFORMED_DIR)/direct.json
	$(CHECKOV) --framework cloudformation --skip-download --compact --quiet \
		-f template.yaml -f $(TRANSFORMED_DIR)/queue.json -f $(TRANSFORMED_DIR)/direct.json

# --- the bench extra (matplotlib, jinja2), kept apart from the venv rules above -----------------------
BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[dev,bench]'
	touch $(BENCH_STAMP)

# The train extra (scikit-learn): only retraining the plain-text line model needs it.
TRAIN_STAMP := $(VENV)/.installed-train

$(TRAIN_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[dev,train]'
	touch $(TRAIN_STAMP)
# ----------------------------------------------------------------------------------------------------

# The HTML path against trafilatura, then the text path (pages flattened to text) against C4's line
# rules on the dev split. The text corpus is built on first use and cached in /tmp (a few minutes).
# Then the hand-written text posts of bench/quality/text_posts/, post by post, and last the
# hand-written HTML posts of bench/quality/html_posts/: calls to action typed into the body.
quality: venv $(BENCH_STAMP)
	$(PY) -m bench.quality.quality --corpus $(CORPUS)
	$(PY) -m bench.quality.text_quality --corpus $(CORPUS)
	$(PY) -m bench.quality.handwritten
	$(PY) -m bench.quality.promo_posts

# Retrain the plain-text line model (extract/line_model.json) on the text corpus's train split.
# Deterministic: the same weights on every run. About 10-15 minutes on 2 cores.
line-model: $(TRAIN_STAMP)
	$(PY) -m bench.quality.train_line_model --corpus $(CORPUS)

# Speed, memory, cold start and cost, each against a peer in the same run; writes docs/PERFORMANCE.md.
# Needs only the project venv (not the SAM tooling). About 5-10 minutes on 2 cores.
bench: $(BENCH_STAMP)
	$(PY) -m bench.perf.run_all --corpus $(CORPUS)

# 5,000 corpus posts through S3 -> queue -> handler on a local moto server, four stand-in Lambda
# environments, faults injected; every post must end as an article, a recorded failure or a DLQ
# message (docs/RELIABILITY.md). Stops by itself: about 5-8 minutes on 2 cores.
loadtest: $(BENCH_STAMP)
	$(PY) -m bench.load.loadtest --posts 5000 --workers 4 --corpus $(CORPUS)

# 10,000 stored posts re-parsed through `article-ingest backfill`'s path on a local moto server (the
# stand-in for the Distributed Map), then every post accounted for. About 15-25 minutes on 2 cores.
loadtest-backfill: $(STAMP)
	$(PY) -m bench.load.backfill --posts 10000 --corpus $(CORPUS)

# docs/COST.md: a million posts' cost with uploads, logs and storage; the log bytes are measured.
cost: $(STAMP)
	$(PY) -m article_ingest_ops.costs --output docs/COST.md

# The layer's requirements, pinned exactly from pyproject.toml's dependencies, resolved by the Lambda
# runtime's Python. Run after changing a dependency; commit the result.
lock:
	@test -n "$(RUNTIME_PYTHON)" || { echo "make lock needs Python 3.12, the Lambda runtime" >&2; exit 1; }
	test -x $(BUILD_VENV)/bin/python3.12 || $(RUNTIME_PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/python -m pip install --quiet --upgrade pip 'pip-tools==$(PIP_TOOLS_VERSION)'
	CUSTOM_COMPILE_COMMAND="make lock" $(BUILD_VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file $(LOCK) pyproject.toml

# The Article JSON Schema consumers read (docs/article.schema.json); a test keeps it current.
schema: $(STAMP)
	$(VENV)/bin/article-ingest schema --output docs/article.schema.json

validate: venv
	$(SAM_ENV) $(SAM) validate --lint

# Lambda cannot write .pyc at run time, so the build ships them, checked by source hash (zip loses mtimes).
build: venv
	@test -x $(BUILD_VENV)/bin/python3.12 || { echo "sam build needs Python 3.12, the Lambda runtime (pyenv install 3.12)" >&2; exit 1; }
	PATH="$(abspath $(BUILD_VENV))/bin:$$PATH" $(SAM_ENV) $(SAM) build --parallel --build-dir $(BUILD_DIR)
	$(BUILD_VENV)/bin/python -m compileall -q -j 0 --invalidation-mode checked-hash $(BUILD_DIR)
	du -sh $(BUILD_DIR)/*

# Deploy with the answers in samconfig.toml (stack name, region, parameters); `make deploy GUIDED=1`
# asks them again. Builds first, so what is deployed is what `make build` checked.
deploy: build
	$(SAM_ENV) $(SAM) deploy $(if $(GUIDED),--guided) --template-file $(BUILD_DIR)/template.yaml

clean:
	rm -rf $(VENV) .pytest_cache .aws-sam
