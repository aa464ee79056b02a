"""Times said in a query ("прошлой весной", "last spring", "summer 2025", "в прошлом году",
"2025", "last month") read as a period of dates. A rule falls in it when a campaign behind its
evidence ran then (or, without evidence, when it was written then)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from aftercast.core import formatting
from aftercast.learnings.text import stem

SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
SEASON_STEMS = {"весн": "spring", "лет": "summer", "осен": "autumn", "зим": "winter",
                **{stem(word): word for word in SEASONS}}  # fmt: skip
LAST = {"last", "previous", stem("прошлый"), stem("предыдущий")}
THIS = {"this", stem("этот"), stem("текущий")}
YEAR = {"year", stem("год")}
MONTH = {"month", stem("месяц")}
AMBIGUOUS = {"fall", "лет"}  # "CTR falls", "5 лет": a season only next to "last", "this", a year


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    said: tuple[int, ...]  # the positions of the query's words that named it
    season: str = ""

    def label(self) -> str:
        if self.season:
            names = {"spring": _("spring"), "summer": _("summer"), "autumn": _("autumn"),
                     "winter": _("winter")}  # fmt: skip
            return _("%(season)s %(year)s") % {"season": names[self.season],
                                                "year": self.start.year}  # fmt: skip
        if self.start.month == 1 and self.end == dt.date(self.start.year, 12, 31):
            return str(self.start.year)
        return f"{formatting.date(self.start)} – {formatting.date(self.end)}"

    @property
    def value(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def _season(name: str, year: int) -> tuple[dt.date, dt.date]:
    first = SEASONS[name]
    start = dt.date(year, first, 1)
    end_month, end_year = (first + 2, year) if first < 12 else (2, year + 1)
    following = dt.date(end_year + (end_month == 12), end_month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def _latest_season(name: str, today: dt.date, *, ended: bool) -> tuple[dt.date, dt.date]:
    for year in (today.year, today.year - 1, today.year - 2):
        start, end = _season(name, year)
        if (end < today) if ended else (start <= today):
            return start, end
    return _season(name, today.year - 2)


def _year(word: str) -> int | None:
    return int(word) if word.isdigit() and len(word) == 4 and 2000 <= int(word) <= 2100 else None


def find(said: list[str], today: dt.date) -> Period | None:
    """The first period the words name, if any."""
    stems = [stem(word) for word in said]
    for index, word in enumerate(stems):
        before = stems[index - 1] if index else ""
        after = said[index + 1] if index + 1 < len(said) else ""
        season = SEASON_STEMS.get(word)
        if season is not None:
            season = "autumn" if season == "fall" else season
            if _year(after) is not None:
                start, end = _season(season, _year(after) or 0)
                return Period(start, end, (index, index + 1), season)
            if before in LAST:
                return Period(*_latest_season(season, today, ended=True), (index - 1, index),
                              season)  # fmt: skip
            if before in THIS:
                return Period(*_season(season, today.year), (index - 1, index), season)
            if word not in AMBIGUOUS and said[index] not in AMBIGUOUS:
                return Period(*_latest_season(season, today, ended=False), (index,), season)
        if word in YEAR and before in LAST | THIS:
            whole = today.year - (before in LAST)
            return Period(dt.date(whole, 1, 1), dt.date(whole, 12, 31), (index - 1, index))
        if word in MONTH and before in LAST:
            end = today.replace(day=1) - dt.timedelta(days=1)
            return Period(end.replace(day=1), end, (index - 1, index))
        number = _year(said[index])
        if number is not None:  # "2025", "in 2025", "в 2025 году"
            named = (
                (index, index + 1)
                if index + 1 < len(stems) and stems[index + 1] in YEAR
                else (index,)
            )
            return Period(dt.date(number, 1, 1), dt.date(number, 12, 31), named)
    return None
