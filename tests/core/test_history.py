from aftercast.core.history import history_of, record_edit, snapshot
from aftercast.core.models import EditRecord
from tests import factories


def test_it_records_creation_and_each_change_with_who_and_what(campaign, alice, bob):
    brief = factories.brief(campaign.markets.get(market__code="US"))
    record_edit(obj=brief, user=alice, before=None)
    before = snapshot(brief)
    brief.conversion_window_days = 14
    brief.notes = "Window widened after the first check-in"
    brief.save()
    record_edit(obj=brief, user=bob, before=before)

    change, creation = history_of(brief)
    assert creation.action == EditRecord.Action.CREATED and creation.user == alice
    assert change.action == EditRecord.Action.CHANGED and change.user == bob
    assert change.changes == {
        "conversion_window_days": [7, 14],
        "notes": ["", "Window widened after the first check-in"],
    }


def test_saving_without_changes_records_nothing(campaign, alice):
    brief = factories.brief(campaign.markets.get(market__code="US"))
    assert record_edit(obj=brief, user=alice, before=snapshot(brief)) is None
    assert not history_of(brief).exists()
