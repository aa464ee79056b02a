from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftercast.briefs.forecasts import where_it_fell, workspace_history
from aftercast.campaigns.selectors import campaign_by_slug
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
from aftercast.debriefs import changes, failures, questions, selectors, services
from aftercast.debriefs.charts import debrief_forests
from aftercast.debriefs.comparison import comparison
from aftercast.debriefs.forms import (
    ActionItemForm,
    AnswersForm,
    DebriefForm,
    EventForm,
    QualitativeFindingForm,
    QuestionFormSet,
)
from aftercast.debriefs.models import ActionItem, Debrief, FailureType
from aftercast.debriefs.summary import numbers_say
from aftercast.learnings.proposals import propose_learnings
from aftercast.reports.debrief_document import debrief_document
from aftercast.reports.render import EXPORTS, attachment
from aftercast.reports.views import share_card

DEBRIEF_SORTS = {
    "ended": Sort(gettext_lazy("Ended last first"), ("-campaign__ends_on",)),
    "campaign": Sort(gettext_lazy("Campaign"), ("campaign__name",)),
    "status": Sort(gettext_lazy("Status"), ("status", "-campaign__ends_on")),
}


@login_required
def debrief_list(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    filters = read_filters(request, ("status", "market", "from", "to"))
    debriefs = selectors.debrief_list(
        workspace,
        status=filters["status"],
        market=filters["market"],
        ended_from=read_date(filters["from"]),
        ended_by=read_date(filters["to"]),
    )
    listing = list_page(request, debriefs, filters=filters, sorts=DEBRIEF_SORTS, default="ended")
    context = {
        "listing": listing,
        "page": listing.page,
        "filters": listing.filters,
        "statuses": Debrief._meta.get_field("status").choices,
        "markets": Market.objects.all(),
        "any_debrief": in_workspace(Debrief.objects.all(), workspace).exists(),
        "startable": selectors.awaiting_debrief(workspace),
    }
    return render(request, "debriefs/list.html", context)


@login_required
def debrief_detail(request: HttpRequest, pk: int) -> HttpResponse:
    debrief = get_visible_or_404(Debrief.objects.select_related("campaign"), request.user, pk=pk)
    findings = list(debrief.findings.select_related("variant", "market", "arm_a", "arm_b"))
    history = workspace_history(debrief.workspace_id)  # once, for every market's forecast
    context = {
        **share_card(request, debrief),
        "debrief": debrief,
        "verdicts": (verdicts := list(debrief.verdicts.select_related("campaign_market__market"))),
        "forecast_said": {
            v.pk: where_it_fell(
                v.campaign_market,
                v.metric,
                None if v.actual is None else float(v.actual),
                history,
            )
            for v in verdicts
        },  # fmt: skip
        "findings": [f for f in findings if f.metric],
        "observed": [f for f in findings if not f.metric],
        "forests": debrief_forests(findings),
        "comparison": comparison(debrief),
        "changes": [changes.change_words(item) for item in debrief.changes or []],
        "missing": selectors.missing_data(debrief),
        "numbers_say": numbers_say(debrief),
        "finding_form": QualitativeFindingForm(debrief=debrief),
        "export_languages": [("ru", "Русский"), ("en", "English")],
        "timeline": debrief.timeline.all(),
        "action_items": debrief.action_items.all(),
        "evidence": [failures.evidence_words(item) for item in debrief.failure_evidence or []],
        "questions": questions.answered(
            debrief.answers, questions.question_set(debrief.workspace_id)
        ),
        "event_form": EventForm(),
        "action_form": ActionItemForm(),
        "today": timezone.localdate(),
        "failure_types": FailureType.choices,
        "suggested_label": FailureType(debrief.failure_suggested).label
        if debrief.failure_suggested
        else "",
        **history_context(debrief),
    }
    return render(request, "debriefs/detail.html", context)


@login_required
def debrief_edit(request: HttpRequest, pk: int) -> HttpResponse:
    debrief = get_visible_or_404(Debrief.objects.select_related("campaign"), request.user, pk=pk)
    done = reverse("debriefs:detail", args=[debrief.pk])
    return edit_tracked(request, debrief, DebriefForm, done, _("Edit debrief"))


@login_required
@require_POST
def debrief_start(request: HttpRequest) -> HttpResponse:
    """Start the debrief of a finished campaign of the current workspace (an editor's)."""
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    campaign = campaign_by_slug(workspace, request.POST.get("campaign", ""))
    try:
        debrief = services.start_debrief(campaign)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect("debriefs:list")
    messages.success(
        request,
        _("Debrief started: the verdicts and the tests' statistics come from the numbers."),
    )
    return redirect("debriefs:detail", debrief.pk)


@login_required
def debrief_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The debrief as Markdown or PDF, in Russian or English (the reader's by default)."""
    debrief = get_visible_or_404(Debrief.objects.select_related("campaign"), request.user, pk=pk)
    kind = request.GET.get("format", "pdf")
    language = request.GET.get("lang") or get_language() or "en"
    if kind not in EXPORTS or language[:2] not in ("ru", "en"):
        return HttpResponse(_("Choose Markdown or PDF, in Russian or English."), status=400)
    return attachment(debrief_document(debrief, language[:2]), kind)


@login_required
@require_POST
def debrief_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the numbers again after new data; the page then lists what changed."""
    debrief = get_visible_or_404(Debrief.objects.select_related("campaign"), request.user, pk=pk)
    require_write(request, debrief.workspace_id)
    changed = services.recompute_debrief(debrief)
    if changed:
        messages.success(request, ngettext(
            "Recomputed from the numbers: %(count)s change, listed below.",
            "Recomputed from the numbers: %(count)s changes, listed below.", len(changed),
        ) % {"count": len(changed)})  # fmt: skip
    else:
        messages.info(request, _("Recomputed from the numbers: nothing changed."))
    return redirect(reverse("debriefs:detail", args=[debrief.pk]) + "#changes")


@login_required
@require_POST
def debrief_failure(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm (or correct) the failure type the rules suggested."""
    debrief = get_visible_or_404(Debrief.objects.all(), request.user, pk=pk)
    require_write(request, debrief.workspace_id)
    try:
        services.confirm_failure(debrief, request.POST.get("failure_type", ""), user=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("Failure type confirmed."))
    return redirect(reverse("debriefs:detail", args=[debrief.pk]) + "#failure")


@login_required
def debrief_answers(request: HttpRequest, pk: int) -> HttpResponse:
    """A participant or team answers the blameless questions."""
    debrief = get_visible_or_404(Debrief.objects.select_related("campaign"), request.user, pk=pk)
    require_write(request, debrief.workspace_id)
    form = AnswersForm(posted(request), asked=questions.question_set(debrief.workspace_id))
    if request.method == "POST" and form.is_valid():
        who = form.cleaned_data["who"]
        named = run_service(form, lambda: services.answer_questions(debrief, who, form.given()))
        if named is not None:
            messages.success(request, _("Answers saved."))
            if named:
                messages.warning(
                    request,
                    _("The answers name %(names)s: a blameless debrief speaks of roles and "
                      "processes. Consider editing them.") % {"names": ", ".join(named)},
                )  # fmt: skip
            return redirect(reverse("debriefs:detail", args=[debrief.pk]) + "#questions")
    context = {
        "form": form,
        "title": _("Blameless questions: %(campaign)s") % {"campaign": debrief.campaign.name},
        "intro": _("Answer for your role or team. Every answer is kept with who gave it."),
        "cancel_url": reverse("debriefs:detail", args=[debrief.pk]),
    }
    return render(request, "core/form.html", context)


@login_required
def question_set(request: HttpRequest) -> HttpResponse:
    """The workspace's blameless questions, each in both languages: reword one, stop asking
    one, add one. Answers already given stay with their question."""
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    initial = questions.editable_rows(workspace.pk)
    formset = QuestionFormSet(posted(request), initial=initial, prefix="q")
    if request.method == "POST" and formset.is_valid():
        rows = [row for row in formset.cleaned_data if row and (row.get("text_en") or "").strip()]
        try:
            questions.save_question_set(workspace.pk, rows)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("The question set is saved."))
            return redirect("debriefs:questions")
    return render(request, "debriefs/questions.html", {"formset": formset})


@login_required
def debrief_coverage(request: HttpRequest) -> HttpResponse:
    """Every ended campaign with or without its debrief: the share debriefed, the late ones."""
    context = {
        "coverage": selectors.coverage(current_workspace(request)),
        "due_days": selectors.DEBRIEF_DUE_DAYS,
    }
    return render(request, "debriefs/coverage.html", context)


def _refusals(form) -> str:
    """A small form's refusals, each with the field it is about (the message is shown at the
    top of the page, far from the form)."""
    said = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = f"{field.label}: " if field is not None and field.label else ""
        said += [f"{label}{error}" for error in errors]
    return " ".join(said)


def _add_to_debrief(request: HttpRequest, pk: int, form_class, add, anchor: str) -> HttpResponse:
    """Add a timeline event or an action item from the debrief page's small forms."""
    debrief = get_visible_or_404(Debrief.objects.select_related("campaign"), request.user, pk=pk)
    require_write(request, debrief.workspace_id)
    form = form_class(request.POST)
    if form.is_valid() and run_service(form, lambda: add(debrief, **form.cleaned_data)):
        messages.success(request, _("Added."))
    else:  # back to the top of the page, where the message is
        messages.error(request, _refusals(form))
        anchor = ""
    return redirect(reverse("debriefs:detail", args=[debrief.pk]) + anchor)


@login_required
@require_POST
def debrief_event(request: HttpRequest, pk: int) -> HttpResponse:
    def add(debrief, **event):
        return services.add_event(debrief.campaign, **event)

    return _add_to_debrief(request, pk, EventForm, add, "#timeline")


@login_required
@require_POST
def campaign_event(request: HttpRequest, slug: str) -> HttpResponse:
    """Log an event on a campaign while it runs; its debrief's timeline will show it."""
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    campaign = campaign_by_slug(workspace, slug)
    form = EventForm(request.POST)
    added = form.is_valid() and (
        run_service(form, lambda: services.add_event(campaign, **form.cleaned_data)) is not None
    )
    if not added:  # back to the top of the page, where the message is
        messages.error(request, _refusals(form))
        return redirect("campaigns:detail", campaign.slug)
    messages.success(request, _("Added to the campaign's timeline."))
    return redirect(reverse("campaigns:detail", args=[campaign.slug]) + "#timeline")


@login_required
@require_POST
def debrief_finding(request: HttpRequest, pk: int) -> HttpResponse:
    """A qualitative finding: what the team saw that the numbers do not show."""
    debrief = get_visible_or_404(Debrief.objects.select_related("campaign"), request.user, pk=pk)
    require_write(request, debrief.workspace_id)
    form = QualitativeFindingForm(request.POST, debrief=debrief)
    added = form.is_valid() and (
        run_service(form, lambda: services.add_qualitative_finding(debrief, **form.cleaned_data))
        is not None
    )
    if not added:  # back to the top of the page, where the message is
        messages.error(request, _refusals(form))
        return redirect("debriefs:detail", debrief.pk)
    messages.success(request, _("Added."))
    return redirect(reverse("debriefs:detail", args=[debrief.pk]) + "#findings")


@login_required
@require_POST
def debrief_action(request: HttpRequest, pk: int) -> HttpResponse:
    return _add_to_debrief(request, pk, ActionItemForm, services.add_action_item, "#actions")


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(ActionItem.objects.all(), request.user, pk=pk)
    require_write(request, item.workspace_id)
    services.set_action_done(item, request.POST.get("done") == "1")
    back = request.POST.get("next", "")
    if back == "list":
        return redirect("debriefs:actions")
    return redirect(reverse("debriefs:detail", args=[item.debrief_id]) + "#actions")


@login_required
def action_items(request: HttpRequest) -> HttpResponse:
    """Every debrief's action items in the workspace: open ones first, overdue marked."""
    shown = request.GET.get("show", "open")
    items = selectors.action_items(current_workspace(request), shown)
    shows = [
        ("open", pgettext("action items", "Open")),
        ("overdue", pgettext("action items", "Overdue")),
        ("done", pgettext("action items", "Done")),
        ("all", pgettext("action items", "All")),
    ]
    context = {"items": items, "show": shown, "shows": shows, "today": timezone.localdate()}
    return render(request, "debriefs/actions.html", context)


@login_required
@require_POST
def debrief_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft rules from the debrief's clear findings, for people to edit and validate."""
    debrief = get_visible_or_404(Debrief.objects.select_related("campaign"), request.user, pk=pk)
    require_write(request, debrief.workspace_id)
    drafts = propose_learnings(debrief)
    if drafts:
        messages.success(request, ngettext(
            "%(count)s draft rule proposed: edit it and mark it validated when the team agrees.",
            "%(count)s draft rules proposed: edit them and mark them validated when the team "
            "agrees.", len(drafts)) % {"count": len(drafts)})  # fmt: skip
        return redirect("learnings:detail", drafts[0].pk)
    messages.info(request, _("No clear finding left to turn into a rule."))
    return redirect(reverse("debriefs:detail", args=[debrief.pk]))
