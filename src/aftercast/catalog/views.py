from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftercast.catalog import selectors, services
from aftercast.catalog.forms import AccountForm, CreatorForm
from aftercast.catalog.models import Creator, Market, Platform
from aftercast.catalog.services import AccountSpec
from aftercast.catalog.tiers import Tier
from aftercast.core import trash
from aftercast.core.forms import posted, run_service
from aftercast.core.permissions import current_workspace, get_visible_or_404, require_write
from aftercast.core.trash_views import removed_page
from aftercast.imports.tables import saved_upload
from aftercast.metrics.forms import TableUploadForm

PAGE_SIZE = 50


@login_required
def creator_list(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    filters = {key: request.GET.get(key, "").strip() for key in ("market", "platform", "tier", "q")}
    creators = selectors.creator_list(
        workspace,
        market=filters["market"],
        platform=filters["platform"],
        tier=filters["tier"],
        query=filters["q"],
    )
    page = Paginator(creators, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": selectors.count_partnerships(list(page.object_list)),
        "filters": filters,
        "markets": Market.objects.all(),
        "platforms": Platform.objects.all(),
        "tiers": Tier.choices,
        "upload": TableUploadForm(),
        "any_creator": page.paginator.count > 0 or any(filters.values()),
    }
    return render(request, "catalog/creator_list.html", context)


@login_required
def creator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        creator = get_visible_or_404(
            Creator.objects.select_related("market").prefetch_related("accounts__platform"),
            request.user,
            pk=pk,
        )
    except Http404:
        return removed_page(request, "creator", pk=pk)
    context = {"creator": creator, "history": selectors.creator_history(creator)}
    return render(request, "catalog/creator_detail.html", context)


def _creator_form_page(request, form, title, **extra) -> HttpResponse:
    back = reverse("catalog:creators")
    context = {
        "form": form,
        "title": title,
        "cancel_url": back,
        "breadcrumbs": [(back, _("Creators"))],
    }
    return render(request, "core/form.html", {**context, **extra})


@login_required
def creator_new(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    form = CreatorForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        spec = AccountSpec(data["platform"], data["handle"], data["followers"])
        person = run_service(
            form,
            lambda: services.create_creator(
                workspace=workspace,
                name=data["name"],
                market=data["market"],
                language=data["language"],
                email=data["email"],
                accounts=[spec],
            ),
        )
        if person is not None:
            messages.success(request, _("Creator added to the catalogue."))
            return redirect("catalog:creator", person.pk)
    return _creator_form_page(request, form, _("New creator"))


def _editable(request, pk: int) -> Creator:
    person = get_visible_or_404(
        Creator.objects.filter(workspace=current_workspace(request)), request.user, pk=pk
    )
    require_write(request, person.workspace_id)
    return person


@login_required
def creator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _editable(request, pk)
    form = CreatorForm(posted(request), instance=person)
    if request.method == "POST" and "remove" in request.POST:
        trash.remove(person, user=request.user)
        messages.success(request, _("The creator left the catalogue; their campaigns keep them."),
                         extra_tags=f"undo creator {person.pk}")  # fmt: skip
        return redirect("catalog:creators")
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CreatorForm.Meta.fields}
        if run_service(form, lambda: services.update_creator(person, data)) is not None:
            messages.success(request, _("Saved."))
            return redirect("catalog:creator", person.pk)
    return _creator_form_page(request, form, person.name, removable=True, undoable=True)


@login_required
def account_new(request: HttpRequest, pk: int) -> HttpResponse:
    person = _editable(request, pk)
    form = AccountForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        spec = AccountSpec(data["platform"], data["handle"], data["followers"])
        if run_service(form, lambda: services.add_account(person, spec)) is not None:
            messages.success(request, _("Account added."))
            return redirect("catalog:creator", person.pk)
    return _creator_form_page(request, form, _("Add an account: %(name)s") % {"name": person.name})


@login_required
@require_POST
def creator_import(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    form = TableUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to import."))
        return redirect("catalog:creators")
    with saved_upload(form.cleaned_data["file"]) as path:
        try:
            result = services.import_creators(workspace, path, get_language() or "en")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("catalog:creators")
    if result.problems:
        messages.error(request, _("Nothing was imported:") + " " + " ".join(result.problems[:20]))
    else:
        messages.success(
            request,
            _(
                "%(created)s creators added, %(accounts)s accounts added, "
                "%(updated)s follower counts updated."
            )
            % {
                "created": result.created,
                "accounts": result.accounts_added,
                "updated": result.updated,
            },
        )
    return redirect("catalog:creators")
