"""Measured numbers: observations, audience comments, journeys, exchange rates, benchmarks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import CampaignMarket, Deliverable, Partnership
from aftercast.catalog.models import Market, Platform, ProductCategory
from aftercast.catalog.tiers import Tier
from aftercast.core.models import WorkspaceOwned
from aftercast.metrics.registry import METRIC_CHOICES, RAW_METRIC_CHOICES


class Observation(WorkspaceOwned):
    """One raw metric value for one day, of a deliverable or (when not per post) a partnership."""

    # No single-column indexes on these two: the (partnership, metric, date) index and the
    # per-deliverable unique index cover their lookups, and every index is paid on each insert.
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("partnership"),
        db_index=False,
    )
    deliverable = models.ForeignKey(
        Deliverable,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("deliverable"),
        db_index=False,
    )
    observed_on = models.DateField(_("date"))
    metric = models.CharField(_("metric"), max_length=30, choices=RAW_METRIC_CHOICES)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    source_import = models.ForeignKey(
        "imports.ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("import"),
    )

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["observed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "observed_on", "metric"],
                condition=models.Q(deliverable__isnull=False),
                name="one_value_per_deliverable_day_metric",
            ),
            models.UniqueConstraint(
                fields=["partnership", "observed_on", "metric"],
                condition=models.Q(deliverable__isnull=True),
                name="one_value_per_partnership_day_metric",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "metric", "observed_on"])]

    def __str__(self) -> str:
        return f"{self.metric}={self.value} on {self.observed_on}"


class Comment(WorkspaceOwned):
    """An audience comment under a deliverable, kept for sentiment."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("partnership"),
    )
    deliverable = models.ForeignKey(
        Deliverable,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("deliverable"),
    )
    external_id = models.CharField(_("platform comment ID"), max_length=120, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    posted_at = models.DateTimeField(_("posted at"))
    sentiment = models.FloatField(
        _("sentiment"), null=True, blank=True, help_text=_("From -1 (negative) to 1 (positive).")
    )
    source_import = models.ForeignKey(
        "imports.ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("import"),
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["posted_at"]

    def __str__(self) -> str:
        return self.text[:60]


class Journey(WorkspaceOwned):
    """One customer's path of touchpoints, for attribution."""

    campaign_market = models.ForeignKey(
        CampaignMarket,
        on_delete=models.CASCADE,
        related_name="journeys",
        verbose_name=_("campaign market"),
    )
    external_id = models.CharField(_("journey ID"), max_length=120)
    converted = models.BooleanField(_("converted"), default=False)
    converted_at = models.DateTimeField(_("converted at"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    source_import = models.ForeignKey(
        "imports.ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journeys",
        verbose_name=_("import"),
    )

    class Meta:
        verbose_name = _("journey")
        verbose_name_plural = _("journeys")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign_market", "external_id"], name="journey_id_per_campaign_market"
            )
        ]

    def __str__(self) -> str:
        return self.external_id


class Touchpoint(WorkspaceOwned):
    """One step of a journey: a creator's content or another channel, at a time."""

    journey = models.ForeignKey(
        Journey, on_delete=models.CASCADE, related_name="touchpoints", verbose_name=_("journey")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    channel = models.CharField(_("channel"), max_length=120)
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="touchpoints",
        verbose_name=_("partnership"),
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("touchpoint")
        verbose_name_plural = _("touchpoints")
        ordering = ["journey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["journey", "position"], name="touchpoint_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.channel}"


class FxRate(WorkspaceOwned):
    """How many units of `quote` one unit of `base` bought on a date."""

    rate_date = models.DateField(_("date"))
    base = models.CharField(_("base currency"), max_length=3)
    quote = models.CharField(_("quote currency"), max_length=3)
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=8)
    source = models.CharField(_("source"), max_length=120, blank=True)
    source_import = models.ForeignKey(
        "imports.ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fx_rates",
        verbose_name=_("import"),
    )

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["-rate_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "base", "quote", "rate_date"], name="one_rate_per_day"
            ),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="fx_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.base} = {self.rate} {self.quote} ({self.rate_date})"


class BenchmarkKind(models.TextChoices):
    """Where a profile comes from: which ones a recompute replaces, and which are the team's."""

    PUBLIC = "public", _("Public ranges")
    HISTORY = "history", _("Your finished campaigns")
    ENTERED = "entered", _("Entered or imported")


class Benchmark(WorkspaceOwned):
    """A success profile: the usual range of a metric for a market x tier x platform x category."""

    market = models.ForeignKey(
        Market, on_delete=models.PROTECT, related_name="benchmarks", verbose_name=_("market")
    )
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices)
    platform = models.ForeignKey(
        Platform,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benchmarks",
        verbose_name=_("platform"),
    )
    category = models.ForeignKey(
        ProductCategory,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="benchmarks",
        verbose_name=_("product category"),
    )
    metric = models.CharField(_("metric"), max_length=30, choices=METRIC_CHOICES)
    p25 = models.FloatField(_("25th percentile"))
    median = models.FloatField(_("median"))
    p75 = models.FloatField(_("75th percentile"))
    sample_size = models.PositiveIntegerField(_("sample size"), default=0)
    source = models.CharField(_("source"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=10, choices=BenchmarkKind.choices, default=BenchmarkKind.ENTERED
    )

    class Meta:
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")
        ordering = ["market__code", "tier", "metric"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(p25__lte=models.F("median"), median__lte=models.F("p75")),
                name="benchmark_quantiles_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.market.code} · {self.tier} · {self.metric}"
