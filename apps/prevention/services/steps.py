"""Steps 3 to 8: analysis, symposium, suggestion letter, activities, return
visit, final report and archive."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, locked_for_step, refuse_unless
from apps.core.numbering import number_next
from apps.core.uploads import check_upload
from apps.todos.services import todo_close, todo_close_all, todo_open
from apps.workdays.clock import due_for_step

from ..models import (
    MAX_SCAN_BYTES,
    SCAN_KINDS,
    AnalysisReport,
    Approval,
    FinalReport,
    Material,
    PreventionActivity,
    ReturnVisit,
    Step,
    Suggestion,
    SuggestionLetter,
    Symposium,
)
from ._common import (
    ARCHIVED,
    PROJECT_RELATED,
    Handover,
    advance,
    archivists,
    complete_step,
    hand_over,
    now,
    out_of_order,
    pg_approvers,
    save_document,
    save_fields,
    send_back,
    sign,
)

TO_PG = Handover(
    transition="submit_suggestion",
    todo_code="prevention.suggestion_pg",
    todo_label=gettext_noop("Approve the suggestion letter"),
    assignees=pg_approvers,
    nobody=gettext_lazy("There is no procurator-general to approve it."),
    action="prevention.suggestion_letter.submit",
    message=gettext_noop("Submitted the suggestion letter"),
)
TO_ARCHIVIST = Handover(
    transition="submit_final_report",
    todo_code="prevention.archive",
    todo_label=gettext_noop("Archive the prevention case file"),
    assignees=archivists,
    nobody=gettext_lazy("The department has nobody who could archive it."),
    action="prevention.final_report.submit",
    message=gettext_noop("Submitted the final report"),
)

# The series of core.numbering that suggestion-letter numbers are taken from.
LETTER_SERIES = "prevention.suggestion_letter"


def _check_scan(upload, field):
    """Refuse a file that is not a PDF or image scan, naming the form's field."""
    try:
        check_upload(upload, kinds=SCAN_KINDS, max_bytes=MAX_SCAN_BYTES)
    except ValidationError as exc:
        raise ValidationError({field: exc.error_list}) from exc


def _not_in_future(day, field):
    if day and day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


# ----------------------------------------------------------------- materials
@transaction.atomic
def material_add(*, actor, project, kind, title, file):
    """File a collected document under the step that is open now."""
    project = locked(project, related=PROJECT_RELATED)
    authorize(actor, "prevention.edit_project", project)
    step = project.current_step
    refuse_unless(step is not None, ARCHIVED, code="wrong_step")
    _check_scan(file, "file")
    material = Material(
        project=project, step=step, kind=kind, title=title, file=file, uploaded_by=actor
    )
    material.full_clean()
    material.save()
    audit_record(
        actor=actor,
        action="prevention.material.add",
        target=project,
        after=model_snapshot(material, fields=["step", "kind", "title", "file"]),
        message=gettext_noop("Added a material"),
    )
    return material


@transaction.atomic
def material_remove(*, actor, material):
    """Take back a material filed in mistake, while its step is still open."""
    project = locked(material.project, related=PROJECT_RELATED)
    authorize(actor, "prevention.edit_project", project)
    refuse_unless(
        material.step == project.current_step,
        out_of_order(project, material.step),
        code="wrong_step",
    )
    audit_record(
        actor=actor,
        action="prevention.material.remove",
        target=project,
        before=model_snapshot(material, fields=["step", "kind", "title", "file"]),
        message=gettext_noop("Removed a material"),
    )
    material.delete()


# ------------------------------------------------------------ step 3: analysis
@transaction.atomic
def analysis_report_save(*, actor, project, fields, complete=False):
    """Write the case analysis report; finishing needs collected materials."""
    project = locked_for_step(
        actor,
        project,
        "complete_analysis",
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.ANALYSIS),
    )
    report = save_document(
        actor=actor,
        project=project,
        model=AnalysisReport,
        fields=fields,
        action="prevention.analysis.save",
        message=gettext_noop("Saved the case analysis report"),
    )
    if complete:
        if not project.materials.filter(step=Step.ANALYSIS).exists():
            raise ValidationError(
                _(
                    "Attach the collected materials (investigation report, "
                    "testimony, the unit's rules…) before finishing the analysis."
                )
            )
        advance(
            project, actor, project.complete_analysis, Step.ANALYSIS, Step.SYMPOSIUM
        )
    return report


# ----------------------------------------------------------- step 4: symposium
@transaction.atomic
def symposium_save(*, actor, project, fields, complete=False):
    """Record the symposium with the affected unit (date, attendees, minutes…)."""
    project = locked_for_step(
        actor,
        project,
        "complete_symposium",
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.SYMPOSIUM),
    )
    _not_in_future(fields.get("held_on"), "held_on")
    symposium = save_document(
        actor=actor,
        project=project,
        model=Symposium,
        fields=fields,
        action="prevention.symposium.save",
        message=gettext_noop("Saved the symposium record"),
    )
    if complete:
        advance(
            project, actor, project.complete_symposium, Step.SYMPOSIUM, Step.SUGGESTION
        )
    return symposium


# ---------------------------------------------------- step 5: suggestion letter
@transaction.atomic
def suggestion_letter_save(
    *, actor, project, addressee, problems, suggestions, submit=False
):
    """Draft the letter and its numbered suggestions; `submit` sends it to the PG."""
    project = locked_for_step(
        actor,
        project,
        "submit_suggestion",
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.SUGGESTION),
    )
    texts = [t.strip() for t in suggestions if t and t.strip()]
    letter = save_document(
        actor=actor,
        project=project,
        model=SuggestionLetter,
        fields={"addressee": addressee, "problems": problems},
        action="prevention.suggestion_letter.save",
        message=gettext_noop("Saved the suggestion letter"),
    )
    letter.items.all().delete()
    Suggestion.objects.bulk_create(
        Suggestion(letter=letter, order=i, text=text)
        for i, text in enumerate(texts, start=1)
    )
    if submit:
        if not texts:
            raise ValidationError({"suggestions": _("Write at least one suggestion.")})
        hand_over(
            actor=actor,
            project=project,
            document=letter,
            step=Step.SUGGESTION,
            to=TO_PG,
            after={"suggestions": texts},
        )
    return letter


@transaction.atomic
def suggestion_letter_decide(*, actor, project, approve, opinion=""):
    """The procurator-general approves the letter (it gets its number) or returns it."""
    transition = "approve_suggestion" if approve else "return_suggestion"
    project = locked_for_step(
        actor,
        project,
        transition,
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.SUGGESTION),
    )
    move = getattr(project, transition)
    letter = project.suggestion_letter
    opinion = sign(
        actor=actor,
        project=project,
        document=Approval.Document.SUGGESTION_LETTER,
        submitted=letter,
        level=Approval.Level.PROCURATOR_GENERAL,
        approve=approve,
        opinion=opinion,
    )
    moment = now()
    todo_close(target=project, step_code="prevention.suggestion_pg", actor=actor)
    if approve:
        letter.number = _next_letter_number(project, moment)
        letter.approved_at = moment
        letter.save(update_fields=["number", "approved_at", "updated_at"])
        move()
        project.save(update_fields=["state", "updated_at"])
        todo_open(
            target=project,
            step_code="prevention.delivery",
            label=gettext_noop("Deliver the suggestion letter in person"),
            assignees=[project.handler],
            url=project.get_absolute_url(),
            due_at=due_for_step("prevention.delivery", moment),
        )
    else:
        send_back(project=project, move=move, step=Step.SUGGESTION)
    audit_record(
        actor=actor,
        action="prevention.suggestion_letter." + ("approve" if approve else "return"),
        target=project,
        after={"number": letter.number, "opinion": opinion, "state": project.state},
        message=gettext_noop("Approved the suggestion letter")
        if approve
        else gettext_noop("Returned the suggestion letter"),
    )
    return letter


def _next_letter_number(project, moment):
    """The letter's number: gap-free per procuratorate and year of approval."""
    procuratorate = project.procuratorate
    year = timezone.localdate(moment).year
    serial = number_next(procuratorate=procuratorate, series=LETTER_SERIES, year=year)
    prefix = procuratorate.case_number_prefix or ""
    return f"{prefix}预建〔{year}〕{serial}号"


@transaction.atomic
def suggestion_letter_deliver(
    *, actor, project, delivered_on, recipient, receipt, delivery_notes=""
):
    """Record the delivery in person (date, recipient, signed receipt); step 6 opens."""
    project = locked_for_step(
        actor,
        project,
        "record_delivery",
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.SUGGESTION),
    )
    letter = project.suggestion_letter
    _not_in_future(delivered_on, "delivered_on")
    if delivered_on and delivered_on < timezone.localdate(letter.approved_at):
        raise ValidationError(
            {
                "delivered_on": _(
                    "The letter cannot be delivered before it was approved."
                )
            }
        )
    if not receipt:
        raise ValidationError({"receipt": _("Attach the signed receipt.")})
    _check_scan(receipt, "receipt")
    letter.delivered_on = delivered_on
    letter.recipient = recipient
    letter.receipt = receipt
    letter.delivery_notes = delivery_notes
    letter.delivered_by = actor
    letter.full_clean()
    letter.save()
    todo_close(target=project, step_code="prevention.delivery", actor=actor)
    audit_record(
        actor=actor,
        action="prevention.suggestion_letter.deliver",
        target=project,
        after=model_snapshot(
            letter, fields=["number", "delivered_on", "recipient", "receipt"]
        ),
        message=gettext_noop("Delivered the suggestion letter"),
    )
    advance(project, actor, project.record_delivery, Step.SUGGESTION, Step.ACTIVITIES)
    return letter


# ---------------------------------------------------------- step 6: activities
@transaction.atomic
def activity_add(*, actor, project, fields):
    """Record one prevention activity carried out with the affected unit."""
    project = locked_for_step(
        actor,
        project,
        "complete_activities",
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.ACTIVITIES),
    )
    _not_in_future(fields.get("held_on"), "held_on")
    return save_fields(
        actor=actor,
        project=project,
        instance=PreventionActivity(project=project, recorded_by=actor),
        fields=fields,
        allowed=PreventionActivity.FIELDS,
        action="prevention.activity.add",
        message=gettext_noop("Recorded a prevention activity"),
    )


@transaction.atomic
def activities_complete(*, actor, project):
    """Close step 6 once at least one activity is recorded; the return visit opens."""
    project = locked_for_step(
        actor,
        project,
        "complete_activities",
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.ACTIVITIES),
    )
    if not project.activities.exists():
        raise ValidationError(_("Record at least one prevention activity first."))
    advance(
        project, actor, project.complete_activities, Step.ACTIVITIES, Step.RETURN_VISIT
    )
    return project


# -------------------------------------------------------- step 7: return visit
@transaction.atomic
def return_visit_save(*, actor, project, fields, feedback, complete=False):
    """Record the return visit and the unit's feedback on each suggestion.

    `feedback` maps a suggestion id to (adoption, the unit's feedback text).
    """
    project = locked_for_step(
        actor,
        project,
        "complete_return_visit",
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.RETURN_VISIT),
    )
    letter = project.suggestion_letter
    visited_on = fields.get("visited_on")
    _not_in_future(visited_on, "visited_on")
    if visited_on and letter.delivered_on and visited_on < letter.delivered_on:
        raise ValidationError(
            {"visited_on": _("The return visit comes after the letter was delivered.")}
        )
    visit = save_document(
        actor=actor,
        project=project,
        model=ReturnVisit,
        fields=fields,
        action="prevention.return_visit.save",
        message=gettext_noop("Saved the return visit"),
    )
    items = list(letter.items.all())
    valid = set(Suggestion.Adoption.values) | {""}
    for item in items:
        adoption, text = feedback.get(item.pk, (item.adoption, item.unit_feedback))
        if adoption not in valid:
            raise ValidationError(_("Unknown adoption value."))
        item.adoption, item.unit_feedback = adoption, text or ""
    Suggestion.objects.bulk_update(items, ["adoption", "unit_feedback"])
    if complete:
        if any(not item.adoption for item in items):
            raise ValidationError(
                _("Record the unit's feedback on every suggestion first.")
            )
        advance(
            project,
            actor,
            project.complete_return_visit,
            Step.RETURN_VISIT,
            Step.FINAL_REPORT,
        )
    return visit


# ------------------------------------------------ step 8: final report, archive
@transaction.atomic
def final_report_save(*, actor, project, fields, submit=False):
    """Write the final report; `submit` hands the case file to the clerk."""
    project = locked_for_step(
        actor,
        project,
        "submit_final_report",
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.FINAL_REPORT),
    )
    for name in ("reported_to_authority_on", "filed_with_upper_on"):
        _not_in_future(fields.get(name), name)
    report = save_document(
        actor=actor,
        project=project,
        model=FinalReport,
        fields=fields,
        action="prevention.final_report.save",
        message=gettext_noop("Saved the final report"),
    )
    if submit:
        hand_over(
            actor=actor,
            project=project,
            document=report,
            step=Step.FINAL_REPORT,
            to=TO_ARCHIVIST,
        )
    return report


@transaction.atomic
def project_archive(*, actor, project):
    """File the project (交内勤归档): it is locked and its case file is bound."""
    from ..tasks import case_file_bind_task

    project = locked_for_step(
        actor,
        project,
        "archive",
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.FINAL_REPORT),
    )
    moment = now()
    project.archive()
    project.archived_at = moment
    project.archived_by = actor
    project.save(update_fields=["state", "archived_at", "archived_by", "updated_at"])
    complete_step(project=project, step=Step.FINAL_REPORT, actor=actor, now=moment)
    todo_close_all(target=project, actor=actor)
    audit_record(
        actor=actor,
        action="prevention.project.archive",
        target=project,
        after={"state": project.state, "archived_at": moment},
        message=gettext_noop("Archived the prevention project"),
    )
    project_id = project.pk
    transaction.on_commit(lambda: case_file_bind_task.delay(project_id))
    return project
