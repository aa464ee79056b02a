"""Check-ins: mid-campaign reviews, planned by the brief and held mid-flight."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aftercast.campaigns.models import CampaignMarket, Partnership
from aftercast.core.models import WorkspaceOwned


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
