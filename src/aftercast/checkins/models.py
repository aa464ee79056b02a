"""Check-ins: mid-campaign reviews, planned by the brief and held mid-flight."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aftercast.campaigns.models import CampaignMarket, Partnership
from aftercast.core.models import PublicLink, WorkspaceOwned


class CheckInStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("check-in", "Planned")
    HELD = "held", pgettext_lazy("check-in", "Held")
    SKIPPED = "skipped", pgettext_lazy("check-in", "Skipped")


class CheckIn(WorkspaceOwned):
    """One mid-campaign review of a campaign market (planned 30-50% into the run)."""

    campaign_market = models.ForeignKey(
        CampaignMarket,
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("campaign market"),
    )
    scheduled_on = models.DateField(_("scheduled on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CheckInStatus.choices, default=CheckInStatus.PLANNED
    )
    attendees = models.TextField(_("who attended"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    health = models.JSONField(
        _("health snapshot"),
        default=dict,
        blank=True,
        help_text=_("Adherence, pace and sentiment flags as computed when the check-in was held."),
    )
    shared_with_creator_at = models.DateTimeField(
        _("shared with creator at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["scheduled_on"]

    def __str__(self) -> str:
        return f"{self.campaign_market} · {self.scheduled_on}"


class CheckInAction(WorkspaceOwned):
    """An action decided at a check-in, usually from the playbook."""

    checkin = models.ForeignKey(
        CheckIn, on_delete=models.CASCADE, related_name="actions", verbose_name=_("check-in")
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="checkin_actions",
        verbose_name=_("partnership"),
    )
    playbook_key = models.CharField(_("playbook entry"), max_length=60, blank=True)
    description = models.TextField(_("description"))
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("check-in action")
        verbose_name_plural = _("check-in actions")

    def __str__(self) -> str:
        return self.description[:60]


class HealthRules(WorkspaceOwned):
    """A workspace's own thresholds for the health flags, and its own playbook. Shares are kept
    as whole percentages, the way a team states them ("act above 30 % negative")."""

    late_hours = models.PositiveSmallIntegerField(_("a post is late after (hours)"), default=24)
    late_watch_percent = models.PositiveSmallIntegerField(
        _("late posts: watch from (%)"), default=20
    )
    late_act_percent = models.PositiveSmallIntegerField(_("late posts: act from (%)"), default=50)
    spec_watch_percent = models.PositiveSmallIntegerField(
        _("spec items met: watch below (%)"), default=90
    )
    spec_act_percent = models.PositiveSmallIntegerField(
        _("spec items met: act below (%)"), default=70
    )
    negative_watch_percent = models.PositiveSmallIntegerField(
        _("negative comments: watch from (%)"), default=15
    )
    negative_act_percent = models.PositiveSmallIntegerField(
        _("negative comments: act from (%)"), default=30
    )
    trend_days = models.PositiveSmallIntegerField(_("sentiment trend window (days)"), default=7)
    # {playbook key: [action, ...]}, written by the team; a key left out keeps the defaults.
    playbook = models.JSONField(_("playbook"), default=dict, blank=True)

    class Meta:
        verbose_name = _("health rules")
        verbose_name_plural = _("health rules")
        constraints = [
            models.UniqueConstraint(fields=["workspace"], name="one_health_rules_per_workspace")
        ]

    def __str__(self) -> str:
        return str(_("Health rules"))


class ResultsLink(PublicLink):
    """A read-only link to one creator's preliminary results, sent to the creator: signed,
    expiring, and revocable."""

    TOKEN_SALT = "aftercast.checkins.creator-results"
    TOKEN_KEY = "r"

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="results_links",
        verbose_name=_("partnership"),
    )

    class Meta(PublicLink.Meta):
        verbose_name = _("results link")
        verbose_name_plural = _("results links")

    def __str__(self) -> str:
        return f"{self.partnership} · {self.expires_at:%Y-%m-%d}"
