from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from aftercast.catalog.models import Market
from aftercast.core.forms import posted, run_service
from aftercast.core.permissions import current_workspace, in_workspace, require_write
from aftercast.imports.tables import saved_upload
from aftercast.metrics import benchmarks
from aftercast.metrics.forms import BenchmarkForm, TableUploadForm
from aftercast.metrics.models import Benchmark
from aftercast.metrics.registry import METRIC_CHOICES

PAGE_SIZE = 50


@login_required
def benchmark_list(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    filters = {key: request.GET.get(key, "").strip() for key in ("market", "metric")}
    rows = in_workspace(Benchmark.objects.all(), workspace).select_related(
        "market", "platform", "category"
    )
    if filters["market"]:
        rows = rows.filter(market__code=filters["market"])
    if filters["metric"]:
        rows = rows.filter(metric=filters["metric"])
    page = Paginator(rows.order_by("market__code", "metric", "tier", "platform__name"), PAGE_SIZE)
    shown = page.get_page(request.GET.get("page"))
    for row in shown:
        row.source_label = benchmarks.source_label(row.source)  # type: ignore[attr-defined]
    context = {
        "page": shown,
        "filters": filters,
        "markets": Market.objects.all(),
        "metrics": METRIC_CHOICES,
        "trusted": benchmarks.TRUSTED_SAMPLE,
        "upload": TableUploadForm(),
    }
    return render(request, "metrics/benchmarks.html", context)


def _form_page(request, form, title, **extra) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "cancel_url": reverse("metrics:benchmarks"),
        "breadcrumbs": [(reverse("metrics:benchmarks"), _("Benchmarks"))],
    }
    return render(request, "core/form.html", {**context, **extra})


@login_required
def benchmark_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    row = (
        get_object_or_404(in_workspace(Benchmark.objects.all(), workspace), pk=pk)
        if pk
        else Benchmark(workspace=workspace, source=benchmarks.HAND_SOURCE)
    )
    if request.method == "POST" and pk and "remove" in request.POST:
        row.delete()
        messages.success(request, _("Benchmark removed."))
        return redirect("metrics:benchmarks")
    form = BenchmarkForm(posted(request), instance=row, workspace=workspace)
    saved = request.method == "POST" and form.is_valid()
    if saved and run_service(form, lambda: benchmarks.save_benchmark(form.instance)) is not None:
        messages.success(request, _("Benchmark saved."))
        return redirect("metrics:benchmarks")
    title = _("Change a benchmark") if pk else _("New benchmark")
    return _form_page(request, form, title, removable=bool(pk))


@login_required
@require_POST
def benchmark_action(request: HttpRequest, action: str) -> HttpResponse:
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    if action == "public":
        added = benchmarks.install_public_benchmarks(workspace)
        messages.success(
            request,
            ngettext(
                "%(n)s public starting range added.", "%(n)s public starting ranges added.", added
            )
            % {"n": added},
        )
    elif action == "recompute":
        made = benchmarks.recompute_benchmarks(workspace)
        messages.success(
            request,
            ngettext(
                "%(n)s profile computed from finished campaigns.",
                "%(n)s profiles computed from finished campaigns.",
                made,
            )
            % {"n": made},
        )
    elif action == "import":
        _import(request, workspace)
    return redirect("metrics:benchmarks")


def _import(request, workspace) -> None:
    form = TableUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to import."))
        return
    upload = form.cleaned_data["file"]
    with saved_upload(upload) as path:
        try:
            result = benchmarks.import_benchmarks(workspace, path, upload.name[:200])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return
    if result.problems:
        messages.error(request, _("Nothing was imported:") + " " + " ".join(result.problems[:20]))
    else:
        messages.success(
            request,
            ngettext("%(n)s benchmark imported.", "%(n)s benchmarks imported.", result.created)
            % {"n": result.created},
        )
