"""Forms of campaign planning. They read and check what a person typed; the writing and the
rules that span objects are in `campaigns.services`."""

import datetime as dt
from decimal import Decimal
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import (
    Arm,
    Campaign,
    DeliverableFormat,
    PartnershipStatus,
    VariantDimension,
)
from aftercast.catalog.models import CreatorAccount, Market, Platform
from aftercast.catalog.tiers import tier_for
from aftercast.core import formatting
from aftercast.core.models import Workspace
from aftercast.metrics.inputs import read_number, read_share

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CENTS = Decimal("0.01")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AmountField(forms.CharField):
    """A money amount typed either way ("150 000", "150,000.50", "1 500,5"), and shown back
    the reader's way ("500 000" in Russian, "500,000" in English), not as "500000.00"."""

    def prepare_value(self, value):
        if isinstance(value, Decimal | int):
            return formatting.number(value, digits=0 if value == int(value) else 2)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        value = read_number(text, get_language() or "en")
        if value < 0:
            raise ValidationError(_("An amount cannot be negative."))
        return value.quantize(CENTS)


class CampaignForm(forms.ModelForm):
    brand_name = forms.CharField(
        label=_("Brand"),
        max_length=200,
        help_text=_("An existing brand, or a new name to add it."),
        widget=forms.TextInput(attrs={"list": "brand-names", "autocomplete": "off"}),
    )
    category_name = forms.CharField(
        label=_("Product category"),
        max_length=200,
        required=False,
        help_text=_("What the brand sells, e.g. “Cosmetics”. Campaigns are compared by it."),
        widget=forms.TextInput(attrs={"list": "category-names", "autocomplete": "off"}),
    )

    class Meta:
        model = Campaign
        fields = [
            "name",
            "campaign_type",
            "starts_on",
            "ends_on",
            "hypothesis_en",
            "hypothesis_ru",
            "status",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "hypothesis_en": forms.Textarea(attrs={"rows": 3}),
            "hypothesis_ru": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "hypothesis_en": _("What you expect and why, for English readers. May stay empty."),
            "hypothesis_ru": _("The same for Russian readers. May stay empty."),
        }

    field_order = ["name", "brand_name", "category_name", "campaign_type"]

    def __init__(self, *args, workspace: Workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        if self.instance.pk:
            self.initial["brand_name"] = self.instance.brand.name
            if self.instance.category:
                self.initial["category_name"] = self.instance.category.name
        else:
            del self.fields["status"]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The campaign cannot end before it starts."))
        return data


class MarketForm(forms.Form):
    market = forms.ModelChoiceField(label=_("Market"), queryset=Market.objects.all())
    budget = AmountField(label=_("Budget"), required=False)
    currency = forms.CharField(
        label=_("Currency"),
        max_length=3,
        required=False,
        help_text=_("Three letters, e.g. RUB or USD. Empty: the market's own currency."),
    )

    def __init__(self, *args, campaign: Campaign, editing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if editing is not None:
            del self.fields["market"]
        else:
            used = campaign.markets.values_list("market_id", flat=True)
            market = cast(forms.ModelChoiceField, self.fields["market"])
            market.queryset = Market.objects.exclude(pk__in=used)

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper()


def account_label(account: CreatorAccount) -> str:
    tier = tier_for(account.followers)
    parts = [account.platform.name, str(tier.label) if tier else ""]
    return f"{account.creator.name} — @{account.handle} ({', '.join(p for p in parts if p)})"


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return account_label(obj)


class ArmsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.variant.name}: {obj.label} — {obj.description}"


def _offer_arms(form: forms.Form, campaign: Campaign) -> None:
    """Offer the campaign's test arms; a campaign that tests nothing has no arms field."""
    arms = Arm.objects.filter(variant__campaign=campaign).select_related("variant")
    if arms.exists():
        cast(forms.ModelMultipleChoiceField, form.fields["arms"]).queryset = arms
    else:
        del form.fields["arms"]


class PartnershipForm(forms.Form):
    """Bring in a creator from the catalogue, or describe a new one on the spot."""

    account = AccountChoiceField(
        label=_("Creator from the catalogue"),
        queryset=CreatorAccount.objects.none(),
        required=False,
        empty_label=_("— a new creator, described below —"),
    )
    name = forms.CharField(label=_("New creator's name"), max_length=200, required=False)
    platform = forms.ModelChoiceField(
        label=_("Platform"), queryset=Platform.objects.all(), required=False
    )
    handle = forms.CharField(
        label=_("Handle"), max_length=120, required=False, help_text=_("With or without @.")
    )
    followers = forms.IntegerField(label=_("Followers"), min_value=0, required=False)
    language = forms.ChoiceField(
        label=_("Creator's language"),
        choices=[("", _("The market's language")), ("ru", "Русский"), ("en", "English")],
        required=False,
    )
    fee = AmountField(label=_("Fee"), required=False)
    currency = forms.CharField(label=_("Currency"), max_length=3, required=False)
    arms = ArmsField(
        label=_("Arms"),
        queryset=Arm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which side of each test this creator is on."),
    )

    def __init__(self, *args, piece, **kwargs):
        super().__init__(*args, **kwargs)
        taken = piece.partnerships.values_list("account_id", flat=True)
        cast(forms.ModelChoiceField, self.fields["account"]).queryset = (
            CreatorAccount.objects.filter(
                workspace_id=piece.workspace_id, creator__deleted_at__isnull=True
            )
            .exclude(pk__in=taken)
            .select_related("creator", "platform")
            .order_by("creator__name", "platform__name")
        )
        _offer_arms(self, piece.campaign)

    def clean(self):
        data = super().clean()
        if data.get("account"):
            return data
        for name, message in (
            ("name", _("Choose a creator from the catalogue, or enter a new creator's name.")),
            ("platform", _("Choose the new creator's platform.")),
            ("handle", _("Enter the new creator's handle.")),
        ):
            if not data.get(name):
                self.add_error(name, message)
        return data


class PartnershipEditForm(forms.Form):
    fee = AmountField(label=_("Fee"))
    currency = forms.CharField(label=_("Currency"), max_length=3)
    status = forms.ChoiceField(label=_("Status"), choices=PartnershipStatus.choices)
    arms = ArmsField(
        label=_("Arms"),
        queryset=Arm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_arms(self, campaign)


class DeliverableForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=DeliverableFormat.choices)
    planned_at = forms.DateTimeField(label=_("Planned for"), widget=MOMENT)
    url = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        help_text=_("The post's address once it is published; imports fill it in too."),
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_at"].help_text = _("In your time zone: %(zone)s.") % {
            "zone": timezone.get_current_timezone_name()
        }
        if not self.is_bound and "planned_at" not in self.initial:
            noon = dt.datetime.combine(campaign.starts_on, dt.time(12))
            self.initial["planned_at"] = timezone.make_aware(noon)


class VariantForm(forms.Form):
    name = forms.CharField(label=_("What is tested"), max_length=200)
    dimension = forms.ChoiceField(label=_("Dimension"), choices=VariantDimension.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_lift = forms.CharField(
        label=_("Hoped-for lift"),
        required=False,
        help_text=_("How much better the tested arm should do than the control, e.g. “20 %”."),
    )
    arm_a = forms.CharField(label=_("Arm A"), max_length=300)
    arm_b = forms.CharField(label=_("Arm B"), max_length=300)
    arm_c = forms.CharField(label=_("Arm C (optional)"), max_length=300, required=False)
    control = forms.ChoiceField(
        label=_("Control arm"),
        choices=[("A", "A"), ("B", "B"), ("C", "C")],
        initial="A",
        widget=forms.RadioSelect,
    )

    def clean_expected_lift(self):
        text = self.cleaned_data["expected_lift"].strip()
        if not text:
            return None
        value = read_share(text, get_language() or "en")
        if value <= 0:
            raise ValidationError(_("The hoped-for lift must be above zero."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("control") == "C" and not data.get("arm_c"):
            self.add_error("control", _("Arm C is empty: it cannot be the control."))
        return data
