"""Forms of 政务公示 (crispy, Bootstrap 5). Validation of business rules stays in
the services; these only parse what the user typed."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import (
    OfficeMeeting,
    PlanItem,
    Rule,
    ServiceKind,
    ServiceStep,
    StockItem,
)


class ServiceRequestForm(forms.Form):
    kind = forms.ModelChoiceField(
        label=_("Kind"), queryset=ServiceKind.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Subject"), max_length=120)
    content = forms.CharField(
        label=_("Content"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Once sent, the time and the content are fixed; a later correction "
            "is added as an amendment beside it."
        ),
    )
    urgent = forms.BooleanField(label=_("Needed today"), required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds


class RequestLineForm(forms.Form):
    stock_item = forms.ModelChoiceField(
        label=_("Store item"),
        queryset=StockItem.objects.none(),
        required=False,
        empty_label=_("— not in the store —"),
    )
    name = forms.CharField(
        label=_("Other item"),
        max_length=100,
        required=False,
        help_text=_("Only for a thing the store does not keep."),
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=10, required=False)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stock_item"].queryset = items
        self.fields["stock_item"].label_from_instance = lambda item: (
            _("%(name)s (in store: %(quantity)s %(unit)s)")
            % {"name": item.name, "quantity": item.quantity, "unit": item.unit}
        )

    def clean(self):
        data = super().clean()
        chosen = data.get("stock_item") or (data.get("name") or "").strip()
        if chosen and not data.get("quantity"):
            self.add_error("quantity", _("How many?"))
        if data.get("quantity") and not chosen:
            self.add_error("name", _("Choose a store item or name the thing."))
        return data

    def as_line(self):
        data = self.cleaned_data
        if not (data.get("stock_item") or (data.get("name") or "").strip()):
            return None
        return {
            "stock_item": data.get("stock_item"),
            "name": data.get("name") or "",
            "quantity": data.get("quantity"),
            "unit": data.get("unit") or "",
        }


RequestLineFormSet = forms.formset_factory(RequestLineForm, extra=4, max_num=30)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ServiceStep.Outcome.APPROVED, _("Approve")),
            (ServiceStep.Outcome.DEFERRED, _("Defer")),
            (ServiceStep.Outcome.REJECTED, _("Do not approve")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required when not approving or deferring; published on the month's "
            "board, e.g. 经检察长决定，资金数额较大，缓办."
        ),
    )
    same_day = forms.BooleanField(label=_("Buy and issue today"), required=False)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequiredNoteForm(forms.Form):
    note = forms.CharField(
        label=_("What is missing"), widget=forms.Textarea(attrs={"rows": 2})
    )


class StockInForm(forms.Form):
    """One quantity field per line of the request: what came back from purchase."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        for line in lines:
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                label=_("%(item)s (asked: %(quantity)s %(unit)s)")
                % {"item": line.name, "quantity": line.quantity, "unit": line.unit},
                min_value=0,
                initial=line.quantity,
            )
        self.lines = lines

    def clean(self):
        data = super().clean()
        data["quantities"] = {
            line.pk: data.get(f"line_{line.pk}") for line in self.lines
        }
        return data


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label=_("Amendment"), widget=forms.Textarea(attrs={"rows": 2})
    )


class StockItemForm(forms.Form):
    name = forms.CharField(label=_("Item name"), max_length=100)
    unit = forms.CharField(label=_("Unit"), max_length=10, initial="个")
    low_stock_level = forms.IntegerField(
        label=_("Low-stock level"), min_value=0, initial=0
    )
    quantity = forms.IntegerField(label=_("Opening stock"), min_value=0, initial=0)


class StockReceiveForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity received"), min_value=1)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class StockAdjustForm(forms.Form):
    counted = forms.IntegerField(label=_("Counted quantity"), min_value=0)
    reason = forms.CharField(label=_("Reason"), max_length=200)


class BoardPostForm(forms.Form):
    column = forms.ModelChoiceField(label=_("Column"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = columns


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Rule.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=100)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))
    effective_from = forms.DateField(
        label=_("Effective from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    sort_order = forms.IntegerField(label=_("Sort order"), min_value=0, initial=0)


class RuleRevisionForm(forms.Form):
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))
    effective_from = forms.DateField(
        label=_("Effective from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    change_note = forms.CharField(label=_("What changed"), max_length=200)


class PlanItemForm(forms.Form):
    content = forms.CharField(label=_("Task"), max_length=300)


class PlanItemChoiceForm(forms.Form):
    """Which task of the plan (a hidden field of each task's button)."""

    item = forms.ModelChoiceField(
        queryset=PlanItem.objects.none(), widget=forms.HiddenInput
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = plan.items.all()


class PlanResultsForm(forms.Form):
    """One result and completion per planned task, and rows for unplanned work."""

    EXTRA_ROWS = 3

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = [i for i in items if i.planned]
        for item in self.items:
            self.fields[f"result_{item.pk}"] = forms.CharField(
                label=item.content, max_length=300, required=False
            )
            self.fields[f"completion_{item.pk}"] = forms.IntegerField(
                label=_("Completion (%)"), min_value=0, max_value=100, initial=100
            )
        for n in range(self.EXTRA_ROWS):
            self.fields[f"extra_content_{n}"] = forms.CharField(
                label=_("Unplanned work"), max_length=300, required=False
            )
            self.fields[f"extra_result_{n}"] = forms.CharField(
                label=pgettext_lazy("disclosure", "Result"),
                max_length=300,
                required=False,
            )

    def rows(self):
        return [
            (item, self[f"result_{item.pk}"], self[f"completion_{item.pk}"])
            for item in self.items
        ]

    def extra_rows(self):
        return [
            (self[f"extra_content_{n}"], self[f"extra_result_{n}"])
            for n in range(self.EXTRA_ROWS)
        ]

    def clean(self):
        """Add `results` (item id → (result, completion)) and `extra` rows."""
        data = super().clean()
        data["results"] = {
            item.pk: (data.get(f"result_{item.pk}"), data.get(f"completion_{item.pk}"))
            for item in self.items
        }
        data["extra"] = [
            (data[f"extra_content_{n}"], data.get(f"extra_result_{n}"), 100)
            for n in range(self.EXTRA_ROWS)
            if data.get(f"extra_content_{n}")
        ]
        return data


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OfficeMeeting.Kind.choices)
    held_on = forms.DateField(
        label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    title = forms.CharField(label=_("Title"), max_length=120)
    summary = forms.CharField(
        label=_("Meeting report"), widget=forms.Textarea(attrs={"rows": 5})
    )


class QuestionForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Raised by department"), queryset=None, required=False
    )
    question = forms.CharField(
        label=_("Question or request"), widget=forms.Textarea(attrs={"rows": 2})
    )
    answer = forms.CharField(
        label=_("Answer given"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2})
    )
