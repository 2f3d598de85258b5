"""Forms of civil and administrative supervision (rendered with crispy)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.uploads import accept_attribute

from .models import Attachment, Outcome, Party, Petition, Source
from .services.petitions import ATTACHMENT_KINDS, PARTY_FIELDS, PETITION_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UserChoiceField(forms.ModelChoiceField):
    """Choose a person by their staff profile; the cleaned value is the account."""

    def label_from_instance(self, obj):
        department = obj.department.name if obj.department_id else ""
        return f"{obj.name}（{department}）" if department else obj.name

    def clean(self, value):
        staff = super().clean(value)
        return staff.user if staff is not None else None


def staff_field(queryset, label):
    return UserChoiceField(queryset=queryset, label=label)


class PetitionForm(forms.ModelForm):
    class Meta:
        model = Petition
        fields = PETITION_FIELDS
        widgets = {
            "received_on": DATE,
            "judgment_date": DATE,
            "request": forms.Textarea(attrs={"rows": 2}),
            "grounds": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = PARTY_FIELDS


PartyFormSet = forms.formset_factory(PartyForm, extra=2, max_num=10)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(
            attrs={"accept": accept_attribute(ATTACHMENT_KINDS)}
        ),
    )


class IntakeAttachmentForm(AttachmentForm):
    """A row of the intake form; a row left without a file is skipped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = False


AttachmentFormSet = forms.formset_factory(IntakeAttachmentForm, extra=2, max_num=10)


class RefuseForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for not accepting"), widget=forms.Textarea(attrs={"rows": 3})
    )


class HandlerForm(forms.Form):
    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"] = staff_field(members, _("Handler"))


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Review notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ExtensionRequestForm(forms.Form):
    days = forms.IntegerField(label=_("Extra days"), min_value=1, max_value=90)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtensionDecideForm(forms.Form):
    # Sent by the button pressed: approve or refuse.
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))]
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Outcome"), choices=Outcome.Kind.choices)
    suggestion_scope = forms.ChoiceField(
        label=_("Supervision of"),
        choices=[("", "---------"), *Outcome.SuggestionScope.choices],
        required=False,
        help_text=_("Only for a procuratorial suggestion."),
    )
    recipient = forms.CharField(
        label=_("Addressed to"),
        max_length=100,
        required=False,
        help_text=_("The court or the upper procuratorate the document goes to."),
    )
    opinion = forms.CharField(
        label=_("Opinion and reasons"), widget=forms.Textarea(attrs={"rows": 5})
    )
    is_major = forms.BooleanField(
        label=_("Major or difficult case (also approved by the procurator-general)"),
        required=False,
    )


class ApproveForm(forms.Form):
    is_major = forms.BooleanField(
        label=_("Major case: send on to the procurator-general"), required=False
    )

    def __init__(self, *args, ask_major, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_major:  # the procurator-general approves it anyway
            del self.fields["is_major"]


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("What should be changed"), max_length=300)


def _not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    return value


class UpperDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Upper procuratorate's decision"),
        choices=Outcome.UpperDecision.choices,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)

    def clean_decided_on(self):
        return _not_future(self.cleaned_data["decided_on"])


class CourtReplyForm(forms.Form):
    adopted = forms.TypedChoiceField(
        label=_("Did the court adopt the suggestion?"),
        choices=[("yes", _("Adopted")), ("no", _("Not adopted"))],
        coerce=lambda value: value == "yes",
    )
    replied_on = forms.DateField(label=_("Court replied on"), widget=DATE)

    def clean_replied_on(self):
        return _not_future(self.cleaned_data["replied_on"])


class RetrialResultForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Retrial result"), choices=Outcome.CourtResult.choices
    )
    started_on = forms.DateField(label=_("Retrial opened on"), widget=DATE)
    concluded_on = forms.DateField(label=_("Retrial concluded on"), widget=DATE)

    def clean(self):
        data = super().clean()
        started, concluded = data.get("started_on"), data.get("concluded_on")
        if started and concluded and concluded < started:
            self.add_error(
                "concluded_on", _("The retrial cannot end before it opened.")
            )
        return data


FOLLOW_UP_FORMS = {
    "upper_decision": UpperDecisionForm,
    "court_reply": CourtReplyForm,
    "retrial_result": RetrialResultForm,
}


def follow_up_form(data=None, files=None, *, step, **kwargs):
    """The form of the answer the issued outcome waits for (its follow_up_step)."""
    return FOLLOW_UP_FORMS[step](data, files, **kwargs)


class GrantForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)
    expires_on = forms.DateField(
        label=_("Until (inclusive)"), widget=DATE, required=False
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "grantee": staff_field(candidates, _("Give access to")),
            **self.fields,
        }


class ClueForm(forms.Form):
    suspect_name = forms.CharField(label=_("Person concerned"), max_length=40)
    suspect_position = forms.CharField(
        label=_("Post and unit"),
        max_length=120,
        help_text=_("e.g. judge of a court"),
    )
    summary = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, petitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["petition"] = forms.ModelChoiceField(
            queryset=petitions, label=_("Found in case"), required=False
        )


class ClueReportForm(forms.Form):
    note = forms.CharField(
        label=_("Report text"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ClueDecideForm(forms.Form):
    inquire = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[
            ("yes", _("Start a preliminary inquiry")),
            ("no", _("No inquiry")),
        ],
        coerce=lambda value: value == "yes",
    )
    note = forms.CharField(
        label=_("Why no inquiry"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inquirer"] = UserChoiceField(
            queryset=candidates, label=_("Inquirer"), required=False
        )


class ClueConcludeForm(forms.Form):
    became_case = forms.TypedChoiceField(
        label=_("Result of the inquiry"),
        choices=[("yes", _("Became a case")), ("no", _("Did not become a case"))],
        coerce=lambda value: value == "yes",
    )
    note = forms.CharField(
        label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PetitionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("All states")), *Petition.State.choices],
        required=False,
    )
    source = forms.ChoiceField(
        label=_("Case source"),
        choices=[("", _("All sources")), *Source.choices],
        required=False,
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000)
    mine = forms.BooleanField(label=_("Only mine"), required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        required=False,
    )

    def year_or_current(self):
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return timezone.localdate().year
