"""Audience sentiment: the share of negative comments, its trend, and its course day by day."""

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aftercast.checkins.flags import MISSING, OK, SENTIMENT, Flag, Thresholds, severity_of_share
from aftercast.core import formatting
from aftercast.metrics.models import Comment
from aftercast.sentiment import NEGATIVE, UNKNOWN, label_of, score

# A trend that moves less than this is read as steady.
STEADY = 0.05


class Said(NamedTuple):
    """What sentiment reads of a comment (plain rows: a market may have many thousands)."""

    partnership_id: int
    text: str
    language: str
    sentiment: float | None
    posted_at: dt.datetime


def comment_label(comment: Comment | Said) -> str:
    """A score imported with the comment overrides the scorer's."""
    if comment.sentiment is not None:
        return label_of(comment.sentiment)
    return score(comment.text, comment.language or None).label


def labelled_comments(links, today: dt.date) -> list[tuple[Said, str]]:
    rows = Comment.objects.filter(partnership__in=links, posted_at__date__lte=today).values_list(
        *Said._fields
    )
    return [(said, comment_label(said)) for said in (Said(*row) for row in rows)]


def negative_share(labels: list[str]) -> float:
    return sum(label == NEGATIVE for label in labels) / len(labels)


def sentiment_flags(
    labelled: list[tuple[Said, str]], today: dt.date, thresholds: Thresholds
) -> list[Flag]:
    if not labelled:
        return [Flag(SENTIMENT, MISSING, _("No audience comments imported yet."))]
    scored = [(comment, label) for comment, label in labelled if label != UNKNOWN]
    unknown = len(labelled) - len(scored)
    if not scored:
        return [Flag(SENTIMENT, MISSING, _("No comment is in a language that can be scored."))]
    share = negative_share([label for _c, label in scored])
    severity = severity_of_share(
        share, thresholds.negative_share_watch, thresholds.negative_share_act
    )
    reason = ngettext(
        "%(share)s of %(count)s comment is negative.",
        "%(share)s of %(count)s comments are negative.",
        len(scored),
    ) % {"share": formatting.percent(share, digits=0), "count": len(scored)}
    if trend := _trend_words(scored, today, thresholds.trend_days):
        reason += " " + trend
    if unknown:
        reason += " " + ngettext(
            "%(count)s comment in another language was not scored.",
            "%(count)s comments in other languages were not scored.",
            unknown,
        ) % {"count": unknown}
    return [Flag(SENTIMENT, severity, reason, "negative_sentiment" if severity != OK else "")]


def _trend_words(scored, today: dt.date, days: int) -> str:
    since = today - dt.timedelta(days=days)
    recent = [label for comment, label in scored if timezone.localdate(comment.posted_at) > since]
    earlier = [label for comment, label in scored if timezone.localdate(comment.posted_at) <= since]
    if not (recent and earlier):
        return ""
    now, before = negative_share(recent), negative_share(earlier)
    numbers = {
        "now": formatting.percent(now, digits=0),
        "before": formatting.percent(before, digits=0),
        "days": days,
    }
    if now > before + STEADY:
        return (
            ngettext(
                "The negative share is rising: %(now)s in the last %(days)s day against "
                "%(before)s before.",
                "The negative share is rising: %(now)s in the last %(days)s days against "
                "%(before)s before.",
                days,
            )
            % numbers
        )
    if now < before - STEADY:
        return (
            ngettext(
                "The negative share is falling: %(now)s in the last %(days)s day against "
                "%(before)s before.",
                "The negative share is falling: %(now)s in the last %(days)s days against "
                "%(before)s before.",
                days,
            )
            % numbers
        )
    return ""


def daily_labels(labelled: list[tuple[Said, str]]) -> dict[dt.date, list[str]]:
    """The scored labels of each day (in the reader's time zone), in order of days."""
    by_day: dict[dt.date, list[str]] = defaultdict(list)
    for comment, label in labelled:
        if label != UNKNOWN:
            by_day[timezone.localdate(comment.posted_at)].append(label)
    return dict(sorted(by_day.items()))


def daily_negative_share(labelled: list[tuple[Said, str]]) -> list[tuple[dt.date, float, int]]:
    """(day, negative share, comments scored) for each day with scored comments."""
    return [
        (day, negative_share(labels), len(labels)) for day, labels in daily_labels(labelled).items()
    ]
