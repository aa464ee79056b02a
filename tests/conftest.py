"""Shared people: alice owns the workspace, bob edits, vera only reads, charlie is an outsider."""

import pytest
from hypothesis import HealthCheck, settings

from aftercast.campaigns.models import Deliverable
from aftercast.core.models import Role
from tests import factories

# A busy two-core machine runs examples slowly: timing is never what these tests check.
settings.register_profile(
    "aftercast", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("aftercast")


@pytest.fixture
def alice(db):
    return factories.user("alice")


@pytest.fixture
def bob(db):
    return factories.user("bob")


@pytest.fixture
def vera(db):
    return factories.user("vera")


@pytest.fixture
def charlie(db):
    return factories.user("charlie")


@pytest.fixture
def workspace(alice, bob, vera):
    return factories.workspace("Acme", {alice: Role.OWNER, bob: Role.EDITOR, vera: Role.VIEWER})


@pytest.fixture
def other_workspace(charlie):
    return factories.workspace("Rival", {charlie: Role.OWNER})


@pytest.fixture
def campaign(workspace):
    return factories.campaign(workspace)


@pytest.fixture
def rival_campaign(other_workspace):
    return factories.campaign(other_workspace, name="Rival secret launch")


@pytest.fixture
def posts(workspace, campaign):
    """Posts with links, and a creator keyed by handle, for the import tests."""
    ru = campaign.markets.get(market__code="RU")
    us = campaign.markets.get(market__code="US")
    ru_link = factories.partnership(ru, factories.creator(workspace))
    us_link = factories.partnership(us, factories.creator(workspace, "Jake Miller", code="US"))
    steady = factories.partnership(us, factories.creator(workspace, "Steady One", code="US"))
    steady.account.handle = "steady.one"
    steady.account.save()
    made = {}
    for key, link, url in [
        ("ru", ru_link, "https://instagram.example/p/ru-1"),
        ("us", us_link, "https://tiktok.example/p/us-1"),
    ]:
        post = factories.deliverable(link)
        Deliverable.objects.filter(pk=post.pk).update(url=url)
        made[key] = post
    Deliverable.objects.create(
        workspace=workspace,
        partnership=ru_link,
        format="post",
        planned_at=made["ru"].planned_at,
        url="https://vk.example/p/ru-1",
    )
    return {**made, "steady": steady}


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Each test starts in English: a request in Russian leaves its language active in the
    thread (as it should for the rest of that request), which must not leak into the next."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


def pytest_terminal_summary(terminalreporter):
    """Measurements tests record (`record_property`), shown after the run: with several workers
    a test's own output would be lost."""
    lines = [
        f"{name}: {value}"
        for report in terminalreporter.stats.get("passed", [])
        for name, value in report.user_properties
        if name in {"sentiment", "relevance"}
    ]
    if lines:
        terminalreporter.section("measured")
        for line in sorted(lines):
            terminalreporter.write_line(line)
