"""Essay, speech and photo contests: entries, judges' scores, results, awards."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_fsm import TransitionNotAllowed

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
    with pytest.raises(TransitionNotAllowed):  # no scoring before judging
        services.entry_score(actor=people["pg"], entry=entries[0], scores={})
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
    with pytest.raises(PermissionDenied):  # not a judge
        services.entry_score(
            actor=people["head"], entry=entries[0], scores={criterion.pk: 10}
        )


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
