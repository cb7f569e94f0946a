"""One rule for "is this a comment block", at the three breadths its readers need."""

import pytest
from article_ingest.extract.comments import comment_containers, is_comment_block
from article_ingest.extract.tree import parse_tree

# (class, id, itemtype) -> answers for the rules "whole word" (body), "mention" (dates) and
# "trafilatura" (authors)
CASES = [
    (("comments-area", "", ""), (True, True, True)),
    (("", "disqus_thread", ""), (True, False, False)),
    (("kommentare", "", ""), (True, False, False)),
    (("", "Kommentare", ""), (True, False, False)),
    (("article__comments", "", ""), (True, True, False)),
    (("commentary", "", ""), (False, False, False)),
    (("recommended-posts", "", ""), (False, False, False)),
    (("comment-count", "", ""), (True, True, False)),
    (("x COMMENT-list", "", ""), (True, True, False)),
    (("comment-body", "", ""), (True, True, False)),
    (("", "comments", ""), (True, True, True)),
    (("", "Comments", ""), (True, True, False)),
    (("Comments", "", ""), (True, True, True)),
    (("", "commentlist", ""), (True, True, True)),
    (("post", "comment-list", ""), (True, True, True)),
    (("", "", "https://schema.org/Comment"), (True, False, False)),
    (("", "", "https://schema.org/UserComments"), (True, False, False)),
]
RULES = ("whole word", "mention", "trafilatura")


@pytest.mark.parametrize(("names", "answers"), CASES, ids=lambda case: repr(case))
def test_each_rule_names_comment_blocks_at_its_breadth(names, answers):
    classes, element_id, itemtype = names

    found = tuple(is_comment_block(classes, element_id, itemtype, rule=rule) for rule in RULES)

    assert found == answers


def article(body: str) -> str:
    text = "<p>" + "The council met on Tuesday and agreed the budget for the new pool. " * 8 + "</p>"
    return f"<html><body><main><h1>Pool</h1>{text}</main>{body}</body></html>"


def test_containers_are_the_outermost_comment_blocks():
    tree = parse_tree(article('<div id="comments"><ol class="comment-list"><li>Hi</li></ol></div>'))

    found = comment_containers(tree)

    assert [element.get("id") for element in found] == ["comments"]


def test_a_container_holding_the_headline_is_the_content():
    tree = parse_tree('<html><body><div class="comments-wrap"><h1>Title</h1><p>Text.</p></div></body></html>')

    assert comment_containers(tree) == []


def test_a_comments_heading_takes_the_comment_blocks_after_it():
    thread = '<h3 class="comments-title">2 Kommentare</h3><div class="postComment">Hi</div>'
    tree = parse_tree(article(f"<section>{thread}<div class='postComment'>Ho</div></section>"))

    found = comment_containers(tree)

    assert [element.tag for element in found] == ["h3", "div", "div"]
