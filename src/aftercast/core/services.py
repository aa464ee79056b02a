"""Writes about users and workspaces."""

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aftercast.core.middleware import supported_language
from aftercast.core.models import Invitation, Membership, Role, UserProfile, Workspace


def profile_of(user) -> UserProfile:
    profile, _created = UserProfile.objects.get_or_create(user=user)
    return profile


def user_set_language(*, user, language: str) -> str:
    """Remember the user's language (unknown codes become English) and return it."""
    language = supported_language(language)
    if user.is_authenticated:
        profile = profile_of(user)
        profile.language = language
        profile.save(update_fields=["language"])
    return language


def user_switch_workspace(*, user, workspace_id: int) -> Workspace:
    membership = Membership.objects.select_related("workspace").get(
        user=user, workspace_id=workspace_id
    )
    profile = profile_of(user)
    profile.current_workspace = membership.workspace
    profile.save(update_fields=["current_workspace"])
    return membership.workspace


@transaction.atomic
def membership_add(*, workspace: Workspace, username: str, role: str, invited_by=None) -> bool:
    """Keep a place in the workspace for `username`, taken at their next login. A member
    already in it gets the role now (the owner sees them listed anyway); for anyone else the
    answer is the same whether or not the account exists, so adding members reveals no
    username. True when a member's role was changed."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    username = username.strip()
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise ValidationError(_("A username has letters, digits and @ . + - _ only.")) from None
    member = Membership.objects.filter(workspace=workspace, user__username=username).first()
    if member is not None:
        membership_change_role(membership=member, role=role)
        return True
    Invitation.objects.update_or_create(
        workspace=workspace, username=username,
        defaults={"role": role, "invited_by": invited_by},
    )  # fmt: skip
    return False


def accept_invitations(user) -> list[Workspace]:
    """The workspaces kept for this user's username, joined now (called at login)."""
    joined = []
    for invitation in Invitation.objects.filter(username=user.get_username()).select_related(
        "workspace"
    ):
        Membership.objects.get_or_create(
            workspace=invitation.workspace, user=user, defaults={"role": invitation.role}
        )
        joined.append(invitation.workspace)
        invitation.delete()
    return joined


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Take a member out of the workspace, keeping at least one owner; their API tokens for
    it are revoked (they stopped working with the membership; now they say so)."""
    from aftercast.api.services import revoke_tokens_of

    if membership.role == Role.OWNER:
        owners = Membership.objects.filter(workspace=membership.workspace, role=Role.OWNER)
        if owners.count() <= 1:
            raise ValidationError(_("A workspace needs at least one owner."))
    revoke_tokens_of(membership.user, membership.workspace)
    membership.delete()


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    """Change a member's role, keeping at least one owner in every workspace."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    if membership.role == Role.OWNER and role != Role.OWNER:
        owners = Membership.objects.filter(workspace=membership.workspace, role=Role.OWNER)
        if owners.count() <= 1:
            raise ValidationError(_("A workspace needs at least one owner."))
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


def user_set_time_zone(*, user, zone: str) -> str:
    """Remember the member's time zone ("" follows the workspace's)."""
    profile = profile_of(user)
    profile.timezone = zone
    profile.full_clean(exclude=["user", "current_workspace", "language"])
    profile.save(update_fields=["timezone"])
    return zone


def workspace_set_time_zone(*, workspace: Workspace, zone: str) -> str:
    workspace.timezone = zone or "UTC"
    workspace.full_clean(exclude=["slug", "name"])
    workspace.save(update_fields=["timezone"])
    return workspace.timezone
