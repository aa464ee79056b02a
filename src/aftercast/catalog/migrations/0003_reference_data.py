"""Markets and platforms every workspace shares; more can be added in the admin."""

from django.db import migrations

MARKETS = [
    # code, English, Russian, currency, language, locale, timezone, lead metrics
    (
        "RU",
        "Russia",
        "Россия",
        "RUB",
        "ru",
        "ru_RU",
        "Europe/Moscow",
        ["er_reach", "er_followers", "comments", "follow_rate"],
    ),
    (
        "US",
        "United States",
        "США",
        "USD",
        "en",
        "en_US",
        "America/New_York",
        ["cpa", "roas", "conversion_rate", "ltv"],
    ),
    (
        "KZ",
        "Kazakhstan",
        "Казахстан",
        "KZT",
        "ru",
        "ru_KZ",
        "Asia/Almaty",
        ["er_reach", "conversion_rate", "cpa"],
    ),
]
PLATFORMS = [
    ("instagram", "Instagram"),
    ("tiktok", "TikTok"),
    ("youtube", "YouTube"),
    ("vk", "VK"),
    ("telegram", "Telegram"),
    ("twitch", "Twitch"),
]


def add_reference_data(apps, schema_editor):
    Market = apps.get_model("catalog", "Market")
    Platform = apps.get_model("catalog", "Platform")
    for code, name_en, name_ru, currency, language, locale, tz, lead in MARKETS:
        Market.objects.update_or_create(
            code=code,
            defaults=dict(
                name_en=name_en,
                name_ru=name_ru,
                currency=currency,
                language=language,
                locale=locale,
                timezone=tz,
                lead_metrics=lead,
            ),
        )
    for slug, name in PLATFORMS:
        Platform.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_initial")]
    operations = [migrations.RunPython(add_reference_data, migrations.RunPython.noop)]
