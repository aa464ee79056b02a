"""What the debrief page lets an editor add, the API offers too: answers by question key, events
on the campaign, action items and their status, qualitative findings, draft rules; a viewer's
token is refused every write."""

from aftercast.debriefs.services import start_debrief
from tests.api.test_planning_api import send, tokens  # noqa: F401 (a fixture)
from tests.debriefs.test_computing import contrast_campaign


def test_an_editor_fills_a_debrief_through_the_api(client, workspace, tokens):  # noqa: F811
    counts = {"RU": ((300, 10_000), (390, 10_000)), "US": ((300, 10_000), (390, 10_000))}
    campaign = contrast_campaign(workspace, counts)
    debrief = start_debrief(campaign)
    editor, viewer = tokens["editor"], tokens["viewer"]
    base = f"/debriefs/{debrief.pk}"
    (first, *_rest) = send(client, "get", "/debrief-questions", viewer, language="ru").json()
    assert first == {"key": "goal_understood", "group": "Взаимодействие",
                     "text": "Все ли понимали цель?"}  # fmt: skip
    given = {"who": "bob", "answers": {"goal_understood": "Yes, conversions."}}
    answered = send(client, "post", f"{base}/answers", editor, given)
    assert answered.json() == {"named": ["bob"]}  # an answer given in a person's name is flagged
    assert send(client, "post", f"{base}/answers", editor,
                {"who": "Brand team", "answers": {}}).status_code == 422  # fmt: skip
    event = send(client, "post", f"/campaigns/{campaign.slug}/events", editor,
                 {"happened_on": str(campaign.starts_on), "kind": "tracking",
                  "description": "Pixel missing on the RU landing page"})  # fmt: skip
    assert event.status_code == 201
    wrong_kind = send(client, "post", f"/campaigns/{campaign.slug}/events", editor,
                      {"happened_on": str(campaign.starts_on), "kind": "gossip",
                       "description": "?"})  # fmt: skip
    assert wrong_kind.status_code == 422
    action = send(
        client,
        "post",
        f"{base}/actions",
        editor,
        {"description": "Test links before launch", "owner": "RU market team"},
    ).json()
    done = send(client, "post", f"/actions/{action['id']}/done", editor, {"done": True}).json()
    assert done["done"] is True
    finding = send(client, "post", f"{base}/findings", editor,
                   {"statement": "Creators rewrote the scripts", "market": "ru"})  # fmt: skip
    assert finding.status_code == 201
    assert send(client, "post", f"{base}/findings", editor,
                {"statement": "x", "market": "DE"}).status_code == 404  # fmt: skip
    (rule_id,) = send(client, "post", f"{base}/propose", editor).json()
    shown = send(client, "get", base, viewer).json()
    assert [e["kind"] for e in shown["timeline"]] == ["tracking"]
    assert shown["action_items"][0]["done"] is True
    assert shown["answers"][0]["answers"] == [{"who": "bob", "answer": "Yes, conversions."}]
    assert "Creators rewrote the scripts" in [f["headline"] for f in shown["findings"]]
    assert isinstance(rule_id, int)
    for path, body in ((f"{base}/answers", {"who": "x", "answers": {"goal_understood": "y"}}),
                       (f"{base}/actions", {"description": "x"}), (f"{base}/propose", None),
                       (f"{base}/recompute", None)):  # fmt: skip
        assert send(client, "post", path, viewer, body).status_code == 403
