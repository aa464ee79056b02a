"""Debriefs: the blameless post-mortem of a finished campaign."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Arm, Campaign, CampaignMarket, Variant
from aftercast.catalog.models import Market
from aftercast.core.models import WorkspaceOwned
from aftercast.metrics.registry import METRIC_CHOICES


class DebriefStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    FINAL = "final", _("Final")


class FailureType(models.TextChoices):
    NONE = "none", _("No failure")
    EXECUTION = "execution", _("Execution failure")
    STRATEGIC = "strategic", _("Strategic failure")
    MEASUREMENT = "measurement", _("Measurement failure")


class Debrief(WorkspaceOwned):
    """What happened in a campaign, why, and what we do next time."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="debrief", verbose_name=_("campaign")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DebriefStatus.choices, default=DebriefStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    failure_type = models.CharField(
        _("failure type"), max_length=12, choices=FailureType.choices, default=FailureType.NONE
    )
    answers = models.JSONField(_("answers to the blameless questions"), default=dict, blank=True)
    disagreements = models.TextField(_("disagreements"), blank=True)
    # When the numbers were last read again, and what that changed ([{code, params}]).
    recomputed_at = models.DateTimeField(_("recomputed at"), null=True, blank=True)
    changes = models.JSONField(_("changes at the last recompute"), default=list, blank=True)
    # What the rules suggested from the data, with their evidence ({code, params}, read in the
    # reader's language), and whether a person confirmed the failure type since.
    failure_suggested = models.CharField(
        _("suggested failure type"), max_length=12, choices=FailureType.choices, blank=True
    )
    failure_evidence = models.JSONField(_("evidence"), default=list, blank=True)
    failure_confirmed_at = models.DateTimeField(
        _("failure type confirmed at"), null=True, blank=True
    )
    failure_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("failure type confirmed by"),
    )

    class Meta:
        verbose_name = _("debrief")
        verbose_name_plural = _("debriefs")

    def __str__(self) -> str:
        return str(self.campaign)

    @property
    def timeline(self):
        """The campaign's events, those logged while it ran included."""
        return self.campaign.timeline


class Verdict(models.TextChoices):
    HIT = "hit", _("Hit")
    PARTIAL = "partial", _("Above minimum, below target")
    MISSED = "missed", _("Missed")
    UNMEASURED = "unmeasured", _("Not measured")


class MarketVerdict(WorkspaceOwned):
    """Whether one market's primary success metric was hit."""

    debrief = models.ForeignKey(
        Debrief, on_delete=models.CASCADE, related_name="verdicts", verbose_name=_("debrief")
    )
    campaign_market = models.ForeignKey(
        CampaignMarket,
        on_delete=models.CASCADE,
        related_name="verdicts",
        verbose_name=_("campaign market"),
    )
    metric = models.CharField(_("metric"), max_length=30, choices=METRIC_CHOICES)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=6)
    actual = models.DecimalField(
        _("actual"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices)
    note = models.TextField(_("note"), blank=True)
    # The brief's other KPIs, judged alike: [{metric, target, minimum, actual, verdict}].
    secondary = models.JSONField(_("secondary KPIs"), default=list, blank=True)
    # Money in the reporting currency at the rate of the campaign's last day:
    # {currency, rate_date, stale, actual, target}; empty for a metric that is not money.
    converted = models.JSONField(_("converted money"), default=dict, blank=True)

    class Meta:
        verbose_name = _("market verdict")
        verbose_name_plural = _("market verdicts")
        constraints = [
            models.UniqueConstraint(
                fields=["debrief", "campaign_market"], name="one_verdict_per_market"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_market}: {self.verdict}"


class Finding(WorkspaceOwned):
    """One measured effect: arm B against arm A on a metric, in a market (or pooled)."""

    debrief = models.ForeignKey(
        Debrief, on_delete=models.CASCADE, related_name="findings", verbose_name=_("debrief")
    )
    variant = models.ForeignKey(
        Variant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("variant"),
    )
    market = models.ForeignKey(
        Market,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("market"),
        help_text=_("Empty when the finding pools all markets."),
    )
    arm_a = models.ForeignKey(
        Arm,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("arm A"),
    )
    arm_b = models.ForeignKey(
        Arm,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("arm B"),
    )
    metric = models.CharField(_("metric"), max_length=30, choices=METRIC_CHOICES, blank=True)
    value_a = models.FloatField(_("value A"), null=True, blank=True)
    value_b = models.FloatField(_("value B"), null=True, blank=True)
    n_a = models.PositiveBigIntegerField(_("units A"), default=0)
    n_b = models.PositiveBigIntegerField(_("units B"), default=0)
    effect_abs = models.FloatField(_("absolute difference"), null=True, blank=True)
    effect_rel = models.FloatField(_("relative lift"), null=True, blank=True)
    ci_low = models.FloatField(_("lift CI low"), null=True, blank=True)
    ci_high = models.FloatField(_("lift CI high"), null=True, blank=True)
    p_value = models.FloatField(_("p-value"), null=True, blank=True)
    p_value_adjusted = models.FloatField(_("adjusted p-value"), null=True, blank=True)
    prob_b_better = models.FloatField(_("probability B is better"), null=True, blank=True)
    guards = models.JSONField(_("data-quality warnings"), default=list, blank=True)
    statement = models.TextField(_("statement"), blank=True)
    # A pooled finding's: how much the markets disagree (I²) and the test that they differ.
    heterogeneity_i2 = models.FloatField(_("heterogeneity (I²)"), null=True, blank=True)
    interaction_p = models.FloatField(_("market difference p-value"), null=True, blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.statement[:80] or f"{self.metric} {self.effect_rel}"


class EventKind(models.TextChoices):
    REVISION = "revision", _("Revision")
    ABSENCE = "absence", _("Absence")
    TRACKING = "tracking", _("Tracking problem")
    CHANGE = "change", _("Mid-flight change")
    DISAGREEMENT = "disagreement", _("Disagreement and how it was resolved")
    OTHER = "other", _("Other")


class TimelineEvent(WorkspaceOwned):
    """Something that happened during the campaign and mattered: logged as it happens, and in
    the debrief afterwards (the campaign's, so it exists before its debrief does)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="timeline", verbose_name=_("campaign")
    )
    happened_on = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"), max_length=14, choices=EventKind.choices, default=EventKind.OTHER
    )
    description = models.TextField(_("description"))

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["happened_on"]

    def __str__(self) -> str:
        return f"{self.happened_on}: {self.description[:60]}"


class ActionItem(WorkspaceOwned):
    """A concrete change for next time, with an owner and a date."""

    debrief = models.ForeignKey(
        Debrief, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("debrief")
    )
    description = models.TextField(_("description"))
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.description[:60]


class QuestionGroup(models.TextChoices):
    COLLABORATION = "collaboration", _("Collaboration")
    PROCESS = "process", _("Process")
    FUNCTION = "function", _("Function")
    NEXT = "next", _("Next steps")


class DebriefQuestion(WorkspaceOwned):
    """A blameless question of the workspace's own set, in both languages. A workspace with
    none stored asks the built-in set (debriefs/questions.py); one that edits it stores all."""

    key = models.SlugField(_("key"), max_length=60)
    group = models.CharField(_("group"), max_length=14, choices=QuestionGroup.choices)
    text_en = models.CharField(_("question (English)"), max_length=300)
    text_ru = models.CharField(_("question (Russian)"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("asked"), default=True)

    class Meta:
        verbose_name = _("blameless question")
        verbose_name_plural = _("blameless questions")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "key"], name="question_key_per_workspace")
        ]

    def __str__(self) -> str:
        return self.text_en
