from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role, Staff


class StaffAdminForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Staff
        fields = [
            "user",
            "procuratorate",
            "department",
            "name",
            "position",
            "roles",
            "phone",
        ]
