"""Comments are tested under a board post, the first item that takes them."""

import pytest

from apps.disclosure.models import BoardColumn
from apps.disclosure.services import board_post_publish
from tests.disclosure.conftest import catalogue, clock  # noqa: F401


@pytest.fixture
def post(people, catalogue):  # noqa: F811
    return board_post_publish(
        actor=people["office_reviewer"],
        column=BoardColumn.objects.get(code="supplies"),
        title="十一月办公用品申请处理情况",
        body="本月共受理申请12件……",
    )


@pytest.fixture
def other_post(other_procuratorate, catalogue):  # noqa: F811
    from tests.factories import Role, make_user

    reviewer = make_user(
        procuratorate=other_procuratorate, roles=[Role.OFFICE_REVIEWER]
    )
    return board_post_publish(
        actor=reviewer,
        column=BoardColumn.objects.get(code="finance"),
        title="邻院财务公示",
        body="……",
    )
