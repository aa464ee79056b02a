"""A changed password revokes the user's API tokens: whoever changed it (the user, an admin
after a leak) means to shut out what the old one could reach."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save

from aftercast.api.services import revoke_tokens_of


def _remember_password(sender, instance, **kwargs):
    if instance.pk:
        before = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
        instance._password_changed = before is not None and before != instance.password


def _revoke_after_change(sender, instance, created, **kwargs):
    if not created and getattr(instance, "_password_changed", False):
        revoke_tokens_of(instance)
        instance._password_changed = False


def connect() -> None:
    user = get_user_model()
    pre_save.connect(_remember_password, sender=user, dispatch_uid="api-token-password-before")
    post_save.connect(_revoke_after_change, sender=user, dispatch_uid="api-token-password-after")
