"""Which column is which: RU and EN headers of platform exports and team spreadsheets.

Headers are compared normalised (lower case, no punctuation, no currency signs, single spaces),
so "Охват, чел." and "охват" and "Reach" all land on `reach`.
"""

import re
import unicodedata

KEY_COLUMNS = {
    "post_url": [
        "post url",
        "url",
        "link",
        "permalink",
        "ссылка",
        "ссылка на публикацию",
        "ссылка на пост",
        "video link",
        "ссылка на видео",
    ],
    "post_id": [
        "post id",
        "id публикации",
        "video id",
        "media id",
        "id поста",
        "content id",
        "id видео",
        "id записи",
    ],
    "handle": [
        "handle",
        "creator",
        "account",
        "username",
        "ник",
        "аккаунт",
        "блогер",
        "автор",
        "channel",
        "канал",
        "creator handle",
    ],
    "date": [
        "date",
        "дата",
        "day",
        "день",
        "date published",
        "дата публикации",
        "publish time",
        "время публикации",
    ],
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
    ],
    "views": ["views", "просмотры", "video views", "plays", "воспроизведения", "просмотров"],
    "likes": ["likes", "лайки", "нравится", "отметки нравится", "реакции", "reactions"],
    "comments": ["comments", "комментарии", "комментариев"],
    "shares": ["shares", "репосты", "поделились", "пересылки", "forwards"],
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
    ],
    "signups": ["signups", "sign ups", "регистрации"],
    "conversions": ["conversions", "конверсии", "purchases", "покупки"],
    "orders": ["orders", "заказы"],
    "revenue": ["revenue", "выручка", "доход", "sales", "продажи"],
    "spend": ["spend", "расход", "расходы", "cost", "затраты", "amount spent", "бюджет"],
}


def normalise(header: str) -> str:
    """Return a header reduced to lower-case words: punctuation, units and signs dropped."""
    text = unicodedata.normalize("NFKC", header or "").replace("\ufeff", "").lower()
    text = text.replace("ё", "е")
    text = re.sub(r"[₽$€₸%#№()\[\]{}.,:;!?\"'«»/\\|_+*=-]", " ", text)
    text = re.sub(r"\b(руб|rub|usd|kzt|чел|шт)\b", " ", text)
    return " ".join(text.split())


def _index() -> dict[str, str]:
    index = {}
    for target, names in {**KEY_COLUMNS, **METRIC_COLUMNS}.items():
        index[normalise(target)] = target
        for name in names:
            index[normalise(name)] = target
    return index


SYNONYMS = _index()


def target_for(header: str) -> str | None:
    """Return the key or metric a header means, or None when it is unknown."""
    return SYNONYMS.get(normalise(header))
