"""The weekly digest: new learnings, open action items, check-ins due, to each member in their
language; nothing sent when there is nothing new."""

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from aftercast.checkins.models import CheckIn
from aftercast.core.models import UserProfile
from aftercast.debriefs.models import ActionItem, Debrief
from aftercast.learnings.services import create_learning
from aftercast.reports.digest import send_digests


def test_each_member_gets_the_week_in_their_language(workspace, campaign, alice, bob, vera):
    assert send_digests([workspace]) == 0  # nothing new: nothing sent
    alice.email, bob.email = "alice@example.com", "bob@example.com"  # vera has no address
    alice.save()
    bob.save()
    UserProfile.objects.update_or_create(user=bob, defaults={"language": "ru"})
    create_learning(workspace=workspace, user=alice,
                    statement_en="Mid-tier creators with codes cut CAC",
                    statement_ru="Средние блогеры с промокодами снижают CAC")  # fmt: skip
    piece = campaign.markets.get(market__code="US")
    CheckIn.objects.create(workspace=workspace, campaign_market=piece,
                           scheduled_on=timezone.localdate() + dt.timedelta(days=2))  # fmt: skip
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    ActionItem.objects.create(workspace=workspace, debrief=debrief, owner="US lead",
                              description="Start <b>outreach</b> in October")  # fmt: skip
    mail.outbox.clear()
    assert send_digests([workspace]) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    english, russian = by_address["alice@example.com"], by_address["bob@example.com"]
    assert "Mid-tier creators with codes cut CAC" in english.body
    assert "Check-ins due" in english.body and "Spring launch, United States" in english.body
    assert "Start <b>outreach</b> in October — US lead" in english.body  # plain text as typed
    html = english.alternatives[0][0]
    assert "Start &lt;b&gt;outreach&lt;/b&gt;" in html  # escaped in HTML
    assert "Средние блогеры с промокодами снижают CAC" in russian.body
    assert "Чек-ины на этой неделе" in russian.body
    out = StringIO()
    call_command("digest", "--dry-run", "--workspace", workspace.slug, stdout=out)
    assert "Subject: Aftercast, Acme: this week" in out.getvalue()


def test_old_news_is_not_sent_again(workspace, alice):
    alice.email = "alice@example.com"
    alice.save()
    rule = create_learning(workspace=workspace, user=alice, statement_en="An old rule")
    type(rule).objects.filter(pk=rule.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    assert send_digests([workspace]) == 0
