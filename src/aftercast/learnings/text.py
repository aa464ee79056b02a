"""Words as the search index keeps them: case-folded, ё read as е, each reduced to its stem by
the Russian or the English Snowball stemmer (by its script), and a marketing term also kept as
its concept from the RU/EN glossary, so "вовлечённость", "Вовлеченности" and "engagement" meet."""

import re
from functools import lru_cache

import Stemmer

from aftercast.learnings.glossary import CONCEPT_PREFIX, NO_EXTRA, Extra, concepts_of

WORD = re.compile(r"[^\W_]+", re.UNICODE)  # "mid-tier" is two words, as the engines read it
CYRILLIC = re.compile(r"[а-я]")
MAX_WORDS = 64  # a 10,000-character query is read by its first words, never refused


@lru_cache(maxsize=2)
def _stemmer(language: str):
    return Stemmer.Stemmer(language)


def folded(text: str) -> str:
    return text.casefold().replace("ё", "е")


def words(text: str) -> list[str]:
    return WORD.findall(folded(text))[:MAX_WORDS]


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    language = "russian" if CYRILLIC.search(word) else "english"
    return _stemmer(language).stemWord(word)


def word_terms(word: str, extra: Extra = NO_EXTRA) -> list[str]:
    """One word's index terms: its stem, and the concepts it names ("er", "reach"...)."""
    return [stem(word), *(CONCEPT_PREFIX + concept for concept in concepts_of(word, extra))]


def workspace_term(workspace_id: int) -> str:
    """The term every rule of a workspace is indexed with, so the engine ranks one workspace's
    rules inside its index (letters and digits only, unlike any stem or concept)."""
    return f"xxworkspace{workspace_id}"


def document_terms(*texts: str, extra: Extra = NO_EXTRA) -> str:
    """What the index stores for a rule: every word's terms, and each glossary phrase of several
    words ("средний чек", "discount code") as its concept, space-separated."""
    found: list[str] = []
    for text in texts:
        if not text:
            continue
        said = words(text)
        for word in said:
            found += word_terms(word, extra)
        for first, second in zip(said, said[1:], strict=False):
            found += [CONCEPT_PREFIX + c for c in concepts_of(f"{first} {second}", extra)]
    return " ".join(found)


def index_terms(learning, extra: Extra = NO_EXTRA) -> str:
    """What the index keeps for a rule: its workspace's term, then its statements' and tags'
    terms; nothing for a deleted rule, so no search finds it."""
    if learning.deleted_at is not None:
        return ""
    tags = " ".join(learning.tags or [])
    said = document_terms(learning.statement_en, learning.statement_ru, tags, extra=extra)
    return f"{workspace_term(learning.workspace_id)} {said}"


def query_groups(text: str, extra: Extra = NO_EXTRA) -> list[tuple[str, frozenset[str]]]:
    """A query as its words, each with the terms that match it: a glossary word by its concept
    alone (a rule saying it in either language has the concept, and "промокод" should not count
    twice against a rule that says "discount code"), any other word by its stem; a glossary
    phrase of two words ("средний чек") is one more, matched by its concept."""
    said = words(text)
    groups: dict[str, frozenset[str]] = {}
    for word in said:
        terms = [CONCEPT_PREFIX + c for c in sorted(concepts_of(word, extra))] or [stem(word)]
        groups.setdefault(word, frozenset(term for term in terms if term))
    for first, second in zip(said, said[1:], strict=False):
        phrase = [CONCEPT_PREFIX + c for c in concepts_of(f"{first} {second}", extra)]
        if phrase:
            groups.setdefault(f"{first} {second}", frozenset(phrase))
    return [(word, terms) for word, terms in groups.items() if terms]
