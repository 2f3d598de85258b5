"""Exemplars are colleagues of ours; drafts stay with the organisers."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.integrity import services
from apps.integrity.models import Exemplar

pytestmark = pytest.mark.django_db


def photo():
    buffer = io.BytesIO()
    Image.new("RGB", (80, 100), (120, 140, 160)).save(buffer, format="JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg")


def story(people, **extra):
    return {
        "staff": people["staff"].staff,
        "title": "三次婉拒当事人的“心意”",
        "quality": Exemplar.Quality.INTEGRITY,
        "story": (
            "办理一起合同诈骗案时，当事人家属三次上门送礼，他都当面婉拒并如实登记。"
        ),
        **extra,
    }


def test_only_colleagues_of_ours_and_only_organisers(people, organiser):
    with pytest.raises(ValidationError):
        services.exemplar_save(
            actor=organiser, fields=story(people, staff=people["outsider"].staff)
        )
    with pytest.raises(PermissionDenied):
        services.exemplar_save(actor=people["staff"], fields=story(people))
    people["officer"].is_active = False
    people["officer"].save()
    with pytest.raises(ValidationError):
        services.exemplar_save(
            actor=organiser, fields=story(people, staff=people["officer"].staff)
        )


def test_gallery_shows_published_stories_only(client, people, organiser):
    draft = services.exemplar_save(actor=organiser, fields=story(people))
    shown = services.exemplar_save(
        actor=organiser,
        fields=story(people, title="把群众来访当自家事", photo=photo()),
    )
    services.exemplar_publish(actor=organiser, exemplar=shown)
    client.force_login(people["head"])
    page = client.get(reverse("integrity:exemplar_list")).content.decode()
    assert "把群众来访当自家事" in page and draft.title not in page
    assert client.get(draft.get_absolute_url()).status_code == 404
    photo_url = reverse("integrity:exemplar_photo", args=[shown.pk])
    assert client.get(photo_url).status_code == 200
    client.force_login(organiser)
    page = client.get(reverse("integrity:exemplar_list")).content.decode()
    assert draft.title in page
    client.force_login(people["outsider"])
    assert client.get(photo_url).status_code == 404


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.html", b"<html><script>alert(1)</script></html>"),
        ("photo.js", b"alert(document.cookie)"),
        ("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("photo.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ],
)
def test_a_photo_must_be_a_picture(people, organiser, name, content):
    with pytest.raises(ValidationError) as refused:
        services.exemplar_save(
            actor=organiser,
            fields=story(people, photo=SimpleUploadedFile(name, content, "image/png")),
        )
    assert "photo" in refused.value.message_dict
    assert not Exemplar.objects.exists()


def test_the_photo_is_served_as_a_file(client, people, organiser):
    shown = services.exemplar_save(actor=organiser, fields=story(people, photo=photo()))
    assert "photo" not in shown.photo.name.rsplit("/", 1)[-1]  # a random name
    services.exemplar_publish(actor=organiser, exemplar=shown)
    client.force_login(people["staff"])
    response = client.get(reverse("integrity:exemplar_photo", args=[shown.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Content-Type"] == "image/jpeg"


def test_only_organisers_see_the_publishing_buttons(client, people, organiser):
    draft = services.exemplar_save(actor=organiser, fields=story(people))
    client.force_login(organiser)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'data-testid="action-publish"' in page
    assert 'data-testid="action-withdraw"' not in page
    response = client.post(
        reverse("integrity:exemplar_act", args=[draft.pk, "publish"])
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'data-testid="action-withdraw"' in page
    client.force_login(people["staff"])
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'data-testid="action-' not in page
    response = client.post(
        reverse("integrity:exemplar_act", args=[draft.pk, "withdraw"])
    )
    assert response.status_code == 403
