"""A market's health, the health rules and the creators' results links, through the API and
the `aftercast health` command."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from aftercast.checkins.models import ResultsLink
from tests.api.test_planning_api import send, tokens  # noqa: F401 (a fixture)
from tests.checkins.test_creators_and_charts import seeds_case


def test_the_api_reads_paces_and_each_creators_signals(client, workspace, tokens):  # noqa: F811
    campaign, piece, anna, olga = seeds_case(workspace)
    path = f"/campaigns/{campaign.slug}/markets/ru/health"
    body = send(client, "get", path + "?creators=true", tokens["viewer"]).json()
    (pace,) = body["paces"]
    assert pace["metric"] == "conversions" and pace["verdict"] == "act"
    assert pace["low"] <= pace["expected"] <= pace["high"] and pace["target"] == 300
    rows = {row["partnership"]: row for row in body["creators"]}
    assert rows[anna.pk]["signals"]["focus"]["severity"] == "act"
    assert rows[olga.pk]["signals"]["focus"]["severity"] == "ok"
    lean = send(client, "get", path, tokens["viewer"]).json()
    assert lean["creators"] == [] and lean["flags"]
    assert send(client, "get", path, tokens["outsider"]).status_code == 404


def test_the_api_sets_rules_by_role_and_refuses_in_the_readers_language(client, workspace, tokens):  # noqa: F811
    assert (
        send(client, "get", "/health-rules", tokens["viewer"]).json()["negative_act_percent"] == 30
    )
    change = {"negative_watch_percent": 20, "playbook": {"late_posts": ["Call them"]}}
    assert send(client, "put", "/health-rules", tokens["viewer"], change).status_code == 403
    saved = send(client, "put", "/health-rules", tokens["editor"], change).json()
    assert saved["negative_watch_percent"] == 20 and saved["negative_act_percent"] == 30
    assert saved["playbook"]["late_posts"] == ["Call them"] and saved["own_playbook"] == [
        "late_posts"
    ]
    more = {"playbook": {"wrong_metric": ["Re-brief by phone"]}}
    kept = send(client, "put", "/health-rules", tokens["editor"], more).json()
    assert kept["own_playbook"] == ["late_posts", "wrong_metric"]  # a second entry keeps the first
    back = send(client, "put", "/health-rules", tokens["editor"], {"playbook": {"late_posts": []}})
    assert back.json()["own_playbook"] == ["wrong_metric"]
    refused = send(client, "put", "/health-rules", tokens["editor"],
                   {"late_watch_percent": 80, "late_act_percent": 10}, "ru")  # fmt: skip
    assert refused.status_code == 422 and "Действовать" in json.dumps(
        refused.json(), ensure_ascii=False
    )
    assert (
        send(client, "get", "/health-rules", tokens["outsider"]).json()["negative_watch_percent"]
        == 15
    )


def test_the_api_shares_and_revokes_a_creators_results_link(client, workspace, tokens):  # noqa: F811
    campaign, piece, anna, olga = seeds_case(workspace)
    path = f"/campaigns/{campaign.slug}/markets/ru/creators/{anna.pk}/results-link"
    assert send(client, "post", path, tokens["viewer"], {}).status_code == 403
    made = send(client, "post", path, tokens["editor"], {"days": 7})
    assert made.status_code == 201
    url = made.json()["url"]
    assert "/results/" in url and client.get(url).status_code == 200
    too_long = send(client, "post", path, tokens["editor"], {"days": 365})
    assert too_long.status_code == 422
    link_id = made.json()["id"]
    revoked = send(client, "post", f"/results-links/{link_id}/revoke", tokens["editor"])
    assert revoked.json()["revoked_at"] and client.get(url).status_code == 410
    other = f"/campaigns/{campaign.slug}/markets/ru/creators/{anna.pk}/results-link"
    assert send(client, "post", other, tokens["outsider"], {}).status_code == 404
    assert ResultsLink.objects.count() == 1


def test_the_cli_prints_health_for_scripts_and_people(workspace):
    campaign, piece, anna, olga = seeds_case(workspace)
    out = StringIO()
    call_command("health", campaign.slug, workspace=workspace.slug, creators=True, json=True,
                 stdout=out)  # fmt: skip
    (report,) = json.loads(out.getvalue())
    assert report["market"] == "RU" and len(report["creators"]) == 2
    text = StringIO()
    call_command("health", campaign.slug, workspace=workspace.slug, language="ru", stdout=text)
    assert "работают не на ту метрику" in text.getvalue()
    with pytest.raises(CommandError, match="US"):
        call_command("health", campaign.slug, workspace=workspace.slug, market="US")
    with pytest.raises(CommandError):
        call_command("health", "nope", workspace=workspace.slug)
