from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Campaign
from aftercast.reports.models import Audience, CaseStudy, CreatorStory


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
        self.has_campaigns = field.queryset.exists()  # type: ignore[attr-defined]


class SectionsForm(forms.Form):
    """Each section of one language: its heading and its text, as generated or as edited."""

    def __init__(self, *args, sections: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for index, section in enumerate(sections):
            self.fields[f"heading_{index}"] = forms.CharField(
                label=_("Heading"), max_length=200, initial=section.get("heading", "")
            )
            self.fields[f"body_{index}"] = forms.CharField(
                label=section.get("heading", ""), required=False, initial=section.get("body", ""),
                widget=forms.Textarea(attrs={"rows": 5}),
            )  # fmt: skip
        self.count = len(sections)

    def sections(self) -> list[tuple[str, str]]:
        return [(self.cleaned_data[f"heading_{i}"], self.cleaned_data[f"body_{i}"])
                for i in range(self.count)]  # fmt: skip


class CreatorStoryForm(forms.ModelForm):
    """The four questions a creator answers about the campaign, in their language."""

    class Meta:
        model = CreatorStory
        fields = list(CreatorStory.QUESTIONS)
        # No maxlength: a browser would cut a long paste silently; the server says the limit.
        widgets = {key: forms.Textarea(attrs={"rows": 4}) for key in CreatorStory.QUESTIONS}
        help_texts = {
            "briefed": _("The goal, the message and the deadlines as you understood them."),
            "happened": _("What went as planned, what did not, and anything you disagreed with."),
            "numbers": _("Views, comments, sales, whatever you saw in your own statistics."),
            "differently": _("Next time, what would you change: format, timing, brief?"),
        }
