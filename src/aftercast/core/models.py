"""Workspaces, who belongs to them, and the history of edits."""

import zoneinfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


def valid_time_zone(name: str) -> None:
    if name and name not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(name)s” is not a time zone."), params={"name": name})


class Workspace(models.Model):
    """A team: every object a user creates belongs to exactly one workspace."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Times are shown in the member's own zone, else in this one.
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[valid_time_zone]
    )

    class Meta:
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """Gives one user one role in one workspace."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("workspace")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.workspace} ({self.role})"

    @property
    def can_write(self) -> bool:
        return self.role in {Role.OWNER, Role.EDITOR}

    @property
    def can_manage(self) -> bool:
        return self.role == Role.OWNER


class UserProfile(models.Model):
    """Remembers a user's language and the workspace they last worked in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True, default=""
    )
    current_workspace = models.ForeignKey(
        Workspace,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current workspace"),
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        default="",
        validators=[valid_time_zone],
        help_text=_("Empty: the workspace's time zone."),
    )

    class Meta:
        verbose_name = _("user profile")
        verbose_name_plural = _("user profiles")

    def __str__(self) -> str:
        return str(self.user)


class WorkspaceOwned(models.Model):
    """Base for every tenant table: the workspace is the tenant key, deletes are soft."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="+", verbose_name=_("workspace")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class PublicLink(WorkspaceOwned):
    """A page for people without an account (a creator, a brand, a partner): reached through a
    signed token, open until it expires or is revoked, counted each time it is opened. Each
    kind names its token's salt and key (core/links.py), which never change: a token already
    sent keeps working."""

    TOKEN_SALT = ""
    TOKEN_KEY = ""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("created by"),
    )  # fmt: skip
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_opened_at = models.DateTimeField(_("last opened at"), null=True, blank=True)
    times_opened = models.PositiveIntegerField(_("times opened"), default=0)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class EditRecord(models.Model):
    """One edit of a tracked object: who changed which fields from what to what."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Removed")
        RESTORED = "restored", _("Restored")

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="+", verbose_name=_("workspace")
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("object type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("edit record")
        verbose_name_plural = _("edit records")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.content_type} #{self.object_id}"


class LoginFailures(models.Model):
    """Failed logins of one account or one address within a window (core/throttle.py): kept
    in the database, so every app server counts the same attempts."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    failures = models.PositiveIntegerField(_("failures"), default=0)
    window_start = models.DateTimeField(_("window start"), default=timezone.now)

    class Meta:
        verbose_name = _("login failures")
        verbose_name_plural = _("login failures")

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"


class Invitation(models.Model):
    """A place in a workspace kept for a username: taken when someone logs in with it. An
    owner adding a member so learns nothing of which usernames exist."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("workspace")
    )
    username = models.CharField(_("username"), max_length=150)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("invited by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["username"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "username"], name="one_invitation_each")
        ]

    def __str__(self) -> str:
        return f"{self.workspace} · {self.username}"
