"""Case studies written from the data: every section in each language natively, tables read
from the numbers, what is missing said plainly; exported as PDF (text read back with pypdf),
DOCX (headings and tables read back), HTML and Markdown; from the app, the API and the CLI."""

import io
import json
from io import StringIO

import docx
import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from aftercast.api.services import api_token_create
from aftercast.reports.case_study import case_study_document
from aftercast.reports.models import CaseStudy
from aftercast.reports.render import to_docx, to_markdown, to_pdf
from aftercast.reports.services import generate_case_study
from tests import factories


@pytest.fixture
def running(workspace, campaign):
    """A campaign with creators and numbers in Russia, a brief, and no debrief yet."""
    campaign.hypothesis_en = "Humour sells lip tint"
    campaign.save()
    ru = campaign.markets.get(market__code="RU")
    link = factories.partnership(ru, factories.creator(workspace))
    factories.observe(link, "reach", 120_000)
    factories.observe(link, "likes", 9_000)
    factories.brief(ru, metric="er_reach", target="0.06")
    return campaign


def test_each_section_is_written_in_each_language_and_says_what_is_missing(running):
    study = generate_case_study(running, audience="ru")
    keys = [s["key"] for s in study.sections_en]
    assert keys[:3] == ["hypothesis", "task", "setup"] and "missing" in keys
    en = {s["key"]: s["body"] for s in study.sections_en}
    ru = {s["key"]: s["body"] for s in study.sections_ru}
    assert en["hypothesis"] == "Humour sells lip tint"
    assert ru["hypothesis"].startswith("(написано только на другом языке) Humour")
    assert "Russia: success meant Engagement rate by reach (ERR) of 6" in en["task"]
    assert "no debrief" in en["missing"] and "нет разбора" in ru["missing"]
    assert "United States: no success metric was set in a brief." in en["task"]
    for language in ("en", "ru"):
        text = to_markdown(case_study_document(study, language))
        assert "None" not in text and "nan" not in text.split()
    assert "ERR" in to_markdown(case_study_document(study, "en"))


def test_us_readers_get_outcomes_first(running):
    study = generate_case_study(running, audience="us")
    assert [s["key"] for s in study.sections_en][:2] == ["hypothesis", "outcomes"]


def test_exports_read_back(running):
    study = generate_case_study(running, audience="both")
    pdf = pypdf.PdfReader(io.BytesIO(to_pdf(case_study_document(study, "ru"))))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Гипотеза" in text and "Задача на каждом рынке" in text and "Россия" in text
    word = docx.Document(io.BytesIO(to_docx(case_study_document(study, "en"))))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Hypothesis" in headings and "Creators and mechanics" in headings
    assert word.tables and word.tables[0].rows[0].cells[0].text == "Market"


def test_an_editor_writes_and_exports_one_in_the_app(client, running, bob, vera):
    client.force_login(vera)
    assert client.post(reverse("reports:new"), {"campaign": running.pk}).status_code == 403
    client.force_login(bob)
    response = client.post(reverse("reports:new"), {"campaign": running.pk, "audience": "ru"})
    study = CaseStudy.objects.get()
    assert response.url == reverse("reports:detail", args=[study.pk])
    page = client.get(response.url).content.decode()
    assert "Creators and mechanics" in page and "<table" in page
    for kind, start in (("pdf", b"%PDF"), ("docx", b"PK"), ("md", b"# "), ("html", b"<!DOCTYPE")):
        got = client.get(reverse("reports:export", args=[study.pk, kind]) + "?lang=ru")
        assert got.status_code == 200 and got.content.startswith(start), kind


def test_the_cli_and_the_api_write_and_export(running, workspace, bob, tmp_path, client):
    path = tmp_path / "study.docx"
    call_command("casestudy", running.slug, "--workspace", workspace.slug, "--audience", "us",
                 "--lang", "ru", "--format", "docx", "-o", str(path),
                 stderr=StringIO())  # fmt: skip
    assert path.read_bytes().startswith(b"PK")
    out = StringIO()
    call_command("casestudy", running.slug, "--workspace", workspace.slug, "--audience", "us",
                 "--format", "md", stdout=out)  # fmt: skip
    assert out.getvalue().startswith("# ") and CaseStudy.objects.count() == 1  # reused
    token = api_token_create(user=bob, workspace=workspace, name="BI")[1]
    made = client.post(f"/api/v1/campaigns/{running.slug}/case-studies",
                       json.dumps({"audience": "ru"}), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip
    assert made.status_code == 201
    pdf = client.get(f"/api/v1/case-studies/{made.json()['id']}/export?format=pdf&lang=ru",
                     HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


HOSTILE = '<img src="file:///etc/passwd"> <img src="http://example.com/x.png"> <script>x()</script>'


def test_people_edit_the_text_and_the_tables_stay(client, running, bob, vera):
    study = generate_case_study(running, audience="both")
    url = reverse("reports:sections", args=[study.pk]) + "?lang=ru"
    data = {f"heading_{i}": s["heading"] for i, s in enumerate(study.sections_ru)}
    data |= {f"body_{i}": s["body"] for i, s in enumerate(study.sections_ru)}
    data["body_0"] = "Мы проверяли юмор. " + HOSTILE
    client.force_login(vera)
    assert client.post(url, data).status_code == 403
    client.force_login(bob)
    assert client.post(url, data).status_code == 302
    study.refresh_from_db()
    assert study.sections_ru[0]["body"].startswith("Мы проверяли юмор.")
    assert study.sections_ru[0]["key"] == "hypothesis"
    page = client.get(reverse("reports:detail", args=[study.pk]) + "?lang=ru").content.decode()
    assert "Мы проверяли юмор." in page and "&lt;img src=&quot;file:///etc/passwd" in page
    assert "Блогеры и механика" in page and "<table" in page  # the data's tables stay
    assert "Гипотеза" in page and "Sections (Russian)" in page  # and in the history


def test_hostile_text_is_escaped_and_nothing_is_fetched(running):
    from aftercast.reports import render

    running.hypothesis_en = HOSTILE
    running.save()
    study = generate_case_study(running, audience="us")
    document = case_study_document(study, "en")
    html = render.to_html(document)
    assert '<img src="file' not in html and "&lt;img src=&quot;http://example.com" in html
    assert "\\<script>x()" in render.to_markdown(document)  # Markdown shows it, never runs it
    assert render.to_pdf(document).startswith(b"%PDF")
    for url in ("file:///etc/passwd", "http://example.com/x.png"):
        with pytest.raises(Exception):  # noqa: B017 - WeasyPrint's own refusal
            render.url_fetcher()(url)


def test_a_published_study_is_read_without_an_account_until_revoked_or_expired(
    client, running, bob
):
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.test import Client
    from django.utils import timezone

    from aftercast.reports import sharing

    study = generate_case_study(running, audience="ru")
    with pytest.raises(ValidationError):
        sharing.share_case_study(study)  # a draft is not shared
    client.force_login(bob)
    detail = reverse("reports:detail", args=[study.pk])
    assert "Only a published case study can be shared" in client.get(detail).content.decode()
    study.status = "published"
    study.save()
    assert (
        client.post(reverse("reports:share", args=["study", study.pk]), {"days": "7"}).status_code
        == 302
    )
    link = study.share_links.get()
    url = reverse("shared_case_study", args=[sharing.token_of(link)])
    assert url in client.get(detail).content.decode()
    stranger = Client()
    page = stranger.get(url + "?lang=ru")
    assert page.status_code == 200 and "Блогеры и механика" in page.content.decode()
    pdf = stranger.get(reverse("shared_case_study_file", args=[sharing.token_of(link), "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    assert stranger.get(url[:-5] + "xxxx/").status_code == 404  # a changed token
    link.expires_at = timezone.now() - dt.timedelta(minutes=1)
    link.save()
    assert stranger.get(url).status_code == 410
    link.expires_at = timezone.now() + dt.timedelta(days=1)
    link.save()
    client.post(reverse("reports:revoke_share", args=["study", study.pk, link.pk]))
    closed = stranger.get(url)
    assert closed.status_code == 410 and "no longer shared" in closed.content.decode()


def test_an_empty_workspace_is_told_to_create_a_campaign_first(client, bob, workspace):
    client.force_login(bob)
    page = client.get(reverse("reports:new")).content.decode()
    assert "has no campaign yet" in page and "Campaigns → New campaign" in page
    russian = client.get(reverse("reports:new"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "ещё нет кампаний" in russian
