"""The rule form: its words in either language, kind, status and scope tags. What spans
objects (never "supported" without evidence) is checked by `learnings.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import CampaignType
from aftercast.catalog.models import Market, Platform
from aftercast.catalog.tiers import Tier
from aftercast.debriefs.models import Finding
from aftercast.learnings.models import Learning

CHECKS = forms.CheckboxSelectMultiple


class WordsField(forms.CharField):
    """Comma-separated words (tags, product categories), shown back the same way."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        return [word.strip() for word in text.split(",") if word.strip()]


class LearningForm(forms.ModelForm):
    markets = forms.ModelMultipleChoiceField(
        Market.objects.all(), required=False, widget=CHECKS, label=_("Markets"),
        help_text=_("Leave empty when the rule is meant for every market."),
    )  # fmt: skip
    platforms = forms.ModelMultipleChoiceField(
        Platform.objects.all(), required=False, widget=CHECKS, label=_("Platforms")
    )
    tiers = forms.MultipleChoiceField(
        choices=Tier.choices, required=False, widget=CHECKS, label=_("Creator tiers")
    )
    campaign_types = forms.MultipleChoiceField(
        choices=CampaignType.choices, required=False, widget=CHECKS, label=_("Campaign types")
    )
    product_categories = WordsField(
        required=False, label=_("Product categories"),
        help_text=_("Separated by commas, e.g. skincare, fintech."),
    )  # fmt: skip
    tags = WordsField(
        required=False, label=_("Tags"),
        help_text=_("Free words to find the rule by, separated by commas."),
    )  # fmt: skip

    class Meta:
        model = Learning
        fields = [
            "statement_en", "statement_ru", "kind", "status", "metric", "direction", "dimension",
            "markets",
            "platforms", "tiers", "campaign_types", "product_categories", "tags",
        ]  # fmt: skip
        widgets = {
            "statement_en": forms.Textarea(attrs={"rows": 3}),
            "statement_ru": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "statement_en": _("Write it in English, Russian or both; search finds it either way."),
            "status": _("“Supported” needs evidence that supports the rule: link findings first."),
            "dimension": _("What was tested (offer, format...): a later debrief testing the same "
                           "thing in a brief that applied the rule links back to it."),
        }  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("statement_en", "").strip() or cleaned.get("statement_ru", "").strip()):
            self.add_error("statement_en", _("Write the rule in at least one language."))
        return cleaned


class EvidenceForm(forms.Form):
    finding = forms.ModelChoiceField(Finding.objects.none(), label=_("Finding"))

    def __init__(self, *args, workspace, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = (
            Finding.objects.filter(workspace=workspace, debrief__deleted_at__isnull=True)
            .exclude(metric="")
            .exclude(pk__in=exclude)
            .select_related("debrief__campaign", "market", "arm_a", "arm_b")
            .order_by("-debrief__campaign__ends_on", "market__code", "pk")
        )
        field = self.fields["finding"]
        field.queryset = choices  # type: ignore[attr-defined]
        field.label_from_instance = finding_label  # type: ignore[attr-defined]


def finding_label(finding: Finding) -> str:
    from aftercast.debriefs.wording import headline

    return f"{finding.debrief.campaign.name} — {headline(finding)}"


class ExchangeForm(forms.Form):
    file = forms.FileField(
        label=_("Learnings file (JSON)"),
        help_text=_("The format is described in docs/learnings-exchange.md."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )


class GlossaryTermForm(forms.Form):
    phrase = forms.CharField(
        label=_("Word or two-word phrase"), max_length=80,
        help_text=_("In Russian or English, e.g. “инфлы” or “user content”."),
    )  # fmt: skip
    concept = forms.CharField(
        label=_("Means"), max_length=40,
        help_text=_("A concept of the list below (creator, promocode...) or a new one of your "
                    "own, one word."),
        widget=forms.TextInput(attrs={"list": "glossary-concepts", "autocomplete": "off"}),
    )  # fmt: skip
