from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.core.models import Role


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)
