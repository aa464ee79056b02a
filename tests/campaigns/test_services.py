"""Planning services: what they create, and what they refuse before writing anything."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from aftercast.campaigns import services
from aftercast.campaigns.models import Campaign, CampaignType
from aftercast.catalog.models import Brand
from aftercast.catalog.services import AccountSpec, create_creator
from aftercast.checkins.models import CheckIn
from tests import factories

START = dt.date(2027, 6, 1)


def new_campaign(workspace, name="Летний SPF", **changes):
    values = {
        "workspace": workspace,
        "name": name,
        "brand": Brand.objects.create(workspace=workspace, name="Northwind"),
        "campaign_type": CampaignType.CONVERSION,
        "starts_on": START,
        "ends_on": START + dt.timedelta(days=29),
        **changes,
    }
    return services.create_campaign(**values)


def errors_of(caught) -> dict:
    return caught.value.message_dict


def test_a_campaign_gets_a_readable_unique_address(workspace):
    first = new_campaign(workspace)
    second = new_campaign(workspace)
    assert first.slug == "letnij-spf"
    assert second.slug == "letnij-spf-2"


def test_a_campaign_cannot_end_before_it_starts(workspace):
    with pytest.raises(ValidationError) as caught:
        new_campaign(workspace, ends_on=START - dt.timedelta(days=1))
    assert "ends_on" in errors_of(caught)
    assert not Campaign.objects.filter(workspace=workspace).exists()


def test_a_market_starts_its_brief_and_check_ins_at_30_and_50_percent(workspace):
    campaign = new_campaign(workspace)
    piece = services.add_market(campaign, market=factories.market("RU"), budget=Decimal(500_000))
    assert piece.currency == "RUB"
    assert piece.brief.status == "draft"
    days = sorted(
        CheckIn.objects.filter(campaign_market=piece).values_list("scheduled_on", flat=True)
    )
    assert days == [START + dt.timedelta(days=9), START + dt.timedelta(days=14)]


def test_a_market_is_added_once_and_its_budget_is_not_negative(workspace):
    campaign = new_campaign(workspace)
    services.add_market(campaign, market=factories.market("US"))
    with pytest.raises(ValidationError) as caught:
        services.add_market(campaign, market=factories.market("US"))
    assert "market" in errors_of(caught)
    with pytest.raises(ValidationError) as caught:
        services.add_market(campaign, market=factories.market("RU"), budget=Decimal(-1))
    assert "budget" in errors_of(caught)


def creator_in(piece, name="Anna", platform="instagram", followers=85_000):
    person = create_creator(
        workspace=piece.campaign.workspace,
        name=name,
        market=piece.market,
        accounts=[AccountSpec(factories.platform(platform), f"@{name.lower()}", followers)],
    )
    return services.add_partnership(piece, account=person.accounts.get(), fee=Decimal(1000))


def test_a_post_after_the_end_date_is_refused_and_not_saved(workspace):
    campaign = new_campaign(workspace)
    link = creator_in(services.add_market(campaign, market=factories.market("RU")))
    late = timezone.make_aware(
        dt.datetime.combine(campaign.ends_on + dt.timedelta(days=1), dt.time(12))
    )
    with pytest.raises(ValidationError) as caught:
        services.add_deliverable(link, format="reel", planned_at=late)
    assert "planned_at" in errors_of(caught)
    assert not link.deliverables.exists()


def test_dates_cannot_move_away_from_planned_posts(workspace):
    campaign = new_campaign(workspace)
    link = creator_in(services.add_market(campaign, market=factories.market("RU")))
    at = timezone.make_aware(dt.datetime.combine(START + dt.timedelta(days=20), dt.time(12)))
    services.add_deliverable(link, format="reel", planned_at=at)
    with pytest.raises(ValidationError):
        services.update_campaign(campaign, {"ends_on": START + dt.timedelta(days=10)})
    campaign.refresh_from_db()
    assert campaign.ends_on == START + dt.timedelta(days=29)


def test_moving_the_dates_moves_planned_check_ins_into_the_run(workspace):
    campaign = new_campaign(workspace)
    piece = services.add_market(campaign, market=factories.market("RU"))
    services.update_campaign(
        campaign,
        {"starts_on": START + dt.timedelta(days=40), "ends_on": START + dt.timedelta(days=69)},
    )
    days = list(piece.checkins.values_list("scheduled_on", flat=True))
    assert days and all(campaign.starts_on <= day <= campaign.ends_on for day in days)


def test_a_handle_already_in_the_workspace_is_refused(workspace):
    campaign = new_campaign(workspace)
    piece = services.add_market(campaign, market=factories.market("RU"))
    creator_in(piece, "Anna")
    with pytest.raises(ValidationError) as caught:
        create_creator(
            workspace=workspace,
            name="Someone else",
            market=piece.market,
            accounts=[AccountSpec(factories.platform("instagram"), "ANNA", 10)],
        )
    assert "Anna" in str(caught.value)


def test_a_test_needs_two_labelled_arms_and_one_control(workspace):
    campaign = new_campaign(workspace)
    arm = services.ArmSpec
    for arms in (
        [arm("A", "Low contrast", True)],
        [arm("A", "Low", True), arm("A", "High")],
        [arm("A", "Low"), arm("B", "High")],
        [arm("A", "Low", True), arm("B", "")],
    ):
        with pytest.raises(ValidationError):
            services.add_variant(campaign, dimension="creative_angle", name="Contrast", arms=arms)
    variant = services.add_variant(
        campaign,
        dimension="creative_angle",
        name="Contrast",
        arms=[arm("a", "Low", True), arm("b", "High")],
        expected_lift=Decimal("0.2"),
    )
    assert [(a.label, a.is_control) for a in variant.arms.all()] == [("A", True), ("B", False)]


def test_a_creator_is_in_one_arm_of_each_test_of_their_own_campaign(workspace):
    campaign = new_campaign(workspace)
    other = new_campaign(workspace, name="Other")
    arms = [services.ArmSpec("A", "Low", True), services.ArmSpec("B", "High")]
    mine = services.add_variant(campaign, dimension="cta", name="CTA", arms=arms)
    theirs = services.add_variant(other, dimension="cta", name="CTA", arms=arms)
    link = creator_in(services.add_market(campaign, market=factories.market("RU")))
    with pytest.raises(ValidationError):
        services.update_partnership(
            link, fee=Decimal(1), currency="RUB", status="proposed", arms=list(mine.arms.all())
        )
    with pytest.raises(ValidationError):
        services.update_partnership(
            link, fee=Decimal(1), currency="RUB", status="proposed", arms=[theirs.arms.first()]
        )


def test_a_measured_post_and_a_market_with_creators_are_kept(workspace):
    campaign = new_campaign(workspace)
    piece = services.add_market(campaign, market=factories.market("RU"))
    link = creator_in(piece)
    at = timezone.make_aware(dt.datetime.combine(START, dt.time(12)))
    post = services.add_deliverable(link, format="reel", planned_at=at)
    factories.observe(link, "likes", 10, post=post)
    with pytest.raises(ValidationError):
        services.remove_deliverable(post)
    with pytest.raises(ValidationError):
        services.remove_market(piece)
    assert link.deliverables.count() == 1


def test_archiving_keeps_the_campaign_out_of_the_list_and_back(workspace):
    from aftercast.campaigns.selectors import campaign_list

    campaign = new_campaign(workspace)
    services.archive_campaign(campaign)
    assert campaign not in campaign_list(workspace)
    assert campaign in campaign_list(workspace, archived=True)
    services.restore_campaign(campaign)
    assert campaign in campaign_list(workspace)


def test_a_new_creator_refused_as_a_partner_is_not_left_in_the_catalogue(workspace):
    from aftercast.catalog.models import Creator

    campaign = new_campaign(workspace)
    piece = services.add_market(campaign, market=factories.market("RU"))
    with pytest.raises(ValidationError):
        services.add_new_creator(
            piece,
            name="Half Saved",
            account=AccountSpec(factories.platform("instagram"), "half.saved", 10_000),
            fee=Decimal(-5),
        )
    assert not Creator.objects.filter(name="Half Saved").exists()


def test_a_refused_campaign_leaves_no_brand_behind(workspace):
    with pytest.raises(ValidationError):
        services.create_campaign(
            workspace=workspace,
            name="X",
            brand="Brand Nobody Saw",
            category="Ghost category",
            campaign_type=CampaignType.CONVERSION,
            starts_on=START,
            ends_on=START - dt.timedelta(days=1),
        )
    assert not Brand.objects.filter(name="Brand Nobody Saw").exists()


def test_an_address_typed_in_russian_is_transliterated(workspace):
    assert new_campaign(workspace, slug="Летняя кампания").slug == "letnyaya-kampaniya"
    with pytest.raises(ValidationError):
        new_campaign(workspace, name="Другая", slug="!!!")


def test_a_time_without_a_zone_is_the_readers_own(workspace):
    campaign = new_campaign(workspace)
    link = creator_in(services.add_market(campaign, market=factories.market("RU")))
    post = services.add_deliverable(
        link, format="reel", planned_at=dt.datetime.combine(START, dt.time(19))
    )
    assert timezone.is_aware(post.planned_at)


def test_a_market_whose_brief_was_sent_for_sign_off_stays(workspace, bob):
    from aftercast.briefs import services as briefs
    from aftercast.briefs import sign_offs

    campaign = new_campaign(workspace)
    piece = services.add_market(campaign, market=factories.market("US"))
    briefs.set_kpi(
        piece.brief, user=bob, metric="conversion_rate", target=Decimal("0.03"), is_primary=True
    )
    sign_offs.sign_as_brand(piece.brief, user=bob)
    with pytest.raises(ValidationError):
        services.remove_market(piece)


def test_a_test_is_edited_and_an_arm_with_creators_is_kept(workspace):
    campaign = new_campaign(workspace)
    arm = services.ArmSpec
    variant = services.add_variant(
        campaign,
        dimension="cta",
        name="CTA",
        arms=[arm("A", "Soft", True), arm("B", "Hard"), arm("C", "Urgent")],
    )
    link = creator_in(services.add_market(campaign, market=factories.market("RU")))
    link.arms.set([variant.arms.get(label="C")])
    with pytest.raises(ValidationError):
        services.update_variant(
            variant, dimension="cta", name="CTA", arms=[arm("A", "Soft", True), arm("B", "Hard")]
        )
    services.update_variant(
        variant,
        dimension="cta",
        name="Call to action",
        arms=[arm("A", "Gentle", False), arm("B", "Hard", True), arm("C", "Urgent")],
        expected_lift=Decimal("0.15"),
    )
    variant.refresh_from_db()
    assert variant.name == "Call to action" and variant.expected_lift == Decimal("0.15")
    assert [(a.label, a.description, a.is_control) for a in variant.arms.all()] == [
        ("A", "Gentle", False),
        ("B", "Hard", True),
        ("C", "Urgent", False),
    ]


def test_proposed_check_ins_follow_new_dates_and_chosen_ones_stay(workspace, bob):
    from aftercast.briefs import services as briefs
    from aftercast.briefs.versions import planned_checkins

    campaign = new_campaign(workspace)  # June 1-30: proposed on June 10 and 15
    ru = services.add_market(campaign, market=factories.market("RU"))
    us = services.add_market(campaign, market=factories.market("US"))
    chosen = [START + dt.timedelta(days=3), START + dt.timedelta(days=20)]
    briefs.set_checkin_dates(us.brief, chosen)
    services.update_campaign(campaign, {"ends_on": START + dt.timedelta(days=59)}, user=bob)

    def days(piece):
        return list(planned_checkins(piece).values_list("scheduled_on", flat=True))

    assert days(ru) == [START + dt.timedelta(days=18), START + dt.timedelta(days=30)]
    assert days(us) == chosen
