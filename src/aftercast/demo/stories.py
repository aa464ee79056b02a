"""What people wrote about each demo campaign: its hypothesis, the teams' answers to the
blameless questions, what happened along the way and what they will change. Each story agrees
with the numbers its scenario generates (demo/scenarios.py); the verdicts, findings and failure
types themselves are computed by the product. Every team writes in its own language."""

# Timeline days: from the campaign's start (a positive number) or its end (a negative one).
STORIES: dict[str, dict] = {
    "glow-serum-launch": dict(
        summary=(
            "Russia's result was never measured: the landing-page pixel was never set, so its "
            "8 % ER says nothing about sales. The US converted 40 % of clicks. High contrast "
            "lifted CTR in both markets."
        ),
        hypothesis=(
            "High-contrast creative by mid-tier creators sells the serum in both markets.",
            "Высококонтрастный креатив у средних блогеров продаст сыворотку на обоих рынках.",
        ),
        answers=[
            (
                "Brand team",
                {
                    "goal_understood": "The brief said paid orders per click in both markets; the "
                    "RU team reported engagement as the result.",
                    "goals_to_reassess": "Judge a market only on what its tracking can measure.",
                },
            ),
            (
                "Команда рынка RU",
                {
                    "roadblocks": "Пиксель на лендинге так и не поставили: о том, что конверсии "
                    "не считаются, узнали уже после кампании.",
                    "extra_people": "Нужен был аналитик, который проверил бы отслеживание "
                    "до старта.",
                },
            ),
            (
                "US market team",
                {
                    "quicker_cheaper": "Discount codes per creator: conversions were tracked from "
                    "day one.",
                },
            ),
        ],
        events=[
            (2, "revision", "Creative sent back twice for a brighter product shot"),
            (5, "absence", "The art department was out sick for a week; revisions waited"),
            (-1, "tracking", "Пиксель на лендинге RU так и не был установлен"),
            (
                -1,
                "disagreement",
                "RU and US teams disagreed on the result: RU read 8 % ER as a "
                "success, the brief asked for orders. Settled: RU is judged as not measured.",
            ),
        ],
        actions=[
            (
                "Test every tracking link and pixel with the creator before launch",
                "RU market lead",
                30,
                True,
            ),
            ("Add a tracking check to the brief's sign-off", "Analytics", 45, False),
        ],
    ),
    "summer-spf": dict(
        summary=(
            "Every market hit its own metric, and high contrast lifted clicks everywhere: keep the "
            "template."
        ),
        hypothesis=(
            "High-contrast creative lifts clicks in every market; RU is judged on engagement, "
            "the US on CAC.",
            "Высококонтрастный креатив поднимет переходы на всех рынках; Россию оцениваем по "
            "вовлечённости, США — по CAC.",
        ),
        answers=[
            (
                "Brand team",
                {
                    "goal_understood": "Yes: each market had its own success metric, signed off "
                    "before outreach.",
                    "quicker_cheaper": "Reuse the high-contrast templates; they replicated.",
                },
            ),
            (
                "Команда рынка RU",
                {
                    "timeline_synced": "Старт совпал с началом жары — удачное время для SPF.",
                },
            ),
        ],
        events=[(0, "other", "Launch in three markets on the same day")],
        actions=[("Keep the high-contrast template in the brand kit", "Design lead", 21, True)],
    ),
    "newsletter-spring": dict(
        summary=(
            "The US beat its sign-up target; Russia fell short: Russian audiences follow the "
            "creator, not the newsletter."
        ),
        hypothesis=(
            "Humour gets more sign-ups than testimonials.",
            "Юмор приведёт больше подписок, чем отзывы.",
        ),
        answers=[
            (
                "Команда рынка RU",
                {
                    "goal_understood": "Цель — подписки, но аудитория охотнее подписывалась на "
                    "блогера, чем на рассылку.",
                    "goals_to_reassess": "Для России мерить рост сообщества, а не подписку на "
                    "рассылку.",
                },
            ),
            (
                "US market team",
                {
                    "priorities": "The sign-up form was short and mobile-first; it paid off.",
                },
            ),
        ],
        events=[(10, "change", "Sign-up form shortened from five fields to two")],
        actions=[("Test a community KPI for RU newsletters", "CRM lead", 30, False)],
    ),
    "vitamin-c-relaunch": dict(
        summary=("CAC ended between the minimum and the target after the mid-campaign price rise."),
        hypothesis=(
            "Mid-tier creators bring CAC under $15 for the relaunch.",
            "Средние блогеры дадут CAC ниже 15 $ на перезапуске.",
        ),
        answers=[
            (
                "US market team",
                {
                    "roadblocks": "The price went up 20 % a week into the campaign; creators' "
                    "audiences noticed and fewer clicks turned into orders.",
                    "goals_to_reassess": "Set the CAC target after the price is final.",
                },
            ),
        ],
        events=[(-6, "change", "Retail price raised by 20 % a week into the campaign")],
        actions=[("Freeze the price before briefs are signed", "Brand manager", 14, True)],
    ),
    "mens-line-test": dict(
        summary=(
            "Вовлечённость вдвое ниже цели: аудитория выбранных блогеров не совпала с продуктом."
        ),
        hypothesis=(
            "Men's grooming content reaches 6 % ER with lifestyle creators.",
            "Контент о мужском уходе даст 6 % вовлечённости у лайфстайл-блогеров.",
        ),
        answers=[
            (
                "Команда рынка RU",
                {
                    "goal_understood": "Да, но аудитория выбранных лайфстайл-блогеров — в основном "
                    "женщины: мужской уход её не вовлёк.",
                    "goals_to_reassess": "Подбирать блогеров по аудитории, а не по тематике.",
                },
            ),
        ],
        events=[(1, "other", "Все публикации вышли по графику")],
        actions=[
            (
                "Проверять пол и возраст аудитории блогера до приглашения",
                "Менеджер по работе с блогерами",
                20,
                False,
            )
        ],
    ),
    "holiday-gift-sets": dict(
        summary=(
            "Russia paid back about 2.7 times its spend; the US missed at 0.9, as buyers used "
            "marketplace discounts instead of creator codes."
        ),
        hypothesis=(
            "Gift sets pay back twice their cost in both markets.",
            "Подарочные наборы окупятся вдвое на обоих рынках.",
        ),
        answers=[
            (
                "Команда рынка RU",
                {
                    "goal_understood": "Да: ROAS 2 был целью обоих рынков.",
                    "quicker_cheaper": "Подборки с несколькими блогерами продали наборы лучше "
                    "одиночных обзоров.",
                },
            ),
            (
                "US market team",
                {
                    "goals_to_reassess": "US gift buyers bought on marketplaces with their own "
                    "discounts; creator codes were rarely used. Re-assess ROAS as the US goal for "
                    "gifts.",
                    "management_help": "Start holiday outreach in October, not late November.",
                },
            ),
        ],
        events=[
            (6, "change", "US: marketplace discounts undercut the creators' codes"),
            (
                8,
                "disagreement",
                "The US team asked to switch the KPI to reach mid-flight; kept "
                "ROAS so both markets are judged alike",
            ),
        ],
        actions=[("Start US holiday outreach by mid-October", "US market lead", 200, False)],
    ),
    "lip-tint-tiktok": dict(
        summary=(
            "Humour lifted clicks in Russia and cut them in the US; no market reached its ER "
            "target."
        ),
        hypothesis=(
            "Humour beats testimonials on TikTok in every market.",
            "Юмор обгонит отзывы в TikTok на всех рынках.",
        ),
        answers=[
            (
                "Команда рынка RU",
                {
                    "quicker_cheaper": "Юмор заходит российской аудитории: сценарии пишут сами "
                    "блогеры.",
                },
            ),
            (
                "US market team",
                {
                    "goal_understood": "Yes, but the US audience wants proof for a lip product; "
                    "jokes read as unserious.",
                    "goals_to_reassess": "Choose the angle per market; do not pool it.",
                },
            ),
        ],
        events=[(4, "other", "A US creator's comedy sketch drew questions about the shade range")],
        actions=[("Brief humour for RU and testimonials for the US", "Creative lead", 14, True)],
    ),
    "back-to-school": dict(
        summary=("Обе страны превысили цель по вовлечённости."),
        hypothesis=(
            "Back-to-school hair content reaches 5 % ER in Kazakhstan and Russia.",
            "Контент о волосах к школе даст 5 % вовлечённости в Казахстане и России.",
        ),
        answers=[
            (
                "Команда рынка KZ",
                {
                    "goal_understood": "Да, цель была понятна всем, бриф подписан заранее.",
                },
            ),
        ],
        events=[(0, "other", "Launch in Kazakhstan and Russia")],
        actions=[],
    ),
    "hydration-week": dict(
        hypothesis=(
            "Short hydration tips lift CTR above 1.2 %.",
            "Короткие советы по увлажнению поднимут CTR выше 1,2 %.",
        ),
        answers=[],
        events=[
            (2, "absence", "The product shipment arrived a week late; three posts slipped"),
            (7, "tracking", "Link-in-bio tool changed mid-week; clicks for two days are estimates"),
        ],
        actions=[],
    ),
    "steady-converter": dict(
        hypothesis=(
            "A creator who always converts 1–2 % carries a conversion sprint.",
            "Блогер со стабильной конверсией 1–2 % вытянет спринт на конверсию.",
        ),
    ),
}
DEFAULT_HYPOTHESIS = (
    "High-contrast creative and honest reviews by micro and mid-tier creators drive more clicks "
    "than glossy videos.",
    "Высококонтрастный креатив и честные отзывы микро- и средних блогеров дадут больше "
    "переходов, чем глянцевые ролики.",
)


def hypothesis(slug: str) -> tuple[str, str]:
    return STORIES.get(slug, {}).get("hypothesis", DEFAULT_HYPOTHESIS)
