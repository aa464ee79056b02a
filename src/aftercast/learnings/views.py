import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from aftercast.campaigns.models import CampaignType
from aftercast.catalog.models import Market, Platform
from aftercast.catalog.tiers import Tier
from aftercast.core.forms import posted, run_service
from aftercast.core.history_words import history_context
from aftercast.core.listing import Sort, list_page
from aftercast.core.permissions import (
    current_workspace,
    get_visible_or_404,
    in_workspace,
    require_write,
)
from aftercast.core.trash_views import removed_page
from aftercast.debriefs.models import Finding
from aftercast.learnings import evidence, exchange, facets, selectors, services
from aftercast.learnings.forms import EvidenceForm, ExchangeForm, GlossaryTermForm, LearningForm
from aftercast.learnings.models import GlossaryTerm, Learning, LearningStatus
from aftercast.metrics.registry import METRIC_CHOICES

RELEVANCE = {"relevance": Sort(gettext_lazy("Best match"), ("-relevance", "-updated_at"))}
STRONGEST = {"relevance": Sort(gettext_lazy("Strongest first"), ("-relevance", "-updated_at"))}
LEARNING_SORTS = {
    "recent": Sort(gettext_lazy("Recently changed"), ("-updated_at",)),
    "effect": Sort(gettext_lazy("Largest effect"), (F("pooled_effect").desc(nulls_last=True),)),
    "status": Sort(gettext_lazy("Status"), ("status", "-updated_at")),
}
FACET_NAMES = {
    "market": gettext_lazy("Market"),
    "tier": gettext_lazy("Creator tier"),
    "platform": gettext_lazy("Platform"),
    "metric": gettext_lazy("Metric"),
    "status": gettext_lazy("Status"),
}


@login_required
def learning_list(request: HttpRequest) -> HttpResponse:
    filters = {
        k: request.GET.get(k, "").strip()
        for k in ("q", "market", "tier", "platform", "status", "metric")
    }
    workspace = current_workspace(request)
    found = selectors.find_learnings(
        workspace,
        query=filters["q"],
        market=filters["market"],
        tier=filters["tier"],
        status=filters["status"],
        metric=filters["metric"],
        platform=filters["platform"],
    )
    sorts = {**(RELEVANCE if found.text else STRONGEST), **LEARNING_SORTS}
    listing = list_page(request, found.learnings, filters=filters, sorts=sorts, default="relevance")
    chips = [(facets.label(f), facets.without(filters["q"], f)) for f in found.facets]
    kept = {k: v for k, v in listing.filters.items() if v}
    refine = [
        (FACET_NAMES[kind], [(label, count, "?" + urlencode({**kept, kind: value}))
                             for value, label, count in rows])
        for kind, rows in selectors.facet_counts(found.learnings).items()
        if rows and not filters.get(kind)
    ]  # fmt: skip
    context = {
        "listing": listing,
        "page": listing.page,
        "filters": listing.filters,
        "chips": chips,
        "found": found,
        "refine": refine,
        "any_learning": listing.page.paginator.count
        or in_workspace(Learning.objects.all(), workspace).exists(),
        "markets": Market.objects.all(),
        "platforms": Platform.objects.all(),
        "tiers": Tier.choices,
        "statuses": LearningStatus.choices,
        "metrics": METRIC_CHOICES,
    }
    return render(request, "learnings/list.html", context)


@login_required
def learning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        learning = get_visible_or_404(
            Learning.objects.prefetch_related("markets", "platforms"), request.user, pk=pk
        )
    except Http404:
        return removed_page(request, "learning", pk=pk)
    links, elsewhere = selectors.evidence_of(learning)
    found = [link.finding for link in links]
    pooled = {name: getattr(learning, name) for name in evidence.NO_POOL}
    context = {
        "learning": learning,
        "evidence": links,
        "elsewhere": list(zip(learning.external_evidence, elsewhere, strict=True)),
        "grade": evidence.grade(found + elsewhere, pooled),
        "scope": evidence.scope_words(learning.scope_verdict, found + elsewhere),
        "applications": selectors.applications(learning),
        "supportable": learning.status == LearningStatus.HYPOTHESIS
        and services.has_support(learning),
        "tier_labels": [Tier(t).label for t in learning.tiers if t in Tier.values],
        "type_labels": [
            CampaignType(t).label for t in learning.campaign_types if t in CampaignType.values
        ],
        "evidence_form": EvidenceForm(
            workspace=current_workspace(request), exclude=[f.pk for f in found]
        ),
        **history_context(learning),
    }
    return render(request, "learnings/detail.html", context)


def _form_page(request, form, title, cancel_url, **extra) -> HttpResponse:
    context = {"form": form, "title": title, "cancel_url": cancel_url, **extra}
    return render(request, "core/form.html", context)


@login_required
def learning_create(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    form = LearningForm(posted(request))
    if request.method == "POST" and form.is_valid():
        learning = run_service(
            form,
            lambda: services.create_learning(
                workspace=workspace, user=request.user, **form.cleaned_data
            ),
        )
        if learning is not None:
            messages.success(
                request, _("Rule saved. Link the findings that back it to grade its evidence.")
            )
            return redirect("learnings:detail", learning.pk)
    return _form_page(
        request, form, _("New learning"), reverse("learnings:list"),
        intro=_("A rule worth repeating or avoiding. Debriefs also propose rules from their "
                "clear findings."),
        submit=_("Save rule"),
    )  # fmt: skip


@login_required
def learning_edit(request: HttpRequest, pk: int) -> HttpResponse:
    learning = get_visible_or_404(Learning.objects.all(), request.user, pk=pk)
    require_write(request, learning.workspace_id)
    # The form validates a copy: the service must see the rule as it was to record changes.
    form = LearningForm(posted(request), instance=Learning.objects.get(pk=learning.pk))
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, lambda: services.update_learning(learning, form.cleaned_data, user=request.user)
        )
        is not None
    ):
        messages.success(request, _("Saved. The change is in the history."))
        return redirect("learnings:detail", learning.pk)
    done = reverse("learnings:detail", args=[learning.pk])
    return _form_page(request, form, _("Edit learning"), done, subtitle=learning.statement)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    learning = get_visible_or_404(Learning.objects.all(), request.user, pk=pk)
    require_write(request, learning.workspace_id)
    form = EvidenceForm(request.POST, workspace=current_workspace(request))
    if form.is_valid():
        link = run_service(
            form,
            lambda: services.add_evidence(
                learning, form.cleaned_data["finding"], user=request.user
            ),
        )
        if link is not None:
            messages.success(request, _("Evidence linked; the rule's effect and confidence "
                                        "were computed again."))  # fmt: skip
            if not link.supports:
                messages.warning(request, _("This finding points the other way: the rule "
                                            "is flagged for review."))  # fmt: skip
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("learnings:detail", args=[learning.pk]) + "#evidence")


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    learning = get_visible_or_404(Learning.objects.all(), request.user, pk=pk)
    require_write(request, learning.workspace_id)
    finding = get_object_or_404(Finding, pk=finding_pk, workspace_id=learning.workspace_id)
    services.remove_evidence(learning, finding, user=request.user)
    messages.success(request, _("Evidence unlinked; the rule was computed again."))
    return redirect(reverse("learnings:detail", args=[learning.pk]) + "#evidence")


@login_required
@require_POST
def learning_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    learning = get_visible_or_404(Learning.objects.all(), request.user, pk=pk)
    require_write(request, learning.workspace_id)
    services.mark_reviewed(learning, user=request.user)
    messages.success(request, _("Marked as reviewed: the rule stays as it is."))
    return redirect("learnings:detail", learning.pk)


@login_required
def learnings_export(request: HttpRequest) -> HttpResponse:
    """The workspace's learnings as an exchange file (docs/learnings-exchange.md)."""
    workspace = current_workspace(request)
    text = json.dumps(exchange.export_learnings(workspace), ensure_ascii=False, indent=2)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    name = f"learnings-{workspace.slug}-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def learnings_import(request: HttpRequest) -> HttpResponse:
    """Merge an exchange file into the workspace: all or nothing, idempotent by key."""
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    form = ExchangeForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = exchange.import_learnings(
                workspace, form.cleaned_data["file"].read(exchange.MAX_BYTES + 1), user=request.user
            )
        except exchange.ExchangeError as error:
            for where, message in error.problems[:20]:
                place = exchange.place_words(where)
                form.add_error(None, f"{capfirst(place)}: {message}" if where else message)
        else:
            messages.success(request, _("Imported: %(created)s new, %(updated)s updated, "
                                        "%(unchanged)s unchanged.") % vars(report))  # fmt: skip
            return redirect("learnings:list")
    return _form_page(
        request, form, _("Import learnings"), reverse("learnings:list"),
        intro=_("A file exported from Aftercast (here or another instance). Rules are matched by "
                "their key: new ones are added, known ones updated; nothing is saved if any rule "
                "in the file is refused."),
        submit=_("Import"), multipart=True,
    )  # fmt: skip


@login_required
def glossary(request: HttpRequest) -> HttpResponse:
    """The search glossary: built-in words and the workspace's own, which editors add."""
    workspace = current_workspace(request)
    form = GlossaryTermForm(posted(request))
    if request.method == "POST":
        require_write(request, workspace.pk)
        if form.is_valid() and (
            run_service(form, lambda: services.add_glossary_term(workspace, **form.cleaned_data))
            is not None
        ):
            messages.success(request, _("Added. The learnings search reads it from now on."))
            return redirect("learnings:glossary")
    rows = selectors.glossary_rows(workspace)
    return render(request, "learnings/glossary.html", {"form": form, "rows": rows})


@login_required
@require_POST
def glossary_remove(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    services.remove_glossary_term(get_object_or_404(GlossaryTerm, pk=pk, workspace=workspace))
    messages.success(request, _("Removed from the glossary."))
    return redirect("learnings:glossary")


@login_required
@require_POST
def learning_supported(request: HttpRequest, pk: int) -> HttpResponse:
    """The team agrees with what the evidence establishes."""
    learning = get_visible_or_404(Learning.objects.all(), request.user, pk=pk)
    require_write(request, learning.workspace_id)
    try:
        services.update_learning(learning, {"status": LearningStatus.SUPPORTED}, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Marked supported. The change is in the history."))
    return redirect("learnings:detail", learning.pk)
