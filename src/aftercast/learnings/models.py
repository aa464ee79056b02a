"""Learnings: repeatable rules backed by findings, tagged so the next brief finds them."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from aftercast.briefs.models import Brief
from aftercast.catalog.models import Market, Platform
from aftercast.core.models import WorkspaceOwned
from aftercast.debriefs.models import Finding
from aftercast.metrics.registry import METRIC_CHOICES


class LearningStatus(models.TextChoices):
    HYPOTHESIS = "hypothesis", _("Hypothesis")
    VALIDATED = "validated", _("Validated")
    CONTESTED = "contested", _("Contested")
    RETIRED = "retired", _("Retired")


class Confidence(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Learning(WorkspaceOwned):
    """A rule worth repeating (or avoiding), with the pooled evidence behind it."""

    statement_en = models.TextField(_("statement (English)"))
    statement_ru = models.TextField(_("statement (Russian)"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=LearningStatus.choices,
        default=LearningStatus.HYPOTHESIS,
    )
    confidence = models.CharField(
        _("confidence"), max_length=8, choices=Confidence.choices, default=Confidence.LOW
    )
    metric = models.CharField(_("metric"), max_length=30, choices=METRIC_CHOICES)
    markets = models.ManyToManyField(
        Market, blank=True, related_name="learnings", verbose_name=_("markets")
    )
    platforms = models.ManyToManyField(
        Platform, blank=True, related_name="learnings", verbose_name=_("platforms")
    )
    tiers = models.JSONField(_("creator tiers"), default=list, blank=True)
    campaign_types = models.JSONField(_("campaign types"), default=list, blank=True)
    pooled_effect = models.FloatField(_("pooled relative effect"), null=True, blank=True)
    pooled_ci_low = models.FloatField(_("pooled CI low"), null=True, blank=True)
    pooled_ci_high = models.FloatField(_("pooled CI high"), null=True, blank=True)
    heterogeneity_i2 = models.FloatField(_("heterogeneity I²"), null=True, blank=True)
    heterogeneity_p = models.FloatField(_("heterogeneity p-value"), null=True, blank=True)
    tau2 = models.FloatField(_("between-market variance τ²"), null=True, blank=True)
    findings = models.ManyToManyField(
        Finding, through="LearningEvidence", blank=True, related_name="learnings"
    )
    # The statements' words as the full-text index reads them (learnings/text.py), kept in
    # step on every save; the database's own index (FTS5, or a tsvector) is built on it.
    search_terms = models.TextField(_("search terms"), blank=True, editable=False)
    applied_in = models.ManyToManyField(
        Brief, blank=True, related_name="applied_learnings", verbose_name=_("applied in briefs")
    )

    class Meta:
        verbose_name = _("learning")
        verbose_name_plural = _("learnings")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.statement[:80]

    def save(self, *args, **kwargs):
        from aftercast.learnings.text import document_terms

        self.search_terms = document_terms(self.statement_en, self.statement_ru)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_terms"}
        super().save(*args, **kwargs)

    @property
    def statement(self) -> str:
        ru = (get_language() or "en").startswith("ru")
        return (self.statement_ru if ru else self.statement_en) or self.statement_en


class LearningEvidence(WorkspaceOwned):
    """Links a finding to the learning it supports (or contradicts)."""

    learning = models.ForeignKey(
        Learning, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("learning")
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("finding")
    )
    supports = models.BooleanField(_("supports the rule"), default=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(fields=["learning", "finding"], name="evidence_once")
        ]

    def __str__(self) -> str:
        return f"{self.learning} ← {self.finding}"
