from django.http import HttpRequest

from aftercast.core.permissions import current_membership, memberships_of


def workspace(request: HttpRequest) -> dict:
    """Expose the current workspace and the user's role to every template."""
    if not request.user.is_authenticated:
        return {}
    membership = current_membership(request)
    return {
        "membership": membership,
        "current_workspace": membership.workspace if membership else None,
        "can_write": bool(membership and membership.can_write),
        "all_memberships": memberships_of(request.user),
    }
