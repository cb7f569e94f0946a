"""`article-ingest inspect`: the report renders in a real browser (headless Chromium) with every removed
kind marked and the article text visible, for an HTML page and for a whole-page text scrape.

The report runs no script (its Content-Security-Policy forbids it), so the test renders a copy with
a probe script added: it measures, in the laid-out page, which marks and texts are visible, and
writes the answer into the DOM that Chromium dumps.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from ..conftest import SAMPLES
from .test_installed_cli import clean_env, run

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CSP = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
)
PROBE = """<pre id="probe"></pre><script>
const visible = el => { const s = getComputedStyle(el), r = el.getBoundingClientRect();
  return s.display !== 'none' && s.visibility !== 'hidden' && +s.opacity > 0
    && r.width > 0 && r.height > 0; };
const marks = {};
for (const el of document.querySelectorAll('#post .line.removed[data-kind]')) {
  const k = el.dataset.kind; marks[k] = marks[k] || {total: 0, visible: 0, texts: []};
  marks[k].total++; if (visible(el)) { marks[k].visible++; marks[k].texts.push(el.innerText); } }
const article = document.getElementById('article-text');
document.getElementById('probe').textContent = JSON.stringify({
  marks, articleVisible: visible(article), articleText: article.innerText,
  metadata: document.getElementById('metadata').innerText });
</script>"""

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Chromium (make browser, or make test, installs it)"
)


def rendered_probe(report: Path, tmp_path: Path) -> dict:
    probed = tmp_path / f"probed-{report.name}"
    page = report.read_text(encoding="utf-8")
    assert CSP in page  # the report itself may run nothing
    probed.write_text(page.replace(CSP, "").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--dump-dom",
            probed.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    probe = lxml.html.fromstring(dom).get_element_by_id("probe").text_content()
    return json.loads(probe)


def inspect_report(post: Path, tmp_path: Path) -> Path:
    report = tmp_path / f"{post.name}.html"
    result = run(tmp_path, "inspect", str(post), "-o", str(report), env=clean_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(report)
    return report


@pytest.mark.slow
@pytest.mark.browser
def test_text_scrape_report_marks_every_kind_and_shows_the_article(tmp_path):
    from article_ingest.extract import parse

    post = SAMPLES / "allotment-water-scrape.txt"
    article = parse(post.read_bytes(), filename=post.name)
    report = inspect_report(post, tmp_path)

    probe = rendered_probe(report, tmp_path)

    assert (
        set(probe["marks"]) == set(article.removed) >= {"comments", "promo", "share", "navigation", "byline"}
    )
    for kind, lines in article.removed.items():
        assert probe["marks"][kind]["visible"] == probe["marks"][kind]["total"] >= len(lines), kind
        assert any(lines[0] in text for text in probe["marks"][kind]["texts"]), kind
    assert probe["articleVisible"]
    assert "Mulching beds with grass cuttings" in probe["articleText"]
    assert "Gerald P. says" not in probe["articleText"]  # a comment is marked, not kept
    assert "Tomasz Kowalski" in probe["metadata"]


@pytest.mark.slow
@pytest.mark.browser
def test_html_page_report_marks_comments_and_promo(tmp_path):
    from article_ingest.extract import parse

    post = SAMPLES / "city-council-bike-lanes.html"
    article = parse(post.read_bytes(), filename=post.name)
    probe = rendered_probe(inspect_report(post, tmp_path), tmp_path)

    assert set(probe["marks"]) == set(article.removed)
    for kind in article.removed:
        assert probe["marks"][kind]["visible"] == probe["marks"][kind]["total"] > 0, kind
    assert probe["articleVisible"] and article.sections[0].paragraphs[0][:60] in probe["articleText"]


def test_report_escapes_the_post_and_loads_nothing(tmp_path):
    # Given a post whose text tries to inject markup and script
    post = tmp_path / "hostile.txt"
    post.write_text(
        "A Title For The Hostile Post\n\n"
        + "A paragraph of text that <script>alert(1)</script> tries its luck with markup. " * 3
        + "\n\nLeave a Reply\n<img src=x onerror=alert(2)> says hello\n",
        encoding="utf-8",
    )
    page = inspect_report(post, tmp_path).read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;" in page
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script | //img | //*[@src] | //link[@href] | //*[@onerror]")
