"""Personal API tokens: created in the UI, shown once, stored as a SHA-256 hash."""

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from aftercast.api.models import ApiToken
from aftercast.core.models import Membership, Workspace

TOKEN_PREFIX = "ac_"


def hash_token(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, user, workspace: Workspace, name: str, days: int | None = None
) -> tuple[ApiToken, str]:
    """Create a token acting as `user` in `workspace`, valid for `days` (None: until revoked);
    return it and its text, shown once."""
    if not Membership.objects.filter(user=user, workspace=workspace).exists():
        raise PermissionDenied("not a member")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        workspace=workspace,
        name=name,
        prefix=plain[:10],
        token_hash=hash_token(plain),
        expires_at=timezone.now() + dt.timedelta(days=days) if days else None,
    )
    token.full_clean()
    token.save()
    return token, plain


def revoke_tokens_of(user, workspace: Workspace | None = None) -> int:
    """Revoke every open token of `user` (in `workspace`, or everywhere): their password
    changed, or they left the workspace."""
    found = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if workspace is not None:
        found = found.filter(workspace=workspace)
    return found.update(revoked_at=timezone.now())


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
