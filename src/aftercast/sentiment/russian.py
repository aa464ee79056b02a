"""Russian comments: a lexicon of lemmas, with negation, intensifiers and emoji.

Each word is lemmatised (pymorphy3) and looked up in `ru_lexicon.tsv`. A negation ("не", "ни",
"нет", "без") up to three words before a sentiment word turns it and damps it, as VADER does
("не понравилось" is negative, "не плохо" mildly positive); an intensifier just before it
("очень", "совсем") strengthens it, a softener ("немного") weakens it. "Но" shifts the weight to
what follows, and exclamation marks amplify, both as in VADER.
"""

import re
from functools import lru_cache
from importlib import resources

from aftercast.sentiment.emoji import normalise, valences

TOKEN = re.compile(r"[а-яёa-z]+|[!?.,;:—]", re.IGNORECASE)
# A negation or an intensifier reaches no further than the clause it is in.
BREAKS = set("?.,;:—!")
NEGATIONS = {"не", "ни", "нет", "без", "никак", "нисколько", "вовсе"}
# VADER turns a negated word by -0.74.
NEGATION_SCALAR = -0.74
BOOSTERS = {
    "очень": 1.5, "совсем": 1.4, "супер": 1.5, "слишком": 1.3, "крайне": 1.6,
    "абсолютно": 1.5, "невероятно": 1.6, "безумно": 1.6, "реально": 1.3, "просто": 1.2,
    "так": 1.3, "такой": 1.3, "самый": 1.4, "вообще": 1.3, "офигенно": 1.5, "жутко": 1.5,
    "чертовски": 1.5, "дико": 1.5, "максимально": 1.5,
    "немного": 0.6, "слегка": 0.6, "чуть": 0.6, "довольно": 0.9, "почти": 0.7,
}  # fmt: skip
BUT = {"но", "однако", "зато"}
# Idioms whose words say nothing alone.
PHRASES = {
    "так себе": -1.5, "не очень": -1.5, "на любителя": -0.8, "деньги на ветер": -2.8,
    "не стоит": -2.0, "не советую": -2.5, "не то": -1.3,
    "ни о чём": -1.8, "выброшенные деньги": -2.8, "с ума сойти": 2.5,
    "то что надо": 2.5, "то, что надо": 2.5, "в восторге": 3.0, "не работает": -2.3,
    "не помогает": -2.0, "не помогло": -2.0, "не подошло": -1.8, "не подошел": -1.8,
    "не впечатлило": -1.8, "не берите": -2.3, "не покупайте": -2.5, "не верю": -2.0,
    "сколько можно": -1.8, "раньше были": -1.0, "раньше было лучше": -2.0, "пустая трата": -2.8,
    "голова болит": -2.0, "не рекомендую": -2.5, "больше не куплю": -2.5, "не куплю": -2.0,
}  # fmt: skip
WINDOW = 3


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    text = resources.files("aftercast.sentiment").joinpath("ru_lexicon.tsv").read_text("utf-8")
    entries = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, value = line.split("\t")
            entries[_plain(lemma)] = float(value)
    return entries


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


_IDIOM_VALENCE = {phrase.lower().replace("ё", "е"): value for phrase, value in PHRASES.items()}


@lru_cache(maxsize=64)
def _phrase(phrase: str) -> re.Pattern:
    """The idiom as whole words: "не подошло" is not inside "мне подошло"."""
    return re.compile(rf"(?<![а-яa-z]){re.escape(_plain(phrase))}(?![а-яa-z])")


def _plain(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=20_000)
def lemma(word: str) -> str:
    word = _plain(word)
    lexicon = _lexicon()
    if word in lexicon or not re.search("[а-я]", word):
        return word
    normal = _plain(_morph().parse(word)[0].normal_form)
    if normal not in lexicon and normal.endswith("о"):
        # An adverb reads as its adjective: "великолепно" as "великолепный".
        for ending in ("ый", "ий", "ой"):
            if normal[:-1] + ending in lexicon:
                return normal[:-1] + ending
    return normal


def _without_idioms(text: str) -> tuple[str, list[float]]:
    """Take each idiom out of the text, longest first, so its words are not read again on
    their own; returns the rest of the text and the idioms' valences."""
    rest, found = _plain(text), []
    for phrase in sorted({_plain(p) for p in PHRASES}, key=len, reverse=True):
        rest, count = _phrase(phrase).subn(" , ", rest)  # the idiom ends a clause too
        found += [_IDIOM_VALENCE[phrase]] * count
    return rest, found


def compound(text: str) -> float:
    rest, idioms = _without_idioms(text)
    words = [token if token in BREAKS else lemma(token) for token in TOKEN.findall(rest)]
    lexicon = _lexicon()
    scores: list[float] = []
    but_at = None
    for position, word in enumerate(words):
        if word in BUT and but_at is None:
            but_at = len(scores)
        valence = lexicon.get(word)
        following = words[position + 1] if position + 1 < len(words) else ""
        if valence is None or (word in BOOSTERS and following in lexicon):
            continue  # "супер" before a sentiment word strengthens it; alone it is one
        before = words[max(0, position - WINDOW) : position]
        clause = [i for i, token in enumerate(before) if token in BREAKS or token in BUT]
        before = before[clause[-1] + 1 :] if clause else before
        if before and before[-1] in BOOSTERS:
            valence *= BOOSTERS[before[-1]]
        if any(previous in NEGATIONS for previous in before):
            valence *= NEGATION_SCALAR
        scores.append(valence)
    if but_at is not None:
        scores = [v * 0.5 for v in scores[:but_at]] + [v * 1.5 for v in scores[but_at:]]
    total = sum(scores) + sum(idioms) + sum(valences(text))
    if total:
        # Up to four exclamation marks add weight in the direction already taken.
        total += min(text.count("!"), 4) * 0.292 * (1 if total > 0 else -1)
    return normalise(total)
