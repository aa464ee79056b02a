"""How an audience comment feels: `score(text, language=None)`.

English is scored with VADER; Russian with a lexicon of lemmas (pymorphy3 lemmatises each word,
so "понравилось", "нравится" and "понравился" are one entry) that handles negation ("не
понравилось") and intensifiers ("очень", "слегка"). Emoji count in both. A comment in another
language is "unknown", not guessed. Pure: no Django, no database.
"""

from dataclasses import dataclass

from aftercast.sentiment.detect import language_of

NEGATIVE, NEUTRAL, POSITIVE, UNKNOWN = "negative", "neutral", "positive", "unknown"
# VADER's own thresholds on its compound score.
THRESHOLD = 0.05


@dataclass(frozen=True)
class Sentiment:
    label: str  # negative / neutral / positive, or unknown for a language not scored
    score: float  # from -1 to 1; 0 when unknown
    language: str  # "ru", "en", "" (emoji or punctuation only) or the "unknown" it decided


def label_of(value: float) -> str:
    if value >= THRESHOLD:
        return POSITIVE
    if value <= -THRESHOLD:
        return NEGATIVE
    return NEUTRAL


def score(text: str, language: str | None = None) -> Sentiment:
    """Score one comment; `language` ("ru" or "en") skips detection."""
    language = (language or language_of(text)).lower()[:2]
    if language == "en":
        from aftercast.sentiment.english import compound
    elif language == "ru":
        from aftercast.sentiment.russian import compound
    elif language == "":
        from aftercast.sentiment.emoji import compound
    else:
        return Sentiment(UNKNOWN, 0.0, UNKNOWN)
    value = max(-1.0, min(1.0, compound(text)))
    return Sentiment(label_of(value), round(value, 4), language)
