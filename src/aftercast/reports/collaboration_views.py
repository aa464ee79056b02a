"""Pages for writing a case study together: the team asks creators for their story and
partners for a review; the creator and the partner answer without an account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from aftercast.campaigns.models import Partnership
from aftercast.core import links
from aftercast.core.permissions import get_visible_or_404, require_write
from aftercast.reports import collaboration
from aftercast.reports.case_study import case_study_document
from aftercast.reports.forms import CreatorStoryForm
from aftercast.reports.models import CaseStudy, CreatorStory, ReviewComment, ReviewLink


def _study_for_writing(request: HttpRequest, pk: int) -> CaseStudy:
    study = get_visible_or_404(CaseStudy.objects.select_related("campaign"), request.user, pk=pk)
    require_write(request, study.workspace_id)
    return study


def _back(study: CaseStudy, anchor: str) -> HttpResponse:
    return redirect(reverse("reports:detail", args=[study.pk]) + anchor)


def _said(error: ValidationError) -> str:
    return " ".join(error.messages)


def team_context(study: CaseStudy) -> dict:
    """What the study's page shows of the stories and the review."""
    now = timezone.now()
    stories: dict[int, CreatorStory] = {}
    for story in CreatorStory.objects.filter(
        partnership__campaign_market__campaign=study.campaign, deleted_at__isnull=True
    ).order_by("created_at"):
        stories[story.partnership_id] = story  # the latest of each creator
    creators = []
    for link in Partnership.objects.filter(
        campaign_market__campaign=study.campaign, deleted_at__isnull=True
    ).select_related("account__creator", "campaign_market__market"):
        asked = stories.get(link.pk)
        is_open = asked is not None and asked.revoked_at is None and asked.expires_at > now
        creators.append({"link": link, "story": asked, "open": is_open,
                         "token": links.token_of(asked) if is_open and asked else ""})  # fmt: skip
    language = (translation.get_language() or "en")[:2]
    sections = study.sections_ru if language == "ru" else study.sections_en
    headings = {item.get("key"): item.get("heading") for item in sections}
    comments = [(headings.get(key, key), items)
                for key, items in collaboration.comments_by_section(study).items()]  # fmt: skip
    reviews = [(link, links.token_of(link))
               for link in links.live(study.review_links.all())]  # fmt: skip
    return {"creators": creators, "reviews": reviews, "review_comments": comments}


@login_required
@require_POST
def ask_creator(request: HttpRequest, pk: int, partnership_pk: int) -> HttpResponse:
    study = _study_for_writing(request, pk)
    link = get_object_or_404(
        Partnership, pk=partnership_pk, campaign_market__campaign=study.campaign
    )
    try:
        collaboration.ask_creator(link, user=request.user)
    except ValidationError as error:
        messages.error(request, _said(error))
    else:
        messages.success(request, _("Link ready: copy it below and send it to the creator. It "
                                    "asks four questions in their language."))  # fmt: skip
    return _back(study, "#stories")


@login_required
@require_POST
def revoke_story(request: HttpRequest, pk: int, story_pk: int) -> HttpResponse:
    study = _study_for_writing(request, pk)
    campaign = study.campaign
    links.revoke(
        get_object_or_404(
            CreatorStory, pk=story_pk, partnership__campaign_market__campaign=campaign
        )
    )
    messages.success(request, _("Link revoked: the creator can no longer open it."))
    return _back(study, "#stories")


@login_required
@require_POST
def invite_reviewer(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study_for_writing(request, pk)
    try:
        days = int(request.POST.get("days") or collaboration.REVIEW_DAYS)
        collaboration.invite_reviewer(
            study, request.POST.get("reviewer", ""), days=days, user=request.user
        )
    except ValueError:
        messages.error(request, _("Give the number of days the link lasts."))
    except ValidationError as error:
        messages.error(request, _said(error))
    else:
        messages.success(request, _("Review link ready: copy it below. The reviewer reads the "
                                    "draft and comments on each section."))  # fmt: skip
    return _back(study, "#review")


@login_required
@require_POST
def revoke_review(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    study = _study_for_writing(request, pk)
    links.revoke(get_object_or_404(ReviewLink, pk=link_pk, case_study=study))
    messages.success(request, _("Link revoked: it no longer opens the draft."))
    return _back(study, "#review")


@login_required
@require_POST
def resolve_comment(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    study = _study_for_writing(request, pk)
    comment = get_object_or_404(ReviewComment, pk=comment_pk, case_study=study)
    collaboration.resolve_comment(comment, resolved=request.POST.get("resolved") != "0")
    return _back(study, "#review")


def _closed(request: HttpRequest, problem: links.LinkProblem, what: str) -> HttpResponse:
    # A creator reads why in their own language, when the link says which.
    language = getattr(problem.link, "language", "") or translation.get_language()
    with translation.override(language):
        return render(request, "reports/link_closed.html",
                      {"problem": problem.code, "link": problem.link, "what": what},
                      status=404 if problem.code == "invalid" else 410)  # fmt: skip


@never_cache
def creator_story(request: HttpRequest, token: str) -> HttpResponse:
    """The four questions, in the creator's language, without an account."""
    try:
        story = collaboration.open_story(token)
    except links.LinkProblem as problem:
        return _closed(request, problem, "story")
    language = request.GET.get("lang") or story.language
    with translation.override(language if language in ("ru", "en") else story.language):
        form = CreatorStoryForm(request.POST or None, instance=story)
        saved = False
        if request.method == "POST" and form.is_valid():
            try:
                collaboration.answer_story(story, form.cleaned_data)
                saved = True
            except ValidationError as error:
                form.add_error(None, error)
        link = story.partnership
        context = {"form": form, "story": story, "saved": saved,
                   "campaign": link.campaign_market.campaign, "creator": link.account.creator,
                   "market": link.campaign_market.market}  # fmt: skip
        return render(request, "reports/creator_story.html", context)


@never_cache
def review_draft(request: HttpRequest, token: str) -> HttpResponse:
    """A draft case study for a partner to comment on, section by section."""
    try:
        link = collaboration.open_review(token)
    except links.LinkProblem as problem:
        return _closed(request, problem, "review")
    language = request.GET.get("lang", "")
    language = language if language in ("ru", "en") else (translation.get_language() or "en")[:2]
    with translation.override(language):  # the page, not only the document, in that language
        return _review_page(request, link, language)


def _review_page(request: HttpRequest, link: ReviewLink, language: str) -> HttpResponse:
    study = link.case_study
    error, section = "", ""
    if request.method == "POST":
        section = request.POST.get("section", "")
        try:
            collaboration.add_comment(link, section=section, author=request.POST.get(
                "author", ""), body=request.POST.get("body", ""))  # fmt: skip
        except ValidationError as problem:
            error = _said(problem)
        else:
            return redirect(f"{request.path}?lang={language}#section-{section}")
    document = case_study_document(study, language)
    items = study.sections_ru if language == "ru" else study.sections_en
    comments = collaboration.comments_by_section(study)
    sections = [(item.get("key", ""), section_doc, comments.get(item.get("key", ""), []))
                for item, section_doc in zip(items, document.sections, strict=False)]  # fmt: skip
    return render(request, "reports/review.html", {
        "link": link, "document": document, "sections": sections, "error": error,
        "error_at": section if any(key == section for key, *_r in sections) else "",
        "posted_author": request.POST.get("author", ""),
        "posted_body": request.POST.get("body", ""),
        "language": language,
        "other_language": "en" if language == "ru" else "ru",
    })  # fmt: skip
