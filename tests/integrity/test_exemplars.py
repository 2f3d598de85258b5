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
