"""Records of imported files and the column mappings users saved."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Campaign
from aftercast.core.models import WorkspaceOwned


class ImportKind(models.TextChoices):
    OBSERVATIONS = "observations", _("Metric observations")
    COMMENTS = "comments", _("Audience comments")
    JOURNEYS = "journeys", _("Journeys")
    FX_RATES = "fx_rates", _("Exchange rates")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    ROLLED_BACK = "rolled_back", _("Rolled back")


class ImportRun(WorkspaceOwned):
    """One import of one file: who, when, which file, what it changed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("campaign"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(_("file name"), max_length=300)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64)
    stored_file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    options = models.JSONField(_("reading options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    dry_run = models.BooleanField(_("dry run"), default=False)
    rows_total = models.PositiveIntegerField(_("rows read"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    rolled_back_at = models.DateTimeField(_("rolled back at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class SavedMapping(WorkspaceOwned):
    """A column mapping kept for the next file of the same shape (same header signature)."""

    name = models.CharField(_("name"), max_length=200)
    header_signature = models.CharField(_("header signature"), max_length=64)
    columns = models.JSONField(_("columns"), default=dict)
    options = models.JSONField(_("reading options"), default=dict, blank=True)

    class Meta:
        verbose_name = _("saved mapping")
        verbose_name_plural = _("saved mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "header_signature"], name="one_mapping_per_shape"
            )
        ]

    def __str__(self) -> str:
        return self.name
