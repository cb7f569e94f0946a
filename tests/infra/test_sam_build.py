"""SAM CLI accepts the template, and `sam build` makes a layer that runs on Lambda's python3.12 x86_64:
the package and every requirement, extensions compiled for that runtime, bytecode included.

SAM CLI lives in .venv/sam (make venv), apart from the project's pins. sam build resolves the layer with
the runtime's own Python, taken from .venv/build-python3.12 (make venv) or else a pyenv/PATH 3.12 given a
current pip here; without a 3.12 the build tests skip. The build needs PyPI and nothing else.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from article_ingest_ops.template import ROOT

pytestmark = pytest.mark.slow

SAM = ROOT / ".venv" / "sam" / "bin" / "sam"
BUILD_VENV = ROOT / ".venv" / "build-python3.12"
REQUIREMENTS = ROOT / "functions" / "common" / "requirements.txt"
# The example stream consumer is built too (sam build builds every function, whatever its Condition).
FUNCTIONS = ("IngestQueueFunction", "IngestS3Function", "BackfillFunction", "ArticleConsumerExampleFunction")
LAMBDA_GLIBC = (2, 34)  # Amazon Linux 2023, the python3.12 runtime's OS
LAMBDA_UNZIPPED_LIMIT = 262_144_000  # function code plus all its layers


def sam_environment(path_first: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "SAM_CLI_TELEMETRY": "0", "AWS_DEFAULT_REGION": "us-east-1"}
    if path_first:
        env["PATH"] = f"{path_first}{os.pathsep}{env['PATH']}"
    return env


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{command[:2]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def sam() -> Path:
    if not SAM.exists():
        pytest.skip(f"SAM CLI not installed at {SAM.relative_to(ROOT)} (make venv installs it)")
    return SAM


def runtime_python() -> str | None:
    """A Python 3.12 interpreter: pyenv's newest 3.12.x, else python3.12 on PATH."""
    pyenv_root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    found = sorted(glob.glob(f"{pyenv_root}/versions/3.12.*/bin/python3.12"))
    candidates = found[-1:] + [shutil.which("python3.12")]
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True
        )
        if probe.returncode == 0 and probe.stdout.strip() == b"(3, 12)":
            return candidate
    return None


@pytest.fixture(scope="module")
def build_python_bin(tmp_path_factory) -> Path:
    """A bin directory whose python3.12 has a current pip, for sam build to find first on PATH."""
    if (BUILD_VENV / "bin" / "python3.12").exists():
        return BUILD_VENV / "bin"
    interpreter = runtime_python()
    if interpreter is None:
        pytest.skip("Python 3.12 (the Lambda runtime) not found in pyenv or on PATH: sam build needs it")
    venv = tmp_path_factory.mktemp("build-python") / "venv"
    run([interpreter, "-m", "venv", venv])
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    return venv / "bin"


@pytest.fixture(scope="module")
def built(sam, build_python_bin, tmp_path_factory) -> Path:
    """sam build into a temporary directory, then bytecode compiled as `make build` does."""
    build_dir = tmp_path_factory.mktemp("sam") / "build"
    started = time.monotonic()
    run(
        [sam, "build", "--parallel", "--build-dir", build_dir],
        cwd=ROOT,
        env=sam_environment(build_python_bin),
        timeout=900,
    )
    run(
        [
            build_python_bin / "python3.12",
            "-m",
            "compileall",
            "-q",
            "-j",
            "0",
            "--invalidation-mode",
            "checked-hash",
            build_dir,
        ]
    )
    print(f"sam build + compileall: {time.monotonic() - started:.1f} s")
    return build_dir


def test_sam_validate_lint_accepts_the_template(sam):
    result = run([sam, "validate", "--lint"], cwd=ROOT, env=sam_environment(), timeout=300)

    assert "is a valid SAM Template" in result.stdout


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def requirement_names() -> set[str]:
    lines = [line.split("#")[0].strip() for line in REQUIREMENTS.read_text().splitlines()]
    return {normalized(re.split(r"[\[<>=!~; ]", line)[0]) for line in lines if line}


def test_layer_holds_the_package_and_every_requirement(built):
    site = built / "IngestLayer" / "python"
    distributions = {normalized(p.name.split("-")[0]) for p in site.glob("*.dist-info")}

    assert (site / "article_ingest" / "__init__.py").exists()
    assert (site / "article_ingest" / "extract").is_dir()
    assert requirement_names() - distributions == set()
    # justext needs lxml[html_clean]; an old pip drops that extra without a word
    assert "lxml_html_clean" in distributions


def platform_fits_lambda(tag: str) -> bool:
    interpreter, abi, platform = tag.split("-")
    if not (interpreter in ("cp312", "py3") or abi == "abi3") or not platform.endswith("x86_64"):
        return False
    glibc = re.match(r"manylinux_(\d+)_(\d+)_", platform)
    if glibc:
        return (int(glibc.group(1)), int(glibc.group(2))) <= LAMBDA_GLIBC
    return platform in ("manylinux1_x86_64", "manylinux2010_x86_64", "manylinux2014_x86_64")


def test_compiled_dependencies_are_built_for_lambda_python312_x86_64(built):
    site = built / "IngestLayer" / "python"
    binary_wheels = {}
    for wheel in site.glob("*.dist-info/WHEEL"):
        text = wheel.read_text()
        if "Root-Is-Purelib: false" in text:
            binary_wheels[wheel.parent.name] = re.findall(r"^Tag: (\S+)$", text, re.MULTILINE)

    assert any(name.startswith("lxml-") for name in binary_wheels)
    for name, tags in binary_wheels.items():
        assert any(platform_fits_lambda(tag) for tag in tags), (name, tags)
    extensions = [p.name for p in site.rglob("*.cpython-*.so")]
    assert "etree.cpython-312-x86_64-linux-gnu.so" in extensions
    assert all("cpython-312-x86_64-linux-gnu" in name for name in extensions)


def test_build_ships_bytecode_checked_against_the_source_hash(built):
    sources = [p for p in built.rglob("*.py") if "__pycache__" not in p.parts]
    missing, timestamp_based = [], []
    for source in sources:
        compiled = source.parent / "__pycache__" / f"{source.stem}.cpython-312.pyc"
        if not compiled.exists():
            missing.append(source)
        elif int.from_bytes(compiled.read_bytes()[4:8], "little") != 0b11:  # hash-based, checked
            timestamp_based.append(compiled)

    assert sources and not missing and not timestamp_based, (missing[:5], timestamp_based[:5])


@pytest.mark.parametrize("function", FUNCTIONS)
def test_handler_imports_from_the_build_alone(built, build_python_bin, function):
    # -S: no site-packages, so only the layer and the function's own code are importable, as on Lambda.
    code = (
        "import sys, time; started = time.perf_counter();"
        f" sys.path[:0] = [{str(built / 'IngestLayer' / 'python')!r}, {str(built / function)!r}];"
        " import app; print(f'{(time.perf_counter() - started) * 1000:.0f} ms')"
    )
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONDONTWRITEBYTECODE": "1",  # Lambda's filesystem is read-only
        "AWS_DEFAULT_REGION": "us-east-1",
        "TABLE_NAME": "articles",
        "BUCKET_NAME": "raw-bucket",
        "POWERTOOLS_TRACE_DISABLED": "true",
    }

    result = run([build_python_bin / "python3.12", "-S", "-c", code], env=env, timeout=120)

    print(f"{function} cold import: {result.stdout.strip()}")


def test_the_built_extractor_parses_a_post_as_the_dev_environment_does(built, build_python_bin):
    # The handlers import the extractor on their first post only, so the import test above never
    # loads it: here it parses a fixture page under python3.12 from the layer alone, and must give
    # the Article this environment gives (regular expressions, lxml and the libraries' wheels differ
    # by Python version).
    from article_ingest.extract import parse

    page = ROOT / "tests" / "fixtures" / "pages" / "blogger-promo-lines" / "input.html"
    code = (
        f"import sys; sys.path[:0] = [{str(built / 'IngestLayer' / 'python')!r}];"
        " from article_ingest import compat; compat.check();"
        " from article_ingest.extract import parse;"
        f" data = open({str(page)!r}, 'rb').read();"
        " print(parse(data, filename='input.html').model_dump_json(exclude={'ingested_at'}))"
    )
    env = {"PATH": os.environ["PATH"], "PYTHONDONTWRITEBYTECODE": "1"}

    result = run([build_python_bin / "python3.12", "-S", "-c", code], env=env, timeout=120)

    expected = parse(page.read_bytes(), filename="input.html").model_dump_json(exclude={"ingested_at"})
    assert result.stdout.strip().splitlines()[-1] == expected


def test_the_built_layer_holds_the_library_versions_compat_was_written_for(built, build_python_bin):
    # compat.py reaches into trafilatura's, charset-normalizer's, Powertools' and re's internals: a
    # dependency resolved outside the versions it was written for fails here, at build time, rather
    # than on the first record after a deploy.
    code = (
        f"import sys; sys.path[:0] = [{str(built / 'IngestLayer' / 'python')!r}];"
        " from article_ingest import compat; compat.check(); print('compatible')"
    )
    env = {"PATH": os.environ["PATH"], "PYTHONDONTWRITEBYTECODE": "1"}

    result = run([build_python_bin / "python3.12", "-S", "-c", code], env=env, timeout=120)

    assert result.stdout.strip().splitlines()[-1] == "compatible"


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def test_functions_with_the_layer_fit_lambdas_unzipped_limit(built):
    layer = tree_bytes(built / "IngestLayer")
    for function in FUNCTIONS:
        total = layer + tree_bytes(built / function)
        print(f"{function} + layer: {total / 1e6:.1f} MB unzipped")
        assert total < LAMBDA_UNZIPPED_LIMIT
