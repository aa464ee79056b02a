"""A NUL byte in a search or filter is dropped, never a 500 (PostgreSQL refuses it in text)."""

import pytest
from django.urls import reverse

from aftercast.api.services import api_token_create

LISTS = [
    "campaigns:list",
    "catalog:creators",
    "briefs:list",
    "checkins:list",
    "debriefs:list",
    "learnings:list",
    "reports:list",
]


@pytest.mark.parametrize("name", LISTS)
def test_a_nul_byte_in_a_filter_is_not_an_error(client, workspace, campaign, alice, name):
    client.force_login(alice)
    response = client.get(reverse(name), {"q": "spring\x00", "market": "\x00RU", "status": "\x00"})
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/campaigns", "/api/v1/creators"])
def test_a_nul_byte_in_an_api_filter_is_not_an_error(client, workspace, campaign, bob, path):
    token = api_token_create(user=bob, workspace=workspace, name="probe")[1]
    response = client.get(path, {"q": "\x00"}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
