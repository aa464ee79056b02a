"""Every Aftercast model is in the Django admin, and its list page opens."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse


def aftercast_models():
    return [m for m in apps.get_models() if m.__module__.startswith("aftercast.")]


def test_every_model_is_registered():
    missing = [m._meta.label for m in aftercast_models() if not admin.site.is_registered(m)]
    assert not missing


@pytest.mark.django_db
def test_every_admin_list_opens(client, campaign):
    root = get_user_model().objects.create_superuser("root", "root@example.com", "pw-123456")
    client.force_login(root)
    for model in aftercast_models():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
