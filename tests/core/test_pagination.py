"""The shared pager keeps the filters and replaces the page number; the icon exists."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def links(query):
    request = RequestFactory().get("/audit/", query)
    page = Paginator(range(100), 10).get_page(query.get("page"))
    html = render_to_string("_pagination.html", {"page": page}, request=request)
    return [part.split('"')[0] for part in html.split('href="')[1:]]


def test_the_next_link_replaces_the_page_and_keeps_the_filters():
    previous, following = links({"q": "登录", "page": "3"})
    assert following.count("page=") == 1
    assert "page=4" in following
    assert "q=%E7%99%BB%E5%BD%95" in following
    assert previous.count("page=") == 1
    assert "page=2" in previous


def test_clicking_on_and_on_never_grows_the_url():
    query = {"page": "1"}
    for expected in range(2, 6):
        following = links(query)[-1]
        assert following.count("page=") == 1
        query = {"page": str(expected)}


def test_the_favicon_is_there_for_pages_that_do_not_name_it(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
