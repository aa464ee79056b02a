"""Campaigns, their per-market slices, partnerships with creators, deliverables and variants."""

from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from aftercast.catalog.models import Brand, CreatorAccount, Market, ProductCategory
from aftercast.core import formatting
from aftercast.core.models import WorkspaceOwned


class CampaignType(models.TextChoices):
    AWARENESS = "awareness", _("Awareness")
    ENGAGEMENT = "engagement", _("Engagement")
    CONVERSION = "conversion", _("Conversion")
    LAUNCH = "launch", _("Product launch")
    COMMUNITY = "community", _("Community growth")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PLANNED = "planned", _("Planned")
    LIVE = "live", _("Live")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


class Campaign(WorkspaceOwned):
    """One campaign, run in one or more markets."""

    history_hidden_on_create = ("slug",)  # its address: the history says which campaign

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    brand = models.ForeignKey(
        Brand, on_delete=models.RESTRICT, related_name="campaigns", verbose_name=_("brand")
    )
    category = models.ForeignKey(
        ProductCategory,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("product category"),
    )
    campaign_type = models.CharField(
        _("campaign type"), max_length=20, choices=CampaignType.choices
    )
    hypothesis_en = models.TextField(_("hypothesis (English)"), blank=True)
    hypothesis_ru = models.TextField(_("hypothesis (Russian)"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=12, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    # Archived campaigns leave the lists but keep everything, and can be brought back.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "slug"], name="campaign_slug_per_workspace"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def duration_days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def hypothesis(self) -> str:
        """The hypothesis in the reader's language, or the other one when that slot is empty."""
        ru = (get_language() or "en").startswith("ru")
        first, second = (
            (self.hypothesis_ru, self.hypothesis_en)
            if ru
            else (self.hypothesis_en, self.hypothesis_ru)
        )
        return first or second


class CampaignMarket(WorkspaceOwned):
    """The slice of a campaign run in one market, with its own budget and currency."""

    history_kind = _("Market")  # what its history calls it
    history_money = ("budget",)
    history_keeps = ("currency",)
    history_hidden_on_create = ("campaign", "market")
    history_related = ("market",)

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="markets", verbose_name=_("campaign")
    )
    market = models.ForeignKey(
        Market, on_delete=models.PROTECT, related_name="campaign_markets", verbose_name=_("market")
    )
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3)

    class Meta:
        verbose_name = _("campaign market")
        verbose_name_plural = _("campaign markets")
        ordering = ["campaign", "market__code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "market"], name="one_slice_per_market")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.market.code}"

    def history_label(self) -> str:
        """How the campaign's history names it (the campaign is named already)."""
        return str(self.market.name)


class VariantDimension(models.TextChoices):
    CREATIVE_ANGLE = "creative_angle", _("Creative angle")
    AUDIENCE = "audience", _("Audience segment")
    MESSAGING = "messaging", _("Messaging")
    FORMAT = "format", _("Format")
    OFFER = "offer", _("Offer")
    CTA = "cta", _("Call to action")
    TIMING = "timing", _("Timing")


class Variant(WorkspaceOwned):
    """One thing a campaign tests, e.g. high- vs low-contrast creative."""

    history_kind = _("Test")
    history_shares = ("expected_lift",)
    history_hidden_on_create = ("campaign",)

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="variants", verbose_name=_("campaign")
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=VariantDimension.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    expected_lift = models.DecimalField(
        _("hoped-for lift"),
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("The relative improvement of the tested arm over the control you hope to see."),
    )

    class Meta:
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        ordering = ["campaign", "name"]

    def __str__(self) -> str:
        return self.name


class Arm(WorkspaceOwned):
    """One arm (A, B, ...) of a variant, with its planned share of exposure."""

    variant = models.ForeignKey(
        Variant, on_delete=models.CASCADE, related_name="arms", verbose_name=_("variant")
    )
    label = models.CharField(_("label"), max_length=10)
    description = models.CharField(_("description"), max_length=300)
    planned_share = models.DecimalField(
        _("planned share"), max_digits=5, decimal_places=4, default=0.5
    )
    is_control = models.BooleanField(_("control arm"), default=False)

    class Meta:
        verbose_name = _("arm")
        verbose_name_plural = _("arms")
        ordering = ["variant", "label"]
        constraints = [
            models.UniqueConstraint(fields=["variant", "label"], name="arm_label_per_variant")
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.description}"


class PartnershipStatus(models.TextChoices):
    # A creator's own words: Russian names the person's state, not the campaign's.
    PROPOSED = "proposed", pgettext_lazy("partnership", "Proposed")
    CONTRACTED = "contracted", pgettext_lazy("partnership", "Contracted")
    LIVE = "live", pgettext_lazy("partnership", "Live")
    DONE = "done", pgettext_lazy("partnership", "Done")
    DROPPED = "dropped", pgettext_lazy("partnership", "Dropped")


class Partnership(WorkspaceOwned):
    """A creator account working on one campaign market, for a fee."""

    history_kind = _("Creator")
    history_money = ("fee",)
    history_keeps = ("currency",)
    history_hidden_on_create = ("campaign_market", "account")
    history_related = ("account__creator", "account__platform", "campaign_market__market")

    campaign_market = models.ForeignKey(
        CampaignMarket,
        on_delete=models.CASCADE,
        related_name="partnerships",
        verbose_name=_("campaign market"),
    )
    account = models.ForeignKey(
        CreatorAccount,
        on_delete=models.RESTRICT,
        related_name="partnerships",
        verbose_name=_("creator account"),
    )
    fee = models.DecimalField(_("fee"), max_digits=14, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.PROPOSED,
    )
    arms = models.ManyToManyField(
        Arm, blank=True, related_name="partnerships", verbose_name=_("arms")
    )
    tracking_code = models.CharField(_("tracking code"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["campaign_market", "account__handle"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign_market", "account"], name="one_partnership_per_account"
            )
        ]

    def __str__(self) -> str:
        return f"{self.account} · {self.campaign_market}"

    def history_label(self) -> str:
        return f"{self.account.creator.name} · {self.account} · {self.campaign_market.market.name}"


class DeliverableFormat(models.TextChoices):
    POST = "post", _("Feed post")
    CAROUSEL = "carousel", _("Carousel")
    REEL = "reel", _("Reel / short video")
    STORY = "story", _("Story")
    VIDEO = "video", _("Long video")
    STREAM = "stream", _("Live stream")
    CHANNEL_POST = "channel_post", _("Channel post")


class Deliverable(WorkspaceOwned):
    """One planned piece of content, and what was actually published."""

    history_kind = _("Planned post")
    history_hidden_on_create = ("partnership",)
    history_related = ("partnership__account__creator",)

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="deliverables",
        verbose_name=_("partnership"),
    )
    format = models.CharField(_("format"), max_length=20, choices=DeliverableFormat.choices)
    planned_at = models.DateTimeField(_("planned for"))
    spec_checklist = models.JSONField(
        _("spec checklist"),
        default=list,
        blank=True,
        help_text=_("Items the content must satisfy, each with whether it was met."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    external_id = models.CharField(_("platform post ID"), max_length=120, blank=True)
    arms = models.ManyToManyField(
        Arm, blank=True, related_name="deliverables", verbose_name=_("arms")
    )
    # Posts found in an imported file are created by it, and removed when it is rolled back.
    source_import = models.ForeignKey(
        "imports.ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("created by import"),
    )

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["planned_at"]
        indexes = [models.Index(fields=["workspace", "external_id"])]

    def __str__(self) -> str:
        return f"{self.get_format_display()} · {self.partnership.account}"

    def history_label(self) -> str:
        creator = self.partnership.account.creator.name
        return f"{self.get_format_display()} · {creator} · {formatting.datetime(self.planned_at)}"
