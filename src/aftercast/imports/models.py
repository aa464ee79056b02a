"""Records of imported files and the column mappings users saved."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Campaign
from aftercast.core.models import WorkspaceOwned
from aftercast.imports.errors import render


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
    """One import of one file: who, when, which file, how it was read, what it changed."""

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
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices, blank=True)
    file_name = models.CharField(_("file name"), max_length=300)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64)
    stored_file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    options = models.JSONField(_("reading options"), default=dict, blank=True)
    header = models.JSONField(_("the file's header"), default=list, blank=True)
    market = models.CharField(_("market"), max_length=8, blank=True)
    creator = models.CharField(_("creator of the export"), max_length=120, blank=True)
    fx_pair = models.CharField(_("currency pair"), max_length=7, blank=True)
    overrides = models.JSONField(_("column choices"), default=dict, blank=True)
    mapping_name = models.CharField(_("saved mapping applied"), max_length=200, blank=True)
    unknown_columns = models.JSONField(_("columns not imported"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    dry_run = models.BooleanField(_("dry run"), default=False)
    rows_total = models.PositiveIntegerField(_("rows read"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    rows_whole = models.PositiveIntegerField(_("rows imported whole"), default=0)
    rows_partial = models.PositiveIntegerField(_("rows imported in part"), default=0)
    rejected_count = models.PositiveIntegerField(_("rows rejected"), default=0)
    rows_skipped = models.PositiveIntegerField(_("rows skipped"), default=0)
    created_count = models.PositiveIntegerField(_("values created"), default=0)
    updated_count = models.PositiveIntegerField(_("values updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("values unchanged"), default=0)
    cells_refused = models.PositiveIntegerField(_("values refused"), default=0)
    posts_created = models.PositiveIntegerField(_("posts created"), default=0)
    error_code = models.CharField(_("error"), max_length=40, blank=True)
    error_params = models.JSONField(_("error details"), default=dict, blank=True)
    process = models.CharField(_("process"), max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    rolled_back_at = models.DateTimeField(_("rolled back at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def error_message(self) -> str:
        return render(self.error_code, self.error_params) if self.error_code else ""

    @property
    def awaiting_confirmation(self) -> bool:
        """Uploaded and read, but the user has not confirmed the import yet."""
        return self.status == ImportStatus.PENDING and not self.kind

    @property
    def changed_anything(self) -> bool:
        return bool(self.created_count or self.updated_count or self.posts_created)

    @property
    def finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.ROLLED_BACK}


class ImportRejection(WorkspaceOwned):
    """A row an import refused whole or in part: its cells as the file had them, and why."""

    run = models.ForeignKey(
        ImportRun, on_delete=models.CASCADE, related_name="rejections", verbose_name=_("import")
    )
    row = models.PositiveIntegerField(_("row"))
    rejected = models.BooleanField(_("rejected whole"), default=True)
    problems = models.JSONField(_("problems"), default=list)  # [{column, code, params}]
    cells = models.JSONField(_("cells"), default=list)

    class Meta:
        verbose_name = _("rejected row")
        verbose_name_plural = _("rejected rows")
        ordering = ["run", "row"]

    def messages(self) -> list[tuple[str, str]]:
        return [(p["column"], render(p["code"], p["params"])) for p in self.problems]


class ImportChange(WorkspaceOwned):
    """A stored value an import replaced (a metric value or an exchange rate): shown to the
    user, put back by a rollback. A side table: a million-row update is a million rows here."""

    run = models.ForeignKey(
        ImportRun, on_delete=models.CASCADE, related_name="changes", verbose_name=_("import")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    object_id = models.BigIntegerField(_("changed object"))
    row = models.PositiveIntegerField(_("row"), default=0)
    column = models.CharField(_("column"), max_length=200, blank=True)
    observed_on = models.DateField(_("date"), null=True, blank=True)
    before = models.DecimalField(
        _("before"), max_digits=24, decimal_places=8, null=True, blank=True
    )
    after = models.DecimalField(_("after"), max_digits=24, decimal_places=8, null=True, blank=True)
    # A comment's or journey's fields (and touches) as they were, for the rollback.
    previous = models.JSONField(_("previous state"), null=True, blank=True)

    class Meta:
        verbose_name = _("changed value")
        verbose_name_plural = _("changed values")
        ordering = ["run", "row"]


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
