"""Bearer-token authentication: a token acts as its user, in its workspace, with their role."""

import datetime as dt
from contextlib import suppress

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from aftercast.api.models import ApiToken
from aftercast.api.services import hash_token
from aftercast.core.models import Membership

# Writing last_used_at on every request would turn each read into a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = (
            ApiToken.objects.select_related("user", "workspace")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
            .first()
        )
        if found is None:
            return None
        membership = Membership.objects.filter(user=found.user, workspace=found.workspace).first()
        if membership is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
            # A bookkeeping write must never fail the request it rides on (SQLite may be busy
            # with an import's batch): the next request records the use instead.
            with suppress(OperationalError):
                ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.membership = membership  # type: ignore[attr-defined]
        return found


def workspace_of(request: HttpRequest):
    """Return the workspace of the token that authenticated this request."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return token.workspace


def writer_workspace(request: HttpRequest):
    """Return the token's workspace, or refuse when its user may only read there."""
    if not request.membership.can_write:  # type: ignore[attr-defined]
        raise PermissionDenied("read-only member")
    return workspace_of(request)
