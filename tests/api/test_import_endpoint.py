from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from aftercast.api.services import api_token_create
from aftercast.metrics.models import Observation

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def post_file(client, campaign, token, name, language="en", **data):
    return client.post(
        f"/api/v1/campaigns/{campaign.slug}/imports",
        {"file": SimpleUploadedFile(name, (FIXTURES / name).read_bytes()), **data},
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_an_editor_imports_through_the_api(client, campaign, posts, bob, workspace):
    token = api_token_create(user=bob, workspace=workspace, name="ETL")[1]
    dry = post_file(client, campaign, token, "instagram_ru_cp1251.csv", dry_run="true").json()
    assert dry["created"] == 14 and not Observation.objects.exists()
    body = post_file(client, campaign, token, "rejections_ru_utf8.csv").json()
    assert body["rejected"] == 5
    assert {r["code"] for r in body["rejections"]} >= {"formula", "negative", "bad_date"}


def test_a_viewer_cannot_import(client, campaign, posts, vera, workspace):
    token = api_token_create(user=vera, workspace=workspace, name="ETL")[1]
    assert post_file(client, campaign, token, "instagram_ru_cp1251.csv").status_code == 403


def test_an_unreadable_file_is_a_422_in_the_readers_language(
    client,
    campaign,
    posts,
    bob,
    workspace,
):
    token = api_token_create(user=bob, workspace=workspace, name="ETL")[1]
    response = post_file(client, campaign, token, "binary.csv", language="ru")
    assert response.status_code == 422
    assert "двоичные данные" in response.json()["detail"]
