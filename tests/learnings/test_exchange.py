"""The learnings exchange format: a team moves or merges its knowledge. Export, import into an
empty workspace and export again gives the same file; importing twice changes nothing; a bad
file is refused whole, in the reader's language, and nothing stored is lost. The CLI and the
API offer the same."""

import contextlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from aftercast.api.services import api_token_create
from aftercast.catalog.models import Market, Platform
from aftercast.debriefs.models import Debrief, Finding
from aftercast.learnings import exchange, services
from aftercast.learnings.models import Learning
from tests import factories


def finding(debrief, code, clicks_a, clicks_b, shown=10_000):
    return Finding.objects.create(
        workspace_id=debrief.workspace_id, debrief=debrief, market=Market.objects.get(code=code),
        metric="ctr", value_a=clicks_a / shown, value_b=clicks_b / shown, n_a=shown, n_b=shown,
        effect_rel=clicks_b / clicks_a - 1, p_value=0.001, p_value_adjusted=0.002,
    )  # fmt: skip


@pytest.fixture
def knowledge(workspace, campaign):
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    backed = services.create_learning(
        workspace=workspace, statement_en="High contrast lifts CTR",
        statement_ru="Контраст поднимает CTR", metric="ctr", tiers=["micro"],
        markets=list(Market.objects.filter(code__in=["RU", "US"])),
        platforms=[Platform.objects.get(slug="tiktok")], campaign_types=["conversion"],
        tags=["creative"], findings=[finding(debrief, "RU", 200, 260),
                                     finding(debrief, "US", 300, 380)],
    )  # fmt: skip
    services.update_learning(backed, {"status": "supported"})
    hunch = services.create_learning(
        workspace=workspace, statement_ru="Юмор работает в TikTok", kind="test_again"
    )
    return backed, hunch


def test_export_then_import_elsewhere_then_export_again_is_the_same_file(knowledge, workspace):
    first = exchange.export_learnings(workspace)
    assert first["format"] == "aftercast-learnings" and first["version"] == 1
    backed = first["learnings"][0]
    assert backed["markets"] == ["RU", "US"] and backed["platforms"] == ["tiktok"]
    assert backed["status"] == "supported" and len(backed["evidence"]) == 2
    assert backed["evidence"][0]["campaign"] and backed["evidence"][0]["supports"] is True
    assert first["learnings"][1]["statement_en"] is None
    other = factories.workspace("Elsewhere")
    report = exchange.import_learnings(other, json.dumps(first).encode())
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    again = exchange.export_learnings(other)
    assert again["learnings"] == first["learnings"]
    moved = Learning.objects.get(workspace=other, key=backed["key"])
    # Evidence from another workspace is pooled like the linked findings.
    original = Learning.objects.get(workspace=workspace, key=backed["key"])
    assert moved.pooled_effect == pytest.approx(original.pooled_effect)
    assert moved.confidence == original.confidence and moved.scope_verdict == "holds"
    assert moved.evidence.count() == 0 and len(moved.external_evidence) == 2
    from django.test import Client
    from django.urls import reverse

    reader = factories.user("reader")
    from aftercast.core.models import Membership, Role

    Membership.objects.create(user=reader, workspace=other, role=Role.VIEWER)
    browser = Client()
    browser.force_login(reader)
    page = browser.get(reverse("learnings:detail", args=[moved.pk])).content.decode()
    assert "Evidence from elsewhere" in page and "Seen in 1 campaign and 2 markets." in page
    # Importing the same file again changes nothing.
    report = exchange.import_learnings(other, json.dumps(first).encode())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Learning.objects.filter(workspace=other).count() == 2


def test_importing_into_the_same_workspace_finds_its_own_findings(knowledge, workspace):
    data = exchange.export_learnings(workspace)
    data["learnings"][1]["tags"] = ["humour"]
    report = exchange.import_learnings(workspace, data)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    backed, hunch = knowledge
    hunch.refresh_from_db()
    assert hunch.tags == ["humour"] and backed.external_evidence == []


def test_fields_may_be_null_or_absent_and_a_file_without_keys_imports_once(workspace):
    data = {"format": "aftercast-learnings", "version": 1, "learnings": [
        {"statement_en": "Pinned comments with a code convert", "metric": "conversion",
         "markets": None, "evidence": None},
    ]}  # fmt: skip
    exchange.import_learnings(workspace, data)
    exchange.import_learnings(workspace, data)
    (rule,) = Learning.objects.filter(workspace=workspace)
    assert rule.metric == "conversion_rate" and rule.status == "hypothesis"


BAD_FILES = [
    (b"\xff\xfe{not utf-8", "not UTF-8"),
    (b"{", "not valid JSON"),
    (b'{"format": "something-else"}', "not an Aftercast learnings file"),
    (b'{"format": "aftercast-learnings", "version": 9, "learnings": []}', "Version 9"),
    (
        json.dumps(
            {
                "format": "aftercast-learnings",
                "version": 1,
                "learnings": [
                    {"key": "a", "statement_en": "Fine rule"},
                    {"key": "b", "statement_en": "Bad", "markets": ["XX"], "tiers": ["giant"]},
                ],
            }
        ).encode(),
        "learnings[1].markets",
    ),  # fmt: skip
    (
        json.dumps(
            {
                "format": "aftercast-learnings",
                "version": 1,
                "learnings": [{"key": "c", "statement_en": "Claimed", "status": "supported"}],
            }
        ).encode(),
        "learnings[0].status",
    ),  # fmt: skip
    (
        json.dumps(
            {
                "format": "aftercast-learnings",
                "version": 1,
                "learnings": [{"key": "d", "statement_en": "", "statement_ru": None}],
            }
        ).encode(),
        "learnings[0].statement_en",
    ),  # fmt: skip
]


@pytest.mark.parametrize(("raw", "said"), BAD_FILES)
def test_a_bad_file_is_refused_whole_and_nothing_stored_is_lost(knowledge, workspace, raw, said):
    before = exchange.export_learnings(workspace)["learnings"]
    with pytest.raises(exchange.ExchangeError) as refused:
        exchange.import_learnings(workspace, raw)
    assert said in str(refused.value)
    assert exchange.export_learnings(workspace)["learnings"] == before


def test_refusals_are_said_in_russian():
    from django.utils import translation

    with translation.override("ru"), pytest.raises(exchange.ExchangeError) as refused:
        exchange.read(b"{")
    assert "не является корректным JSON" in str(refused.value)


def test_the_cli_exports_and_imports(knowledge, workspace, tmp_path):
    path = tmp_path / "rules.json"
    call_command("learnings", "export", str(path), "--workspace", workspace.slug,
                 stderr=StringIO())  # fmt: skip
    other = factories.workspace("Elsewhere")
    out = StringIO()
    call_command("learnings", "import", str(path), "--workspace", other.slug, "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"created": 2, "updated": 0, "unchanged": 0}
    path.write_bytes(b"{")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("learnings", "import", str(path), "--workspace", other.slug)


def test_the_api_writes_searches_and_exchanges(client, knowledge, workspace, bob, vera):
    editor = api_token_create(user=bob, workspace=workspace, name="BI")[1]
    viewer = api_token_create(user=vera, workspace=workspace, name="BI")[1]

    def send(method, path, token, body=None):
        return getattr(client, method)(
            f"/api/v1{path}", data=json.dumps(body) if body is not None else None,
            content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}",
        )  # fmt: skip

    new = {"statement_ru": "Промокоды у микроблогеров окупаются", "markets": ["RU"],
           "tiers": ["micro"], "metric": "roas"}  # fmt: skip
    assert send("post", "/learnings", viewer, new).status_code == 403
    created = send("post", "/learnings", editor, new)
    assert created.status_code == 201
    rule = created.json()
    assert rule["statement_en"] is None and rule["confidence_reasons"]
    refused = send("patch", f"/learnings/{rule['id']}", editor, {"status": "supported"})
    assert refused.status_code == 422 and "status" in refused.json()["fields"]
    found = send("get", "/learnings?q=promo+codes+micro+creators+in+Russia", viewer).json()
    assert found["results"][0]["id"] == rule["id"]
    assert {f["kind"] for f in found["filters"]} == {"tier", "market"}
    exported = send("get", "/learnings/export", viewer).json()
    assert len(exported["learnings"]) == 3
    assert send("post", "/learnings/import", editor, exported).json()["unchanged"] == 3
    bad = send("post", "/learnings/import", editor, {"format": "x"})
    assert bad.status_code == 400 and bad.json()["error"]["problems"]
    backed, _hunch = knowledge
    some = backed.findings.first()
    unlinked = send("delete", f"/learnings/{backed.pk}/evidence/{some.pk}", editor).json()
    assert len(unlinked["evidence"]) == 1
    linked = send("post", f"/learnings/{backed.pk}/evidence", editor, {"finding": some.pk})
    assert linked.status_code == 201 and len(linked.json()["evidence"]) == 2


def test_the_list_page_exports_and_an_editor_imports(client, knowledge, workspace, bob, vera):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(vera)
    exported = client.get(reverse("learnings:export"))
    assert exported["Content-Disposition"].startswith('attachment; filename="learnings-')
    assert client.post(reverse("learnings:import")).status_code == 403
    client.force_login(bob)
    other = exchange.export_learnings(workspace)
    other["learnings"][0]["key"] = "copied"
    upload = SimpleUploadedFile("rules.json", json.dumps(other).encode(), "application/json")
    response = client.post(reverse("learnings:import"), {"file": upload})
    assert response.status_code == 302
    assert Learning.objects.filter(workspace=workspace).count() == 3
    broken = SimpleUploadedFile("rules.json", b"{", "application/json")
    page = client.post(reverse("learnings:import"), {"file": broken}, HTTP_ACCEPT_LANGUAGE="ru")
    assert "не является корректным JSON" in page.content.decode()


def test_the_api_edits_the_glossary(client, workspace, bob, vera):
    editor = api_token_create(user=bob, workspace=workspace, name="BI")[1]
    viewer = api_token_create(user=vera, workspace=workspace, name="BI")[1]
    auth = {"content_type": "application/json"}
    body = json.dumps({"concept": "creator", "phrase": "инфлы"})
    assert client.post("/api/v1/learnings/glossary", body, HTTP_AUTHORIZATION=f"Bearer {viewer}",
                       **auth).status_code == 403  # fmt: skip
    added = client.post("/api/v1/learnings/glossary", body, HTTP_AUTHORIZATION=f"Bearer {editor}",
                        **auth)  # fmt: skip
    assert added.status_code == 201
    (creator,) = [row for row in added.json() if row["concept"] == "creator"]
    assert "блогер" in creator["built_in"] and creator["added"][0]["phrase"] == "инфлы"
    again = client.post("/api/v1/learnings/glossary", body, HTTP_AUTHORIZATION=f"Bearer {editor}",
                        **auth)  # fmt: skip
    assert again.status_code == 422 and "phrase" in again.json()["fields"]
    term = creator["added"][0]["id"]
    left = client.delete(f"/api/v1/learnings/glossary/{term}",
                         HTTP_AUTHORIZATION=f"Bearer {editor}")  # fmt: skip
    assert all(not row["added"] for row in left.json())


HOSTILE_VALUES = [None, "", 0, -1, 1.5, True, [], {}, ["x"], {"a": 1}, "<script>", "x" * 10_000]
RULE_FIELDS = [
    "key", "statement_en", "statement_ru", "kind", "status", "markets", "tiers", "platforms",
    "campaign_types", "product_categories", "metric", "dimension", "direction", "tags", "evidence",
]  # fmt: skip
EVIDENCE_FIELDS = ["campaign", "market", "metric", "test", "n_a", "n_b", "value_a", "lift"]


def attempt(workspace, *rules) -> None:
    """Import, accepting a refusal: what must never happen is any other error."""
    data = {"format": "aftercast-learnings", "version": 1, "learnings": list(rules)}
    with contextlib.suppress(exchange.ExchangeError):
        exchange.import_learnings(workspace, json.dumps(data).encode())


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_no_field_value_crashes_the_import(workspace, value):
    for name in RULE_FIELDS:
        attempt(workspace, {"key": "k", "statement_en": "A rule", name: value})
    for name in EVIDENCE_FIELDS:
        entry = {"campaign": "c", "market": "RU", "metric": "ctr", name: value}
        attempt(workspace, {"key": "e", "statement_en": "Rule", "evidence": [entry]})
    with pytest.raises(exchange.ExchangeError):
        exchange.import_learnings(workspace, {"format": "aftercast-learnings", "version": 1,
                                              "learnings": [value]})  # fmt: skip


def test_where_a_problem_is_reads_as_words():
    assert exchange.place_words("learnings[1].markets") == "rule 2, “markets”"
    assert exchange.place_words("learnings[0].evidence[2].n_a") == "rule 1, evidence 3, “n_a”"
    assert exchange.place_words("learnings[4]") == "rule 5"
