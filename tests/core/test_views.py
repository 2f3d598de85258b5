import pytest
from django.urls import reverse

from tests.permissions import ANONYMOUS, assert_matrix


@pytest.mark.django_db
def test_page_permission_matrix(client, people):
    everyone = dict.fromkeys(people, 200)
    matrix = {
        reverse("todos:inbox"): {ANONYMOUS: 302, **everyone},
        reverse("accounts:staff_list"): {ANONYMOUS: 302, **everyone},
        reverse("dashboard:home"): {
            ANONYMOUS: 302,
            "pg": 200,
            "deputy": 200,
            "head": 403,
            "staff": 403,
            "system_admin": 403,
        },
        reverse("audit:event_list"): {
            ANONYMOUS: 302,
            "audit_admin": 200,
            "system_admin": 403,
            "security_admin": 403,
            "pg": 403,
            "staff": 403,
        },
        reverse("admin:index"): {
            ANONYMOUS: 302,
            "system_admin": 200,
            "security_admin": 200,
            "audit_admin": 200,
            "pg": 302,
            "head": 302,
        },
        reverse("healthz"): {ANONYMOUS: 200},
    }
    assert_matrix(client, people, matrix)


@pytest.mark.django_db
def test_staff_directory_lists_only_own_procuratorate(client, people):
    client.force_login(people["staff"])
    response = client.get(reverse("accounts:staff_list"))
    names = {s.name for s in response.context["staff"]}
    assert people["head"].staff.name in names
    assert people["outsider"].staff.name not in names


@pytest.mark.django_db
def test_staff_directory_query_count_is_fixed(
    client, people, procuratorate, prosecution, django_assert_max_num_queries
):
    from tests.factories import StaffFactory

    client.force_login(people["staff"])
    url = reverse("accounts:staff_list")
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    StaffFactory.create_batch(40, department=prosecution)
    with django_assert_max_num_queries(20) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_home_sends_leadership_to_board_and_staff_to_todos(client, people):
    client.force_login(people["pg"])
    assert client.get("/").url == reverse("dashboard:home")
    client.force_login(people["staff"])
    assert client.get("/").url == reverse("todos:inbox")
