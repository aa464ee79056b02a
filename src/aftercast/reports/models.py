"""Case studies generated from a campaign's structured data, and their exported files."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Campaign
from aftercast.core.models import PublicLink, WorkspaceOwned


class Audience(models.TextChoices):
    RU = "ru", _("Russian-market readers")
    US = "us", _("US-market readers")
    BOTH = "both", _("Bridge: every market’s readers side by side")


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


class ShareLink(PublicLink):
    """A read-only link, for people without an account, to a published case study or to a
    campaign's results (its final debrief): signed, expiring and revocable."""

    TOKEN_SALT = "aftercast.reports.share"
    TOKEN_KEY = "s"

    case_study = models.ForeignKey(
        CaseStudy, on_delete=models.CASCADE, related_name="share_links", null=True, blank=True,
        verbose_name=_("case study"),
    )  # fmt: skip
    debrief = models.ForeignKey(
        "debriefs.Debrief", on_delete=models.CASCADE, related_name="share_links", null=True,
        blank=True, verbose_name=_("debrief"),
    )  # fmt: skip

    class Meta(PublicLink.Meta):
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case_study__isnull=True) ^ models.Q(debrief__isnull=True),
                name="share_link_shares_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_study or self.debrief} · {self.expires_at:%Y-%m-%d}"


class CreatorStory(PublicLink):
    """A creator's own account of a campaign, asked through a link in their language: four
    answers that fill a case study's "creator's perspective"."""

    TOKEN_SALT = "aftercast.reports.creator-story"
    TOKEN_KEY = "c"
    QUESTIONS = ("briefed", "happened", "numbers", "differently")

    partnership = models.ForeignKey(
        "campaigns.Partnership", on_delete=models.CASCADE, related_name="stories",
        verbose_name=_("partnership"),
    )  # fmt: skip
    language = models.CharField(_("language"), max_length=8)
    briefed = models.TextField(_("what I was briefed on"), blank=True)
    happened = models.TextField(_("what actually happened, and what I pushed back on"), blank=True)
    numbers = models.TextField(_("the numbers I saw"), blank=True)
    differently = models.TextField(_("what I would do differently"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta(PublicLink.Meta):
        verbose_name = _("creator's story")
        verbose_name_plural = _("creators' stories")

    def __str__(self) -> str:
        return f"{self.partnership} · {self.language}"


class ReviewLink(PublicLink):
    """A link through which a partner (the brand, a market team) reads a draft case study and
    comments on it section by section before it is published."""

    TOKEN_SALT = "aftercast.reports.review"
    TOKEN_KEY = "v"

    case_study = models.ForeignKey(
        CaseStudy, on_delete=models.CASCADE, related_name="review_links",
        verbose_name=_("case study"),
    )  # fmt: skip
    reviewer = models.CharField(_("who reviews"), max_length=200)

    class Meta(PublicLink.Meta):
        verbose_name = _("review link")
        verbose_name_plural = _("review links")

    def __str__(self) -> str:
        return f"{self.case_study} · {self.reviewer}"


class ReviewComment(WorkspaceOwned):
    """A partner's comment on one section of a draft case study."""

    case_study = models.ForeignKey(
        CaseStudy, on_delete=models.CASCADE, related_name="review_comments",
        verbose_name=_("case study"),
    )  # fmt: skip
    link = models.ForeignKey(
        ReviewLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments",
        verbose_name=_("review link"),
    )  # fmt: skip
    section = models.CharField(_("section"), max_length=30)
    author = models.CharField(_("author"), max_length=200)
    body = models.TextField(_("comment"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_study} · {self.section} · {self.author}"
