"""Forms of the prevention pages; rendered with crispy (Bootstrap 5).

A step's form has two buttons, "save" and "finish" (``name="action"``,
``value="complete"``); ``cleaned_data["finish"]`` says which was pressed.
Scans are checked by the services (``apps.core.uploads``), whose refusal
names the file and survives the redirect back to the page.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.selectors import department_list

from .models import (
    BINDABLE_EXTENSIONS,
    AnalysisReport,
    ApprovalForm,
    CaseSelection,
    FinalReport,
    Material,
    PreventionActivity,
    PreventionProject,
    ReturnVisit,
    Suggestion,
    Symposium,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# The files a scan may be: it is bound into the case file.
SCAN_ACCEPT = ",".join(f".{ext}" for ext in BINDABLE_EXTENSIONS)


class StepForm:
    """Mixin: note whether the user pressed the step's "finish" button."""

    def clean(self):
        cleaned = super().clean()
        cleaned["finish"] = self.data.get("action") == "complete"
        return cleaned


class ProjectForm(forms.ModelForm):
    class Meta:
        model = PreventionProject
        fields = PreventionProject.FIELDS


class CaseSelectionForm(StepForm, forms.ModelForm):
    class Meta:
        model = CaseSelection
        fields = CaseSelection.FIELDS
        widgets = {
            "case_summary": forms.Textarea(attrs={"rows": 3}),
            "selection_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_department"].queryset = department_list(user=user)


class ApprovalFormForm(StepForm, forms.ModelForm):
    class Meta:
        model = ApprovalForm
        fields = ApprovalForm.FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class DecisionForm(forms.Form):
    opinion = forms.CharField(
        label=pgettext_lazy("prevention", "Opinion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when returning it."),
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["approve"] = self.data.get("decision") == "approve"
        return cleaned


class AnalysisReportForm(StepForm, forms.ModelForm):
    class Meta:
        model = AnalysisReport
        fields = AnalysisReport.FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class MaterialForm(forms.Form):
    """A material's kind, title and file; the service checks the file, so that
    its refusal, naming the file, is shown again after the redirect."""

    kind = Material._meta.get_field("kind").formfield()
    title = Material._meta.get_field("title").formfield()
    file = Material._meta.get_field("file").formfield(
        widget=forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT})
    )


class SymposiumForm(StepForm, forms.ModelForm):
    class Meta:
        model = Symposium
        fields = Symposium.FIELDS
        widgets = {
            "held_on": DateInput(),
            "attendees": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "agreements": forms.Textarea(attrs={"rows": 3}),
        }


class SuggestionLetterForm(StepForm, forms.Form):
    addressee = forms.CharField(label=_("Addressee"), max_length=120)
    problems = forms.CharField(
        label=_("Problems found"), widget=forms.Textarea(attrs={"rows": 4})
    )
    suggestions = forms.CharField(
        label=_("Suggestions"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One suggestion per line; they are numbered in this order."),
    )

    def clean_suggestions(self):
        lines = [line.strip() for line in self.cleaned_data["suggestions"].splitlines()]
        return [line for line in lines if line]


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DateInput())
    recipient = forms.CharField(
        label=_("Recipient (name and position)"), max_length=120
    )
    receipt = forms.FileField(
        label=_("Signed receipt"),
        help_text=_("The scan of the receipt signed by the recipient (PDF, JPG, PNG)."),
        widget=forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT}),
    )
    delivery_notes = forms.CharField(
        label=_("What was said when the letter was read out"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActivityForm(forms.ModelForm):
    class Meta:
        model = PreventionActivity
        fields = PreventionActivity.FIELDS
        widgets = {
            "held_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class ReturnVisitForm(StepForm, forms.ModelForm):
    """The visit itself plus, per suggestion, the adoption and the unit's feedback."""

    class Meta:
        model = ReturnVisit
        fields = ReturnVisit.FIELDS
        widgets = {
            "visited_on": DateInput(),
            "findings": forms.Textarea(attrs={"rows": 3}),
            "risk_assessment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = list(suggestions)
        choices = [("", "---------"), *Suggestion.Adoption.choices]
        for item in self.suggestions:
            self.fields[f"adoption_{item.pk}"] = forms.ChoiceField(
                label=_("Suggestion %(n)d: %(text)s")
                % {"n": item.order, "text": item.text},
                choices=choices,
                required=False,
                initial=item.adoption,
            )
            self.fields[f"feedback_{item.pk}"] = forms.CharField(
                label=_("Feedback of the unit on suggestion %(n)d") % {"n": item.order},
                required=False,
                initial=item.unit_feedback,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @classmethod
    def split(cls, cleaned_data):
        """(the visit's fields, {suggestion id: (adoption, feedback)}) of the data."""
        fields = {k: v for k, v in cleaned_data.items() if k in cls._meta.fields}
        feedback = {
            int(key.removeprefix("adoption_")): (
                value,
                cleaned_data.get(f"feedback_{key.removeprefix('adoption_')}", ""),
            )
            for key, value in cleaned_data.items()
            if key.startswith("adoption_")
        }
        return fields, feedback


class FinalReportForm(StepForm, forms.ModelForm):
    class Meta:
        model = FinalReport
        fields = FinalReport.FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "effect": forms.Textarea(attrs={"rows": 3}),
            "reported_to_authority_on": DateInput(),
            "filed_with_upper_on": DateInput(),
        }
