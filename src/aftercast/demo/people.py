"""Demo workspaces, users and creators."""

import random

from django.contrib.auth import get_user_model

from aftercast.catalog.models import Creator, CreatorAccount, Market, Platform
from aftercast.core.models import Membership, Role, UserProfile, Workspace
from aftercast.demo import scenarios, texts

PASSWORD = "aftercast-demo"
DEMO_SLUG = "northwind"
OTHER_SLUG = "other-agency"
USERS = [("demo", Role.OWNER, ""), ("anna", Role.EDITOR, "ru"), ("viewer", Role.VIEWER, "")]


def user(username: str, language: str = ""):
    person, created = get_user_model().objects.get_or_create(username=username)
    if created:
        person.set_password(PASSWORD)
        person.email = f"{username}@example.com"  # the weekly digest goes somewhere
        person.save()
    UserProfile.objects.update_or_create(user=person, defaults={"language": language})
    return person


def workspaces() -> tuple[Workspace, Workspace]:
    """Create the demo workspace with its three people, and another team it cannot see."""
    demo = Workspace.objects.create(name="Northwind Beauty", slug=DEMO_SLUG)
    for username, role, language in USERS:
        Membership.objects.create(workspace=demo, user=user(username, language), role=role)
    other = Workspace.objects.create(name="Other Agency", slug=OTHER_SLUG)
    Membership.objects.create(workspace=other, user=user("other"), role=Role.OWNER)
    return demo, other


def _name(rng: random.Random, market: str) -> tuple[str, str]:
    if market == "US":
        return f"{rng.choice(texts.US_FIRST)} {rng.choice(texts.US_LAST)}", "en"
    if market == "KZ":
        return f"{rng.choice(texts.KZ_FIRST)} {rng.choice(texts.KZ_LAST)}", "ru"
    first, last = rng.choice(texts.RU_FIRST), rng.choice(texts.RU_LAST)
    if first in texts.RU_MALE:
        last = texts.RU_LAST_MALE[last]
    return f"{first} {last}", "ru"


def _handle(rng: random.Random, name: str, taken: set[str]) -> str:
    base = name.split()[0].lower().translate(texts.TRANSLIT)
    while True:
        handle = f"{base}.{rng.choice(texts.HANDLE_WORDS)}{rng.randint(1, 99)}"
        if handle not in taken:
            taken.add(handle)
            return handle


def creators(rng: random.Random, workspace: Workspace, scale: int) -> dict[str, list[Creator]]:
    """Create creators of every tier in every market, each with one to three accounts."""
    platforms = {p.slug: p for p in Platform.objects.all()}
    by_market: dict[str, list[Creator]] = {}
    taken: set[str] = set()
    for code, count in scenarios.CREATORS_PER_MARKET.items():
        market = Market.objects.get(code=code)
        by_market[code] = []
        for index in range(count * scale):
            name, language = _name(rng, code)
            person = Creator.objects.create(
                workspace=workspace, name=name, market=market, language=language
            )
            tier = scenarios.TIER_MIX[index % len(scenarios.TIER_MIX)]
            low, high = scenarios.FOLLOWERS[tier]
            followers = rng.randint(low, high)
            own = scenarios.PLATFORMS_BY_MARKET[code]
            main = own[index % len(own)]
            extra = rng.sample([p for p in own if p != main], k=rng.randint(0, 2))
            for position, slug in enumerate([main, *extra]):
                audience = followers if position == 0 else int(followers * rng.uniform(0.1, 0.6))
                handle = _handle(rng, name, taken)
                CreatorAccount.objects.create(
                    workspace=workspace,
                    creator=person,
                    platform=platforms[slug],
                    handle=handle,
                    followers=audience,
                    url=f"https://{slug}.example/{handle}",
                )
            person.biggest = followers  # type: ignore[attr-defined]
            by_market[code].append(person)
    return by_market


# Who holds the demo's check-ins, and who takes the actions.
CHECKIN_ATTENDEES = {"en": "Emma Brooks, Jake Miller", "ru": "Ольга Петрова, Анна Смирнова"}
CHECKIN_OWNER = {"en": "Emma Brooks", "ru": "Ольга Петрова"}
