"""Which column is which, per kind of file: RU and EN headers of platform exports and team sheets.

Headers are compared normalised (lower case, no punctuation, no currency signs, single spaces),
so "Охват, чел." and "охват" and "Reach" all land on `reach`. Each kind has its own table: the
same header may mean different things in different files. "Автор" in a metrics sheet is the
creator; in a comments export it is the person who wrote the comment.
"""

import re
import unicodedata

POST_KEYS = {
    "post_url": [
        "post url",
        "url",
        "link",
        "permalink",
        "post link",
        "video link",
        "ссылка",
        "ссылка на публикацию",
        "ссылка на пост",
        "ссылка на видео",
        "ссылка на запись",
    ],
    "post_id": [
        "post id",
        "video id",
        "media id",
        "content id",
        "content",
        "id публикации",
        "id поста",
        "id видео",
        "id записи",
        "контент",
    ],
}

CREATOR_HANDLES = [
    "handle",
    "creator",
    "creator handle",
    "account username",
    "blogger",
    "influencer",
    "блогер",
    "инфлюенсер",
    "канал",
    "channel",
    "имя канала",
]

OBSERVATION_KEYS = {
    **POST_KEYS,
    # A metrics sheet names the creator; "автор" and "username" mean the creator here.
    "handle": [*CREATOR_HANDLES, "account", "username", "ник", "аккаунт", "автор"],
    "date": ["date", "дата", "day", "день", "период"],
    "published": [
        "publish time",
        "published",
        "date published",
        "post time",
        "video publish time",
        "время публикации",
        "дата публикации",
        "время публикации видео",
    ],
    "format": ["post type", "format", "content type", "тип публикации", "формат", "тип поста"],
}

METRIC_COLUMNS = {
    "impressions": ["impressions", "показы", "просмотры ленты", "impr"],
    "reach": [
        "reach",
        "охват",
        "accounts reached",
        "охваченные аккаунты",
        "уникальные зрители",
        "unique viewers",
        "охват поста",
        "полный охват",
        "охват записи",
    ],
    "views": [
        "views",
        "просмотры",
        "video views",
        "plays",
        "total views",
        "воспроизведения",
        "просмотров",
    ],
    "likes": [
        "likes",
        "лайки",
        "нравится",
        "отметки нравится",
        "реакции",
        "reactions",
        "total likes",
    ],
    "comments": ["comments", "комментарии", "комментариев", "total comments"],
    "shares": ["shares", "репосты", "поделились", "пересылки", "forwards", "total shares"],
    "saves": ["saves", "сохранения", "saved", "в закладках"],
    "clicks": [
        "clicks",
        "переходы",
        "клики",
        "link clicks",
        "клики по ссылке",
        "переходы по ссылке",
    ],
    "followers": ["followers", "подписчики", "subscribers", "подписчиков"],
    "followers_gained": [
        "follows",
        "подписки",
        "new followers",
        "новые подписчики",
        "subscribers gained",
        "прирост подписчиков",
        "подписались",
        "вступили",
    ],
    "signups": ["signups", "sign ups", "регистрации"],
    "conversions": ["conversions", "конверсии", "purchases", "покупки"],
    "orders": ["orders", "заказы"],
    "revenue": ["revenue", "выручка", "доход", "sales", "продажи"],
    "spend": ["spend", "расход", "расходы", "cost", "затраты", "amount spent", "бюджет"],
}

COMMENT_COLUMNS = {
    **POST_KEYS,
    # Only unambiguous names: in a comments export "author"/"username" is the commenter.
    "handle": CREATOR_HANDLES,
    "date": [
        "date",
        "дата",
        "time",
        "время",
        "created",
        "created time",
        "дата комментария",
        "comment date",
    ],
    "text": [
        "text",
        "comment",
        "comment text",
        "message",
        "текст",
        "комментарий",
        "текст комментария",
    ],
    "author": ["author", "user", "username", "commenter", "автор", "пользователь", "имя"],
    "comment_id": ["comment id", "id комментария"],
    "sentiment": ["sentiment", "sentiment score", "тональность", "оценка тональности"],
}

JOURNEY_COLUMNS = {
    "journey_id": [
        "journey id",
        "journey",
        "user id",
        "client id",
        "id пути",
        "id клиента",
        "клиент",
    ],
    "channel": ["channel", "source", "touchpoint", "канал", "источник", "точка контакта"],
    "timestamp": ["timestamp", "time", "date", "дата", "время", "дата и время"],
    "converted": ["converted", "conversion", "конверсия", "купил", "purchase"],
    "value": ["value", "revenue", "order value", "сумма", "выручка", "сумма заказа"],
}

FX_COLUMNS = {
    "date": ["date", "дата", "data"],
    "rate": ["rate", "курс", "curs", "value", "значение", "close"],
    "nominal": ["nominal", "номинал", "units", "единиц"],
}

TABLES = {
    "observations": {**OBSERVATION_KEYS, **METRIC_COLUMNS},
    "comments": COMMENT_COLUMNS,
    "journeys": JOURNEY_COLUMNS,
    "fx_rates": FX_COLUMNS,
}

# First cells of summary rows that platforms append or prepend: not posts, skipped.
SUMMARY_ROWS = {"total", "totals", "итого", "всего", "итог", "sum", "сумма", "grand total"}
# A "Date" that covers the post's whole life (Meta): the post's publish time dates it instead.
LIFETIME = {"lifetime", "за все время", "весь период", "all time", "total"}


def normalise(header: str) -> str:
    """Return a header reduced to lower-case words: punctuation, units and signs dropped."""
    text = unicodedata.normalize("NFKC", header or "").replace("\ufeff", "").lower()
    text = text.replace("ё", "е")
    text = re.sub(r"[₽$€₸%#№()\[\]{}.,:;!?\"'«»/\\|_+*=-]", " ", text)
    text = re.sub(r"\b(руб|rub|usd|kzt|чел|шт)\b", " ", text)
    return " ".join(text.split())


def _index(table: dict[str, list[str]]) -> dict[str, str]:
    index = {}
    for target, names in table.items():
        index[normalise(target)] = target
        for name in names:
            index[normalise(name)] = target
    return index


INDEXES = {kind: _index(table) for kind, table in TABLES.items()}


def target_for(header: str, kind: str = "observations") -> str | None:
    """Return what a header means in a file of `kind`, or None when it is unknown."""
    return INDEXES[kind].get(normalise(header))


def detect_kind(headers: list[str]) -> str:
    """Say what a file holds (observations, comments or journeys), from its columns."""
    named = {normalise(h) for h in headers}
    if any(INDEXES["journeys"].get(h) == "journey_id" for h in named):
        return "journeys"
    if any(INDEXES["comments"].get(h) == "text" for h in named):
        return "comments"
    return "observations"
