from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from aftercast.core.history import edit_tracked, history_context
from aftercast.core.permissions import current_workspace, get_visible_or_404, in_workspace
from aftercast.reports.forms import CaseStudyForm
from aftercast.reports.models import CaseStudy


def _reader_language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in {"ru", "en"} else (get_language() or "en")[:2]


@login_required
def case_study_list(request: HttpRequest) -> HttpResponse:
    studies = in_workspace(CaseStudy.objects.all(), current_workspace(request)).select_related(
        "campaign"
    )
    return render(request, "reports/list.html", {"studies": studies})


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
