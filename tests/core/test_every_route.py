"""Checks over every route, read from the URL conf and the OpenAPI schema, so a route added
tomorrow is covered without being listed here:
- every page refuses a POST without a CSRF token (none is exempt by accident);
- every API operation refuses a request without a token;
- an outsider reaching any page with another workspace's identifiers never sees its data."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from aftercast.core.models import Membership, Role
from tests import factories

SECRET = "Zanzibar secret launch"
# Routes whose POST is not a form of the app: Django's admin login (its own CSRF), the API
# (token auth, no cookies), the language switch before login.
NOT_FORMS = ("admin", "api")


def _patterns(resolver=None, prefix: str = "", namespace: str = ""):
    """(route text, full name, parameter names) of every named URL pattern."""
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            space = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from _patterns(item, prefix + str(item.pattern), space)
        elif isinstance(item, URLPattern) and item.name:
            route = prefix + str(item.pattern)
            yield route, f"{namespace}{item.name}", re.findall(r"<(?:\w+:)?(\w+)>", route)


def _app_routes():
    return [(route, name, params) for route, name, params in _patterns()
            if not route.startswith(NOT_FORMS)]  # fmt: skip


def _url(name: str, params: list[str], values: dict) -> str | None:
    try:
        return reverse(name, kwargs={p: values.get(p, "1") for p in params})
    except Exception:  # a converter refusing the stand-in value: try the next set
        return None


def test_every_page_refuses_a_post_without_a_csrf_token(db, alice, workspace):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    checked = []
    for _route, name, params in _app_routes():
        url = _url(name, params, {"which": "campaigns", "kind": "csv", "what": "study"})
        if url is None:
            continue
        response = client.post(url, {"anything": "1"})
        assert response.status_code in (403, 405), (name, url, response.status_code)
        checked.append(name)
    assert len(checked) > 80  # the whole app, not a corner of it


def test_every_api_operation_needs_a_token(client, db):
    from aftercast.api.api import api

    schema = api.get_openapi_schema()
    checked = 0
    for path, operations in schema["paths"].items():
        url = re.sub(r"\{[^}]+\}", "1", path)  # the schema's paths carry /api/v1
        for method in operations:
            response = getattr(client, method)(url, content_type="application/json")
            assert response.status_code == 401, (method, path, response.status_code)
            checked += 1
    assert checked > 30


@pytest.fixture
def secret_world(alice, workspace):
    return one_of_everything(alice, workspace)


def one_of_everything(alice, workspace):
    """One of everything a workspace holds, named with SECRET, and a creator's story."""
    from aftercast.debriefs.services import start_debrief
    from aftercast.learnings.services import create_learning
    from aftercast.reports.services import generate_case_study
    from tests.debriefs.test_starting import finished_contrast_campaign

    campaign = finished_contrast_campaign(workspace, markets=("RU", "US"))
    campaign.name = SECRET
    campaign.save()
    person = factories.creator(workspace, SECRET + " creator")
    factories.partnership(campaign.markets.get(market__code="RU"), person)
    start_debrief(campaign)
    create_learning(workspace=workspace, user=alice, statement_en=SECRET + " rule")
    generate_case_study(campaign, audience="both")
    return campaign


def _secret_keys(workspace_id: int) -> list[int]:
    """The primary keys of every object the secret workspace holds (whatever the database's
    sequences reached in earlier tests)."""
    from django.apps import apps

    from aftercast.core.models import WorkspaceOwned

    keys: set[int] = set()
    for model in apps.get_models():
        if issubclass(model, WorkspaceOwned):
            keys.update(model._default_manager.filter(workspace_id=workspace_id)
                        .values_list("pk", flat=True)[:20])  # fmt: skip
    return sorted(keys)[:60]


def _sweep(client: Client, secret_world) -> tuple[int, list[str]]:
    """GET every page with the secret objects' identifiers in its parameters: how many pages
    were asked, and those that showed the secret."""
    from aftercast.campaigns.models import CampaignMarket

    codes = list(CampaignMarket.objects.values_list("market__code", flat=True).distinct())
    numbers = _secret_keys(secret_world.workspace_id)
    candidates = {
        "slug": [secret_world.slug], "code": codes, "market": codes,
        "which": ["campaigns", "learnings", "actions", "benchmarks"], "kind": ["csv", "xlsx"],
        "what": ["study", "results"],
    }  # fmt: skip
    seen, showing = 0, []
    for _route, name, params in _app_routes():
        if "token" in params:
            continue  # public pages: reached only through a signed token (their own tests)
        for number in numbers:
            values = {p: candidates[p][number % len(candidates[p])] if p in candidates
                      else str(number) for p in params}  # fmt: skip
            url = _url(name, params, values)
            if url is None:
                continue
            response = client.get(url)
            seen += 1
            if response.status_code == 200 and SECRET in response.content.decode(
                "utf-8", "replace"
            ):
                showing.append(url)
            if not params:
                break
    return seen, showing


def test_an_outsider_never_sees_another_workspaces_data_on_any_page(
    db, secret_world, alice, charlie
):
    outsider = factories.workspace("Outsiders")
    Membership.objects.create(workspace=outsider, user=charlie, role=Role.OWNER)
    client = Client()
    client.force_login(alice)  # the sweep reaches the secret: its owner sees it on many pages
    seen, showing = _sweep(client, secret_world)
    assert seen > 300 and len(showing) > 10
    client.force_login(charlie)
    seen, showing = _sweep(client, secret_world)
    assert showing == []
