"""Learnings: repeatable rules backed by findings, tagged so the next brief finds them."""

import uuid

from django.db import models
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from aftercast.briefs.models import Brief
from aftercast.campaigns.models import VariantDimension
from aftercast.catalog.models import Market, Platform
from aftercast.core.models import WorkspaceOwned
from aftercast.debriefs.models import Finding
from aftercast.metrics.registry import METRIC_CHOICES


class LearningStatus(models.TextChoices):
    HYPOTHESIS = "hypothesis", _("Hypothesis")
    SUPPORTED = "supported", _("Supported")  # only with evidence that supports it
    CONTRADICTED = "contradicted", _("Contradicted")
    RETIRED = "retired", _("Retired")


class LearningKind(models.TextChoices):
    DO = "do", _("Do")
    AVOID = "avoid", _("Avoid")
    TEST_AGAIN = "test_again", _("Test again")


class ScopeVerdict(models.TextChoices):
    HOLDS = "holds", _("Holds in all its markets")
    MARKET_SPECIFIC = "market_specific", _("Market-specific")
    REVERSES = "reverses", _("Reverses between markets")


def new_key() -> str:
    return uuid.uuid4().hex


class Confidence(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Learning(WorkspaceOwned):
    """A rule worth repeating (or avoiding), with the pooled evidence behind it."""

    # What the exchange format knows a rule by, across workspaces and instances.
    key = models.CharField(_("key"), max_length=100, default=new_key)
    statement_en = models.TextField(_("statement (English)"), blank=True)
    statement_ru = models.TextField(_("statement (Russian)"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=LearningKind.choices, default=LearningKind.DO
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=LearningStatus.choices,
        default=LearningStatus.HYPOTHESIS,
    )
    confidence = models.CharField(
        _("confidence"), max_length=8, choices=Confidence.choices, default=Confidence.LOW
    )
    metric = models.CharField(_("metric"), max_length=30, choices=METRIC_CHOICES, blank=True)
    dimension = models.CharField(
        _("tested dimension"), max_length=20, choices=VariantDimension.choices, blank=True
    )
    markets = models.ManyToManyField(
        Market, blank=True, related_name="learnings", verbose_name=_("markets")
    )
    platforms = models.ManyToManyField(
        Platform, blank=True, related_name="learnings", verbose_name=_("platforms")
    )
    tiers = models.JSONField(_("creator tiers"), default=list, blank=True)
    campaign_types = models.JSONField(_("campaign types"), default=list, blank=True)
    product_categories = models.JSONField(_("product categories"), default=list, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    # The sign of B's lift over A that the rule states (+1 or -1): evidence pointing the other
    # way contradicts it. Set by a person, or from its first evidence.
    direction = models.SmallIntegerField(
        _("expected effect"),
        null=True,
        blank=True,
        choices=[(1, _("the metric rises")), (-1, _("the metric falls"))],
        help_text=_("Evidence is read as B against A, B being what the rule recommends. Left "
                    "empty, it is taken from the first evidence."),
    )  # fmt: skip
    scope_verdict = models.CharField(
        _("scope"), max_length=16, choices=ScopeVerdict.choices, blank=True
    )
    needs_review = models.BooleanField(_("needs review"), default=False)
    # Evidence brought in by the exchange format whose finding is not in this workspace (another
    # instance's campaign): kept as the file said it, pooled with the linked findings.
    external_evidence = models.JSONField(_("evidence from elsewhere"), default=list, blank=True)
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

    # Kept in the edit history beside the fields (core/history.py); what the evidence says is
    # computed from it, so the history keeps the evidence, not its consequences.
    history_relations = ("markets:code", "platforms:slug", "findings:pk")
    history_skipped = (
        "key", "search_terms", "pooled_effect", "pooled_ci_low", "pooled_ci_high",
        "heterogeneity_i2", "heterogeneity_p", "tau2", "confidence", "scope_verdict",
        "needs_review",
    )  # fmt: skip

    class Meta:
        verbose_name = _("learning")
        verbose_name_plural = _("learnings")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "key"], name="learning_key_once")
        ]

    def __str__(self) -> str:
        return self.statement[:80]

    def save(self, *args, **kwargs):
        from aftercast.learnings.glossary import for_workspace
        from aftercast.learnings.text import index_terms

        self.search_terms = index_terms(self, for_workspace(self.workspace_id))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_terms"}
        super().save(*args, **kwargs)

    @property
    def statement(self) -> str:
        ru = (get_language() or "en").startswith("ru")
        if ru:
            return self.statement_ru or self.statement_en
        return self.statement_en or self.statement_ru

    def history_field_words(
        self, name: str, before, after
    ) -> tuple[str, str | None, str | None] | None:
        """How the history says a change of the rule's lists: tiers, types and markets by their
        names, evidence by how many findings."""
        from aftercast.campaigns.models import CampaignType
        from aftercast.catalog.tiers import Tier

        def named(choices, values):
            return ", ".join(str(choices.get(v, v)) for v in values or []) or None

        def counted(values):
            count = len(values or [])
            return ngettext("%(count)s finding", "%(count)s findings", count) % {"count": count}

        if name == "tiers":
            return (str(_("Creator tiers")), named(dict(Tier.choices), before),
                    named(dict(Tier.choices), after))  # fmt: skip
        if name == "campaign_types":
            return (str(_("Campaign types")), named(dict(CampaignType.choices), before),
                    named(dict(CampaignType.choices), after))  # fmt: skip
        if name == "markets":
            names = {m.code: m.name for m in Market.objects.all()}
            return str(_("Markets")), named(names, before), named(names, after)
        if name == "platforms":
            names = {p.slug: p.name for p in Platform.objects.all()}
            return str(_("Platforms")), named(names, before), named(names, after)
        if name == "findings":
            return str(_("Evidence")), counted(before), counted(after)
        if name == "external_evidence":
            return str(_("Evidence from elsewhere")), counted(before), counted(after)
        return None

    @property
    def missing_language(self) -> str:
        """ "ru" or "en" when the rule is written in one language only (the page marks it)."""
        if not self.statement_ru:
            return "ru"
        return "en" if not self.statement_en else ""


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


class GlossaryTerm(WorkspaceOwned):
    """A word or two-word phrase a workspace adds to the search glossary: it means `concept`
    (a built-in one, "creator", "promocode"..., or the workspace's own), in either language."""

    concept = models.CharField(_("concept"), max_length=40)
    phrase = models.CharField(_("word or phrase"), max_length=80)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["concept", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "phrase"], name="glossary_phrase_once")
        ]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.concept}"
