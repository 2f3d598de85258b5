"""Forms of integrity culture; rendered with crispy (Bootstrap 5)."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.models import Department, User
from apps.core.selectors import department_list, staff_list
from apps.core.uploads import accept_attribute

from .models import (
    Activity,
    Campaign,
    Criterion,
    Entry,
    Exemplar,
    IntegrityPlan,
    JudgedContest,
    QuestionKind,
    Quiz,
    Remark,
)
from .services import true_false_choices
from .services.contests import CONTEST_FIELDS
from .services.culture import ACTIVITY_FIELDS, CAMPAIGN_FIELDS, PLAN_FIELDS
from .services.exemplars import EXEMPLAR_FIELDS
from .services.quiz import QUESTION_FIELDS, QUIZ_FIELDS
from .services.remarks import REMARK_FIELDS

OPTION_ROWS = 6


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class QuestionForm(forms.Form):
    """A bank question with up to six options; true/false takes one answer."""

    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text = forms.CharField(
        label=_("Question text"), widget=forms.Textarea(attrs={"rows": 3})
    )
    topic = forms.CharField(
        label=pgettext_lazy("integrity", "Topic"), max_length=60, required=False
    )
    statement_true = forms.TypedChoiceField(
        label=_("For true-or-false: the statement is"),
        choices=[("", "---------"), ("1", _("True")), ("0", _("False"))],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown after the contest closes."),
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args, question=None, **kwargs):
        if question is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(question)
        super().__init__(*args, **kwargs)
        for i in range(1, OPTION_ROWS + 1):
            self.fields[f"option_{i}"] = forms.CharField(
                label=_("Option %(letter)s") % {"letter": "ABCDEF"[i - 1]},
                max_length=300,
                required=False,
            )
            self.fields[f"correct_{i}"] = forms.BooleanField(
                label=_("Option %(letter)s is correct") % {"letter": "ABCDEF"[i - 1]},
                required=False,
            )

    def option_rows(self):
        """[(option field, its "correct" box)] for the template."""
        return [
            (self[f"option_{i}"], self[f"correct_{i}"])
            for i in range(1, OPTION_ROWS + 1)
        ]

    @staticmethod
    def initial_from(question):
        initial = {
            "kind": question.kind,
            "text": question.text,
            "topic": question.topic,
            "explanation": question.explanation,
            "is_active": question.is_active,
        }
        choices = list(question.choices.all())
        if question.kind == QuestionKind.TRUE_FALSE:
            initial["statement_true"] = (
                "1" if choices and choices[0].is_correct else "0"
            )
        else:
            for i, choice in enumerate(choices, start=1):
                initial[f"option_{i}"] = choice.text
                initial[f"correct_{i}"] = choice.is_correct
        return initial

    def clean(self):
        data = super().clean()
        if data.get("kind") == QuestionKind.TRUE_FALSE:
            if data.get("statement_true") is None:
                self.add_error(
                    "statement_true", _("Say whether the statement is true or false.")
                )
            else:
                data["choices"] = true_false_choices(data["statement_true"])
        else:
            data["choices"] = [
                (data[f"option_{i}"], data.get(f"correct_{i}", False))
                for i in range(1, OPTION_ROWS + 1)
                if data.get(f"option_{i}", "").strip()
            ]
        return data

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in QUESTION_FIELDS}


class QuizForm(forms.ModelForm):
    class Meta:
        model = Quiz
        fields = QUIZ_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
        }


class PlanForm(forms.ModelForm):
    class Meta:
        model = IntegrityPlan
        fields = PLAN_FIELDS
        widgets = {"goals": forms.Textarea(attrs={"rows": 4})}


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = CAMPAIGN_FIELDS
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
        }


class CampaignRemoveForm(forms.Form):
    """Which campaign of the plan to take out (a hidden field by each row)."""

    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(), widget=forms.HiddenInput
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = plan.campaigns.all()


class PlanDecisionForm(forms.Form):
    # Set by the button pressed: approve or return.
    decision = forms.ChoiceField(
        choices=[("approve", "approve"), ("return", "return")],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(
        label=pgettext_lazy("integrity", "Opinion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when returning the plan, and when approving a plan with "
            "overloaded weeks: say how they will be combined or spread."
        ),
    )


class ActivityForm(forms.ModelForm):
    audience = forms.ModelMultipleChoiceField(
        label=_("Audience"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Departments expected to attend; none means the whole staff."),
    )

    class Meta:
        model = Activity
        fields = ACTIVITY_FIELDS
        widgets = {
            "held_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        departments = department_list(user=user)
        self.fields["organiser"].queryset = departments
        self.fields["audience"].queryset = departments
        self.fields["campaign"].queryset = plan.campaigns.all()
        self.fields["quiz"].queryset = Quiz.objects.filter(
            procuratorate_id=plan.procuratorate_id
        )
        if self.instance.pk:
            self.initial["audience"] = list(self.instance.audience.all())


class AttendanceForm(forms.Form):
    """Who was there, ticked from the people expected and those signed up."""

    present = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, expected_user_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(pk, pk) for pk in expected_user_ids]


class CancelActivityForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), required=False)


class RemarkForm(forms.ModelForm):
    class Meta:
        model = Remark
        fields = REMARK_FIELDS
        widgets = {
            "received_on": DateInput(),
            "content": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerned_department"].queryset = department_list(user=user)
        self.fields["concerned_staff"].queryset = staff_list(user=user)


class RemarkAssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"), queryset=User.objects.none()
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(
            pk__in=[s.user_id for s in choices]
        )
        self.fields["assignee"].label_from_instance = lambda u: u.display_name


class RemarkAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("What was found and what the person was told"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    finding = forms.ChoiceField(label=_("Finding"), choices=Remark.Finding.choices)
    measures = forms.CharField(
        label=_("Measures taken"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the remark is substantiated, even partly."),
    )


class RemarkCloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for sending it back"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExemplarForm(forms.ModelForm):
    class Meta:
        model = Exemplar
        fields = EXEMPLAR_FIELDS
        widgets = {"story": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_list(user=user)
        self.fields["photo"].widget.attrs["accept"] = accept_attribute(["images"])

    def clean_photo(self):
        # Only a newly chosen photo goes to the service, which checks it.
        photo = self.cleaned_data.get("photo")
        return photo if isinstance(photo, UploadedFile) else None


class ContestForm(forms.ModelForm):
    criteria = forms.CharField(
        label=_("Criteria"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: name and highest score, e.g. 思想内容 40"),
    )
    judges = forms.ModelMultipleChoiceField(
        label=_("Judges"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = JudgedContest
        fields = CONTEST_FIELDS
        widgets = {
            "entries_close_on": DateInput(),
            "rules_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        staff = staff_list(user=user)
        self.fields["judges"].queryset = User.objects.filter(
            staff__in=staff
        ).select_related("staff__department")
        self.fields["judges"].label_from_instance = lambda u: (
            f"{u.staff.name}（{u.staff.department.name if u.staff.department else ''}）"
        )
        self.fields["activity"].queryset = Activity.objects.filter(
            procuratorate_id=user.staff.procuratorate_id
        )
        if self.instance.pk:
            self.initial["judges"] = list(self.instance.judges.all())
            self.initial["criteria"] = "\n".join(
                f"{c.name} {c.max_score}" for c in self.instance.criteria.all()
            )

    def clean_criteria(self):
        rows = []
        for line in self.cleaned_data["criteria"].splitlines():
            line = line.strip().replace("：", " ").replace(":", " ")
            if not line:
                continue
            name, _sep, top = line.rpartition(" ")
            if not name.strip() or not top.isdigit() or int(top) == 0:
                raise forms.ValidationError(
                    _("Write each criterion as a name and a whole number of points.")
                )
            rows.append((name.strip(), int(top)))
        if not rows:
            raise forms.ValidationError(_("Give at least one criterion."))
        return rows


class EntryForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = ["title", "text", "file"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = accept_attribute(
            contest.entry_kinds
        )

    def clean_file(self):
        # Only a newly chosen file goes to the service, which checks it.
        upload = self.cleaned_data.get("file")
        return upload if isinstance(upload, UploadedFile) else None


class ScoreForm(forms.Form):
    """A judge's scores for one entry, a field per criterion (empty: not yet)."""

    entry = forms.ModelChoiceField(
        queryset=Entry.objects.none(), widget=forms.HiddenInput
    )

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = contest.entries.all()
        for criterion in Criterion.objects.filter(contest=contest):
            self.fields[f"c_{criterion.pk}"] = forms.DecimalField(
                label=criterion.name,
                required=False,
                min_value=0,
                max_value=criterion.max_score,
                max_digits=5,
                decimal_places=1,
            )
