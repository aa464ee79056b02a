"""Helpers for page tests: log in as someone and check a page is fully in the reader's language."""

import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "src" / "aftercast" / "locale"
TAGS = re.compile(r"<[^>]+>")


@cache
def english_only_messages() -> frozenset[str]:
    """Return English source strings whose Russian translation differs: seen on a Russian page,
    they mean a string escaped translation."""
    with open(LOCALE / "ru" / "LC_MESSAGES" / "django.po", "rb") as handle:
        catalog = read_po(handle)
    found = set()
    for message in catalog:
        if not message.id or message.pluralizable or "%" in message.id or "{" in message.id:
            continue
        if len(message.id) >= 8 and message.string and message.string != message.id:
            found.add(message.id)
    return frozenset(found)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(TAGS.sub(" ", html).split())


def untranslated_on_russian_page(html: str) -> list[str]:
    text = visible_text(html)
    return sorted(m for m in english_only_messages() if re.search(rf"\b{re.escape(m)}\b", text))


def get_as(client, user, url: str, language: str = "en"):
    client.force_login(user)
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language)
