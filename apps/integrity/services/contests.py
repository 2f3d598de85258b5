"""Essay, speech and photo contests: entries, judges' scores by criteria, awards."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import locked, transition_check
from apps.core.uploads import check_upload

from ..models import Criterion, Entry, JudgedContest, JudgeScore
from ..models.contests import ENTRY_MAX_BYTES
from ._common import assign_fields, new_or_locked, step_taken

CONTEST_FIELDS = [
    "kind",
    "title",
    "rules_text",
    "entries_close_on",
    "activity",
    "first_prizes",
    "second_prizes",
    "third_prizes",
    "excellence_awards",
]


@transaction.atomic
def contest_save(*, actor, fields, criteria, judges, contest=None):
    """Set up a contest with its criteria ([(name, highest score)]) and judges."""
    contest = new_or_locked(
        actor,
        contest,
        JudgedContest,
        creator="organiser",
        check=lambda c: transition_check(actor, c.revise),
    )
    assign_fields(contest, fields, CONTEST_FIELDS)
    if not criteria:
        raise ValidationError({"criteria": _("Give at least one criterion.")})
    if any(not name.strip() or int(top) <= 0 for name, top in criteria):
        raise ValidationError(
            {"criteria": _("Each criterion needs a name and points.")}
        )
    judges = list(judges)
    if not judges:
        raise ValidationError({"judges": _("Name the judges.")})
    if any(
        getattr(j, "staff", None) is None
        or j.staff.procuratorate_id != contest.procuratorate_id
        for j in judges
    ):
        raise ValidationError({"judges": _("Judges are colleagues of ours.")})
    contest.full_clean()
    contest.save()
    contest.criteria.all().delete()
    Criterion.objects.bulk_create(
        Criterion(contest=contest, order=i, name=name.strip(), max_score=int(top))
        for i, (name, top) in enumerate(criteria, start=1)
    )
    contest.judges.set(judges)
    if contest.entries.filter(author__in=judges).exists():
        raise ValidationError({"judges": _("A judge cannot judge their own entry.")})
    audit_record(
        actor=actor,
        action="integrity.contest.save",
        target=contest,
        after={
            **model_snapshot(contest, fields=CONTEST_FIELDS),
            "criteria": criteria,
            "judges": [j.pk for j in judges],
        },
        message=gettext_noop("Saved a judged contest"),
    )
    return contest


@transaction.atomic
def entry_submit(*, actor, contest, title, text="", file=None):
    """Hand in (or replace) the actor's one entry while entries are open.

    The attached file must be of a kind the contest takes (an essay: a
    document; a photo: an image; a speech: a recording or its text): a page,
    script or drawing that a browser would run is never accepted.
    """
    contest = locked(contest)
    if contest.judges.filter(pk=actor.pk).exists():
        raise ValidationError(_("A judge cannot enter the contest."))
    transition_check(actor, contest.hand_in)
    if timezone.localdate() > contest.entries_close_on:
        raise ValidationError(
            _("Entries closed on %(day)s.") % {"day": contest.entries_close_on}
        )
    if not (text or "").strip() and not file:
        raise ValidationError(_("Write the entry or attach its file."))
    if file:
        try:
            check_upload(file, kinds=contest.entry_kinds, max_bytes=ENTRY_MAX_BYTES)
        except ValidationError as exc:
            raise ValidationError({"file": exc.error_list}) from exc
    entry = Entry.objects.filter(contest=contest, author=actor).first() or Entry(
        contest=contest, author=actor
    )
    entry.department_id = actor.staff.department_id
    entry.title, entry.text = title, text or ""
    if file:
        entry.file = file
        entry.file_name = PurePosixPath(file.name).name[:255]
    entry.full_clean()
    entry.save()
    audit_record(
        actor=actor,
        action="integrity.entry.submit",
        target=contest,
        after={"entry": entry.pk, "title": title},
        message=gettext_noop("Handed in a contest entry"),
    )
    return entry


@transaction.atomic
def contest_start_judging(*, actor, contest):
    """Close the entries and hand them to the judges."""
    contest = locked(contest)
    transition_check(actor, contest.start_judging)
    if not contest.entries.exists():
        raise ValidationError(_("There are no entries to judge."))
    return step_taken(
        contest,
        contest.start_judging,
        actor=actor,
        action="integrity.contest.start_judging",
        message=gettext_noop("Closed the entries and started judging"),
    )


@transaction.atomic
def entry_score(*, actor, entry, scores):
    """A judge's scores for one entry: {criterion id: score}, within each maximum."""
    contest = locked(entry.contest)
    transition_check(actor, contest.score)
    criteria = {c.pk: c for c in contest.criteria.all()}
    for criterion_id, value in scores.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise ValidationError(_("That criterion is not part of this contest."))
        try:
            value = Decimal(str(value))
        except InvalidOperation as exc:
            raise ValidationError(_("Scores are numbers.")) from exc
        if not value.is_finite() or value < 0 or value > criterion.max_score:
            raise ValidationError(
                _("%(name)s is scored from 0 to %(max)d.")
                % {"name": criterion.name, "max": criterion.max_score}
            )
        JudgeScore.objects.update_or_create(
            entry=entry, judge=actor, criterion=criterion, defaults={"score": value}
        )
    audit_record(
        actor=actor,
        action="integrity.entry.score",
        target=contest,
        after={
            "entry": entry.pk,
            "scores": {str(k): str(v) for k, v in scores.items()},
        },
        message=gettext_noop("Scored a contest entry"),
    )
    return entry


def _award_for(rank, contest):
    limits = [
        (contest.first_prizes, Entry.Award.FIRST),
        (contest.second_prizes, Entry.Award.SECOND),
        (contest.third_prizes, Entry.Award.THIRD),
        (contest.excellence_awards, Entry.Award.EXCELLENCE),
    ]
    reached = 0
    for count, award in limits:
        reached += count
        if rank <= reached:
            return award
    return ""


@transaction.atomic
def contest_publish(*, actor, contest):
    """Average the judges' totals, rank the entries and give the award levels.

    Every judge must have scored every entry on every criterion. Entries with
    the same result share a rank (and the award of that rank).
    """
    contest = locked(contest)
    transition_check(actor, contest.publish)
    judges = list(contest.judges.all())
    criteria = list(contest.criteria.all())
    entries = list(contest.entries.all())
    totals = {}
    for entry_id, judge_id, score in JudgeScore.objects.filter(
        entry__contest=contest
    ).values_list("entry_id", "judge_id", "score"):
        totals.setdefault(entry_id, {}).setdefault(judge_id, []).append(score)
    missing = [
        entry
        for entry in entries
        if any(
            len(totals.get(entry.pk, {}).get(judge.pk, [])) < len(criteria)
            for judge in judges
        )
    ]
    if missing:
        raise ValidationError(
            _("%(n)d entries are not yet scored by every judge on every criterion.")
            % {"n": len(missing)}
        )
    for entry in entries:
        per_judge = [sum(totals[entry.pk][j.pk]) for j in judges]
        entry.result = (sum(per_judge) / len(per_judge)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    entries.sort(key=lambda e: e.result, reverse=True)
    previous, rank = None, 0
    for position, entry in enumerate(entries, start=1):
        if entry.result != previous:
            rank, previous = position, entry.result
        entry.rank = rank
        entry.award = _award_for(rank, contest)
    Entry.objects.bulk_update(entries, ["result", "rank", "award"])
    contest.published_at = timezone.now()
    return step_taken(
        contest,
        contest.publish,
        actor=actor,
        action="integrity.contest.publish",
        message=gettext_noop("Published the results of a judged contest"),
        update_fields=["published_at"],
        after={e.pk: [str(e.result), e.rank, e.award] for e in entries},
    )
