"""Case studies written from a campaign's data (reports/case_study.py), kept with their history
so people can edit the generated text."""

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aftercast.campaigns.models import Campaign
from aftercast.core.history import record_edit, snapshot
from aftercast.reports.case_study import generate_sections
from aftercast.reports.models import Audience, CaseStudy


def generate_case_study(campaign: Campaign, *, audience: str, user=None) -> CaseStudy:
    """A draft case study of the campaign for `audience`, every section written from its data
    in Russian and in English."""
    if audience not in Audience.values:
        raise ValidationError({"audience": _("Choose who reads it: ru, us or both.")})
    if campaign.deleted_at is not None:
        raise ValidationError(_("A removed campaign has no case study."))
    sections = generate_sections(campaign, audience)
    titles = {}
    for language in ("en", "ru"):
        with translation.override(language):
            markets = list(campaign.markets.filter(deleted_at__isnull=True))
            if len(markets) == 1:
                titles[language] = _("%(campaign)s: what happened in %(market)s") % {
                    "campaign": campaign.name, "market": markets[0].market.name}  # fmt: skip
            else:
                titles[language] = _("%(campaign)s: what happened in each market") % {
                    "campaign": campaign.name}  # fmt: skip
    study = CaseStudy.objects.create(
        workspace_id=campaign.workspace_id, campaign=campaign, audience=audience,
        title_en=titles["en"], title_ru=titles["ru"], sections_en=sections["en"],
        sections_ru=sections["ru"], generated_at=timezone.now(),
    )  # fmt: skip
    record_edit(obj=study, user=user, before=None)
    return study


def update_sections(study: CaseStudy, language: str, edited: list[tuple[str, str]], *, user=None):
    """People's edits of one language's sections (heading and text each, in order); each keeps
    its key, so its tables stay. The change is kept in the study's history."""
    if language not in ("en", "ru"):
        raise ValidationError(_("Choose Russian or English."))
    field = f"sections_{language}"
    current = getattr(study, field)
    if len(edited) != len(current):
        raise ValidationError(_("The sections changed meanwhile: open the page again."))
    before = snapshot(study)
    setattr(study, field, [
        {**section, "heading": heading.strip(), "body": body.replace("\r\n", "\n").strip()}
        for section, (heading, body) in zip(current, edited, strict=True)
    ])  # fmt: skip
    study.save(update_fields=[field, "updated_at"])
    record_edit(obj=study, user=user, before=before)
    return study
