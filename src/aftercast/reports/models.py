"""Case studies generated from a campaign's structured data, and their exported files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Campaign
from aftercast.core.models import WorkspaceOwned


class Audience(models.TextChoices):
    RU = "ru", _("Russian-market readers")
    US = "us", _("US-market readers")
    BOTH = "both", _("Bridge: both readers side by side")


class CaseStudyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class CaseStudy(WorkspaceOwned):
    """A publishable story of one campaign, in Russian and English."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="case_studies", verbose_name=_("campaign")
    )
    audience = models.CharField(
        _("audience"), max_length=6, choices=Audience.choices, default=Audience.BOTH
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    sections_en = models.JSONField(_("sections (English)"), default=list, blank=True)
    sections_ru = models.JSONField(_("sections (Russian)"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStudyStatus.choices, default=CaseStudyStatus.DRAFT
    )
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title_en

    def history_field_words(self, name: str, before, after):
        """A change of the sections is said by the headings of those that changed."""
        if name not in ("sections_en", "sections_ru"):
            return None
        old = {item.get("key") or item.get("heading"): item for item in before or []}
        changed = [item.get("heading", "") for item in after or []
                   if old.get(item.get("key") or item.get("heading")) != item]  # fmt: skip
        label = _("Sections (English)") if name == "sections_en" else _("Sections (Russian)")
        return str(label), None, ", ".join(changed) or None


class ExportFormat(models.TextChoices):
    HTML = "html", "HTML"
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    MARKDOWN = "md", "Markdown"


class CaseStudyExport(WorkspaceOwned):
    """One exported file of a case study, produced in the background."""

    case_study = models.ForeignKey(
        CaseStudy, on_delete=models.CASCADE, related_name="exports", verbose_name=_("case study")
    )
    format = models.CharField(_("format"), max_length=5, choices=ExportFormat.choices)
    language = models.CharField(_("language"), max_length=8)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    task_id = models.CharField(_("task ID"), max_length=64, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("case study export")
        verbose_name_plural = _("case study exports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.case_study} · {self.format} · {self.language}"


class ShareLink(WorkspaceOwned):
    """A read-only link to a published case study, for people without an account: signed,
    expiring and revocable."""

    case_study = models.ForeignKey(
        CaseStudy, on_delete=models.CASCADE, related_name="share_links",
        verbose_name=_("case study"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("created by"),
    )  # fmt: skip
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    times_opened = models.PositiveIntegerField(_("times opened"), default=0)

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.case_study} · {self.expires_at:%Y-%m-%d}"
