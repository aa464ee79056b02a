from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “BI dashboard”.")
    )
    workspace = forms.ChoiceField(label=_("Workspace"))
    days = forms.IntegerField(
        label=_("Valid for (days)"), required=False, min_value=1, max_value=3650,
        help_text=_("Empty: until you revoke it. Changing your password revokes every token."),
    )  # fmt: skip

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workspace"].choices = [(m.workspace_id, m.workspace.name) for m in memberships]
