"""Forms of 信息宣传. They parse input; the services decide what is allowed."""

from decimal import Decimal
from functools import partial

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.models import Department, User

from .content import ACCEPT_ATTRIBUTE, check_attachment
from .models import (
    Adoption,
    Bulletin,
    Item,
    Kind,
    Medium,
    Outlet,
    OutletLevel,
    RewardScheme,
)


def rich_text_attrs():
    return {
        "rows": 14,
        "data-rich-text": "1",
        "data-bold-label": _("Bold"),
        "data-italic-label": _("Italic"),
        "data-underline-label": _("Underline"),
        "data-bullets-label": _("Bulleted list"),
        "data-numbers-label": _("Numbered list"),
    }


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        dept = obj.staff.department.name if obj.staff.department_id else ""
        return f"{obj.staff.name}（{dept}）" if dept else obj.staff.name


def staff_users(procuratorate_id):
    return (
        User.objects.filter(is_active=True, staff__procuratorate_id=procuratorate_id)
        .exclude(
            staff__roles__overlap=["system_admin", "security_admin", "audit_admin"]
        )
        .order_by("staff__department__sort_order", "staff__name")
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ItemForm(forms.ModelForm):
    """The author's form: what the item is, its text, department and own share."""

    body = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs=rich_text_attrs()),
        help_text=_(
            "Paragraphs are kept; bold, italics, lists and simple tables are "
            "allowed. Anything else (scripts, styles, links) is removed."
        ),
    )
    my_share = forms.IntegerField(
        label=_("My share (%)"),
        min_value=1,
        max_value=100,
        initial=100,
        help_text=_("With co-authors, the shares of everyone must total 100."),
    )
    files = MultipleFileField(
        label=_("Attachments (photos and documents)"),
        required=False,
        help_text=_(
            "JPG, PNG, PDF, Word, Excel, WPS or text files, at most 10 MB each. "
            "If the form shows an error, choose the files again."
        ),
    )
    note = forms.CharField(
        label=_("What was changed"),
        required=False,
        max_length=300,
        help_text=_("Kept in the item's history with the revision."),
    )

    class Meta:
        model = Item
        fields = ["kind", "category", "urgency", "department", "title", "body"]
        widgets = {"kind": forms.RadioSelect, "urgency": forms.RadioSelect}

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        errors = []
        for uploaded in files:
            try:
                check_attachment(uploaded)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return files

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        staff = user.staff
        self.fields["department"].queryset = Department.objects.filter(
            procuratorate_id=staff.procuratorate_id, is_active=True
        ).order_by("sort_order", "name")
        self.fields["department"].empty_label = None
        self.fields["kind"].choices = Kind.choices
        if not self.instance.pk:
            self.fields["department"].initial = staff.department_id
            self.fields["kind"].initial = Kind.INFORMATION
        if not (self.instance.pk and self.instance.has_been_submitted):
            del self.fields["note"]
        self.helper = _helper()


class CoAuthorForm(forms.Form):
    user = StaffChoiceField(label=_("Co-author"), queryset=User.objects.none())
    share = forms.IntegerField(label=_("Share (%)"), min_value=1, max_value=100)

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        if users is not None:
            self.fields["user"].queryset = users
        self.fields["user"].required = False
        self.fields["share"].required = False

    def clean(self):
        data = super().clean()
        user, share = data.get("user"), data.get("share")
        if bool(user) != bool(share) and not self.errors:
            raise ValidationError(_("Give both the co-author and the share."))
        return data


class BaseCoAuthorFormSet(forms.BaseFormSet):
    def __init__(self, *args, users=None, **kwargs):
        self.users = users
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"users": self.users}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            users=self.users,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form

    def pairs(self):
        return [
            (f.cleaned_data["user"], f.cleaned_data["share"])
            for f in self.forms
            if f.cleaned_data.get("user") and not f.cleaned_data.get("DELETE")
        ]


CoAuthorFormSet = forms.formset_factory(
    CoAuthorForm, formset=BaseCoAuthorFormSet, extra=3, max_num=10, can_delete=False
)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Why it is returned"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say why the item is returned, so the author can revise it.")
        },
    )


class ReviewForm(CommentForm):
    is_fine = forms.BooleanField(label=_("Fine item (精品)"), required=False)
    is_highlight = forms.BooleanField(label=_("Highlight item (亮点)"), required=False)

    field_order = ["is_fine", "is_highlight", "comment"]


class DispatchForm(forms.Form):
    outlets = forms.ModelMultipleChoiceField(
        label=_("Send to"),
        queryset=Outlet.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one destination.")},
    )

    def __init__(self, *args, outlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlets"].queryset = outlets


class OfficeEditForm(forms.ModelForm):
    body = forms.CharField(
        label=_("Body"), widget=forms.Textarea(attrs=rich_text_attrs())
    )
    note = forms.CharField(
        label=_("What was changed and why"),
        max_length=300,
        error_messages={"required": _("Say briefly what was changed and why.")},
    )

    class Meta:
        model = Item
        fields = ["kind", "category", "urgency", "title", "body"]
        widgets = {"kind": forms.RadioSelect, "urgency": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Kind.choices
        self.helper = _helper()


class AdoptionForm(forms.ModelForm):
    clipping = forms.FileField(
        label=_("Clipping (photo or PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}),
    )

    class Meta:
        model = Adoption
        fields = ["outlet", "adopted_on", "form", "link", "note"]
        widgets = {
            "adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        }
        field_classes = {"link": partial(forms.URLField, assume_scheme="https")}

    def __init__(self, *args, outlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if outlets is not None:
            self.fields["outlet"].queryset = outlets
        self.fields["adopted_on"].initial = timezone.localdate
        self.helper = _helper()

    def _post_clean(self):
        # The service checks the rest (dates against dispatch, duplicates).
        pass


def _year_choices():
    this_year = timezone.localdate().year
    return [(y, f"{y}") for y in range(this_year + 1, this_year - 6, -1)]


def _select():
    return forms.Select(attrs={"class": "form-select"})


def _this_year():
    return timezone.localdate().year


class StatisticsFilterForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        choices=_year_choices,
        initial=_this_year,
        widget=_select(),
    )
    month = forms.TypedChoiceField(
        label=_("Month"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=lambda: (
            [("", _("Whole year"))]
            + [(m, _("Month %(month)s") % {"month": m}) for m in range(1, 13)]
        ),
        widget=_select(),
    )


class QuotaYearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        choices=_year_choices,
        initial=_this_year,
        widget=_select(),
    )


LEVEL_CHOICES = [("", _("Any level"))] + [
    (value, _("%(level)s or higher") % {"level": label})
    for value, label in OutletLevel.choices
]


class DepartmentQuotasForm(forms.Form):
    """The year's targets (any level) of every department, in one table."""

    def __init__(self, *args, departments, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = list(departments)
        for dept in self.departments:
            self.fields[f"target-{dept.pk}"] = forms.IntegerField(
                label=dept.name,
                required=False,
                min_value=0,
                max_value=10000,
                initial=targets.get(dept.pk),
            )

    def rows(self):
        return [(dept, self[f"target-{dept.pk}"]) for dept in self.departments]

    def service_kwargs(self):
        return {
            "level": "",
            "departments": {
                dept: self.cleaned_data.get(f"target-{dept.pk}")
                for dept in self.departments
            },
        }


class QuotaForm(forms.Form):
    """One target: for a department or a person, at any level or a level and up."""

    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    user = StaffChoiceField(
        label=_("Person"), queryset=User.objects.none(), required=False
    )
    level = forms.ChoiceField(
        label=_("Outlet level"), choices=LEVEL_CHOICES, required=False
    )
    target = forms.IntegerField(
        label=_("Target (adoptions)"),
        min_value=0,
        max_value=10000,
        help_text=_("0 removes the quota."),
    )

    def __init__(self, *args, departments, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["user"].queryset = users
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if bool(data.get("department")) == bool(data.get("user")):
            raise ValidationError(_("Choose either a department or a person."))
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        if data.get("department"):
            return {
                "level": data["level"],
                "departments": {data["department"]: data["target"]},
            }
        return {"level": data["level"], "persons": {data["user"]: data["target"]}}


DEFAULT_MULTIPLIERS = {
    OutletLevel.NATIONAL: Decimal("5"),
    OutletLevel.PROVINCIAL: Decimal("3"),
    OutletLevel.PREFECTURAL: Decimal("2"),
    OutletLevel.COUNTY: Decimal("1"),
}


class RewardSchemeForm(forms.ModelForm):
    """The scheme with one multiplier per outlet level (any medium)."""

    class Meta:
        model = RewardScheme
        fields = ["base_amount", "base_points", "fine_bonus", "penalty_per_missing"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {}
        if self.instance.pk:
            existing = {
                r.level: r.multiplier for r in self.instance.rules.all() if not r.medium
            }
        for level, label in OutletLevel.choices:
            self.fields[f"multiplier_{level}"] = forms.DecimalField(
                label=_("Multiplier: %(level)s") % {"level": label},
                min_value=0,
                max_digits=6,
                decimal_places=2,
                initial=existing.get(level, DEFAULT_MULTIPLIERS[level])
                if self.instance.pk is None or level in existing
                else None,
                required=False,
                help_text=_("Empty: the base amount once."),
            )
        self.helper = _helper()

    def cleaned_data_for_scheme(self):
        return {f: self.cleaned_data[f] for f in self.Meta.fields}

    def level_rules(self):
        return [
            (level, "", self.cleaned_data[f"multiplier_{level}"])
            for level in OutletLevel.values
            if self.cleaned_data.get(f"multiplier_{level}") is not None
        ]


class MediumRuleForm(forms.Form):
    """A multiplier for one level and medium, over the level's own."""

    level = forms.ChoiceField(
        label=_("Outlet level"),
        choices=[("", "—"), *OutletLevel.choices],
        required=False,
    )
    medium = forms.ChoiceField(
        label=_("Medium"), choices=[("", "—"), *Medium.choices], required=False
    )
    multiplier = forms.DecimalField(
        label=_("Multiplier"),
        min_value=0,
        max_digits=6,
        decimal_places=2,
        required=False,
    )

    def clean(self):
        data = super().clean()
        filled = [
            bool(data.get("level")),
            bool(data.get("medium")),
            data.get("multiplier") is not None,
        ]
        if any(filled) and not all(filled):
            raise ValidationError(_("Give the level, the medium and the multiplier."))
        return data


MediumRuleFormSet = forms.formset_factory(MediumRuleForm, extra=3, max_num=20)


def medium_rules(formset):
    return [
        (
            f.cleaned_data["level"],
            f.cleaned_data["medium"],
            f.cleaned_data["multiplier"],
        )
        for f in formset.forms
        if f.cleaned_data.get("level")
    ]


class BulletinForm(forms.ModelForm):
    """An issue of 《工作简报》: its head and foot, and the items in their order.

    The page lists the eligible items with a tick box (name "items") and an
    order number (name "order-<id>") each.
    """

    class Meta:
        model = Bulletin
        fields = ["title", "issued_on", "compiled_by_unit", "distribution", "copies"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "distribution": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.fields["issued_on"].initial = timezone.localdate
        self.helper = _helper()
        chosen = {}
        if self.instance.pk:
            chosen = {e.item_id: e.position for e in self.instance.entries.all()}
        if self.is_bound:
            chosen = {}
            for value in self.data.getlist("items"):
                if value.isdigit():
                    order = self.data.get(f"order-{value}", "")
                    chosen[int(value)] = int(order) if order.isdigit() else None
        self.chosen = chosen
        self.rows = [
            (item, item.pk in chosen, chosen.get(item.pk) or "") for item in candidates
        ]

    def clean(self):
        data = super().clean()
        by_pk = {item.pk: item for item in self.candidates}
        picked = [
            (order, n, by_pk[pk])
            for n, (pk, order) in enumerate(self.chosen.items())
            if pk in by_pk
        ]
        if not picked:
            raise ValidationError(_("Choose at least one item."))
        picked.sort(key=lambda t: (t[0] is None, t[0] or 0, t[1]))
        data["items"] = [item for _order, _n, item in picked]
        return data

    def service_kwargs(self):
        return {f: self.cleaned_data[f] for f in [*self.Meta.fields, "items"]}
