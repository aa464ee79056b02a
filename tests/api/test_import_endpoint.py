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
    assert dry["values"]["created"] == 14 and not Observation.objects.exists()
    body = post_file(client, campaign, token, "rejections_ru_utf8.csv").json()
    assert body["rows"] == {
        "read": 6,
        "imported_whole": 1,
        "imported_in_part": 3,
        "rejected": 2,
        "skipped": 0,
    }
    assert {r["code"] for r in body["rejections"]} >= {"formula", "negative", "bad_date"}


def test_a_viewer_cannot_import(client, campaign, posts, vera, workspace):
    token = api_token_create(user=vera, workspace=workspace, name="ETL")[1]
    assert post_file(client, campaign, token, "instagram_ru_cp1251.csv").status_code == 403


def test_an_unreadable_file_is_a_400_with_the_error_object_in_the_readers_language(
    client,
    campaign,
    posts,
    bob,
    workspace,
):
    token = api_token_create(user=bob, workspace=workspace, name="ETL")[1]
    response = post_file(client, campaign, token, "binary.csv", language="ru")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "binary_file" and "двоичные данные" in error["message"]


def test_a_comments_file_imports_through_the_api_too(client, campaign, posts, bob, workspace):
    token = api_token_create(user=bob, workspace=workspace, name="ETL")[1]
    body = post_file(client, campaign, token, "comments_mixed.csv").json()
    assert body["kind"] == "comments" and body["values"]["created"] == 2
    header_only = post_file(client, campaign, token, "header_only.csv")
    assert header_only.status_code == 400
    assert header_only.json()["error"]["code"] == "header_only"


def test_a_wrong_reading_option_is_a_400_not_a_500(client, campaign, posts, bob, workspace):
    token = api_token_create(user=bob, workspace=workspace, name="ETL")[1]
    response = post_file(client, campaign, token, "instagram_ru_cp1251.csv", encoding="bogus")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_encoding"
    rates = client.post(
        "/api/v1/fx-rates/imports",
        {
            "file": SimpleUploadedFile("r.csv", (FIXTURES / "cbr_usd_rub_cp1251.csv").read_bytes()),
            "base": "U/S",
            "quote": "RUB",
        },
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert rates.status_code == 400 and rates.json()["error"]["code"] == "bad_currency"
