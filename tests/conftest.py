"""Shared people: alice owns the workspace, bob edits, vera only reads, charlie is an outsider."""

import pytest

from aftercast.core.models import Role
from tests import factories


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
