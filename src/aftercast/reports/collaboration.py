"""A case study written together with people who have no account: each creator tells their
side through a link in their own language (four questions), and partners (the brand, a market
team) comment on a draft section by section before it is published."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercast.campaigns.models import Campaign, Partnership, PartnershipStatus
from aftercast.core import links
from aftercast.reports.models import (
    CaseStudy,
    CaseStudyStatus,
    CreatorStory,
    ReviewComment,
    ReviewLink,
)

STORY_DAYS, REVIEW_DAYS, MAX_DAYS = 30, 14, 180
MAX_ANSWER = 5000  # characters: a page of text, more than anyone types into a form


def _creator_language(partnership: Partnership) -> str:
    creator = partnership.account.creator
    language = (creator.language or partnership.campaign_market.market.language or "en")[:2]
    return language if language in ("ru", "en") else "en"


def ask_creator(partnership: Partnership, *, days: int = STORY_DAYS, user=None) -> CreatorStory:
    """A link asking the creator the four questions, in their language. Asking again extends
    the open link rather than adding another, so the answers stay in one place."""
    if partnership.deleted_at is not None or partnership.status == PartnershipStatus.DROPPED:
        raise ValidationError(_("This creator is no longer in the campaign."))
    links.check_days(days, MAX_DAYS)
    story = links.live(partnership.stories.all()).first()
    if story is not None:
        story.expires_at = max(story.expires_at, timezone.now() + dt.timedelta(days=days))
        story.save(update_fields=["expires_at", "updated_at"])
        return story
    return links.create_link(
        CreatorStory, days=days, most=MAX_DAYS, user=user, workspace_id=partnership.workspace_id,
        partnership=partnership, language=_creator_language(partnership),
    )  # fmt: skip


def _creator_gone(story: CreatorStory) -> bool:
    link = story.partnership
    return (
        link.deleted_at is not None
        or link.status == PartnershipStatus.DROPPED
        or link.campaign_market.campaign.deleted_at is not None
    )


def open_story(token: str) -> CreatorStory:
    found = CreatorStory.objects.select_related(
        "partnership__account__creator", "partnership__campaign_market__campaign__brand",
        "partnership__campaign_market__market",
    )  # fmt: skip
    return links.open_link(found, token, _creator_gone)


def answer_story(story: CreatorStory, answers: dict[str, str]) -> CreatorStory:
    """The creator's answers, replacing their earlier ones; at least one must be given."""
    cleaned = {key: (answers.get(key) or "").strip() for key in CreatorStory.QUESTIONS}
    too_long = [key for key, text in cleaned.items() if len(text) > MAX_ANSWER]
    if too_long:
        raise ValidationError({key: _("At most %(max)s characters.") % {"max": MAX_ANSWER}
                               for key in too_long})  # fmt: skip
    if not any(cleaned.values()):
        raise ValidationError(_("Answer at least one question."))
    for key, text in cleaned.items():
        setattr(story, key, text)
    story.answered_at = timezone.now()
    story.save(update_fields=[*CreatorStory.QUESTIONS, "answered_at", "updated_at"])
    return story


def stories_of(campaign: Campaign) -> list[CreatorStory]:
    """The answered stories of a campaign's creators, the latest answer of each creator."""
    found = (
        CreatorStory.objects.filter(
            partnership__campaign_market__campaign=campaign,
            answered_at__isnull=False,
            deleted_at__isnull=True,
            partnership__deleted_at__isnull=True,
        )  # fmt: skip
        .select_related("partnership__account__creator", "partnership__campaign_market__market")
        .order_by("partnership__campaign_market__market__code", "partnership_id", "-answered_at")
    )
    latest: dict[int, CreatorStory] = {}
    for story in found:
        latest.setdefault(story.partnership_id, story)
    return list(latest.values())


def invite_reviewer(
    study: CaseStudy, reviewer: str, *, days: int = REVIEW_DAYS, user=None
) -> ReviewLink:
    """A link through which a partner reads the draft and comments on each section."""
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise ValidationError({"reviewer": _("Say who reviews: the brand, a market team, a name.")})
    if len(reviewer) > 200:
        raise ValidationError({"reviewer": _("At most %(max)s characters.") % {"max": 200}})
    if study.status == CaseStudyStatus.PUBLISHED:
        raise ValidationError(
            _("The study is already published: take it back to draft to ask for a review.")
        )
    return links.create_link(
        ReviewLink, days=days, most=MAX_DAYS, user=user, workspace_id=study.workspace_id,
        case_study=study, reviewer=reviewer,
    )  # fmt: skip


def _review_over(link: ReviewLink) -> bool:
    """Publishing ends the review; removing the study too."""
    study = link.case_study
    return study.deleted_at is not None or study.status == CaseStudyStatus.PUBLISHED


def open_review(token: str) -> ReviewLink:
    return links.open_link(
        ReviewLink.objects.select_related("case_study__campaign"), token, _review_over
    )


def section_keys(study: CaseStudy) -> list[str]:
    return [item.get("key") for item in study.sections_en + study.sections_ru if item.get("key")]


def add_comment(link: ReviewLink, *, section: str, author: str, body: str) -> ReviewComment:
    study = link.case_study
    author, body = (author or "").strip()[:200], (body or "").strip()
    if section not in section_keys(study):
        raise ValidationError({"section": _("Choose a section of the study.")})
    if not body:
        raise ValidationError({"body": _("Write the comment.")})
    if len(body) > MAX_ANSWER:
        raise ValidationError({"body": _("At most %(max)s characters.") % {"max": MAX_ANSWER}})
    return ReviewComment.objects.create(
        workspace_id=study.workspace_id, case_study=study, link=link, section=section,
        author=author or link.reviewer, body=body,
    )  # fmt: skip


def resolve_comment(comment: ReviewComment, resolved: bool = True) -> ReviewComment:
    comment.resolved_at = timezone.now() if resolved else None
    comment.save(update_fields=["resolved_at", "updated_at"])
    return comment


def comments_by_section(study: CaseStudy) -> dict[str, list[ReviewComment]]:
    found: dict[str, list[ReviewComment]] = {}
    for comment in study.review_comments.filter(deleted_at__isnull=True):
        found.setdefault(comment.section, []).append(comment)
    return found
