"""《工作简报》: numbered issues of reviewed items, and their print-ready PDF."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.core.actions import Refused
from apps.publicity import services
from apps.publicity.models import Bulletin
from tests.permissions import ANONYMOUS, assert_matrix
from tests.reports.glyphs import render_and_find, scores

from . import factories as f

pytestmark = pytest.mark.django_db

FONTS = Path(settings.REPORT_FONT_DIR)


def compile_issue(people, items, day=None, **fields):
    return services.bulletin_create(
        actor=people["office_reviewer"],
        issued_on=day or timezone.localdate(),
        items=items,
        **fields,
    )


def test_issues_are_numbered_per_year_without_gaps(people):
    item = f.reviewed(people)
    first = compile_issue(people, [item])
    second = compile_issue(people, [item])
    last_year = compile_issue(people, [item], day=datetime.date(2025, 12, 30))
    assert (first.number, second.number, last_year.number) == (1, 2, 1)
    assert str(second) == f"工作简报 {second.year}年第2期"


def test_only_items_passed_by_the_office_go_in(people):
    with pytest.raises(ValidationError):
        compile_issue(people, [f.approved(people)])
    with pytest.raises(ValidationError):
        compile_issue(people, [])
    item = f.reviewed(people)
    with pytest.raises(ValidationError):
        compile_issue(people, [item, item])


def test_only_the_office_compiles(people):
    with pytest.raises(PermissionDenied):
        services.bulletin_create(
            actor=people["head"],
            issued_on=timezone.localdate(),
            items=[f.reviewed(people)],
        )


def test_issuing_fixes_the_content(people):
    a, b = f.reviewed(people, title="甲"), f.signed_off(people, title="乙")
    bulletin = compile_issue(people, [a])
    bulletin = services.bulletin_update(
        actor=people["office_reviewer"],
        bulletin=bulletin,
        issued_on=bulletin.issued_on,
        items=[b, a],
        distribution="报：市院\n送：院领导",
    )
    assert [e.item.title for e in bulletin.entries.order_by("position")] == ["乙", "甲"]
    services.bulletin_issue(actor=people["office_reviewer"], bulletin=bulletin)
    with pytest.raises(Refused):
        services.bulletin_update(
            actor=people["office_reviewer"],
            bulletin=bulletin,
            issued_on=bulletin.issued_on,
            items=[a],
        )
    with pytest.raises(Refused):
        services.bulletin_issue(actor=people["office_reviewer"], bulletin=bulletin)


def test_bulletin_pages_by_role(client, people):
    bulletin = compile_issue(people, [f.reviewed(people)])
    users = {**people, ANONYMOUS: None}
    assert_matrix(
        client,
        users,
        {
            reverse("publicity:bulletin_list"): {
                "staff": 200,
                "office_reviewer": 200,
                "system_admin": 403,
                ANONYMOUS: 302,
            },
            reverse("publicity:bulletin_create"): {
                "office_reviewer": 200,
                "staff": 403,
            },
            bulletin.get_absolute_url(): {"staff": 200, "outsider": 404},
            reverse("publicity:bulletin_edit", args=[bulletin.pk]): {
                "office_reviewer": 200,
                "head": 403,
            },
        },
    )


def test_compiling_through_the_form_keeps_the_chosen_order(client, people):
    a, b, c = (f.reviewed(people, title=t) for t in ("一", "二", "三"))
    client.force_login(people["office_reviewer"])
    response = client.post(
        reverse("publicity:bulletin_create"),
        {
            "title": "工作简报",
            "issued_on": timezone.localdate().isoformat(),
            "compiled_by_unit": "办公室",
            "distribution": "报：市院",
            "copies": "30",
            "items": [str(a.pk), str(c.pk)],
            f"order-{a.pk}": "2",
            f"order-{c.pk}": "1",
        },
    )
    bulletin = Bulletin.objects.get()
    assert response.status_code == 302
    assert [e.item.title for e in bulletin.entries.order_by("position")] == ["三", "一"]
    # Nothing ticked: refused in Chinese, and what was typed stays.
    response = client.post(
        reverse("publicity:bulletin_create"),
        {
            "title": "工作简报",
            "issued_on": timezone.localdate().isoformat(),
            "compiled_by_unit": "政治处",
            "copies": "30",
        },
    )
    page = response.content.decode()
    assert "请至少选择一篇稿件" in page and 'value="政治处"' in page
    assert b.title in page


def test_the_pdf_is_a_bulletin_with_the_right_chinese(client, people):
    item = f.reviewed(people, title="公诉科开展案件质量评查")
    bulletin = compile_issue(people, [item], distribution="报：市院\n发：各科室")
    client.force_login(people["staff"])
    response = client.get(reverse("publicity:bulletin_pdf", args=[bulletin.pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    # The title of the item in bold serif, the compiling unit in regular serif.
    for text, font in [
        ("案件质量评查", "NotoSerifSC-Bold.ttf"),
        ("测试区人民检察院办公室", "NotoSerifSC-Regular.ttf"),
    ]:
        rendered = render_and_find(pdf, text, largest=True)
        same = scores(rendered.glyphs, text, FONTS / font)
        control = scores(rendered.glyphs, text[1:] + text[0], FONTS / font)
        assert min(same) > 0.7, (text, same)
        assert sum(control) / len(control) < sum(same) / len(same) - 0.2


def test_bulletin_list_runs_a_fixed_number_of_queries(client, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item = f.reviewed(people)
    client.force_login(people["staff"])
    url = reverse("publicity:bulletin_list")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    compile_issue(people, [item])
    small = count()
    for _ in range(4):
        compile_issue(people, [item])
    assert count() == small
