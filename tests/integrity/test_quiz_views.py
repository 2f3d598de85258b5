"""Knowledge-contest pages: permissions, no answers in the browser, ranking."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.integrity import services
from apps.integrity.models import Attempt
from tests.factories import make_user
from tests.permissions import ANONYMOUS, assert_matrix

from .builders import answer_key, bank, open_quiz, quiz_fields, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(organiser):
    bank(organiser)
    return open_quiz(organiser)


@pytest.fixture
def users(people, organiser):
    return {**people, "organiser": organiser}


def test_permission_matrix(client, users, quiz):
    detail = quiz.get_absolute_url()
    assert_matrix(
        client,
        users,
        {
            reverse("integrity:quiz_list"): {
                ANONYMOUS: 302,
                "staff": 200,
                "organiser": 200,
                "system_admin": 403,
            },
            reverse("integrity:question_list"): {
                ANONYMOUS: 302,
                "organiser": 200,
                "pg": 200,
                "staff": 403,
                "head": 403,
                "audit_admin": 403,
            },
            reverse("integrity:quiz_create"): {"organiser": 200, "staff": 403},
            detail: {ANONYMOUS: 302, "staff": 200, "organiser": 200, "outsider": 404},
            # While the contest runs, only organisers see the ranking.
            reverse("integrity:quiz_ranking", args=[quiz.pk]): {
                "organiser": 200,
                "staff": 403,
                "outsider": 404,
            },
        },
    )
    assert_matrix(
        client,
        users,
        {
            reverse("integrity:quiz_act", args=[quiz.pk, "close"]): {
                "staff": 403,
                "outsider": 404,
            }
        },
        method="post",
    )


def _option_inputs(html):
    return re.findall(r"<input class=\"form-check-input\"[^>]*>", html)


def test_the_quiz_page_carries_no_answers(client, people, quiz):
    client.force_login(people["staff"])
    html = client.get(reverse("integrity:quiz_take", args=[quiz.pk])).content.decode()
    inputs = _option_inputs(html)
    assert len(inputs) == sum(
        qq.question.choices.count() for qq in quiz.quiz_questions.all()
    )
    # Correct and wrong options are marked up alike: only ids differ.
    shapes = {re.sub(r"\d+", "N", tag) for tag in inputs}
    assert shapes == {
        '<input class="form-check-input" type="radio" name="q_N" value="N" id="qNoN">',
        '<input class="form-check-input" type="checkbox" name="q_N" value="N" '
        'id="qNoN">',
    }
    assert "违反廉洁纪律。" not in html  # the explanation stays on the server
    assert "is_correct" not in html and "data-correct" not in html
    # The autosave answers nothing either.
    key = answer_key(quiz)
    first = next(iter(key))
    response = client.post(
        reverse("integrity:quiz_save", args=[quiz.pk]),
        {f"q_{first}": key[first][0]},
    )
    assert response.status_code == 204 and response.content == b""


def test_handing_in_shows_the_score_but_not_the_answers_until_closed(
    client, people, organiser, quiz
):
    client.force_login(people["staff"])
    client.get(reverse("integrity:quiz_take", args=[quiz.pk]))
    data = {}
    for qq_id, options in answer_key(quiz).items():
        data[f"q_{qq_id}"] = options
    response = client.post(
        reverse("integrity:quiz_take", args=[quiz.pk]), data, follow=True
    )
    page = response.content.decode()
    assert "您的得分：10分" in page
    review = reverse("integrity:quiz_review", args=[quiz.pk])
    assert client.get(review).status_code == 302
    services.quiz_close(actor=organiser, quiz=quiz)
    page = client.get(review).content.decode()
    assert "违反廉洁纪律。" in page
    assert (
        client.get(reverse("integrity:quiz_ranking", args=[quiz.pk])).status_code == 200
    )


def test_ranking_by_person_and_department(client, people, organiser, quiz, office):
    staff, officer = people["staff"], people["officer"]  # prosecution
    clerk2 = make_user(department=office, username="t.officeclerk")
    for user, answers in (
        (staff, answer_key(quiz)),
        (officer, wrong_answers(quiz)),
        (clerk2, answer_key(quiz)),
    ):
        attempt = services.attempt_start(actor=user, quiz=quiz)
        services.attempt_submit(actor=user, attempt=attempt, answers=answers)
    services.quiz_close(actor=organiser, quiz=quiz)
    from apps.integrity.selectors import department_ranking, person_ranking

    ranking = list(person_ranking(quiz=quiz))
    assert [(a.user, a.score, a.rank) for a in ranking][2] == (officer, 0, 3)
    assert {a.rank for a in ranking[:2]} == {1}
    departments = department_ranking(quiz=quiz)
    assert [(d["department__name"], d["average"], d["rank"]) for d in departments] == [
        ("办公室", 10.0, 1),
        ("公诉科", 5.0, 2),
    ]
    prosecution_row = departments[1]
    assert prosecution_row["participants"] == 2
    assert prosecution_row["staff"] == 4  # head, officer, clerk, staff
    client.force_login(people["staff"])
    page = client.get(reverse("integrity:quiz_ranking", args=[quiz.pk])).content
    assert "公诉科".encode() in page


def test_ranking_costs_fixed_queries(client, people, organiser, quiz, prosecution):
    client.force_login(organiser)
    url = reverse("integrity:quiz_ranking", args=[quiz.pk])

    def cost():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    attempt = services.attempt_start(actor=people["staff"], quiz=quiz)
    services.attempt_submit(actor=people["staff"], attempt=attempt, answers={})
    small = cost()
    for i in range(6):
        user = make_user(department=prosecution, username=f"t.extra{i}")
        attempt = services.attempt_start(actor=user, quiz=quiz)
        services.attempt_submit(actor=user, attempt=attempt, answers=answer_key(quiz))
    assert cost() == small
    assert Attempt.objects.count() == 7


def test_a_refused_step_redirects_and_says_why(client, organiser):
    """The service's refusal comes back as a message on the page, after a redirect."""
    quiz = services.quiz_save(actor=organiser, fields=quiz_fields())
    client.force_login(organiser)
    page = client.get(quiz.get_absolute_url()).content.decode()
    assert 'data-testid="action-publish"' in page
    assert 'data-testid="action-close"' not in page
    response = client.post(reverse("integrity:quiz_act", args=[quiz.pk, "publish"]))
    assert response.status_code == 302
    assert response["Location"] == quiz.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "请先抽题再发布" in page or "Draw the questions before publishing" in page
    quiz.refresh_from_db()
    assert quiz.state == quiz.State.DRAFT


def test_participants_see_no_organiser_buttons(client, people, quiz):
    client.force_login(people["staff"])
    page = client.get(quiz.get_absolute_url()).content.decode()
    assert 'data-testid="action-' not in page
