"""The API answers with the token's workspace only; errors are JSON in the request's language."""

import json

import pytest
from django.urls import reverse

from aftercast.api.models import ApiToken
from aftercast.api.services import api_token_create, api_token_revoke, hash_token
from tests import factories


@pytest.fixture
def token(alice, workspace):
    return api_token_create(user=alice, workspace=workspace, name="BI")[1]


def call(client, path, token=None, language="en"):
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.get(f"/api/v1{path}", **headers)


def test_the_token_is_stored_hashed_not_plain(alice, workspace):
    stored, plain = api_token_create(user=alice, workspace=workspace, name="BI")
    assert plain.startswith("ac_") and len(plain) > 40
    assert stored.token_hash == hash_token(plain)
    assert plain not in {stored.token_hash, stored.prefix}
    assert plain.startswith(stored.prefix)


def test_it_rejects_a_missing_token_in_the_readers_language(client, workspace):
    english = call(client, "/markets")
    russian = call(client, "/markets", language="ru")
    assert english.status_code == russian.status_code == 401
    assert english.json() == {"detail": "A valid API token is required.", "code": "unauthenticated"}
    assert russian.json()["code"] == "unauthenticated"
    assert russian.json()["detail"] != english.json()["detail"]


def test_an_unknown_language_gets_english_errors(client, workspace):
    response = call(client, "/markets", language="xx")
    assert response.json()["detail"] == "A valid API token is required."


def test_it_rejects_a_revoked_token(client, alice, workspace):
    stored, plain = api_token_create(user=alice, workspace=workspace, name="BI")
    assert call(client, "/markets", plain).status_code == 200
    api_token_revoke(token=stored)
    assert call(client, "/markets", plain).status_code == 401


def test_it_rejects_a_token_whose_user_left_the_workspace(client, bob, workspace):
    _stored, plain = api_token_create(user=bob, workspace=workspace, name="BI")
    workspace.memberships.filter(user=bob).delete()
    assert call(client, "/markets", plain).status_code == 401


def test_it_lists_markets_and_the_metric_registry(client, token):
    codes = {market["code"] for market in call(client, "/markets", token).json()}
    assert {"RU", "US", "KZ"} <= codes
    metrics = {m["key"]: m for m in call(client, "/metrics", token).json()}
    assert metrics["cpa"]["higher_is_better"] is False
    assert metrics["er_reach"]["unit"] == "ratio"


def test_campaigns_are_the_tokens_workspaces_only(client, token, campaign, rival_campaign):
    body = call(client, "/campaigns", token).json()
    assert body["count"] == 1
    assert [item["slug"] for item in body["items"]] == [campaign.slug]


def test_another_workspaces_campaign_answers_404_as_json(client, token, rival_campaign):
    response = call(client, f"/campaigns/{rival_campaign.slug}", token, language="ru")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_another_workspaces_creator_answers_404(client, token, other_workspace):
    stranger = factories.creator(other_workspace, name="John Doe", code="US")
    assert call(client, f"/creators/{stranger.pk}", token).status_code == 404


def test_a_campaign_carries_its_numbers_per_market(client, token, workspace, campaign):
    ru = campaign.markets.get(market__code="RU")
    link = factories.partnership(ru, factories.creator(workspace, followers=200_000))
    factories.observe(link, "reach", 100_000)
    factories.observe(link, "likes", 5_000)
    body = call(client, f"/campaigns/{campaign.slug}", token).json()
    russia = next(m for m in body["markets"] if m["market"] == "RU")
    assert russia["currency"] == "RUB"
    assert russia["metrics"]["er_reach"] == pytest.approx(0.05)
    assert russia["metrics"]["er_followers"] == pytest.approx(0.025)
    assert russia["metrics"]["conversion_rate"] is None


def test_creators_are_paginated_and_filtered(client, token, workspace):
    for index in range(5):
        factories.creator(workspace, name=f"Creator {index}", followers=20_000 * (index + 1))
    page = call(client, "/creators?limit=2&offset=0", token).json()
    assert page["count"] == 5 and len(page["items"]) == 2
    micro = call(client, "/creators?tier=micro", token).json()
    assert {c["tier"] for c in micro["items"]} == {"micro"}


def test_invalid_parameters_are_a_translated_422(client, token):
    response = call(client, "/creators?limit=abc", token, language="ru")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_the_openapi_document_lists_the_endpoints(client):
    document = json.loads(client.get("/api/v1/openapi.json").content)
    assert {"/api/v1/markets", "/api/v1/campaigns", "/api/v1/creators"} <= set(document["paths"])


def test_the_docs_page_works_offline(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn." not in page and "https://" not in page


@pytest.mark.parametrize("who", ["alice", "bob", "vera"])
def test_every_member_manages_their_own_tokens(client, workspace, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    page = client.post(
        reverse("api_tokens:list"), {"name": "Sheets", "workspace": workspace.pk}, follow=True
    )
    assert page.status_code == 200
    created = ApiToken.objects.get(user=user)
    assert created.prefix in page.content.decode()
    client.post(reverse("api_tokens:revoke", args=[created.pk]))
    created.refresh_from_db()
    assert created.revoked_at is not None


def test_nobody_revokes_someone_elses_token(client, alice, charlie, workspace, other_workspace):
    stored, _plain = api_token_create(user=alice, workspace=workspace, name="BI")
    client.force_login(charlie)
    assert client.post(reverse("api_tokens:revoke", args=[stored.pk])).status_code == 404


def test_a_token_cannot_be_made_for_a_workspace_one_is_not_in(client, charlie, workspace):
    factories.workspace("Own", {charlie: "owner"})
    client.force_login(charlie)
    client.post(reverse("api_tokens:list"), {"name": "Sneaky", "workspace": workspace.pk})
    assert not ApiToken.objects.filter(user=charlie).exists()
