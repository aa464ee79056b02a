from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.catalog.models import Creator, Market, Platform


class CreatorForm(forms.ModelForm):
    """A creator with (when new) their first account."""

    platform = forms.ModelChoiceField(label=_("Platform"), queryset=Platform.objects.all())
    handle = forms.CharField(label=_("Handle"), max_length=120, help_text=_("With or without @."))
    followers = forms.IntegerField(label=_("Followers"), min_value=0, initial=0)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("The market's language")), ("ru", "Русский"), ("en", "English")],
        help_text=_("The creator's sign-off link opens in it."),
    )

    class Meta:
        model = Creator
        fields = ["name", "market", "language", "email", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["market"].queryset = Market.objects.all()  # type: ignore[attr-defined]
        if self.instance.pk:
            for name in ("platform", "handle", "followers"):
                del self.fields[name]


class AccountForm(forms.Form):
    platform = forms.ModelChoiceField(label=_("Platform"), queryset=Platform.objects.all())
    handle = forms.CharField(label=_("Handle"), max_length=120, help_text=_("With or without @."))
    followers = forms.IntegerField(label=_("Followers"), min_value=0, initial=0)
