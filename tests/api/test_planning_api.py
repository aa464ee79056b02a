"""Writing a plan through the API: by role, within the token's workspace, refusals as JSON."""

import json
from pathlib import Path

import pytest

from aftercast.api.services import api_token_create
from aftercast.campaigns.models import Campaign
from aftercast.campaigns.plans import read_plan

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "campaign-plan.example.yaml"


@pytest.fixture
def tokens(workspace, other_workspace, bob, vera, charlie):
    return {
        who: api_token_create(user=user, workspace=ws, name="BI")[1]
        for who, user, ws in (
            ("editor", bob, workspace),
            ("viewer", vera, workspace),
            ("outsider", charlie, other_workspace),
        )
    }


def send(client, method, path, token, body=None, language="en"):
    return getattr(client, method)(
        f"/api/v1{path}",
        data=json.dumps(body, default=str) if body is not None else None,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE=language,
    )


CAMPAIGN = {
    "name": "Summer SPF",
    "brand": "Northwind Beauty",
    "campaign_type": "conversion",
    "starts_on": "2027-06-01",
    "ends_on": "2027-06-30",
}


def test_an_editor_plans_through_the_api_and_a_viewer_cannot(client, tokens):
    assert send(client, "post", "/campaigns", tokens["viewer"], CAMPAIGN).status_code == 403
    made = send(client, "post", "/campaigns", tokens["editor"], CAMPAIGN)
    assert made.status_code == 201 and made.json()["slug"] == "summer-spf"
    market = send(
        client, "post", "/campaigns/summer-spf/markets", tokens["editor"], {"market": "US"}
    )
    assert market.status_code == 201
    creator = send(
        client,
        "post",
        "/creators",
        tokens["editor"],
        {
            "name": "Jake",
            "market": "US",
            "accounts": [{"platform": "tiktok", "handle": "@jake", "followers": 40000}],
        },
    )
    assert creator.status_code == 201 and creator.json()["tier"] == "micro"
    link = send(
        client,
        "post",
        "/campaigns/summer-spf/markets/us/partnerships",
        tokens["editor"],
        {"platform": "tiktok", "handle": "jake", "fee": "1500"},
    )
    assert link.status_code == 201
    post = send(
        client,
        "post",
        f"/partnerships/{link.json()['id']}/deliverables",
        tokens["editor"],
        {"format": "reel", "planned_at": "2027-06-06T18:00:00Z"},
    )
    assert post.status_code == 201
    kpi = send(
        client,
        "put",
        "/campaigns/summer-spf/markets/US/brief/kpis/conversion_rate",
        tokens["editor"],
        {"target": "40 %", "minimum": "30 %", "primary": True},
    )
    assert kpi.status_code == 200
    brief = kpi.json()
    assert brief["kpis"][0]["target_text"] == "40.0%"
    assert any("too little history" in line for line in brief["expectations"])
    signed = send(client, "post", "/campaigns/summer-spf/markets/US/brief/sign", tokens["editor"])
    assert signed.json()["status"] == "awaiting"
    ask = send(
        client,
        "post",
        "/campaigns/summer-spf/markets/US/brief/sign-off-requests",
        tokens["editor"],
        {"partnership_id": link.json()["id"]},
    )
    assert ask.status_code == 201 and "/sign/" in ask.json()["url"]
    path = ask.json()["url"].split("testserver", 1)[1]
    assert client.post(path, {"answer": "accept"}).status_code == 200
    brief = send(client, "get", "/campaigns/summer-spf/markets/US/brief", tokens["viewer"]).json()
    assert brief["status"] == "signed"


def test_refusals_are_json_by_field_in_the_readers_language(client, tokens):
    bad = {**CAMPAIGN, "ends_on": "2027-05-01"}
    english = send(client, "post", "/campaigns", tokens["editor"], bad)
    russian = send(client, "post", "/campaigns", tokens["editor"], bad, language="ru")
    assert english.status_code == russian.status_code == 422
    assert english.json()["fields"] == {"ends_on": ["The campaign cannot end before it starts."]}
    assert russian.json()["fields"]["ends_on"] == [
        "Кампания не может закончиться раньше, чем начнётся."
    ]
    assert not Campaign.objects.exists()


def test_another_workspaces_campaign_is_not_found(client, tokens):
    send(client, "post", "/campaigns", tokens["editor"], CAMPAIGN)
    for method, path, body in (
        ("patch", "/campaigns/summer-spf", {"name": "Mine now"}),
        ("post", "/campaigns/summer-spf/markets", {"market": "RU"}),
        ("get", "/campaigns/summer-spf/markets/RU/brief", None),
    ):
        response = send(client, method, path, tokens["outsider"], body)
        assert response.status_code == 404, path
    assert Campaign.objects.get().name == "Summer SPF"


def test_a_whole_plan_loads_or_explains_itself(client, tokens):
    plan = read_plan(EXAMPLE.read_text())
    assert send(client, "post", "/campaign-plans", tokens["viewer"], plan).status_code == 403
    plan["markets"][1]["brief"]["kpis"][0]["target"] = "140 %"
    refused = send(client, "post", "/campaign-plans", tokens["editor"], plan)
    assert refused.status_code == 422 and refused.json()["code"] == "plan_refused"
    assert refused.json()["problems"][0]["where"] == "markets[1].brief.kpis[0].target"
    plan["markets"][1]["brief"]["kpis"][0]["target"] = "3 %"
    made = send(client, "post", "/campaign-plans", tokens["editor"], plan)
    assert made.status_code == 201 and [m["market"] for m in made.json()["markets"]] == ["RU", "US"]


def test_an_account_is_added_to_a_creator_of_the_token_workspace_only(client, tokens):
    made = send(
        client,
        "post",
        "/creators",
        tokens["editor"],
        {"name": "Anna", "market": "RU", "accounts": [{"platform": "instagram", "handle": "anna"}]},
    ).json()
    body = {"platform": "vk", "handle": "anna_vk", "followers": 12400}
    path = f"/creators/{made['id']}/accounts"
    assert send(client, "post", path, tokens["outsider"], body).status_code == 404
    assert send(client, "post", path, tokens["viewer"], body).status_code == 403
    added = send(client, "post", path, tokens["editor"], body)
    assert added.status_code == 201 and len(added.json()["accounts"]) == 2
    again = send(client, "post", path, tokens["editor"], body)
    assert again.status_code == 422


def test_null_leaves_a_field_as_it_was_and_a_nul_character_is_refused(client, tokens):
    send(client, "post", "/campaigns", tokens["editor"], {**CAMPAIGN, "hypothesis_en": "Reels"})
    send(client, "post", "/campaigns/summer-spf/markets", tokens["editor"], {"market": "US"})
    changed = send(
        client, "patch", "/campaigns/summer-spf", tokens["editor"],
        {"name": "Summer SPF 2", "hypothesis_en": None, "hypothesis_ru": None},
    )  # fmt: skip
    assert changed.status_code == 200
    campaign = Campaign.objects.get()
    assert (campaign.name, campaign.hypothesis_en, campaign.hypothesis_ru) == (
        "Summer SPF 2", "Reels", ""
    )  # fmt: skip
    brief = "/campaigns/summer-spf/markets/US/brief"
    schedule = {"posting_schedule": "Tuesdays", "notes": None}
    assert send(client, "patch", brief, tokens["editor"], schedule).status_code == 200
    assert (
        send(client, "patch", brief, tokens["editor"], {"posting_schedule": None}).json()[
            "posting_schedule"
        ]
        == "Tuesdays"
    )
    for language, words in (("en", "NUL character"), ("ru", "NUL")):
        refused = send(
            client, "patch", "/campaigns/summer-spf", tokens["editor"],
            {"name": "Summer\x00SPF"}, language=language,
        )  # fmt: skip
        assert refused.status_code == 422 and words in refused.json()["errors"][0]["msg"]
        assert refused.json()["errors"][0]["loc"] == ["body", "name"]
    assert Campaign.objects.get().name == "Summer SPF 2"


def test_a_body_that_is_not_json_is_a_400_in_the_readers_language(client, tokens):
    for language, words in (("en", "not valid JSON"), ("ru", "JSON")):
        refused = client.post(
            "/api/v1/campaigns", data=b"{name: \xff", content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {tokens['editor']}", HTTP_ACCEPT_LANGUAGE=language,
        )  # fmt: skip
        assert refused.status_code == 400 and refused.json()["code"] == "unreadable"
        assert words in refused.json()["detail"]
    assert not Campaign.objects.exists()


def test_a_campaign_is_removed_and_restored_through_the_api(client, tokens):
    send(client, "post", "/campaigns", tokens["editor"], CAMPAIGN)
    send(client, "post", "/campaigns/summer-spf/markets", tokens["editor"], {"market": "US"})
    assert send(client, "delete", "/campaigns/summer-spf", tokens["viewer"]).status_code == 403
    assert send(client, "delete", "/campaigns/summer-spf", tokens["outsider"]).status_code == 404
    assert send(client, "delete", "/campaigns/summer-spf", tokens["editor"]).status_code == 204
    assert send(client, "get", "/campaigns/summer-spf", tokens["editor"]).status_code == 404
    assert send(client, "get", "/campaigns/summer-spf/markets/US/brief",
                tokens["editor"]).status_code == 404  # fmt: skip
    (removed,) = send(client, "get", "/removed", tokens["viewer"]).json()
    assert (removed["kind"], removed["label"]) == ("campaign", "Summer SPF")
    again = f"/removed/campaign/{removed['id']}/restore"
    assert send(client, "post", again, tokens["viewer"]).status_code == 403
    assert send(client, "post", again, tokens["outsider"]).status_code == 404
    assert send(client, "post", again, tokens["editor"]).json()["restored"] is True
    assert send(client, "get", "/campaigns/summer-spf/markets/US/brief",
                tokens["editor"]).status_code == 200  # fmt: skip
    assert send(client, "get", "/removed", tokens["editor"]).json() == []
