"""The RU/EN glossary of marketing terms that lets a Russian query find an English rule and the
reverse: each concept lists its words in both languages, matched by stem (one or two words).
The index keeps a rule's concepts beside its stems; a query word matches either."""

from collections.abc import Mapping
from functools import lru_cache

CONCEPT_PREFIX = "qq"  # letters only: FTS5 and PostgreSQL split tokens at punctuation

# concept -> words and two-word phrases, both languages (case and ё are folded before matching)
GLOSSARY: dict[str, tuple[str, ...]] = {
    "er": (
        "er",
        "err",
        "engagement",
        "engaged",
        "вовлеченность",
        "вовлечение",
        "вовлеченный",
        "энгейджмент",
    ),
    "reach": ("reach", "охват", "охваты"),
    "impression": ("impression", "impressions", "показ", "показы"),
    "click": ("click", "clicks", "клик", "клики", "переход", "переходы"),
    "ctr": ("ctr", "click-through", "кликабельность"),
    "promocode": ("promo code", "discount code", "coupon", "промокод", "купон"),
    "creator": (
        "creator",
        "creators",
        "influencer",
        "influencers",
        "blogger",
        "bloggers",
        "блогер",
        "блогеры",
        "инфлюенсер",
        "инфлюенсеры",
        # a tier's blogger is a blogger too: "micro creators" finds "микроблогеры"
        "наноблогер",
        "микроблогер",
        "макроблогер",
        "мегаблогер",
    ),
    "nano": ("nano", "нано", "наноблогер"),
    "micro": ("micro", "микро", "микроблогер"),
    "mid": ("mid", "mid-tier", "middle", "средний блогер", "средние блогеры", "средних блогеров"),
    "macro": ("macro", "макро", "макроблогер"),
    "mega": ("mega", "мега", "мегаблогер"),
    "conversion": (
        "conversion",
        "conversions",
        "convert",
        "converts",
        "конверсия",
        "конверсии",
        "конвертировать",
    ),
    "cac": (
        "cac",
        "cpa",
        "acquisition cost",
        "cost per acquisition",
        "стоимость привлечения",
        "цена привлечения",
    ),
    "aov": ("aov", "average order", "order value", "средний чек"),
    "roas": ("roas", "return on ad spend", "окупаемость", "окупаемость рекламы"),
    "ltv": ("ltv", "lifetime value", "пожизненная ценность"),
    "sale": (
        "sale",
        "sales",
        "purchase",
        "purchases",
        "order",
        "orders",
        "продажа",
        "продажи",
        "покупка",
        "покупки",
        "заказ",
        "заказы",
    ),
    "signup": (
        "sign-up",
        "signup",
        "subscription",
        "subscribe",
        "подписка",
        "подписки",
        "регистрация",
    ),
    "follower": ("follower", "followers", "community", "подписчик", "подписчики", "сообщество"),
    "sentiment": ("sentiment", "тональность", "настроение"),
    "comment": ("comment", "comments", "комментарий", "комментарии"),
    "humour": (
        "humour",
        "humor",
        "humorous",
        "funny",
        "joke",
        "jokes",
        "юмор",
        "юмористический",
        "шутка",
        "шутки",
        "смешной",
    ),
    "sketch": ("sketch", "sketches", "skit", "skits", "скетч", "скетчи"),
    "trend": ("trend", "trends", "trending", "тренд", "тренды", "трендовый"),
    "sound": ("sound", "sounds", "music", "звук", "звуки", "музыка"),
    "integration": ("integration", "integrations", "интеграция", "интеграции"),
    "giveaway": ("giveaway", "giveaways", "contest", "розыгрыш", "розыгрыши", "конкурс"),
    "unboxing": ("unboxing", "распаковка"),
    "tutorial": ("tutorial", "tutorials", "how-to", "урок", "уроки", "инструкция"),
    "shipping": ("shipping", "delivery", "доставка"),
    "trial": ("trial", "free trial", "пробный период", "пробная версия"),
    "celebrity": ("celebrity", "celebrities", "star", "stars", "звезда", "звезды"),
    "holiday": ("holiday", "holidays", "праздник", "праздники", "новый год"),
    "complaint": ("complaint", "complaints", "жалоба", "жалобы"),
    "native": ("native", "нативный", "нативная"),
    "banner": ("banner", "banners", "баннер", "баннеры"),
    "evening": ("evening", "вечер", "вечерний"),
    "morning": ("morning", "утро", "утренний"),
    "audience": ("audience", "audiences", "аудитория"),
    "overlap": ("overlap", "overlapping", "пересечение", "пересекающийся"),
    "gift": ("gift", "gifts", "подарок", "подарки", "подарочный"),
    "link": ("link", "links", "ссылка", "ссылки"),
    "pinned": ("pinned", "pin", "закрепленный", "закрепить"),
    "sticker": ("sticker", "stickers", "стикер", "стикеры"),
    "thumbnail": ("thumbnail", "thumbnails", "cover", "covers", "обложка", "обложки"),
    "testimonial": ("testimonial", "review", "reviews", "отзыв", "отзывы", "обзор", "обзоры"),
    "contrast": ("contrast", "high-contrast", "контраст", "контрастный", "высококонтрастный"),
    "creative": ("creative", "креатив", "креативы"),
    "video": ("video", "videos", "reel", "reels", "видео", "ролик", "ролики"),
    "story": ("story", "stories", "сторис", "истории"),
    "price": ("price", "pricing", "цена", "цены", "стоимость"),
    "discount": ("discount", "скидка", "скидки"),
    "russia": ("russia", "russian", "ru", "россия", "российский", "рф"),
    "usa": ("us", "usa", "america", "american", "сша", "америка", "американский"),
    "kazakhstan": ("kazakhstan", "kz", "казахстан", "казахстанский"),
    "tiktok": ("tiktok", "тикток", "тик-ток"),
    "instagram": ("instagram", "инстаграм", "insta"),
    "youtube": ("youtube", "ютуб"),
    "telegram": ("telegram", "телеграм", "телеграмм"),
    "vk": ("vk", "vkontakte", "вк", "вконтакте"),
}


Extra = Mapping[str, frozenset[str]]  # a workspace's own words: phrase key -> concepts
NO_EXTRA: Extra = {}


def phrase_key(phrase: str) -> str:
    """A word or a phrase as the glossary matches it: its words' stems."""
    from aftercast.learnings.text import stem, words

    return " ".join(stem(word) for word in words(phrase))


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for concept, phrases in GLOSSARY.items():
        for phrase in phrases:
            key = phrase_key(phrase)
            if key:
                found.setdefault(key, set()).add(concept)
    return {key: frozenset(concepts) for key, concepts in found.items()}


def concepts_of(phrase: str, extra: Extra = NO_EXTRA) -> frozenset[str]:
    """The concepts a word or a two-word phrase names, matched by stem: the built-in glossary's
    and the workspace's own (`extra`, from `for_workspace`)."""
    key = phrase_key(phrase)
    found = _index().get(key, frozenset())
    return found | extra[key] if key in extra else found


def for_workspace(workspace_id: int | None) -> Extra:
    """The words a workspace added to the glossary, as `concepts_of` reads them. Read on every
    search and save (a plain query: it must be cheap, and never stale in another process)."""
    from django.db import connection

    if workspace_id is None:
        return NO_EXTRA
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT concept, phrase FROM learnings_glossaryterm "
            "WHERE workspace_id = %s AND deleted_at IS NULL",
            [workspace_id],
        )
        rows = cursor.fetchall()
    found: dict[str, set[str]] = {}
    for concept, phrase in rows:
        found.setdefault(phrase_key(phrase), set()).add(concept)
    return {key: frozenset(concepts) for key, concepts in found.items() if key}
