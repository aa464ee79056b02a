"""Every user-visible string exists in Russian and English, and the catalogs match the code."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "aftercast"
LOCALE = PACKAGE / "locale"


def catalog(language: str, root: Path = LOCALE):
    with open(root / language / "LC_MESSAGES" / "django.po", "rb") as handle:
        return read_po(handle)


def message_ids(language: str, root: Path = LOCALE) -> set:
    return {message.id for message in catalog(language, root) if message.id}


@pytest.mark.parametrize("language", ["ru", "en"])
def test_both_catalogs_exist(language):
    assert (LOCALE / language / "LC_MESSAGES" / "django.po").is_file()


def test_no_russian_message_is_untranslated_or_fuzzy():
    problems = []
    for message in catalog("ru"):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    assert not problems, f"untranslated or fuzzy in ru: {problems[:20]}"


def test_russian_plurals_have_every_form_the_catalog_declares():
    russian = catalog("ru")
    assert russian.num_plurals >= 3  # one, few, many (Django's header adds a fourth, fractions)
    for message in russian:
        if message.pluralizable:
            assert len(message.string) == russian.num_plurals and all(message.string), message.id


def test_the_catalogs_hold_every_string_of_the_code(tmp_path):
    """Extract afresh into a copy of the package: no message may be missing from the catalogs."""
    copy = tmp_path / "aftercast"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    environment = {**os.environ, "AFTERCAST_HOME": str(tmp_path / "home")}
    environment.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "aftercast", "makemessages", "-l", "ru", "--no-location", "-v0"],
        cwd=copy,
        env=environment,
        check=True,
        timeout=300,
    )
    missing = message_ids("ru", copy / "locale") - message_ids("ru")
    assert not missing, f"run `make messages` and translate: {sorted(missing)[:20]}"


def test_a_creators_status_reads_in_their_own_words_in_russian():
    from django.utils import translation

    from aftercast.campaigns.models import PartnershipStatus
    from aftercast.checkins.models import CheckInStatus

    with translation.override("ru"):
        assert str(PartnershipStatus.DROPPED.label) == "Не участвует"
        assert str(PartnershipStatus.LIVE.label) == "Публикует"
        assert str(CheckInStatus.PLANNED.label) == "Запланирован"
