"""Paragraph text follows rendering, not source lines: whitespace collapses inside a paragraph,
a <br> breaks a line inside it, a <pre> keeps its lines in one block."""

import pytest
from article_ingest.extract.article import Extracted
from article_ingest.extract.body import SourceWraps, extract_html, extracted_text
from article_ingest.extract.tree import parse_tree
from lxml import etree

FILLER = "".join(
    f"<p>Filler paragraph {i} says something about the topic at hand, at length enough to count.</p>"
    for i in range(12)
)


def body_of(article_html: str) -> Extracted:
    page = f"<html><body><article><h1>Head</h1>{FILLER}{article_html}</article></body></html>"
    return extract_html(parse_tree(page))


def paragraphs(article_html: str) -> list[str]:
    page = f"<html><body><article><h1>Head</h1>{article_html}{FILLER}</article></body></html>"
    extracted = extract_html(parse_tree(page))
    return [p for s in extracted.sections for p in s.paragraphs if not p.startswith("Filler")]


def test_a_hard_wrapped_paragraph_is_one_paragraph_without_source_indentation():
    wrapped = (
        "<p>\n      The first line of a paragraph that the editor wrapped by hand,\n"
        "      and its second line, indented like the markup.<br>\n      After a break.\n    </p>"
    )
    assert paragraphs(wrapped) == [
        "The first line of a paragraph that the editor wrapped by hand, and its second line, "
        "indented like the markup.\nAfter a break."
    ]


def test_a_line_break_continues_the_paragraph_on_a_new_line():
    assert paragraphs("<p>Roses are red,<br>violets are blue.</p>") == ["Roses are red,\nviolets are blue."]


def test_a_pre_block_is_one_paragraph_with_its_lines_and_indentation():
    code = "def f(x):\n    return x + 1\n\nprint(f(2))"
    assert paragraphs(f"<pre>{code}</pre>") == [code]


def test_separate_paragraphs_and_list_items_stay_separate():
    html = "<p>One paragraph.</p><p>Another paragraph.</p><ul><li>First item</li><li>Second item</li></ul>"
    assert paragraphs(html) == ["One paragraph.", "Another paragraph.", "First item", "Second item"]


def test_only_a_newline_inside_one_run_of_inline_text_is_a_wrap():
    page = parse_tree(
        "<html><body><p>Wrapped by hand\n   across two lines</p>"
        "<div>Menu entry one</div>\n<div>Menu entry two</div>"
        "<div>Box title<div>Inner box</div>\nText after the inner box</div>"
        "<p>A line<br>\nafter a break</p></body></html>"
    )
    wraps = SourceWraps(page)
    assert wraps.joins("Wrapped by hand", "across two lines")
    assert not wraps.joins("Menu entry one", "Menu entry two")
    assert not wraps.joins("Box title", "Text after the inner box")
    assert not wraps.joins("A line", "after a break")


def test_short_lines_are_not_a_wrap_of_the_same_letters_inside_longer_words():
    # Given a listing's lines "make" and "su", and "make sure" wrapped elsewhere on the page
    page = parse_tree(
        "<html><body><p>Then make sure\nthat it runs.</p><p>Type:<br>make<br>su</p></body></html>"
    )
    wraps = SourceWraps(page)
    assert not wraps.joins("make", "su")
    assert wraps.joins("Then make", "sure")
    assert wraps.joins("make sure", "that it runs.")


def test_a_wrap_beside_inline_code_is_undone():
    # Given a hard-wrapped paragraph whose lines start and end at inline <code>, one wrap inside it
    html = (
        "<p>\nOnce it has finished, type <code>su</code> to log in as root, then type:\n"
        "<code>make install</code> to install it.  Type <code>make clean</code> to remove\n"
        "the objects the build left, and <code>ls\n  -l</code> to look.\n<p>"
    )
    assert paragraphs(html) == [
        "Once it has finished, type su to log in as root, then type: make install to install it. "
        "Type make clean to remove the objects the build left, and ls -l to look."
    ]


def listicle(item_text: str) -> str:
    return "".join(
        f"<h2><a href='https://shop.example.com/p/{i}'>{i}. Product number {i}</a></h2><p>{item_text}</p>"
        for i in range(1, 9)
    )


def test_a_listicle_heading_that_is_a_whole_link_stays_with_its_text():
    review = (
        "This one is reviewed here in a long paragraph that runs well past a teaser's length, with "
        "opinions, details, measurements and a verdict on whether it is worth buying for most readers. "
        "It comes in three colours, ships in a week, and the battery lasts a day of ordinary use."
    )
    headings = [s.heading for s in body_of(listicle(review)).sections]
    assert headings[1:] == [f"{i}. Product number {i}" for i in range(1, 9)]


def test_linked_headings_with_short_teasers_late_in_the_body_still_go():
    extracted = body_of(listicle("A short teaser."))
    assert "8. Product number 8" in extracted.removed.get("navigation", [])


def test_related_post_titles_with_long_excerpts_after_an_ordinary_body_still_go():
    # Given an ordinary body (FILLER), then two linked titles with long excerpts: a related-posts box
    excerpt = "An excerpt of another post, long enough to pass for a section's text. " * 4
    related = "".join(f"<h2><a href='/other-{i}'>Another post {i}</a></h2><p>{excerpt}</p>" for i in (1, 2))
    extracted = body_of(related)
    assert "Another post 2" in extracted.removed.get("navigation", [])


CHORUS = "And the chorus goes round again, the same line the song repeats after every verse."


def verses(marker: str) -> str:
    return "".join(
        f"<p>Verse {marker}{i} tells the next part of the story, in words of its own this time.</p>"
        for i in range(4)
    )


def test_a_paragraph_the_body_repeats_is_kept_each_time():
    # Given a refrain after each verse, in a page without <article> (trafilatura's text recovery)
    song = f"{verses('a')}<p>{CHORUS}</p>{verses('b')}<p>{CHORUS}</p>{verses('c')}<p>{CHORUS}</p>"
    page = f"<html><body><div><h1>Song</h1>{song}</div></body></html>"
    text = extracted_text(extract_html(parse_tree(page)))
    # Then the refrain is there three times, each after its verses
    assert text.count(CHORUS) == 3
    assert text.index("Verse b0") < text.index(CHORUS, text.index(CHORUS) + 1) < text.index("Verse c0")


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("aabbb", "aabbb"),  # each paragraph twice or more, the copies side by side
        ("baab", "baab"),  # a repeated paragraph after a copy of another
    ],
)
def test_paragraphs_the_body_repeats_side_by_side_are_all_kept(order: str, expected: str):
    said = {
        "a": "Alpha: the first thing the post says, in a sentence long enough to be a paragraph, and"
        " longer than trafilatura's 100 characters.",
        "b": "Beta: the second thing the post says, in a sentence long enough to be a paragraph, and"
        " longer than trafilatura's 100 characters.",
    }
    body = "".join(f"<p>{said[k]}</p>" for k in order)
    page = f"<html><body><div><h1>Said</h1>{body}</div></body></html>"
    text = extracted_text(extract_html(parse_tree(page)))
    found = sorted((start, k) for k in said for start in _starts(text, said[k]))
    assert "".join(k for _, k in found) == expected


def _starts(text: str, needle: str) -> list[int]:
    starts, at = [], text.find(needle)
    while at >= 0:
        starts.append(at)
        at = text.find(needle, at + 1)
    return starts


def test_a_copy_of_a_body_paragraph_outside_the_body_does_not_come_in():
    aside = f"<footer><p>{CHORUS}</p></footer>"
    page = (
        f"<html><body><div><h1>Song</h1>{verses('a')}<p>{CHORUS}</p>{verses('b')}</div>{aside}</body></html>"
    )
    text = extracted_text(extract_html(parse_tree(page)))
    assert text.count(CHORUS) == 1


def test_a_second_copy_of_the_article_text_is_not_restored():
    # Given the article's paragraphs twice over (a second rendering of the story on the page)
    story = verses("a")
    page = f"<html><body><div><h1>Story</h1>{story}<p>{CHORUS}</p></div><div>{story}</div></body></html>"
    text = extracted_text(extract_html(parse_tree(page)))
    # Then each paragraph is there once
    assert text.count("Verse a0") == 1


@pytest.mark.parametrize(
    "start",
    [
        "<div class='dropcap'>T</div><p>his morning",  # the letter in an element of its own
        "<span class='dropcap'>T</span><p>his morning",  # the letter between blocks
        "<p><span class='dropcap' aria-hidden='true'>T</span>his morning",  # hidden from readers
    ],
)
def test_a_drop_cap_set_apart_is_the_first_letter_of_its_paragraph(start: str):
    html = f"{start} the river rose over its banks and into the lower town.</p>"
    assert paragraphs(html)[0] == "This morning the river rose over its banks and into the lower town."


def test_a_one_letter_paragraph_before_a_capitalised_one_stays_apart():
    html = "<p>A</p><p>Apples come first in this glossary, and then the rest follows.</p>"
    assert paragraphs(html)[:2] == ["A", "Apples come first in this glossary, and then the rest follows."]


def tex_math(mathml: str, tex: str, display: str = "inline") -> str:
    return (
        f'<math display="{display}"><semantics><mrow>{mathml}</mrow>'
        f'<annotation encoding="application/x-tex">{tex}</annotation></semantics></math>'
    )


def test_a_formula_without_tex_keeps_its_text_in_the_paragraph():
    html = "<p>The ratio <math><mi>x</mi><mo>=</mo><mn>2</mn></math> holds for every case.</p>"
    assert paragraphs(html) == ["The ratio x=2 holds for every case."]


def test_a_display_formula_between_paragraphs_is_a_block_of_its_own():
    html = (
        "<p>The sum is written as follows.</p>"
        '<math display="block"><mi>a</mi><mo>=</mo><mi>b</mi><mo>+</mo><mi>c</mi></math>'
        "<p>Each term is counted once.</p>" + tex_math("<mi>a</mi>", "a = b + c", display="block")
    )
    assert paragraphs(html) == [
        "The sum is written as follows.",
        "a=b+c",
        "Each term is counted once.",
        "\\[a = b + c\\]",
    ]


def test_a_formula_with_tex_is_its_tex_once():
    # Given MathML carrying its TeX source, whose token text would read "eiπ+1=0"
    html = (
        "<p>The identity "
        + tex_math("<mi>e</mi><mi>i</mi><mi>π</mi><mo>+</mo><mn>1</mn>", "e^{i\\pi}+1=0")
        + " holds.</p>"
    )

    # Then the TeX stands for it, and only the TeX
    assert paragraphs(html) == ["The identity \\(e^{i\\pi}+1=0\\) holds."]


def test_the_page_tree_keeps_its_math_after_extraction():
    page = parse_tree(
        f"<html><body><article><h1>Head</h1>{FILLER}<p>So <math><mi>y</mi></math>.</p></article>"
        "</body></html>"
    )
    before = etree.tostring(page)

    extract_html(page)

    assert etree.tostring(page) == before


def test_a_pre_block_is_a_code_paragraph_and_prose_is_text():
    extracted = body_of("<p>Run it like this:</p><pre>make test\nmake lint</pre><p>Both should pass.</p>")
    section = extracted.sections[-1]

    kinds = dict(zip(section.paragraphs, section.paragraph_kinds(), strict=True))
    assert kinds["make test\nmake lint"] == "code"
    assert kinds["Run it like this:"] == kinds["Both should pass."] == "text"


def test_a_page_without_code_records_no_kinds():
    extracted = body_of("<p>Only prose here, in one more paragraph.</p>")

    assert all(section.kinds == [] for section in extracted.sections)
    assert all("kinds" not in section.model_dump() for section in extracted.sections)


def test_a_pre_block_that_does_not_look_like_a_program_keeps_its_lines_in_one_block():
    # Given a shell session: no brace, no indented line, so trafilatura would split it line by line
    assert paragraphs("<pre>make test --all\nmake lint</pre>") == ["make test --all\nmake lint"]


def test_a_highlighted_pre_block_keeps_its_text_in_order():
    # Given highlighter markup: text inside spans, and after them, on several lines
    html = '<pre><code><span class="k">class</span> Users:\n    <span class="n">slots</span> = 2</code></pre>'
    assert paragraphs(html) == ["class Users:\n    slots = 2"]


@pytest.mark.parametrize(
    "code",
    [
        "<p><code>make test<br>make lint</code></p>",  # lines broken by <br>
        "<p><code>make test<br>\n      make lint</code></p>",  # the same, the source wrapped after each <br>
        "<p><code>make test\nmake lint</code></p>",  # lines kept by the page's own newlines
        "<p><span><code>make test<br>make lint</code></span></p>",
        "<code>make test<br>\nmake lint</code>",  # between blocks: a <br> and a newline are one break
    ],
)
def test_a_code_element_of_several_lines_alone_in_its_paragraph_is_one_code_block(code: str):
    extracted = body_of(f"<p>Run it like this:</p>{code}<p>Both should pass.</p>")
    section = extracted.sections[-1]

    kinds = dict(zip(section.paragraphs, section.paragraph_kinds(), strict=True))
    assert kinds["make test\nmake lint"] == "code"


def test_a_code_block_outside_pre_keeps_its_indentation():
    code = "<div class='highlight'><code>def f(x):\n    return x + 1\n\nprint(f(2))</code></div>"
    assert paragraphs(code) == ["def f(x):\n    return x + 1\n\nprint(f(2))"]


@pytest.mark.parametrize(
    "html, expected",
    [
        (
            "<p>Call <code>len(x)</code> to count them, then <code>print</code> it.</p>",
            "Call len(x) to count them, then print it.",
        ),
        ("<p>Then run <code>make test</code></p>", "Then run make test"),
    ],
)
def test_code_inside_a_sentence_stays_inline_text(html: str, expected: str):
    extracted = body_of(html)
    section = extracted.sections[-1]

    assert section.paragraphs[-1] == expected
    assert section.kinds == []


def test_a_code_element_holding_a_menu_is_not_a_code_block():
    # Given a sidebar widget pasted inside <code>: blocks and links, not a program
    widget = (
        "<p><code><div class='widget'><p>Breeds:</p><ul>"
        "<li><a href='/a'>Affenpinscher</a></li>\n<li><a href='/b'>Afghan</a></li></ul></div></code></p>"
    )
    extracted = body_of(f"<p>Some words before it.</p>{widget}")

    assert all(section.kinds == [] for section in extracted.sections)


def paragraphs_and_kinds(article_html: str, filler: bool = True) -> list[tuple[str, str]]:
    """The paragraphs after the filler, with their kinds: on a page with this much paragraph text
    trafilatura reads no <div>'s own text. Without the filler (a short page) it reads it."""
    if filler:
        section = body_of(article_html).sections[-1]
    else:
        page = f"<html><body><article><h1>Head</h1>{article_html}</article></body></html>"
        section = extract_html(parse_tree(page)).sections[-1]
    pairs = zip(section.paragraphs, section.paragraph_kinds(), strict=True)
    return [(text, kind) for text, kind in pairs if not text.startswith("Filler")]


CODE = ("make test\nmake lint", "code")


@pytest.mark.parametrize(
    "block, expected",
    [
        ("<div>Run:<pre>make test\nmake lint</pre></div>", [("Run:", "text"), CODE]),
        ("<div>Run:<br><pre>make test\nmake lint</pre></div>", [("Run:", "text"), CODE]),
        ("<div><strong>Run:</strong><br><pre>make test\nmake lint</pre></div>", [("Run:", "text"), CODE]),
        (
            "<div>Run:<pre>make test\nmake lint</pre>Both should pass.</div>",
            [("Run:", "text"), CODE, ("Both should pass.", "text")],
        ),
        # a <code> of several lines on lines of its own after the label
        ("<div>Run:<br><code>make test<br>make lint</code></div>", [("Run:", "text"), CODE]),
    ],
)
def test_a_label_before_a_code_block_in_the_same_box_stays_a_paragraph_before_the_code(block, expected):
    assert paragraphs_and_kinds(block) == expected


@pytest.mark.parametrize(
    "block, expected",
    [
        # one line of code: a line of the label's paragraph, as trafilatura gives it on a short page
        ("<div>Run:<br><code>pip install x</code></div>", [("Run:\npip install x", "text")]),
        ("<div>Call <code>len(x)</code> to count them.</div>", [("Call len(x) to count them.", "text")]),
    ],
)
def test_a_line_of_loose_text_with_code_in_it_is_kept_whole(block, expected):
    assert paragraphs_and_kinds(block) == expected


@pytest.mark.parametrize(
    "block, expected",
    [
        ("<p>Run:</p><pre>make test\nmake lint</pre>", [("Run:", "text"), CODE]),
        ("<p>Run:</p><pre>pip install x</pre>", [("Run:", "text"), ("pip install x", "code")]),
        ("<p>Run:</p><div><code>pip install x</code></div>", [("Run:", "text"), ("pip install x", "code")]),
        ("<p>Run:<br><code>pip install x</code></p>", [("Run:\npip install x", "text")]),
    ],
)
def test_a_label_paragraph_and_its_code_stay_in_order(block, expected):
    assert paragraphs_and_kinds(block) == expected


# trafilatura reads a <div>'s own text on a short page only: each case on both.
PAGE_LENGTHS = pytest.mark.parametrize("filler", [True, False], ids=["long page", "short page"])


@PAGE_LENGTHS
@pytest.mark.parametrize(
    "block, expected",
    [
        # a <code> of several lines starting a line of its own: the text after it follows the code
        (
            "<p>Run:<br><code>make test<br>make lint</code> twice</p>",
            [("Run:", "text"), CODE, ("twice", "text")],
        ),
        (
            "<div>Run:<br><code>make test<br>make lint</code> twice</div>",
            [("Run:", "text"), CODE, ("twice", "text")],
        ),
        ("<p>Run:<br><code>make test<br>make lint</code></p>", [("Run:", "text"), CODE]),
        ("<p><code>make test<br>make lint</code><br>twice</p>", [CODE, ("twice", "text")]),
        # two such <code>s side by side: the first block ends the line, so the second starts one
        (
            "<p><code>make test\nmake lint</code><code>make docs\nmake dist</code></p>",
            [CODE, ("make docs\nmake dist", "code")],
        ),
        (
            "<div><code>make test\nmake lint</code>\n<code>make docs\nmake dist</code> twice</div>",
            [CODE, ("make docs\nmake dist", "code"), ("twice", "text")],
        ),
        # a label beside the box that holds only the code
        ("<div>Run:<div><code>make test<br>make lint</code></div></div>", [("Run:", "text"), CODE]),
        ("<div>Run:<div><pre>make test\nmake lint</pre></div></div>", [("Run:", "text"), CODE]),
        (
            "<div>Run:<div><code>pip install x</code></div></div>",
            [("Run:", "text"), ("pip install x", "code")],
        ),
    ],
)
def test_a_code_block_keeps_its_place_between_the_text_before_and_after_it(block, expected, filler):
    assert paragraphs_and_kinds(block, filler) == expected


@PAGE_LENGTHS
@pytest.mark.parametrize(
    "block, expected",
    [
        # a <code> of several lines that starts inside a line stays in it, its lines in order
        (
            "<p>Run <code>make test<br>make lint</code> twice</p>",
            [("Run make test\nmake lint twice", "text")],
        ),
        ("<p>Run <code>make test<br>make lint</code></p>", [("Run make test\nmake lint", "text")]),
        # one line of code after a label is a line of the label's paragraph
        ("<div>Run:<br><code>pip install x</code></div>", [("Run:\npip install x", "text")]),
        ("<p>Run:<br><code>pip install x</code></p>", [("Run:\npip install x", "text")]),
        ("<p>Run:<br><code>pip install x</code> twice</p>", [("Run:\npip install x twice", "text")]),
        (
            "<p>Call <code>len(x)</code> to count, then <code>print</code> it.</p>",
            [("Call len(x) to count, then print it.", "text")],
        ),
        ("<div>Call <code>len(x)</code> to count them.</div>", [("Call len(x) to count them.", "text")]),
        ("<div>Run:<br><code>make test<br>make lint</code></div>", [("Run:", "text"), CODE]),
    ],
)
def test_code_in_a_line_of_text_stays_in_it(block, expected, filler):
    assert paragraphs_and_kinds(block, filler) == expected


@PAGE_LENGTHS
@pytest.mark.parametrize(
    "block, expected",
    [
        # trafilatura nests the block in the item, the quote or the cell that holds it
        (
            "<ol><li>Install it:<pre>make test\nmake lint</pre></li><li>Then run it.</li></ol>",
            [("Install it:", "text"), CODE, ("Then run it.", "text")],
        ),
        (
            "<ul><li>Install it:<pre>make test\nmake lint</pre>and check.</li></ul>",
            [("Install it:", "text"), CODE, ("and check.", "text")],
        ),
        (
            "<blockquote><p>The reader wrote:</p><pre>make test\nmake lint</pre></blockquote>",
            [("The reader wrote:", "text"), CODE],
        ),
        # a cell that held only the block leaves no empty row behind
        ("<table><tr><td><pre>make test\nmake lint</pre></td></tr></table>", [CODE]),
        (
            "<table><tr><td>Setup</td><td><pre>make test\nmake lint</pre></td></tr>"
            "<tr><td>a</td><td>b</td></tr></table>",
            [("| Setup |", "text"), CODE, ("| a | b |", "text")],
        ),
    ],
)
def test_a_code_block_inside_a_list_a_quote_or_a_table_is_a_code_block(block, expected, filler):
    assert paragraphs_and_kinds(block, filler) == expected


@pytest.mark.parametrize(
    "block, expected",
    [
        ("<ul><li>Call <code>len(x)</code> to count them.</li></ul>", "Call len(x) to count them."),
        (
            "<blockquote><p>Call <code>len(x)</code> to count them.</p></blockquote>",
            "Call len(x) to count them.",
        ),
        ("<table><tr><td>Call <code>len(x)</code></td></tr></table>", "| Call len(x) |"),
    ],
)
def test_inline_code_in_a_list_a_quote_or_a_table_stays_in_its_line(block, expected):
    assert paragraphs_and_kinds(block) == [(expected, "text")]


def test_the_page_comes_back_unchanged_after_its_code_stood_in_as_blocks():
    page = parse_tree(
        f"<html><body><article><h1>Head</h1>{FILLER}"
        "<p class='x'>Run:<br><code>make test<br>make lint</code> twice <b>now</b><br>"
        "<code>a<br>b</code></p><p>Run <code>make test<br>make lint</code> twice</p>"
        "<div>Run:<div><code>make test<br>make lint</code></div>after</div></article></body></html>"
    )
    before = etree.tostring(page)

    extract_html(page)

    assert etree.tostring(page) == before


def test_the_page_comes_back_unchanged_after_its_loose_text_stood_in_as_paragraphs():
    page = parse_tree(
        f"<html><body><article><h1>Head</h1>{FILLER}<div>Run:<br><pre>make test\nmake lint</pre>"
        "Both <b>should</b> pass.<!-- note --></div><div>Call <code>len(x)</code> to count.</div>"
        "<div><code>make test<br>make lint</code><br>then</div></article></body></html>"
    )
    before = etree.tostring(page)

    extract_html(page)

    assert etree.tostring(page) == before


def test_a_tex_script_is_its_tex_inline_or_as_a_block():
    # Given MathJax's source form: TeX in scripts, one inline, one a display formula between paragraphs
    html = (
        "<p>The identity <script type='math/tex'>e^{i\\pi}+1=0</script> holds.</p>"
        "<script type='math/tex; mode=display'>a = b + c</script><p>Each term is counted once.</p>"
    )
    assert paragraphs(html) == [
        "The identity \\(e^{i\\pi}+1=0\\) holds.",
        "\\[a = b + c\\]",
        "Each term is counted once.",
    ]


def test_what_mathjax_drew_beside_its_tex_script_is_not_there_twice():
    # Given a page saved after MathJax rendered: its preview, its frame (glyphs and assistive
    # MathML), then the TeX script the frame was drawn from
    drawn = (
        "<span class='MathJax_Preview'></span><span class='MathJax' id='MathJax-Element-1-Frame'>"
        "<nobr aria-hidden='true'><span>x</span><span>2</span></nobr>"
        "<span class='MJX_Assistive_MathML'><math><msup><mi>x</mi><mn>2</mn></msup></math></span></span>"
    )
    html = f"<p>The square {drawn}<script type='math/tex' id='MathJax-Element-1'>x^2</script> grows.</p>"
    assert paragraphs(html) == ["The square \\(x^2\\) grows."]


def test_scripts_that_are_not_tex_still_go():
    html = (
        "<p>Text here.</p><script>var shown = 'never';</script>"
        "<script type='text/x-template'>template text</script><p>More text.</p>"
    )
    assert paragraphs(html) == ["Text here.", "More text."]


def test_the_page_tree_keeps_its_tex_scripts_after_extraction():
    page = parse_tree(
        f"<html><body><article><h1>Head</h1>{FILLER}<p>So <script type='math/tex'>y</script>.</p>"
        "</article></body></html>"
    )
    before = etree.tostring(page)

    extract_html(page)

    assert etree.tostring(page) == before


def test_a_katex_formula_is_its_tex_once_not_its_drawn_glyphs_too():
    # Given KaTeX's output: MathML carrying the TeX, then the glyphs it drew, hidden from readers
    katex = (
        '<span class="katex"><span class="katex-mathml"><math><semantics><mrow><msup><mi>x</mi><mn>2</mn>'
        '</msup></mrow><annotation encoding="application/x-tex">x^2</annotation></semantics></math></span>'
        '<span class="katex-html" aria-hidden="true"><span>x</span><span>2</span></span></span>'
    )
    assert paragraphs(f"<p>The square {katex} grows.</p>") == ["The square \\(x^2\\) grows."]


def layout_page(article: str) -> str:
    menu = "<ul>" + "".join(f'<li><a href="/{i}">Section {i}</a></li>' for i in range(6)) + "</ul>"
    return (
        '<html><body><table id="layout"><tr>'
        f'<td class="left">{menu}</td>'
        f'<td class="main">{article}</td>'
        "</tr></table></body></html>"
    )


LAYOUT_ARTICLE = "<h1>Tomatoes after a wet summer</h1>" + "".join(
    f"<p>Paragraph {i} of the club's report on blight says one more thing about the tomatoes this year.</p>"
    for i in range(6)
)


def test_a_table_that_lays_out_the_page_gives_the_articles_paragraphs_one_by_one():
    # Given a page laid out in a table: the menu in one cell, the article in the next
    page = layout_page(LAYOUT_ARTICLE)
    # When the body is extracted
    extracted = extract_html(parse_tree(page))
    found = [p for s in extracted.sections for p in s.paragraphs]
    # Then each paragraph is one, and no row of cells joined by bars holds them
    assert found[:6] == [
        f"Paragraph {i} of the club's report on blight says one more thing about the tomatoes this year."
        for i in range(6)
    ]
    assert not any("|" in p for p in found)


def test_a_data_table_in_the_article_stays_a_table_inside_a_layout_table():
    # Given a layout table whose article holds a table of data
    data = "<table><tr><th>Variety</th><th>Yield</th></tr><tr><td>Philovita</td><td>4 kg</td></tr></table>"
    page = layout_page(
        LAYOUT_ARTICLE + data + "<p>A closing paragraph of the report, long enough to count as text.</p>"
    )
    # When the body is extracted
    found = [p for s in extract_html(parse_tree(page)).sections for p in s.paragraphs]
    # Then the data table's rows are still rows
    assert any("Philovita" in p and "|" in p for p in found), found


def test_a_table_of_short_cells_is_data_and_the_tree_comes_back_unchanged():
    from article_ingest.extract.layout_tables import is_layout, layout_tables_as_blocks

    tree = parse_tree(layout_page(LAYOUT_ARTICLE + "<table><tr><td>a</td><td>b</td></tr></table>"))
    before = etree.tostring(tree)
    tables = list(tree.iter("table"))
    assert [is_layout(table) for table in tables] == [True, False]
    with layout_tables_as_blocks(tree):
        assert [t.tag for t in tree.iter("table")] == ["table"]
    assert etree.tostring(tree) == before


def test_a_table_of_many_rows_is_data_whatever_its_cells_hold():
    from article_ingest.extract.layout_tables import is_layout

    # Given a plan of steps: one row a step, each cell with paragraphs of its own
    cell = "<td><p>First part.</p><p>Second part.</p><p>Third part.</p></td>"
    plan = "<table>" + "".join(f"<tr><td>Week {i}</td>{cell}</tr>" for i in range(5)) + "</table>"
    # When it is judged, Then it is data, and the same table of two rows is layout
    assert not is_layout(parse_tree(f"<html><body>{plan}</body></html>").find(".//table"))
    short = "<table>" + "".join(f"<tr><td>Week {i}</td>{cell}</tr>" for i in range(2)) + "</table>"
    assert is_layout(parse_tree(f"<html><body>{short}</body></html>").find(".//table"))
