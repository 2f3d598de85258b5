"""Essay, speech and photo contests: entries, judges' scores, results, awards."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.core.actions import Refused
from apps.integrity import services
from apps.integrity.models import Entry, JudgedContest
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest(people, organiser):
    return services.contest_save(
        actor=organiser,
        fields={
            "kind": JudgedContest.Kind.ESSAY,
            "title": "“清风检察”廉政征文",
            "entries_close_on": datetime.date.today() + datetime.timedelta(days=7),
            "first_prizes": 1,
            "second_prizes": 1,
            "third_prizes": 1,
            "excellence_awards": 0,
        },
        criteria=[("思想内容", 50), ("文字表达", 30), ("创新性", 20)],
        judges=[people["pg"], people["office_head"]],
    )


def _entries(people, contest, prosecution):
    authors = [people["staff"], people["officer"], people["clerk"]]
    authors.append(make_user(department=prosecution, username="t.writer"))
    return [
        services.entry_submit(
            actor=author,
            contest=contest,
            title=f"征文{i}",
            text="廉洁是司法公正的命脉。",
        )
        for i, author in enumerate(authors)
    ]


def _score_all(people, contest, entries, by_entry):
    for judge, bonus in ((people["pg"], 0), (people["office_head"], 2)):
        for entry, base in zip(entries, by_entry, strict=True):
            services.entry_score(
                actor=judge,
                entry=entry,
                scores={
                    c.pk: min(c.max_score, base + bonus) for c in contest.criteria.all()
                },
            )


def test_results_average_the_judges_and_give_awards(people, contest, prosecution):
    entries = _entries(people, contest, prosecution)
    with pytest.raises(Refused) as refused:  # no scoring before judging
        services.entry_score(actor=people["pg"], entry=entries[0], scores={})
    assert refused.value.code == "wrong_step"
    services.contest_start_judging(actor=people["pg"], contest=contest)
    # Entry 1 and 2 tie: they share the second rank and the second prize.
    _score_all(people, contest, entries, by_entry=[18, 15, 15, 10])
    services.contest_publish(actor=people["pg"], contest=contest)
    results = {e.title: (e.result, e.rank, e.award) for e in Entry.objects.all()}
    assert results["征文0"] == (pytest.approx(57), 1, Entry.Award.FIRST)
    assert results["征文1"][1:] == (2, Entry.Award.SECOND)
    assert results["征文2"][1:] == (2, Entry.Award.SECOND)
    assert results["征文3"][1:] == (4, "")
    contest.refresh_from_db()
    assert contest.state == JudgedContest.State.PUBLISHED


def test_publish_needs_every_score(people, contest, prosecution):
    entries = _entries(people, contest, prosecution)
    services.contest_start_judging(actor=people["pg"], contest=contest)
    criteria = list(contest.criteria.all())
    services.entry_score(
        actor=people["pg"], entry=entries[0], scores={criteria[0].pk: 40}
    )
    with pytest.raises(ValidationError):
        services.contest_publish(actor=people["pg"], contest=contest)


def test_score_rules(people, contest, prosecution):
    entries = _entries(people, contest, prosecution)
    services.contest_start_judging(actor=people["pg"], contest=contest)
    criterion = contest.criteria.first()
    with pytest.raises(ValidationError):  # above the criterion's highest score
        services.entry_score(
            actor=people["pg"], entry=entries[0], scores={criterion.pk: 51}
        )
    with pytest.raises(Refused) as refused:  # not a judge
        services.entry_score(
            actor=people["head"], entry=entries[0], scores={criterion.pk: 10}
        )
    assert refused.value.code == "not_allowed"


def test_entries_rules(people, contest, organiser):
    with pytest.raises(ValidationError):  # a judge does not compete
        services.entry_submit(actor=people["pg"], contest=contest, title="x", text="y")
    with pytest.raises(ValidationError):  # an empty entry
        services.entry_submit(actor=people["staff"], contest=contest, title="x")
    first = services.entry_submit(
        actor=people["staff"], contest=contest, title="初稿", text="正文"
    )
    again = services.entry_submit(
        actor=people["staff"], contest=contest, title="定稿", text="正文"
    )
    assert first.pk == again.pk and Entry.objects.get().title == "定稿"
    JudgedContest.objects.filter(pk=contest.pk).update(
        entries_close_on=datetime.date.today() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.entry_submit(
            actor=people["officer"], contest=contest, title="迟到", text="正文"
        )


def test_entries_hidden_until_results(client, people, contest, prosecution):
    _entries(people, contest, prosecution)
    client.force_login(people["head"])
    page = client.get(contest.get_absolute_url()).content.decode()
    assert "征文1" not in page
    client.force_login(people["pg"])  # a judge
    page = client.get(contest.get_absolute_url()).content.decode()
    assert "征文1" in page
    client.force_login(people["outsider"])
    assert client.get(contest.get_absolute_url()).status_code == 404
    assert client.get(reverse("integrity:contest_list")).status_code == 200


# ------------------------------------------------------------------- files
def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 120, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)">'
    b"<script>fetch('/integrity/')</script></svg>"
)
HOSTILE = [
    ("entry.html", b"<html><script>alert(document.cookie)</script></html>"),
    ("entry.js", b"fetch('/accounts/').then(r => r.text())"),
    ("entry.svg", SVG),
    ("entry.png", SVG),  # an SVG renamed: its content gives it away
]


def _photo_contest(people, organiser):
    return services.contest_save(
        actor=organiser,
        fields={
            "kind": JudgedContest.Kind.PHOTO_PAINTING,
            "title": "“清风”摄影书画展",
            "entries_close_on": datetime.date.today() + datetime.timedelta(days=7),
        },
        criteria=[("主题", 50), ("艺术性", 50)],
        judges=[people["pg"]],
    )


@pytest.mark.parametrize(("name", "content"), HOSTILE)
@pytest.mark.parametrize("kind", ["essay", "photo"])
def test_pages_scripts_and_drawings_are_no_entries(
    people, organiser, contest, name, content, kind
):
    target = contest if kind == "essay" else _photo_contest(people, organiser)
    with pytest.raises(ValidationError) as refused:
        services.entry_submit(
            actor=people["staff"],
            contest=target,
            title="作品",
            file=SimpleUploadedFile(name, content, "image/png"),
        )
    assert "file" in refused.value.message_dict
    assert not Entry.objects.exists()


def test_an_entry_takes_the_files_its_contest_takes(people, organiser, contest):
    photo = _photo_contest(people, organiser)
    services.entry_submit(
        actor=people["staff"],
        contest=photo,
        title="清风",
        file=SimpleUploadedFile("清风.png", PNG, "image/png"),
    )
    with pytest.raises(ValidationError):  # an essay contest takes no photo
        services.entry_submit(
            actor=people["staff"],
            contest=contest,
            title="征文",
            file=SimpleUploadedFile("清风.png", PNG, "image/png"),
        )
    essay = services.entry_submit(
        actor=people["staff"],
        contest=contest,
        title="征文",
        file=SimpleUploadedFile("征文.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    assert essay.file_name == "征文.pdf"
    assert "征文" not in essay.file.name  # stored under a random name


def test_a_hostile_entry_sent_through_the_page_is_refused(client, people, contest):
    client.force_login(people["staff"])
    page = client.get(contest.get_absolute_url()).content.decode()
    assert 'data-testid="entry-form"' in page
    response = client.post(
        reverse("integrity:contest_act", args=[contest.pk, "enter"]),
        {
            "enter-title": "我的征文",
            "enter-file": SimpleUploadedFile("entry.html", HOSTILE[0][1], "text/html"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == contest.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "我的征文" in page  # the title typed is kept; the file must be chosen again
    assert not Entry.objects.exists()


def test_entries_are_served_as_downloads_only(client, people, contest):
    entry = services.entry_submit(
        actor=people["staff"],
        contest=contest,
        title="征文",
        file=SimpleUploadedFile(
            "征文.txt", "廉洁是司法公正的命脉。".encode(), "text/html"
        ),
    )
    client.force_login(people["pg"])  # a judge
    response = client.get(reverse("integrity:entry_file", args=[contest.pk, entry.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Content-Type"].startswith("text/plain")
    client.force_login(people["head"])  # neither author nor judge, no results yet
    assert (
        client.get(
            reverse("integrity:entry_file", args=[contest.pk, entry.pk])
        ).status_code
        == 404
    )


def test_the_page_offers_each_person_only_their_step(client, people, contest):
    services.entry_submit(
        actor=people["staff"], contest=contest, title="征文", text="正文"
    )

    def buttons(user):
        client.force_login(user)
        page = client.get(contest.get_absolute_url()).content.decode()
        return set(
            re.findall(r'data-testid="(action-\w+|entry-form|score-form)"', page)
        )

    assert buttons(people["pg"]) == {"action-judge"}  # a judge and a leader
    assert buttons(people["staff"]) == {"entry-form"}
    services.contest_start_judging(actor=people["pg"], contest=contest)
    assert buttons(people["staff"]) == set()
    assert buttons(people["office_head"]) == {"score-form"}  # a judge only
    assert buttons(people["pg"]) == {"action-publish", "score-form"}


def test_a_score_out_of_range_is_refused_after_a_redirect(client, people, contest):
    entry = services.entry_submit(
        actor=people["staff"], contest=contest, title="征文", text="正文"
    )
    services.contest_start_judging(actor=people["pg"], contest=contest)
    criterion = contest.criteria.first()
    client.force_login(people["office_head"])
    response = client.post(
        reverse("integrity:contest_act", args=[contest.pk, "score"]),
        {"score-entry": entry.pk, f"score-c_{criterion.pk}": "99"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="score-errors"' in page
    assert not entry.scores.exists()
    client.post(
        reverse("integrity:contest_act", args=[contest.pk, "score"]),
        {"score-entry": entry.pk, f"score-c_{criterion.pk}": "45.5"},
    )
    assert entry.scores.get().score == Decimal("45.5")
