"""Build the demo world: deterministic for a seed, scalable for benchmarks."""

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from aftercast.campaigns import services as planning
from aftercast.core.models import Role, Workspace
from aftercast.demo import activity, outcomes, people, reference, scenarios
from aftercast.metrics.models import Comment, Observation

OBSERVATION_BATCH = 5_000


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)


def already_loaded() -> bool:
    return Workspace.objects.filter(slug=people.DEMO_SLUG).exists()


@transaction.atomic
def other_workspaces() -> list[str]:
    """The names of the workspaces that are not the demo's."""
    return list(
        Workspace.objects.exclude(slug__in=[people.DEMO_SLUG, people.OTHER_SLUG])
        .order_by("name")
        .values_list("name", flat=True)
    )


def reset() -> None:
    Workspace.objects.filter(slug__in=[people.DEMO_SLUG, people.OTHER_SLUG]).delete()


@transaction.atomic
def build(*, seed: int = 42, scale: int = 1) -> Workspace:
    """Create the demo workspaces and their data; `scale` multiplies creators and campaigns."""
    rng = random.Random(seed)
    today = timezone.localdate()
    demo, other = people.workspaces()
    pool = people.creators(rng, demo, scale)
    brands = activity.brands(demo)
    reference.fx_rates(rng, demo, today)
    reference.benchmarks(demo)
    markets = activity.markets()
    steady = pool["US"][3]  # the creator who "always converts 1-2%"
    for copy in range(scale):
        for spec in scenarios.SCENARIOS:
            _campaign(rng, demo, spec, brands, pool, markets, steady, copy, today)
    outcomes.learnings(demo, markets)
    _other_team(rng, other, today)
    transaction.on_commit(refresh_planner_statistics)
    return demo


def refresh_planner_statistics() -> None:
    """After a bulk load, let the database plan with the new numbers of rows: with statistics
    of empty tables, PostgreSQL scans every partnership once per campaign on the campaign list
    until autovacuum gets round to it."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _campaign(rng, workspace, spec, brands, pool, markets, steady, copy, today) -> None:
    owner = workspace.memberships.get(role=Role.OWNER).user
    item = activity.campaign(rng, workspace, spec, brands[spec["brand"]], copy, today)
    tested = activity.variant(workspace, item, spec)
    lift = scenarios.ARM_B_CTR_LIFT.get(tested[0], 1.0) if tested else 1.0
    rows, notes = [], []
    for code, told in spec["markets"].items():
        numbers = activity.rerun(told, spec["slug"], copy, code)
        market = markets[code]
        slice_ = planning.add_market(item, market=market)
        activity.brief(rng, workspace, slice_, numbers, spec["status"])
        chosen = steady if spec.get("steady_creator") and code == "US" else None
        links = activity.partnerships(
            rng, workspace, slice_, numbers, pool[code], tested, chosen, spec
        )
        budget = sum((link.fee for link in links), Decimal(0)) * 12 / 10
        planning.update_market(slice_, budget=budget, currency=slice_.currency)
        market_lift = numbers.get("lift", lift)
        for link in links:
            arm_lift = market_lift if tested and link.arms.filter(label="B").exists() else 1.0
            for post in activity.deliverables(rng, workspace, link, tested, today):
                rows += activity.observations(rng, post, numbers, arm_lift, today)
                notes += activity.comments(rng, post)
        # Signed once the plan is complete: a later change would start a new version.
        activity.sign(slice_.brief, owner, spec["status"])
        outcomes.checkin(slice_, today)
        activity.journeys(rng, slice_, links, today)
    Observation.objects.bulk_create(rows, batch_size=OBSERVATION_BATCH)
    Comment.objects.bulk_create(notes, batch_size=OBSERVATION_BATCH)
    if spec["status"] == "finished" and spec.get("debrief", "final"):
        outcomes.debrief(item, spec, owner)
        if copy == 0 and spec["slug"] in {"summer-spf", "holiday-gift-sets"}:
            outcomes.case_study(item)


def _other_team(rng, workspace, today) -> None:
    """A second team with a campaign of its own, so isolation between workspaces can be seen."""
    pool = people.creators(random.Random(rng.random()), workspace, 1)
    brands = activity.brands(workspace)
    spec = {**scenarios.SCENARIOS[4], "slug": "rival-launch", "name": "Rival launch"}
    _campaign(rng, workspace, spec, brands, pool, activity.markets(), None, 0, today)


def summary(workspace: Workspace) -> dict[str, int]:
    from django.apps import apps

    counts = {}
    for label in (
        "campaigns.Campaign",
        "catalog.Creator",
        "campaigns.Partnership",
        "campaigns.Deliverable",
        "metrics.Observation",
        "metrics.Comment",
        "metrics.Journey",
        "briefs.Brief",
        "checkins.CheckIn",
        "debriefs.Debrief",
        "debriefs.Finding",
        "learnings.Learning",
        "reports.CaseStudy",
        "metrics.FxRate",
        "metrics.Benchmark",
    ):
        model = apps.get_model(label)
        counts[model._meta.verbose_name_plural] = model.objects.filter(workspace=workspace).count()
    return counts
