"""Publishing on the board: posts, and rules whose every version stays readable."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked
from apps.core.scoping import user_procuratorate_id

from ..models import BoardColumn, BoardPost, Rule, RuleVersion
from ._common import audit_created, required_text, save_new


@transaction.atomic
def board_post_publish(*, actor, column, title, body):
    """The office publishes an item in a column of the board."""
    authorize(actor, "disclosure.publish")
    if not isinstance(column, BoardColumn) or not column.is_active:
        raise ValidationError(_("Choose a column of the board."))
    post = BoardPost(
        procuratorate_id=user_procuratorate_id(actor),
        column=column,
        title=title.strip(),
        body=body.strip(),
        author=actor,
        published_at=timezone.now(),
    )
    save_new(post)
    audit_created(
        actor,
        post,
        "disclosure.post.publish",
        gettext_noop("Published on the disclosure board"),
        fields=["column", "title", "body", "published_at"],
    )
    return post


@transaction.atomic
def board_post_withdraw(*, actor, post, reason):
    """Take a post off the board (it stays in the audit trail)."""
    post = locked(post)
    authorize(actor, "disclosure.manage_post", post)
    if post.withdrawn_at is not None:
        raise ValidationError(_("This item has already been withdrawn."))
    required_text(reason, _("Give the reason for withdrawing it."))
    post.withdrawn_at = timezone.now()
    post.save(update_fields=["withdrawn_at", "updated_at"])
    audit_record(
        actor=actor,
        action="disclosure.post.withdraw",
        target=post,
        after={"withdrawn_at": post.withdrawn_at, "reason": reason},
        message=gettext_noop("Withdrawn from the disclosure board"),
    )
    return post


def _add_version(rule, *, actor, number, body, effective_from, change_note):
    version = RuleVersion(
        rule=rule,
        number=number,
        body=body.strip(),
        effective_from=effective_from,
        change_note=(change_note or "").strip(),
        published_by=actor,
        published_at=timezone.now(),
    )
    save_new(version)
    return version


@transaction.atomic
def rule_publish(*, actor, kind, title, body, effective_from, sort_order=0):
    """Publish a new rule or post responsibility with its first text."""
    authorize(actor, "disclosure.publish")
    rule = Rule(
        procuratorate_id=user_procuratorate_id(actor),
        kind=kind,
        title=title.strip(),
        sort_order=sort_order,
    )
    save_new(rule)
    version = _add_version(
        rule,
        actor=actor,
        number=1,
        body=body,
        effective_from=effective_from,
        change_note="",
    )
    audit_record(
        actor=actor,
        action="disclosure.rule.publish",
        target=rule,
        after={**model_snapshot(rule), "version": 1, "effective_from": effective_from},
        message=gettext_noop("Rule published"),
    )
    return version


@transaction.atomic
def rule_revise(*, actor, rule, body, effective_from, change_note):
    """Publish a new version of a rule; the earlier ones stay readable."""
    rule = locked(rule)
    authorize(actor, "disclosure.manage_rule", rule)
    required_text(change_note, _("Say what changed."))
    latest = rule.versions.aggregate(number=Max("number"), since=Max("effective_from"))
    if latest["since"] and effective_from < latest["since"]:
        raise ValidationError(
            _("A new version cannot take effect before the previous one (%(date)s).")
            % {"date": latest["since"].isoformat()}
        )
    version = _add_version(
        rule,
        actor=actor,
        number=(latest["number"] or 0) + 1,
        body=body,
        effective_from=effective_from,
        change_note=change_note,
    )
    audit_record(
        actor=actor,
        action="disclosure.rule.revise",
        target=rule,
        after={"version": version.number, "effective_from": effective_from},
        message=gettext_noop("New version of a rule published"),
    )
    return version
