import pytest
from django.db import DatabaseError, connection, transaction

from apps.audit.context import client_address
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, model_snapshot


@pytest.mark.django_db
def test_record_keeps_actor_object_before_after_and_address(people, prosecution):
    token = client_address.set("10.1.2.3")
    try:
        event = audit_record(
            actor=people["head"],
            action="core.department.rename",
            target=prosecution,
            before={"name": "公诉科"},
            after={"name": "第一检察部"},
            message="Renamed",
        )
    finally:
        client_address.reset(token)
    event.refresh_from_db()
    assert event.actor == people["head"]
    assert event.actor_name == people["head"].staff.name
    assert event.procuratorate_id == prosecution.procuratorate_id
    assert event.object_id == str(prosecution.pk)
    assert event.after == {"name": "第一检察部"}
    assert event.client_address == "10.1.2.3"


@pytest.mark.django_db
def test_database_refuses_update_and_delete(people):
    event = audit_record(actor=people["staff"], action="test.append_only")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    # Not even raw SQL gets past the trigger.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk]
        )
    assert AuditEvent.objects.get(pk=event.pk).action == "test.append_only"


@pytest.mark.django_db
def test_snapshot_is_json_ready(prosecution):
    snap = model_snapshot(prosecution)
    assert snap["name"] == "公诉科"
    assert isinstance(snap["created_at"], str)


@pytest.mark.django_db
def test_sign_in_and_out_are_audited(client, people):
    from tests.factories import TEST_PASSWORD

    client.post("/accounts/login/", {"username": "t.staff", "password": TEST_PASSWORD})
    client.post("/accounts/logout/")
    actions = list(
        AuditEvent.objects.filter(actor=people["staff"]).values_list(
            "action", flat=True
        )
    )
    assert actions == ["core.logout", "core.login"]
    assert (
        AuditEvent.objects.filter(action="core.login").first().client_address
        == "127.0.0.1"
    )


def test_snapshot_of_an_empty_file_field_is_none():
    """An empty FieldFile raises ValueError on .url; the snapshot must not crash."""
    from django.db.models.fields.files import FieldFile, FileField

    from apps.audit.services import _jsonable

    empty = FieldFile(None, FileField(name="attachment"), None)
    assert _jsonable(empty) is None
