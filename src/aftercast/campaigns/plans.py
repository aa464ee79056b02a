"""A whole campaign plan from a YAML or JSON file, loaded through the planning services.

The format is documented in docs/campaign-plan.md. Everything is checked and written in one
transaction: a plan with any error leaves nothing behind, and every error names where it is
("markets[1].creators[0].handle").
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercast.briefs import services as briefs
from aftercast.briefs import versions
from aftercast.campaigns import services
from aftercast.campaigns.models import Arm, Campaign
from aftercast.catalog.models import CreatorAccount, Market, Platform
from aftercast.catalog.services import AccountSpec, clean_handle, create_creator
from aftercast.core.models import Workspace
from aftercast.metrics.inputs import read_metric_value, read_number, read_share
from aftercast.metrics.registry import METRICS


@dataclass
class PlanErrors(Exception):
    """Every problem of a plan, each as (where, message)."""

    problems: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(f"{where}: {message}" for where, message in self.problems)


def read_plan(text: str) -> dict:
    """Read a plan written in YAML or JSON (JSON is YAML too, but its errors read better)."""
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        raise PlanErrors(
            [("file", _("Not valid YAML or JSON: %(error)s") % {"error": error})]
        ) from None
    if not isinstance(data, dict):
        raise PlanErrors(
            [("file", _("A plan is a mapping with a campaign's name, dates and markets."))]
        )
    return data


class _Reader:
    """Walks a plan, turning each service's refusal into a located problem."""

    def __init__(self, workspace: Workspace, language: str, user=None):
        self.workspace, self.language, self.user = workspace, language, user
        self.problems: list[tuple[str, str]] = []

    def fail(self, where: str, message) -> None:
        self.problems.append((where, str(message)))

    def call(self, where: str, action):
        try:
            return action()
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.error_dict.items():
                    for refusal in errors:
                        self.fail(f"{where}.{name}", " ".join(refusal.messages))
            else:
                for message in error.messages:
                    self.fail(where, message)
            return None

    def entries(self, data: dict, key: str, where: str) -> list[tuple[str, dict]]:
        """The mappings listed under `key`, each with where it is; anything else is a problem."""
        place = f"{where}.{key}" if where else key
        listed = data.get(key) or []
        if not isinstance(listed, list):
            self.fail(place, _("Expected a list."))
            return []
        found = []
        for number, item in enumerate(listed):
            if isinstance(item, dict):
                found.append((f"{place}[{number}]", item))
            else:
                self.fail(f"{place}[{number}]", _("Expected a mapping of keys and values."))
        return found

    def mapping(self, data: dict, key: str, where: str) -> dict:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            self.fail(
                f"{where}.{key}" if where else key, _("Expected a mapping of keys and values.")
            )
            return {}
        return value

    def share(self, value, where: str) -> Decimal | None:
        if value in (None, ""):
            return None
        try:
            return read_share(str(value), self.language)
        except ValidationError as error:
            self.fail(where, " ".join(error.messages))
            return None

    def count(self, value, where: str) -> int:
        if value in (None, ""):
            return 0
        number = self.amount(value, where)
        if number != number.to_integral() or number < 0:
            self.fail(where, _("Expected a whole number."))
            return 0
        return int(number)

    def required(self, data: dict, key: str, where: str):
        value = data.get(key)
        if value in (None, ""):
            self.fail(f"{where}.{key}" if where else key, _("This is required."))
        return value

    def date(self, value, where: str) -> dt.date | None:
        if value in (None, ""):
            return None  # already said to be required
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                where, _("“%(value)s” is not a date (write it as 2027-06-01).") % {"value": value}
            )
            return None

    def moment(self, value, where: str) -> dt.datetime | None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time(12))
        try:
            moment = (
                value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
            )
        except ValueError:
            self.fail(
                where,
                _("“%(value)s” is not a date and time (write it as 2027-06-01T19:00).")
                % {"value": value},
            )
            return None
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)

    def amount(self, value, where: str) -> Decimal:
        if value in (None, ""):
            return Decimal(0)
        try:
            return read_number(str(value), self.language)
        except ValidationError as error:
            self.fail(where, " ".join(error.messages))
            return Decimal(0)


@transaction.atomic
def load_plan(workspace: Workspace, data: dict, *, language: str = "en", user=None) -> Campaign:
    """Create the campaign a plan describes, or raise PlanErrors listing everything wrong."""
    reader = _Reader(workspace, language, user)
    campaign = _campaign(reader, data)
    if campaign is not None:
        arms = _tests(reader, campaign, reader.entries(data, "tests", ""))
        markets = reader.entries(data, "markets", "")
        for where, market in markets:
            _market(reader, campaign, market, where, arms)
        if not markets:
            reader.fail("markets", _("Name at least one market the campaign runs in."))
    if reader.problems:
        raise PlanErrors(reader.problems)  # leaving the atomic block undoes every write
    return campaign  # type: ignore[return-value]


def _campaign(reader: _Reader, data: dict) -> Campaign | None:
    name = reader.required(data, "name", "")
    brand = reader.required(data, "brand", "")
    kind = reader.required(data, "type", "")
    starts = reader.date(reader.required(data, "starts_on", ""), "starts_on")
    ends = reader.date(reader.required(data, "ends_on", ""), "ends_on")
    if reader.problems or starts is None or ends is None:
        return None
    hypothesis = data.get("hypothesis") or {}
    if isinstance(hypothesis, str):
        hypothesis = {"en": hypothesis}
    elif not isinstance(hypothesis, dict):
        reader.fail("hypothesis", _("Expected a mapping of keys and values."))
        return None
    return reader.call(
        "campaign",
        lambda: services.create_campaign(
            workspace=reader.workspace,
            name=str(name),
            brand=str(brand),
            category=str(data.get("category") or ""),
            campaign_type=str(kind),
            starts_on=starts,
            ends_on=ends,
            hypothesis_en=str(hypothesis.get("en", "")),
            hypothesis_ru=str(hypothesis.get("ru", "")),
            status=str(data.get("status", "draft")),
            slug=str(data.get("slug", "")),
            user=reader.user,
        ),
    )


def _tests(reader: _Reader, campaign: Campaign, tests: list[tuple[str, dict]]) -> dict[str, Arm]:
    """Create the tested variants; returns their arms by "Test name: A" and, when there is
    only one test, by "A" too."""
    arms: dict[str, Arm] = {}
    for where, test in tests:
        lift_value = reader.share(test.get("expected_lift"), f"{where}.expected_lift")
        specs = [
            services.ArmSpec(
                str(a.get("label", "")), str(a.get("description", "")), bool(a.get("control"))
            )
            for _place, a in reader.entries(test, "arms", where)
        ]
        variant = reader.call(
            where,
            lambda test=test, specs=specs, lift_value=lift_value: services.add_variant(
                campaign,
                dimension=str(test.get("dimension", "")),
                name=str(test.get("name", "")),
                description=str(test.get("description", "")),
                expected_lift=lift_value,
                arms=specs,
                user=reader.user,
            ),
        )
        if variant is not None:
            for arm in variant.arms.all():
                arms[f"{variant.name}: {arm.label}".lower()] = arm
                if len(tests) == 1:
                    arms[arm.label.lower()] = arm
    return arms


def _market(reader: _Reader, campaign: Campaign, data: dict, where: str, arms) -> None:
    code = str(reader.required(data, "market", where) or "").upper()
    market = Market.objects.filter(code=code).first()
    if market is None:
        if code:
            reader.fail(f"{where}.market", _("Unknown market “%(code)s”.") % {"code": code})
        return
    piece = reader.call(
        where,
        lambda: services.add_market(
            campaign,
            market=market,
            budget=reader.amount(data.get("budget"), f"{where}.budget"),
            currency=str(data.get("currency", "")),
            user=reader.user,
        ),
    )
    if piece is None:
        return
    for place, creator in reader.entries(data, "creators", where):
        _creator(reader, piece, creator, place, arms)
    _brief(reader, piece.brief, reader.mapping(data, "brief", where), f"{where}.brief")


def _creator(reader: _Reader, piece, data: dict, where: str, arms: dict[str, Arm]) -> None:
    platform = Platform.objects.filter(slug=str(data.get("platform", "")).lower()).first()
    if platform is None:
        reader.fail(
            f"{where}.platform",
            _("Name the platform: %(known)s.")
            % {"known": ", ".join(Platform.objects.values_list("slug", flat=True))},
        )
        return
    handle = clean_handle(str(reader.required(data, "handle", where) or ""))
    if not handle:
        return
    account = CreatorAccount.objects.filter(
        workspace=reader.workspace, platform=platform, handle__iexact=handle
    ).first()
    if account is None:
        creator = reader.call(
            where,
            lambda: create_creator(
                workspace=reader.workspace,
                name=str(data.get("name") or handle),
                market=piece.market,
                language=str(data.get("language", "")),
                accounts=[
                    AccountSpec(
                        platform, handle, reader.count(data.get("followers"), f"{where}.followers")
                    )
                ],
            ),
        )
        if creator is None:
            return
        account = creator.accounts.get()
    chosen = []
    for label in data.get("arms") or []:
        arm = arms.get(str(label).lower())
        if arm is None:
            reader.fail(f"{where}.arms", _("No test arm “%(label)s”.") % {"label": label})
        else:
            chosen.append(arm)
    link = reader.call(
        where,
        lambda: services.add_partnership(
            piece,
            account=account,
            fee=reader.amount(data.get("fee"), f"{where}.fee"),
            currency=str(data.get("currency", "")),
            arms=chosen,
            user=reader.user,
        ),
    )
    if link is None:
        return
    for number, (_place, post) in enumerate(reader.entries(data, "posts", where)):
        at = reader.moment(post.get("planned_at"), f"{where}.posts[{number}].planned_at")
        if at is not None:
            reader.call(
                f"{where}.posts[{number}]",
                lambda post=post, at=at: services.add_deliverable(
                    link,
                    format=str(post.get("format", "")),
                    planned_at=at,
                    url=str(post.get("url", "")),
                    user=reader.user,
                ),
            )


def _brief(reader: _Reader, brief, data: dict, where: str) -> None:
    fields = {name: data[name] for name in versions.BRIEF_FIELDS if name in data}
    if isinstance(fields.get("content_specs"), list):
        fields["content_specs"] = "\n".join(str(item) for item in fields["content_specs"])
    days = None
    if "checkins" in data:
        days = [
            d
            for n, raw in enumerate(data["checkins"] or [])
            if (d := reader.date(raw, f"{where}.checkins[{n}]"))
        ]
    if fields or days is not None:
        reader.call(
            where,
            lambda: briefs.update_brief(brief, user=reader.user, data=fields, checkin_dates=days),
        )
    kpis = [kpi for _place, kpi in reader.entries(data, "kpis", where)]
    if kpis and not any(kpi.get("primary") for kpi in kpis):
        reader.fail(
            f"{where}.kpis", _("Mark one KPI as primary: the number this market is judged by.")
        )
    for number, kpi in enumerate(kpis):
        here = f"{where}.kpis[{number}]"
        metric = str(kpi.get("metric", ""))
        if metric not in METRICS:
            reader.fail(f"{here}.metric", _("Unknown metric “%(metric)s”.") % {"metric": metric})
            continue
        values = {}
        for name in ("target", "minimum"):
            if kpi.get(name) in (None, ""):
                continue
            try:
                values[name] = read_metric_value(
                    metric, str(kpi[name]), brief.campaign_market.currency, reader.language
                ).value
            except ValidationError as error:
                reader.fail(f"{here}.{name}", " ".join(error.messages))
        if "target" not in values:
            if kpi.get("target") in (None, ""):
                reader.fail(f"{here}.target", _("This is required."))
            continue
        reader.call(
            here,
            lambda metric=metric, values=values, kpi=kpi: briefs.set_kpi(
                brief,
                user=reader.user,
                metric=metric,
                target=values["target"],
                minimum=values.get("minimum"),
                is_primary=bool(kpi.get("primary")),
            ),
        )
