"""The Help Center's shared rules without a backend: the tree of categories and the external link."""

import pytest

from services.rules.help_center import (
    check_external_link,
    check_parent,
    depth,
    descendants,
    height,
    in_tree_order,
)

# 1 ── 2 ── 3        4 ── 5
PARENTS = {1: None, 2: 1, 3: 2, 4: None, 5: 4}


def test_the_tree_is_read_top_down_with_siblings_in_their_order():
    places = {1: (2, 1), 2: (1, 2), 3: (1, 3), 4: (1, 4), 5: (1, 5)}
    assert in_tree_order(PARENTS, places) == [4, 5, 1, 2, 3]
    assert descendants(PARENTS, 1) == {1, 2, 3} and descendants(PARENTS, 3) == {3}
    assert (depth(PARENTS, None), depth(PARENTS, 1), depth(PARENTS, 3)) == (0, 1, 3)
    assert (height(PARENTS, 1), height(PARENTS, 4), height(PARENTS, 3)) == (3, 2, 1)


@pytest.mark.parametrize(("moving", "parent", "code"), [
    (None, 2, None),  # a new third level
    (None, 3, "category_too_deep"),  # a fourth
    (1, 3, "category_cycle"), (1, 1, "category_cycle"),
    (4, 2, "category_too_deep"),  # 4 with its child would reach level 4
    (4, 1, None), (5, None, None),
    (None, 99, "no_such_category"),
])
def test_where_a_category_may_sit(moving, parent, code):
    assert [v.code for v in check_parent(PARENTS, moving, parent)] == ([code] if code else [])


@pytest.mark.parametrize(("link", "code"), [
    (None, None), ("", None), ("https://www.hkex.com.hk/a?b=c#d", None), ("http://例子.香港/路徑", None),
    ("HTTPS://EXAMPLE.COM", None), ("http://[2001:db8::1]:8080/", None),
    ("mailto:help@example.com", "link_scheme"), ("//example.com", "link_scheme"),
    ("https://exa_mple.com", "link_malformed"), ("https://example.com/\x00", "link_malformed"),
    ("https://example.com:0/", "link_malformed"), ("https://" + "a" * 64 + ".com", "link_malformed"),
])
def test_an_external_link_opens_in_a_browser_or_says_why_not(link, code):
    assert [v.code for v in check_external_link(link)] == ([code] if code else [])
    assert all(v.field == "external_link" for v in check_external_link(link))
