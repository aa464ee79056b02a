from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Campaign
from aftercast.reports.models import Audience, CaseStudy


class CaseStudyForm(forms.ModelForm):
    class Meta:
        model = CaseStudy
        fields = ["title_en", "title_ru", "audience", "status"]


class NewCaseStudyForm(forms.Form):
    campaign = forms.ModelChoiceField(Campaign.objects.none(), label=_("Campaign"))
    audience = forms.ChoiceField(
        choices=Audience.choices, label=_("Who reads it"),
        help_text=_("Russian readers get the story and community first, US readers ROI and "
                    "acquisition cost first; a bridge puts both side by side."),
    )  # fmt: skip

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["campaign"]
        field.queryset = Campaign.objects.filter(  # type: ignore[attr-defined]
            workspace=workspace, deleted_at__isnull=True
        ).order_by("-ends_on")
