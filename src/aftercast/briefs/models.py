"""Briefs: the success definition of one campaign market, and who signed off on it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import CampaignMarket, Partnership
from aftercast.core.models import WorkspaceOwned
from aftercast.metrics.registry import METRIC_CHOICES


class AttributionModel(models.TextChoices):
    LAST_TOUCH = "last_touch", _("Last touch")
    FIRST_TOUCH = "first_touch", _("First touch")
    LINEAR = "linear", _("Linear")
    TIME_DECAY = "time_decay", _("Time decay")
    POSITION_BASED = "position_based", _("Position-based (40/20/40)")
    DATA_DRIVEN = "data_driven", _("Data-driven (Markov)")


class BriefStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_SIGN_OFF = "awaiting", _("Awaiting sign-off")
    SIGNED = "signed", _("Signed off")


class Brief(WorkspaceOwned):
    """What success means in one market, agreed before outreach."""

    history_related = ("campaign_market__campaign", "campaign_market__market")

    campaign_market = models.OneToOneField(
        CampaignMarket,
        on_delete=models.CASCADE,
        related_name="brief",
        verbose_name=_("campaign market"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BriefStatus.choices, default=BriefStatus.DRAFT
    )
    conversion_event = models.CharField(
        _("conversion event"),
        max_length=200,
        blank=True,
        help_text=_("What counts as a conversion, e.g. 'paid order' or 'newsletter sign-up'."),
    )
    conversion_window_days = models.PositiveSmallIntegerField(
        _("conversion window (days)"), default=7
    )
    attribution_model = models.CharField(
        _("attribution model"),
        max_length=20,
        choices=AttributionModel.choices,
        default=AttributionModel.LAST_TOUCH,
    )
    content_specs = models.TextField(_("content specs"), blank=True)
    posting_schedule = models.TextField(_("posting schedule notes"), blank=True)
    feedback_loop = models.TextField(
        _("feedback loop"),
        blank=True,
        help_text=_("How and when results are shared with the creator during the campaign."),
    )
    notes = models.TextField(_("notes"), blank=True)
    # Raised when a brief that was sent for sign-off changes: earlier sign-offs no longer hold.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("briefs")

    def __str__(self) -> str:
        return str(self.campaign_market)

    def history_currency(self) -> str:
        return self.campaign_market.currency

    def history_field_words(
        self, name: str, before, after
    ) -> tuple[str, str | None, str | None] | None:
        """A KPI change ("kpi:<metric>") in words, in the currency it was set in."""
        from aftercast.briefs.wording import KPI_CHANGE, kpi_words
        from aftercast.metrics.registry import get_metric

        if not name.startswith(KPI_CHANGE):
            return None

        def words(kpi: dict | None) -> str | None:
            currency = (kpi or {}).get("currency") or self.campaign_market.currency
            return kpi_words(kpi, currency) if kpi else None

        return str(get_metric(name[len(KPI_CHANGE) :]).name), words(before), words(after)

    @property
    def primary_kpi(self) -> "KpiTarget | None":
        return next((kpi for kpi in self.kpis.all() if kpi.is_primary), None)

    @property
    def spec_items(self) -> list[str]:
        """The content specs as a checklist: one item per line."""
        return [line.strip(" -•\t") for line in self.content_specs.splitlines() if line.strip()]


class BriefVersion(WorkspaceOwned):
    """A brief as it was when it was sent for sign-off, kept readable for good."""

    brief = models.ForeignKey(
        Brief, on_delete=models.CASCADE, related_name="versions", verbose_name=_("brief")
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("brief version")
        verbose_name_plural = _("brief versions")
        ordering = ["brief", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "number"], name="one_brief_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.brief} v{self.number}"


class KpiTarget(WorkspaceOwned):
    """One metric a brief sets a target for; exactly one per brief is primary."""

    brief = models.ForeignKey(
        Brief, on_delete=models.CASCADE, related_name="kpis", verbose_name=_("brief")
    )
    metric = models.CharField(_("metric"), max_length=30, choices=METRIC_CHOICES)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=6)
    minimum = models.DecimalField(
        _("acceptable minimum"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    is_primary = models.BooleanField(_("primary KPI"), default=False)

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        ordering = ["-is_primary", "metric"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "metric"], name="one_target_per_metric"),
            models.UniqueConstraint(
                fields=["brief"],
                condition=models.Q(is_primary=True),
                name="one_primary_kpi_per_brief",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric} ≥ {self.target}"


class SignOffRole(models.TextChoices):
    BRAND = "brand", _("Brand")
    CREATOR = "creator", _("Creator")
    AGENCY = "agency", _("Agency")


class SignOff(WorkspaceOwned):
    """Who accepted a brief, when, in which role. Creators sign through an expiring link."""

    brief = models.ForeignKey(
        Brief, on_delete=models.CASCADE, related_name="sign_offs", verbose_name=_("brief")
    )
    role = models.CharField(_("role"), max_length=10, choices=SignOffRole.choices)
    signer_name = models.CharField(_("signer"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sign_offs",
        verbose_name=_("partnership"),
    )
    requested_at = models.DateTimeField(_("requested at"), null=True, blank=True)
    link_expires_at = models.DateTimeField(_("link expires at"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    # A creator may answer with a comment instead of accepting; either answer uses the link up.
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    version = models.PositiveIntegerField(_("brief version"), default=1)
    # Set when the brief changed after this sign-off was asked for: it no longer holds.
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["brief", "role"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.signer_name}"
