from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftercast.campaigns.models import CampaignMarket
from aftercast.catalog.models import Market
from aftercast.core.forms import posted, run_service
from aftercast.core.history import edit_tracked
from aftercast.core.history_words import history_context
from aftercast.core.listing import Sort, list_page, read_date, read_filters
from aftercast.core.permissions import (
    current_workspace,
    get_visible_or_404,
    in_workspace,
    require_write,
)
from aftercast.core.trash_views import removed_page
from aftercast.debriefs.models import Debrief, DebriefStatus
from aftercast.reports import collaboration_views, lists, services, sharing
from aftercast.reports.case_study import case_study_document
from aftercast.reports.forms import CaseStudyForm, NewCaseStudyForm, SectionsForm
from aftercast.reports.models import CaseStudy, CaseStudyStatus
from aftercast.reports.render import EXPORTS, attachment


def _reader_language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in {"ru", "en"} else (get_language() or "en")[:2]


STUDY_SORTS = {
    "newest": Sort(gettext_lazy("Newest first"), ("-generated_at", "-created_at")),
    "campaign": Sort(gettext_lazy("Campaign"), ("campaign__name",)),
    "status": Sort(gettext_lazy("Status"), ("status", "-generated_at")),
}


@login_required
def case_study_list(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    filters = read_filters(request, ("status", "market", "from", "to"))
    studies = in_workspace(CaseStudy.objects.all(), workspace).select_related("campaign")
    if filters["status"]:
        studies = studies.filter(status=filters["status"])
    if filters["market"]:
        in_market = CampaignMarket.objects.filter(
            campaign=OuterRef("campaign"), market__code=filters["market"]
        )
        studies = studies.filter(Exists(in_market))
    if start := read_date(filters["from"]):
        studies = studies.filter(campaign__ends_on__gte=start)
    if end := read_date(filters["to"]):
        studies = studies.filter(campaign__ends_on__lte=end)
    listing = list_page(request, studies, filters=filters, sorts=STUDY_SORTS, default="newest")
    context = {
        "listing": listing,
        "page": listing.page,
        "filters": listing.filters,
        "statuses": CaseStudyStatus.choices,
        "markets": Market.objects.all(),
        "any_study": in_workspace(CaseStudy.objects.all(), workspace).exists(),
    }
    return render(request, "reports/list.html", context)


@login_required
def case_study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        study = get_visible_or_404(
            CaseStudy.objects.select_related("campaign"), request.user, pk=pk
        )
    except Http404:
        return removed_page(request, "case-study", pk=pk)
    language = _reader_language(request)
    document = case_study_document(study, language)
    context = {
        "study": study,
        "language": language,
        "other_language": "en" if language == "ru" else "ru",
        "title": document.title,
        "document": document,
        "exports": [(kind, EXPORTS[kind][1].upper()) for kind in ("pdf", "docx", "html", "md")],
        **share_card(request, study),
        **collaboration_views.team_context(study),
        **history_context(study),
    }
    return render(request, "reports/detail.html", context)


@login_required
def case_study_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    study = get_visible_or_404(CaseStudy.objects.select_related("campaign"), request.user, pk=pk)
    if kind not in EXPORTS:
        raise Http404
    return attachment(case_study_document(study, _reader_language(request)), kind)


@login_required
def case_study_create(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    initial = {"campaign": request.GET.get("campaign")} if request.GET.get("campaign") else None
    form = NewCaseStudyForm(posted(request), workspace=workspace, initial=initial)
    if request.method == "POST" and form.is_valid():
        study = run_service(
            form,
            lambda: services.generate_case_study(
                form.cleaned_data["campaign"], audience=form.cleaned_data["audience"],
                user=request.user,
            ),
        )  # fmt: skip
        if study is not None:
            messages.success(request, _("Case study written from the data. Edit what the "
                                        "numbers cannot say, then export it."))  # fmt: skip
            return redirect("reports:detail", study.pk)
    return render(request, "core/form.html", {
        "form": form, "title": _("New case study"), "cancel_url": reverse("reports:list"),
        "intro": _("Every section is written from the campaign's data in Russian and English; "
                   "you edit it afterwards.") if form.has_campaigns
        else _("This workspace has no campaign yet, and a case study is written from one: "
               "create the campaign first (Campaigns → New campaign)."),
        "submit": _("Write the case study"),
    })  # fmt: skip


@login_required
def case_study_edit(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_visible_or_404(CaseStudy.objects.all(), request.user, pk=pk)
    done = reverse("reports:detail", args=[study.pk])
    return edit_tracked(request, study, CaseStudyForm, done, _("Edit case study"))


@login_required
def case_study_sections(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit one language's sections: what the numbers cannot say, in people's words."""
    study = get_visible_or_404(CaseStudy.objects.select_related("campaign"), request.user, pk=pk)
    language = _reader_language(request)
    current = study.sections_ru if language == "ru" else study.sections_en
    form = SectionsForm(posted(request), sections=current)
    done = reverse("reports:detail", args=[study.pk]) + f"?lang={language}"
    if request.method == "POST":
        require_write(request, study.workspace_id)
        if form.is_valid() and run_service(
            form,
            lambda: services.update_sections(study, language, form.sections(), user=request.user),
        ):
            messages.success(request, _("Saved. The change is in the history."))
            return redirect(done)
    title = _("Edit the Russian text") if language == "ru" else _("Edit the English text")
    return render(request, "core/form.html", {
        "form": form, "title": title, "cancel_url": done,
        "subtitle": (study.title_ru or study.title_en) if language == "ru" else study.title_en,
    })  # fmt: skip


def _shared_thing(request: HttpRequest, what: str, pk: int):
    """The case study or the debrief a share link is made for, and its page."""
    if what == "results":
        debrief = get_visible_or_404(Debrief.objects.all(), request.user, pk=pk)
        return debrief, reverse("debriefs:detail", args=[debrief.pk]) + "#share"
    study = get_visible_or_404(CaseStudy.objects.all(), request.user, pk=pk)
    return study, reverse("reports:detail", args=[study.pk]) + "#share"


@login_required
@require_POST
def share(request: HttpRequest, what: str, pk: int) -> HttpResponse:
    """A read-only link to a published case study or a campaign's final results."""
    shared, page = _shared_thing(request, what, pk)
    require_write(request, shared.workspace_id)
    try:
        days = int(request.POST.get("days") or sharing.DEFAULT_DAYS)
        if isinstance(shared, Debrief):
            sharing.share_final_results(shared, days=days, user=request.user)
        else:
            sharing.share_case_study(shared, days=days, user=request.user)
    except (ValueError, ValidationError) as error:
        said = error.messages if isinstance(error, ValidationError) else []
        messages.error(request, " ".join(said) or _("Give the number of days the link lasts."))
    else:
        messages.success(request, _("Link created: copy it below. Anyone with it can read it "
                                    "until it expires or you revoke it."))  # fmt: skip
    return redirect(page)


@login_required
@require_POST
def revoke_share(request: HttpRequest, what: str, pk: int, link_pk: int) -> HttpResponse:
    shared, page = _shared_thing(request, what, pk)
    require_write(request, shared.workspace_id)
    sharing.revoke(get_object_or_404(shared.share_links, pk=link_pk))
    messages.success(request, _("Link revoked: it no longer opens the page."))
    return redirect(page)


def share_card(request: HttpRequest, shared) -> dict:
    """The share card's rows: each open link, the address to copy and where to revoke it."""
    what = "results" if isinstance(shared, Debrief) else "study"
    rows = []
    for link in sharing.live_links(shared):
        address = reverse("shared_case_study", args=[sharing.token_of(link)])
        revoke = reverse("reports:revoke_share", args=[what, shared.pk, link.pk])
        rows.append((link, request.build_absolute_uri(address), revoke))
    shareable = (shared.status == DebriefStatus.FINAL if what == "results"
                 else shared.status == CaseStudyStatus.PUBLISHED)  # fmt: skip
    return {"share_rows": rows, "share_url": reverse("reports:share", args=[what, shared.pk]),
            "shareable": shareable}  # fmt: skip


def shared_case_study(request: HttpRequest, token: str, kind: str = "") -> HttpResponse:
    """A published case study, read-only, for people without an account."""
    try:
        link = sharing.open_shared(token)
    except sharing.LinkProblem as problem:
        return render(request, "reports/link_closed.html",
                      {"problem": problem.code, "link": problem.link, "what": "share"},
                      status=404 if problem.code == "invalid" else 410)  # fmt: skip
    if kind not in ("", "pdf"):
        raise Http404
    language = _reader_language(request)
    with translation.override(language):  # the page in the document's language
        document = sharing.shared_document(link, language)
        if kind:
            return attachment(document, "pdf")
        return render(request, "reports/shared.html", {"document": document, "token": token})


LIST_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def list_export(request: HttpRequest, which: str, kind: str) -> HttpResponse:
    """One of the workspace's lists (campaigns with verdicts, learnings, action items,
    benchmarks) as CSV or XLSX, for a program review."""
    if which not in lists.LISTS or kind not in LIST_FORMATS:
        raise Http404
    workspace = current_workspace(request)
    header, rows = lists.table(workspace, which)
    content = (lists.to_csv(header, rows) if kind == "csv"
               else lists.to_xlsx(header, rows, which))  # fmt: skip
    response = HttpResponse(content, content_type=LIST_FORMATS[kind])
    name = f"{which}-{workspace.slug}-{timezone.localdate().isoformat()}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
