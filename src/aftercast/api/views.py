from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftercast.api.forms import TokenForm
from aftercast.api.models import ApiToken
from aftercast.api.services import api_token_create, api_token_revoke
from aftercast.core.forms import posted
from aftercast.core.models import Workspace
from aftercast.core.permissions import memberships_of

NEW_TOKEN = "aftercast-new-api-token"


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    memberships = memberships_of(request.user)
    form = TokenForm(posted(request), memberships=memberships)
    plain = None
    if request.method == "POST" and form.is_valid():
        workspace = get_object_or_404(Workspace, pk=form.cleaned_data["workspace"])
        _token, plain = api_token_create(
            user=request.user, workspace=workspace, name=form.cleaned_data["name"],
            days=form.cleaned_data["days"],
        )  # fmt: skip
        # Redirected, so a reload makes no second token; the text waits in the session for
        # the next page only, which takes it out: shown once, as the page says.
        request.session[NEW_TOKEN] = plain
        return redirect("api_tokens:list")
    if request.method == "GET":
        plain = request.session.pop(NEW_TOKEN, None)
    tokens = ApiToken.objects.filter(user=request.user).select_related("workspace")  # type: ignore[misc]
    context = {"form": form, "tokens": tokens, "plain": plain, "now": timezone.now()}
    response = render(request, "api/tokens.html", context)
    add_never_cache_headers(response)  # the back button never shows a secret again
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token)
    messages.success(request, _("Token revoked."))
    return redirect("api_tokens:list")
