"""A fixed corpus for measuring the learnings search: 25 topics, each said as a rule in nine
scopes (market, creator tier, platform, or none), in English only, Russian only or both, with
varied evidence strength; 225 rules. Queries name what a reader wants, in Russian or English,
with the topics that answer it; a rule is relevant when it is about one of those topics and its
scope does not exclude the query's (an untagged rule applies everywhere)."""

from dataclasses import dataclass

# topic -> (metric, English statement, Russian statement)
TOPICS: dict[str, tuple[str, str, str]] = {
    "humour": ("er_reach", "Humorous sketches beat polished ads on engagement",
               "Юмористические скетчи обгоняют глянцевую рекламу по вовлечённости"),
    "promo": ("conversion_rate", "Personal discount codes lift conversion",
              "Персональные промокоды поднимают конверсию"),
    "contrast": ("ctr", "High-contrast thumbnails raise the click-through rate",
                 "Контрастные обложки повышают кликабельность"),
    "reviews": ("conversion_rate", "Honest reviews outperform scripted ads",
                "Честные обзоры работают лучше заказной рекламы"),
    "evening": ("reach", "Evening posts get more reach than morning ones",
                "Вечерние публикации дают больший охват, чем утренние"),
    "giveaway": ("followers_gained", "Giveaways bring followers who leave within a month",
                 "Розыгрыши приносят подписчиков, которые уходят через месяц"),
    "unboxing": ("orders", "Unboxing videos drive orders of gift sets",
                 "Видео с распаковкой приносят заказы подарочных наборов"),
    "pinned": ("clicks", "A pinned comment with the link doubles clicks",
               "Закреплённый комментарий со ссылкой удваивает клики"),
    "integration": ("views", "Long integrations in the middle of a video keep viewers watching",
                    "Длинные интеграции в середине ролика удерживают зрителей"),
    "sticker": ("cpc", "Stories with a link sticker bring cheap traffic",
                "Сторис со стикером-ссылкой приводят дешёвый трафик"),
    "shipping": ("aov", "Free shipping beats a percentage discount on average order value",
                 "Бесплатная доставка лучше процентной скидки по среднему чеку"),
    "voice": ("er_reach", "Creators speaking in their own words earn more engagement",
              "Блогеры, говорящие своими словами, получают больше вовлечённости"),
    "complaints": ("conversion_rate", "Price complaints in comments foretell weak sales",
                   "Жалобы на цену в комментариях предвещают слабые продажи"),
    "repeat": ("cpa", "A second campaign with the same creator lowers acquisition cost",
               "Повторная кампания с тем же блогером снижает стоимость привлечения"),
    "trial": ("signups", "A free trial offer doubles sign-ups",
              "Бесплатный пробный период удваивает регистрации"),
    "native": ("ctr", "Native posts in the creator's style get more clicks than banners",
               "Нативные посты в стиле блогера собирают больше кликов, чем баннеры"),
    "macro_roas": ("roas", "Celebrity partnerships rarely pay back on ad spend",
                   "Партнёрства со звёздами редко окупают рекламные расходы"),
    "community": ("comments", "Small creators build community with more comments per follower",
                  "Небольшие блогеры строят сообщество: больше комментариев на подписчика"),
    "tutorial": ("conversion_rate", "Step-by-step tutorials convert skincare viewers",
                 "Пошаговые уроки превращают зрителей в покупателей ухода за кожей"),
    "sounds": ("views", "Trending sounds multiply views of short videos",
               "Трендовые звуки умножают просмотры коротких роликов"),
    "cta": ("ctr", "A call to action in the first three seconds lifts click-through",
            "Призыв к действию в первые три секунды повышает кликабельность"),
    "ltv": ("ltv", "Customers won through creators have a higher lifetime value",
            "Клиенты, пришедшие через блогеров, приносят большую пожизненную ценность"),
    "holiday": ("revenue", "Campaigns just before the holidays sell more gift sets",
                "Кампании прямо перед праздниками продают больше подарочных наборов"),
    "overlap": ("reach", "Creators with overlapping audiences waste reach",
                "Блогеры с пересекающейся аудиторией расходуют охват впустую"),
    "sentiment": ("conversions", "Negative sentiment above a tenth of comments cuts conversions",
                  "Негативная тональность больше десятой части комментариев снижает конверсии"),
}  # fmt: skip

# (market, tier, platform); None: the rule does not tag it.
SCOPES = [
    ("RU", "micro", "instagram"), ("RU", "mid", "tiktok"), ("RU", "macro", "youtube"),
    ("RU", "nano", "telegram"), ("US", "micro", "tiktok"), ("US", "mid", "instagram"),
    ("US", "macro", "youtube"), ("US", "micro", "instagram"), (None, None, None),
]  # fmt: skip
# (status, confidence), cycled: the evidence behind rules differs, as it does in a workspace.
STRENGTHS = [("supported", "high"), ("hypothesis", "low"), ("supported", "medium"),
             ("hypothesis", "medium"), ("contradicted", "low")]  # fmt: skip


@dataclass(frozen=True)
class Rule:
    key: str
    topic: str
    metric: str
    statement_en: str
    statement_ru: str
    market: str | None
    tier: str | None
    platform: str | None
    status: str
    confidence: str


def corpus() -> list[Rule]:
    rules = []
    for t, (topic, (metric, en, ru)) in enumerate(TOPICS.items()):
        for s, (market, tier, platform) in enumerate(SCOPES):
            language = (t + s) % 3  # both, English only, Russian only
            status, confidence = STRENGTHS[(t + 2 * s) % len(STRENGTHS)]
            rules.append(Rule(
                key=f"{topic}-{s}", topic=topic, metric=metric,
                statement_en=en if language in (0, 1) else "",
                statement_ru=ru if language in (0, 2) else "",
                market=market, tier=tier, platform=platform, status=status,
                confidence=confidence,
            ))  # fmt: skip
    return rules


@dataclass(frozen=True)
class Query:
    text: str
    topics: tuple[str, ...]
    market: str | None = None
    tier: str | None = None
    platform: str | None = None


QUERIES = [
    Query("юмор", ("humour",)),
    Query("humor on TikTok in Russia", ("humour",), "RU", None, "tiktok"),
    Query("funny sketches engagement", ("humour",)),
    Query("промокоды микроблогеры", ("promo",), None, "micro"),
    Query("discount codes in the US market", ("promo",), "US"),
    Query("персональный промокод", ("promo",)),
    Query("контрастные обложки", ("contrast",)),
    Query("high contrast thumbnails", ("contrast",)),
    Query("отзывы против заказной рекламы", ("reviews",)),
    Query("honest reviews", ("reviews",)),
    Query("вечерние публикации", ("evening",)),
    Query("evening or morning posts", ("evening",)),
    Query("розыгрыши подписчиков", ("giveaway",)),
    Query("giveaways", ("giveaway",)),
    Query("распаковка", ("unboxing",)),
    Query("unboxing videos in the US", ("unboxing",), "US"),
    Query("закреплённый комментарий", ("pinned",)),
    Query("pinned comment link", ("pinned",)),
    Query("длинная интеграция в ролике на YouTube", ("integration",), None, None, "youtube"),
    Query("long integrations", ("integration",)),
    Query("сторис со ссылкой", ("sticker",)),
    Query("link sticker stories instagram", ("sticker",), None, None, "instagram"),
    Query("бесплатная доставка средний чек", ("shipping",)),
    Query("free shipping", ("shipping",)),
    Query("own words instead of a script", ("voice",)),
    Query("жалобы на цену", ("complaints",)),
    Query("price complaints", ("complaints",)),
    Query("повторная кампания с тем же блогером", ("repeat",)),
    Query("same creator again CAC", ("repeat",)),
    Query("бесплатный пробный период", ("trial",)),
    Query("free trial sign-ups", ("trial",)),
    Query("нативные посты против баннеров", ("native",)),
    Query("celebrity partnerships ROAS", ("macro_roas",)),
    Query("окупаемость звёзд", ("macro_roas",)),
    Query("сообщество небольших блогеров", ("community",)),
    Query("tutorials skincare", ("tutorial",)),
    Query("пошаговые уроки", ("tutorial",)),
    Query("trending sounds TikTok", ("sounds",), None, None, "tiktok"),
    Query("трендовые звуки", ("sounds",)),
    Query("призыв к действию в первые секунды", ("cta",)),
    Query("call to action", ("cta",)),
    Query("LTV creators", ("ltv",)),
    Query("пожизненная ценность клиентов", ("ltv",)),
    Query("holiday gift sets", ("holiday", "unboxing")),
    Query("подарочные наборы перед праздниками", ("holiday", "unboxing")),
    Query("пересекающаяся аудитория", ("overlap",)),
    Query("audience overlap wastes reach", ("overlap",)),
    Query("негативная тональность", ("sentiment",)),
    Query("negative comments sentiment", ("sentiment", "complaints")),
    Query("микроблогеры в России, Instagram, промокод", ("promo",), "RU", "micro", "instagram"),
    Query(
        "what worked for mid-tier creators in the US market with discount codes",
        ("promo",),
        "US",
        "mid",
    ),  # fmt: skip
    # Said otherwise than the rules say it.
    Query("jokes instead of glossy ads", ("humour",)),
    Query("coupon codes for micro influencers", ("promo",), None, "micro"),
    Query("обзоры блогеров в России", ("reviews",), "RU"),
    Query("ER of sketches", ("humour",)),
    Query("средний чек", ("shipping",)),
    Query("CAC", ("repeat",)),
    Query("стоимость привлечения при повторной кампании", ("repeat",)),
    Query("подписки на пробный период", ("trial",)),
    Query("comments per follower", ("community",)),
    Query("music trends in short videos", ("sounds",)),
    Query("конкурсы", ("giveaway",)),
    Query("delivery cost versus discount", ("shipping",)),
]


def relevant(rule: Rule, query: Query) -> bool:
    if rule.topic not in query.topics:
        return False
    return all(
        wanted is None or have is None or have == wanted
        for have, wanted in ((rule.market, query.market), (rule.tier, query.tier),
                             (rule.platform, query.platform))
    )  # fmt: skip
