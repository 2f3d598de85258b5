"""Forms of the appraisal pages (crispy, Bootstrap 5)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.models import Department, Staff
from apps.core.uploads import accept_attribute, check_upload

from .models import (
    Checkpoint,
    Cycle,
    Indicator,
    Measure,
    Nature,
    Target,
    TargetAdjustment,
    validate_grade_scale,
)
from .services.cycles import INDICATOR_FIELDS, RULE_FIELDS
from .services.progress import EVIDENCE_KINDS, EVIDENCE_MAX_BYTES


def validate_evidence(upload):
    check_upload(upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)


def evidence_file_field():
    return forms.FileField(
        label=_("evidence file"),
        required=False,
        validators=[validate_evidence],
        widget=forms.ClearableFileInput(
            attrs={"accept": accept_attribute(EVIDENCE_KINDS)}
        ),
        help_text=_("PDF, image, Word, Excel or text; at most 10 MB."),
    )


def percent_input(label, **kwargs):
    """A 0–100 number with two places: weights, shares, points, percentages."""
    return forms.DecimalField(
        label=label, min_value=0, max_value=100, decimal_places=2, **kwargs
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def scale_to_text(scale):
    return "\n".join(
        f"{row['grade']}|{row['points']}|{row.get('descriptor', '')}"
        for row in scale or []
    )


def text_to_scale(text):
    """Parse "grade|points|descriptor" lines into a graded scale."""
    scale = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|", 2)]
        if len(parts) < 2:
            raise ValidationError(_("Write each grade as: grade|points|descriptor."))
        try:
            points = Decimal(parts[1])
        except InvalidOperation as exc:
            raise ValidationError(_("Grade points must be numbers.")) from exc
        scale.append(
            {
                "grade": parts[0],
                "points": int(points) if points == int(points) else float(points),
                "descriptor": parts[2] if len(parts) > 2 else "",
            }
        )
    if scale:
        validate_grade_scale(scale)
    return scale


class GradeScaleField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value):
        return text_to_scale(super().to_python(value))

    def prepare_value(self, value):
        return scale_to_text(value) if isinstance(value, list) else value


SCALE_HELP = _(
    "One grade a line: grade|points|descriptor, best first. "
    "Leave empty to use the indicator's scale."
)


class CycleForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ["name", "start_date", "end_date", *RULE_FIELDS]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class CycleRulesForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = RULE_FIELDS


class CheckpointForm(forms.ModelForm):
    class Meta:
        model = Checkpoint
        fields = ["name", "due_date", "plan_percent"]
        widgets = {"due_date": DateInput()}


class GoalForm(forms.Form):
    code = forms.CharField(label=_("number"), max_length=20)
    title = forms.CharField(label=_("title"), max_length=200)
    weight = percent_input(_("weight"))
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class IndicatorForm(forms.ModelForm):
    grade_scale = GradeScaleField(
        label=_("graded scale"), required=False, help_text=SCALE_HELP
    )

    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS


class _TargetFields(forms.Form):
    """What department and staff targets have in common."""

    indicator = forms.ModelChoiceField(
        label=_("indicator"), queryset=Indicator.objects.none()
    )
    code = forms.CharField(label=_("number"), max_length=20, required=False)
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    nature = forms.ChoiceField(label=_("nature"), choices=Nature.choices)
    target_value = forms.DecimalField(
        label=_("target value"),
        required=False,
        decimal_places=2,
        help_text=_("For quantitative indicators; a rate in percent."),
    )
    weight = percent_input(
        _("weight"), help_text=_("Share of the parent target; siblings total 100.")
    )
    grade_scale = GradeScaleField(
        label=_("graded scale"), required=False, help_text=SCALE_HELP
    )

    def __init__(self, *args, procuratorate_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            procuratorate_id=procuratorate_id, is_active=True
        )

    def clean(self):
        data = super().clean()
        indicator = data.get("indicator")
        if (
            indicator
            and indicator.measure == Measure.QUANTITATIVE
            and data.get("target_value") is None
        ):
            self.add_error("target_value", _("A quantitative target needs a value."))
        return data

    def service_kwargs(self):
        """The cleaned data as the save service takes it (each kind of target
        declares its `parent` field)."""
        data = self.cleaned_data
        return {
            "parent": data["parent"],
            "indicator": data["indicator"],
            "code": data["code"],
            "title": data["title"],
            "description": data["description"],
            "nature": data["nature"],
            "target_value": data["target_value"],
            "weight": data["weight"],
            "grade_scale": data["grade_scale"] or None,
        }


COOPERATING_ROWS = 3


class DepartmentTargetForm(_TargetFields):
    parent = forms.ModelChoiceField(
        label=_("procuratorate goal"), queryset=Target.objects.none()
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, procuratorate_id=plan.procuratorate_id, **kwargs)
        self.fields["parent"].queryset = Target.objects.filter(
            cycle_id=plan.cycle_id, level=Target.Level.PROCURATORATE
        ).order_by("code")
        self.order_fields(["parent"])
        others = Department.objects.filter(
            procuratorate_id=plan.procuratorate_id, is_active=True
        ).exclude(pk=plan.department_id)
        for i in range(1, COOPERATING_ROWS + 1):
            self.fields[f"coop_{i}"] = forms.ModelChoiceField(
                label=_("cooperating department"), queryset=others, required=False
            )
            self.fields[f"coop_{i}_share"] = percent_input(
                _("its credit share (%)"), required=False
            )

    @classmethod
    def initial_for(cls, target):
        initial = {
            "parent": target.parent_id,
            "indicator": target.indicator_id,
            "code": target.code,
            "title": target.title,
            "description": target.description,
            "nature": target.nature,
            "target_value": target.target_value,
            "weight": target.weight,
            "grade_scale": target.grade_scale,
        }
        coops = [s for s in target.shares.all() if s.role == "cooperating"]
        for i, share in enumerate(coops[:COOPERATING_ROWS], start=1):
            initial[f"coop_{i}"] = share.department_id
            initial[f"coop_{i}_share"] = share.share
        return initial

    def clean(self):
        data = super().clean()
        for i in range(1, COOPERATING_ROWS + 1):
            if data.get(f"coop_{i}") and not data.get(f"coop_{i}_share"):
                self.add_error(f"coop_{i}_share", _("Give the cooperating share."))
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            **super().service_kwargs(),
            "cooperating": [
                (data[f"coop_{i}"], data[f"coop_{i}_share"])
                for i in range(1, COOPERATING_ROWS + 1)
                if data.get(f"coop_{i}")
            ],
        }


class IndividualTargetForm(_TargetFields):
    parent = forms.ModelChoiceField(
        label=_("department target"), queryset=Target.objects.none()
    )
    staff = forms.ModelChoiceField(
        label=_("staff member"), queryset=Staff.objects.none()
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, procuratorate_id=plan.procuratorate_id, **kwargs)
        self.fields["parent"].queryset = Target.objects.filter(
            cycle_id=plan.cycle_id,
            level=Target.Level.DEPARTMENT,
            status=Target.Status.APPROVED,
            shares__department_id=plan.department_id,
        ).order_by("code", "id")
        self.fields["staff"].queryset = Staff.objects.filter(
            department_id=plan.department_id, user__is_active=True
        ).order_by("name")
        self.order_fields(["parent", "staff"])

    @classmethod
    def initial_for(cls, target):
        initial = DepartmentTargetForm.initial_for(target)
        initial["staff"] = target.staff_id
        return initial

    def service_kwargs(self):
        return {**super().service_kwargs(), "staff": self.cleaned_data["staff"]}


class TemplateApplyForm(forms.Form):
    template = forms.ModelChoiceField(label=_("department template"), queryset=None)

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


class TemplateSaveForm(forms.Form):
    name = forms.CharField(label=_("template name"), max_length=80)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), widget=forms.Textarea(attrs={"rows": 3})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    decision_reference = forms.CharField(
        label=_("party group decision"),
        max_length=120,
        help_text=_("The meeting that decided, e.g. 2026年第2次党组会议."),
    )


class ProgressForm(forms.Form):
    checkpoint = forms.ModelChoiceField(label=_("checkpoint"), queryset=None)
    actual_value = forms.DecimalField(label=_("actual value"), decimal_places=2)
    numerator = forms.DecimalField(label=_("numerator"), decimal_places=2, min_value=0)
    denominator = forms.DecimalField(
        label=_("denominator"), decimal_places=2, min_value=0
    )
    grade = forms.ChoiceField(label=_("self-assessed grade"))
    evidence = forms.CharField(
        label=_("evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where the numbers come from: registers, statistics, documents."),
    )
    evidence_file = evidence_file_field()

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkpoint"].queryset = target.cycle.checkpoints.all()
        if target.measure == Measure.QUALITATIVE:
            del self.fields["actual_value"], self.fields["numerator"]
            del self.fields["denominator"]
            self.fields["grade"].choices = [
                (
                    row["grade"],
                    f"{row['grade']}（{row.get('descriptor') or row['points']}）",
                )
                for row in target.grade_scale
            ]
        else:
            del self.fields["grade"]
            if target.is_rate:
                del self.fields["actual_value"]
                self.fields["numerator"].label = target.numerator_label
                self.fields["denominator"].label = target.denominator_label
                self.fields["numerator"].help_text = target.numerator_source
                self.fields["denominator"].help_text = target.denominator_source
            else:
                del self.fields["numerator"], self.fields["denominator"]
                self.fields["actual_value"].help_text = _(
                    "Cumulative since the start of the cycle."
                )


class AdjustmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=TargetAdjustment.Kind.choices)
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For an exemption: the cause outside the procuratorate's control."),
    )
    new_title = forms.CharField(label=_("new title"), max_length=200, required=False)
    new_description = forms.CharField(
        label=_("new description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    new_target_value = forms.DecimalField(
        label=_("new target value"), required=False, decimal_places=2
    )
    new_grade_scale = GradeScaleField(label=_("new graded scale"), required=False)

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        if target.measure == Measure.QUALITATIVE:
            del self.fields["new_target_value"]
        else:
            del self.fields["new_grade_scale"]


class SpecialTaskForm(forms.Form):
    cycle = forms.ModelChoiceField(label=_("cycle"), queryset=None)
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3})
    )
    origin = forms.CharField(
        label=_("assigned by"),
        max_length=120,
        help_text=_("E.g. the upper procuratorate, the local party committee."),
    )
    start_date = forms.DateField(label=_("start date"), widget=DateInput())
    end_date = forms.DateField(label=_("planned end date"), widget=DateInput())
    requested_points = percent_input(_("requested credit (points)"))
    participants = forms.ModelMultipleChoiceField(
        label=_("participants"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        staff = user.staff
        self.fields["cycle"].queryset = Cycle.objects.filter(
            procuratorate_id=staff.procuratorate_id, status=Cycle.Status.OPEN
        )
        self.fields["participants"].queryset = Staff.objects.filter(
            department_id=staff.department_id, user__is_active=True
        ).order_by("name")


class SpecialTaskApproveForm(forms.Form):
    credit_points = percent_input(_("approved credit (points)"))
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SpecialTaskReportForm(forms.Form):
    checkpoint = forms.ModelChoiceField(label=_("checkpoint"), queryset=None)
    percent_complete = percent_input(_("completion (%)"))
    evidence = forms.CharField(
        label=_("evidence"), widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_file = evidence_file_field()

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkpoint"].queryset = task.cycle.checkpoints.all()


class CheckpointChoiceForm(forms.Form):
    """Which checkpoint of the cycle a button acts on (a hidden field)."""

    checkpoint = forms.ModelChoiceField(
        label=_("checkpoint"), queryset=None, widget=forms.HiddenInput
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkpoint"].queryset = cycle.checkpoints.all()


class RemedyForm(forms.Form):
    remedy = forms.CharField(
        label=_("remedial measures"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("appraisal", "comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GradeForm(forms.Form):
    grade = forms.ChoiceField(label=_("grade"))
    comment = forms.CharField(
        label=pgettext_lazy("appraisal", "comment"), required=False, max_length=500
    )

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [
            (row["grade"], f"{row['grade']}（{row['points']}）")
            for row in target.grade_scale
        ]
