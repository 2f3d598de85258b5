import pytest
from django.urls import reverse

from apps.audit.services import audit_record


@pytest.mark.django_db
def test_audit_browser_shows_own_procuratorate_only(client, people):
    audit_record(actor=people["head"], action="ours.event")
    audit_record(actor=people["outsider"], action="theirs.event")
    client.force_login(people["audit_admin"])
    response = client.get(reverse("audit:event_list"))
    actions = {e.action for e in response.context["page"]}
    assert "ours.event" in actions
    assert "theirs.event" not in actions


@pytest.mark.django_db
def test_audit_browser_filters_by_action(client, people):
    audit_record(actor=people["head"], action="publicity.item.submit")
    audit_record(actor=people["head"], action="core.login")
    client.force_login(people["audit_admin"])
    response = client.get(reverse("audit:event_list"), {"action": "publicity"})
    assert [e.action for e in response.context["page"]] == ["publicity.item.submit"]


@pytest.mark.django_db
def test_admin_site_changes_are_audited(client, people, prosecution):
    from apps.audit.models import AuditEvent

    client.force_login(people["system_admin"])
    url = reverse("admin:workdays_calendaroverride_add")
    response = client.post(
        url, {"date": "2026-12-31", "kind": "holiday", "reason": "院党组决定"}
    )
    assert response.status_code == 302, response.content
    event = AuditEvent.objects.get(action="admin.workdays.calendaroverride.add")
    assert event.actor == people["system_admin"]
    assert event.after["reason"] == "院党组决定"
