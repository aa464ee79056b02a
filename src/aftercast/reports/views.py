from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from aftercast.campaigns.models import CampaignMarket
from aftercast.catalog.models import Market
from aftercast.core.history import edit_tracked
from aftercast.core.history_words import history_context
from aftercast.core.listing import Sort, list_page, read_date, read_filters
from aftercast.core.permissions import current_workspace, get_visible_or_404, in_workspace
from aftercast.reports.forms import CaseStudyForm
from aftercast.reports.models import CaseStudy, CaseStudyStatus


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
        "any_study": CaseStudy.objects.filter(workspace=workspace).exists(),
    }
    return render(request, "reports/list.html", context)


@login_required
def case_study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_visible_or_404(CaseStudy.objects.select_related("campaign"), request.user, pk=pk)
    language = _reader_language(request)
    context = {
        "study": study,
        "language": language,
        "other_language": "en" if language == "ru" else "ru",
        "title": study.title_ru if language == "ru" else study.title_en,
        "sections": study.sections_ru if language == "ru" else study.sections_en,
        **history_context(study),
    }
    return render(request, "reports/detail.html", context)


@login_required
def case_study_edit(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_visible_or_404(CaseStudy.objects.all(), request.user, pk=pk)
    done = reverse("reports:detail", args=[study.pk])
    return edit_tracked(request, study, CaseStudyForm, done, _("Edit case study"))
