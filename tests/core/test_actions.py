"""core.actions, exercised through one real chain (publicity's items).

The layer itself knows no app; these tests use publicity's Item because a
transition with a permission and an ActionSet on a page are what it is for.
"""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from apps.audit.models import AuditEvent
from apps.core.actions import (
    Refused,
    authorize,
    locked,
    refuse_unless,
    transition_check,
)
from apps.publicity.models import Item
from apps.publicity.views.items import ITEM_ACTIONS
from tests.publicity import factories as f

pytestmark = pytest.mark.django_db


def test_a_refusal_is_a_permission_denied_with_a_sentence(people):
    item = f.submitted(people)
    with pytest.raises(Refused) as exc:
        authorize(people["staff"], "publicity.approve_item", item)
    assert isinstance(exc.value, PermissionDenied)
    assert exc.value.code == "not_allowed"
    assert str(exc.value) == "您无权进行此操作。"
    with pytest.raises(Refused) as exc:
        refuse_unless(False, "不行")
    assert exc.value.message == "不行"


def test_transition_check_says_wrong_step_before_not_allowed(people):
    item = f.approved(people)
    with pytest.raises(Refused) as exc:
        transition_check(people["staff"], item.approve)
    assert exc.value.code == "wrong_step"
    item = f.submitted(people)
    with pytest.raises(Refused) as exc:
        transition_check(people["staff"], item.approve)
    assert exc.value.code == "not_allowed"
    transition_check(people["head"], item.approve)  # allowed: no exception


@pytest.mark.django_db(transaction=True)
def test_locking_needs_the_callers_transaction(people):
    item = f.draft(people)
    with pytest.raises(RuntimeError):
        locked(item)
    with transaction.atomic():
        assert locked(item).pk == item.pk


def test_a_page_offers_exactly_the_actions_the_user_may_take_now(rf, people):
    item = f.submitted(people)

    def offered(user):
        request = rf.get("/")
        request.user = user
        request.session = {}
        return [offer.name for offer in ITEM_ACTIONS.offered(request, item)]

    assert offered(people["head"]) == ["approve", "return"]
    assert offered(people["staff"]) == []  # the author waits
    assert offered(people["office_reviewer"]) == []  # not the office's step yet
    item = f.approved(people)
    assert offered(people["head"]) == []
    assert offered(people["office_reviewer"]) == ["review", "return"]


def test_every_post_is_answered_with_a_redirect(client, people):
    item = f.submitted(people)
    url = reverse("publicity:item_action", args=[item.pk, "approve"])
    client.force_login(people["head"])
    done = client.post(url, {"approve-comment": "同意"})
    assert done.status_code == 302
    assert done["Location"] == item.get_absolute_url()
    # The same POST again (a refresh, a second tab): refused, said, redirected.
    again = client.post(url, {"approve-comment": "同意"})
    assert again.status_code == 302
    texts = [str(m) for m in get_messages(again.wsgi_request)]
    assert any("此步骤现在不能办理" in t for t in texts)
    assert Item.objects.get(pk=item.pk).state == Item.State.DEPARTMENT_APPROVED


def test_a_user_who_may_not_at_the_open_step_gets_403_and_is_audited(client, people):
    item = f.submitted(people)
    client.force_login(people["staff"])
    url = reverse("publicity:item_action", args=[item.pk, "approve"])
    assert client.post(url, {"approve-comment": "x"}).status_code == 403
    event = AuditEvent.objects.get(action="core.action_refused")
    assert event.actor_id == people["staff"].pk
    assert event.after["action"] == "approve"
    assert Item.objects.get(pk=item.pk).state == Item.State.SUBMITTED
    assert client.get(url).status_code == 405
    unknown = reverse("publicity:item_action", args=[item.pk, "nonsense"])
    assert client.post(unknown).status_code == 404


def test_locked_for_step_locks_then_asks_the_transition_in_the_apps_words(people):
    from apps.core.actions import locked_for_step

    item = f.approved(people)
    with pytest.raises(Refused) as exc, transaction.atomic():
        locked_for_step(
            people["head"],
            item,
            "approve",
            wrong_step=lambda fresh: f"已在“{fresh.get_state_display()}”环节",
        )
    assert exc.value.code == "wrong_step"
    assert exc.value.message == "已在“待办公室审核”环节"
    with transaction.atomic():
        fresh = locked_for_step(people["office_reviewer"], item, "review")
    assert fresh.pk == item.pk
