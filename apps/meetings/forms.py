"""Forms of the meeting pages (rendered with crispy); the services validate again."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.uploads import accept_attribute

from .models import (
    MATERIAL_KINDS,
    Attendance,
    Ballot,
    BodyKind,
    Seat,
    VoteChoice,
    scope_choices_for,
)


def grouped_scope_choices(bodies):
    """Scope categories grouped by body, for one select."""
    return [("", "---------")] + [
        (body.name, scope_choices_for(body.kind)) for body in bodies
    ]


def staff_label(staff):
    where = staff.department.name if staff.department_id else staff.position
    return f"{staff.name}（{where}）"


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return staff_label(obj)


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return staff_label(obj)


class TopicForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Meeting"), queryset=None)
    scope_category = forms.ChoiceField(label=_("Scope category"))
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary and proposal"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The facts, the filing department's view and what is asked."),
    )
    department = forms.ModelChoiceField(label=_("Filing department"), queryset=None)
    material_title = forms.CharField(
        label=_("Material title"), max_length=200, required=False
    )
    material_file = forms.FileField(
        label=_("Material"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": accept_attribute(MATERIAL_KINDS)}
        ),
    )

    def __init__(self, *args, bodies, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["scope_category"].choices = grouped_scope_choices(bodies)
        self.fields["department"].queryset = departments
        if departments.count() == 1:
            self.fields["department"].initial = departments.first()

    def clean(self):
        data = super().clean()
        if data.get("material_file") and not data.get("material_title"):
            data["material_title"] = data["material_file"].name
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


def note_field(label):
    """A short note that may be left empty."""
    return forms.CharField(
        label=label,
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(forms.Form):
    note = note_field(_("Note"))


class RouteForm(forms.Form):
    scope_category = forms.ChoiceField(
        label=_("Committee scope category"),
        choices=scope_choices_for(BodyKind.COMMITTEE),
    )
    note = note_field(_("Why the committee"))


class ResubmitForm(forms.Form):
    scope_category = forms.ChoiceField(label=_("Scope category"))
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary and proposal"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, topic, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "scope_category": topic.scope_category,
                "title": topic.title,
                "summary": topic.summary,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["scope_category"].choices = scope_choices_for(topic.body.kind)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Material title"), max_length=200)
    file = forms.FileField(
        label=_("Material"),
        widget=forms.ClearableFileInput(
            attrs={"accept": accept_attribute(MATERIAL_KINDS)}
        ),
    )


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(
        label=pgettext_lazy("meetings", "Body"), queryset=None
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: the 3rd committee meeting of 2026."),
    )
    scheduled_at = forms.DateTimeField(
        label=_("Time"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    location = forms.CharField(label=_("Place"), max_length=100, required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class AgendaAddForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("Approved topic"), queryset=None)

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics


class AttendanceForm(forms.Form):
    """One status and reason per member of the body on the meeting day."""

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in members:
            staff = row.staff
            status = forms.ChoiceField(
                label=staff.name,
                choices=[("", _("Not recorded")), *Attendance.Status.choices],
                required=False,
                initial=row.attendance.status if row.attendance else "",
            )
            reason = forms.CharField(
                label=_("Reason for absence"),
                required=False,
                max_length=200,
                initial=row.attendance.absence_reason if row.attendance else "",
            )
            self.fields[f"status_{staff.pk}"] = status
            self.fields[f"reason_{staff.pk}"] = reason
            self.rows.append((row, f"status_{staff.pk}", f"reason_{staff.pk}"))

    def clean(self):
        data = super().clean()
        data["entries"] = self.entries()
        return data

    def entries(self):
        result = []
        for row, status_key, reason_key in self.rows:
            status = self.cleaned_data.get(status_key)
            if status:
                result.append((row.staff, status, self.cleaned_data.get(reason_key)))
        return result

    def bound_rows(self):
        return [(row, self[s], self[r]) for row, s, r in self.rows]


class StaffPickForm(forms.Form):
    staff = StaffChoiceField(label=pgettext_lazy("meetings", "Person"), queryset=None)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff


class RecusalForm(StaffPickForm):
    reason = forms.CharField(label=_("Reason for the recusal"), max_length=200)


class OpinionForm(forms.Form):
    speaker = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}))


class VotingOpenForm(forms.Form):
    ballot = forms.ChoiceField(label=_("Voting method"), choices=Ballot.choices)


class NamedVotesForm(forms.Form):
    """One choice per member entitled to vote."""

    def __init__(self, *args, participants, choices, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for membership in participants:
            key = f"vote_{membership.staff_id}"
            vote = current.get(membership.staff_id)
            self.fields[key] = forms.ChoiceField(
                label=membership.staff.name,
                choices=[("", "---------"), *choices],
                required=False,
                initial=vote.choice if vote else "",
            )
            self.rows.append((membership.staff, key))

    def clean(self):
        data = super().clean()
        data["votes"] = self.votes()
        return data

    def votes(self):
        return {
            staff: self.cleaned_data[key]
            for staff, key in self.rows
            if self.cleaned_data.get(key)
        }


def vote_choices(personnel):
    allowed = [VoteChoice.AGREE, VoteChoice.DISAGREE, VoteChoice.ABSTAIN]
    if personnel:
        allowed.append(VoteChoice.POSTPONE)
    return [(c.value, c.label) for c in allowed]


class BallotCountForm(forms.Form):
    agree = forms.IntegerField(label=_("Agree"), min_value=0, initial=0)
    disagree = forms.IntegerField(label=_("Disagree"), min_value=0, initial=0)
    abstain = forms.IntegerField(label=_("Abstain"), min_value=0, initial=0)
    postpone = forms.IntegerField(label=_("Postpone"), min_value=0, initial=0)

    def __init__(self, *args, personnel, **kwargs):
        super().__init__(*args, **kwargs)
        if not personnel:
            del self.fields["postpone"]


class DecisionForm(forms.Form):
    decision_text = forms.CharField(
        label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PgDecisionForm(DecisionForm):
    adopted = forms.TypedChoiceField(
        label=_("The procurator-general's decision"),
        choices=[("1", _("Adopt")), ("0", _("Do not adopt"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )


class MinutesForm(forms.Form):
    summary = forms.CharField(
        label=_("Minutes text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Agenda, attendance, opinions and votes are added from the record."
        ),
    )


class UpperDecisionForm(forms.Form):
    passed = forms.TypedChoiceField(
        label=_("The upper procuratorate"),
        choices=[("1", _("Agrees: the decision passes")), ("0", _("Does not agree"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Decision of the upper procuratorate"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SupervisionForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(
        label=_("Responsible departments"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    deadline = forms.DateField(
        label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )
    requirement = forms.CharField(
        label=_("What is to be done"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments
        self.fields["deadline"].initial = timezone.localdate() + datetime.timedelta(
            days=30
        )


class ExecutionReportForm(forms.Form):
    text = forms.CharField(
        label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 3})
    )
    is_complete = forms.BooleanField(label=_("Fully carried out"), required=False)


class MonthlyReportForm(forms.Form):
    content = forms.CharField(
        label=_("Work last month and plan for this month"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class MonthlyCommentForm(forms.Form):
    comment = forms.CharField(
        label=pgettext_lazy("meetings", "Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RosterChangeForm(forms.Form):
    effective_date = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )
    joining = StaffMultipleChoiceField(
        label=_("Joining"), queryset=None, required=False
    )
    seat = forms.ChoiceField(label=_("Seat of those joining"), choices=Seat.choices)
    is_full_time = forms.BooleanField(
        label=_("Full-time committee members"), required=False
    )
    leaving = StaffMultipleChoiceField(
        label=_("Leaving"), queryset=None, required=False
    )

    def __init__(self, *args, staff, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joining"].queryset = staff
        self.fields["leaving"].queryset = members

    def clean(self):
        data = super().clean()
        if not data.get("joining") and not data.get("leaving"):
            raise forms.ValidationError(_("Choose who joins or who leaves."))
        return data


class OfficialsForm(forms.Form):
    secretaries = StaffMultipleChoiceField(
        label=_("Secretaries"), queryset=None, required=False
    )
    pre_reviewers = StaffMultipleChoiceField(
        label=_("Pre-reviewers"), queryset=None, required=False
    )

    def __init__(self, *args, staff, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secretaries"].queryset = staff
        self.fields["pre_reviewers"].queryset = staff
        if body.kind != BodyKind.PARTY_GROUP:
            del self.fields["pre_reviewers"]


class ReviewPeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(
        label=_("Half-year"),
        choices=[(1, _("First half")), (2, _("Second half"))],
        coerce=int,
    )
