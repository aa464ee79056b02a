"""English comments, scored with VADER (its lexicon ships with the package: nothing is fetched),
taught the words audiences use under creators' posts that its lexicon lacks or reads otherwise
("fire" and "slaps" are praise there), and a few idioms it misreads word by word."""

import re
from functools import lru_cache

from aftercast.sentiment.emoji import compound as emoji_compound
from aftercast.sentiment.emoji import normalise, valences

CREATOR_SLANG = {
    "fire": 2.5, "slaps": 2.5, "lit": 2.3, "goat": 2.3, "obsessed": 2.5, "iconic": 2.3,
    "meh": -1.5, "cringe": -2.3, "ripoff": -2.8, "rip-off": -2.8, "scam": -3.0, "unfollow": -2.0,
    "unfollowing": -2.0, "unfollowed": -2.0, "nightmare": -2.8, "overpriced": -2.0,
    "greasy": -1.5, "bland": -1.5, "sticky": -1.0, "allergic": -1.5, "rash": -2.0,
    "convenient": 1.8, "gorgeous": 3.0, "stunning": 3.0, "flawless": 3.0, "glowing": 2.0,
    "garbage": -2.8, "crap": -2.8, "gross": -2.5, "fake": -2.3,
    # Product complaints and praise: skin, smell, price, delivery, support.
    "pimples": -2.0, "pimple": -1.8, "acne": -1.8, "breakout": -2.0, "breakouts": -2.0,
    "itchy": -2.0, "itching": -2.0, "burning": -1.5, "burns": -1.5, "flaky": -1.8,
    "peeling": -1.5, "redness": -1.8, "irritation": -2.0, "irritated": -2.0, "headache": -2.0,
    "nausea": -2.5, "reeks": -2.8, "stinks": -2.8, "stinky": -2.5, "smelly": -2.0,
    "chemicals": -0.8, "leaky": -2.0, "leaking": -2.0, "leaked": -2.0, "defective": -2.5,
    "broken": -2.3, "damaged": -2.3, "delayed": -1.5, "late": -0.8, "refund": -1.0,
    "returned": -1.5, "overrated": -2.0, "ordinary": -0.8, "mid": -1.3, "sus": -1.5,
    "shill": -2.5, "sellout": -2.8, "flop": -2.3, "yikes": -2.0,
    "masterpiece": 3.0, "queen": 2.3, "thrilled": 3.0, "adore": 3.0,
    "soft": 1.0, "smooth": 1.3, "hydrating": 1.3, "glow": 2.0, "radiant": 2.3, "staple": 1.8,
    "banger": 2.5, "vibes": 1.3,
}  # fmt: skip
# Idioms VADER reads word by word, as (pattern, valence); they replace what their words said.
IDIOMS = [
    (r"\b(doesn'?t|does not|didn'?t|did not|won'?t|don'?t) (even )?work", -2.3),
    (r"\bnot worth\b", -2.3),
    (r"\bexactly what i (was|am|'m) looking for\b", 2.5),
    (r"\bno regrets?\b", 2.0),
    (r"\bdidn'?t expect to (like|love)\b", 2.0),
    (r"\bnot (sticky|greasy|heavy)\b", 1.0),
    (r"\bnot impressed\b", -1.8),
    (r"\b(don'?t|do not|never) buy\b", -2.3),
    (r"\bi don'?t believe\b", -2.0),
    (r"\b(enough already|so tired of|tired of)\b", -1.8),
    (r"\bused to be (better|good|more)\b", -1.5),
    (r"\btoo (expensive|pricey)\b", -2.0),
    (r"\bwaste of (time|money)\b", -2.8),
    (r"\bnever again\b", -2.3),
    (r"\bwon'?t buy again\b", -2.5),
    (r"\bholy grail\b", 3.0),
    (r"\bgame changer\b", 2.5),
]


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update(CREATOR_SLANG)
    return analyzer


def compound(text: str) -> float:
    lowered = text.lower()
    idioms = [value for pattern, value in IDIOMS if re.search(pattern, lowered)]
    if idioms:
        rest = lowered
        for pattern, _value in IDIOMS:
            rest = re.sub(pattern, " ", rest)
        said = _analyzer().polarity_scores(rest)["compound"]
        # Back to VADER's sum of valences (roughly), plus the idioms', then normalised again.
        total = sum(idioms) + said * 4  # VADER scored the emoji left in `rest` already
        return normalise(total)
    score = _analyzer().polarity_scores(text)["compound"]
    if score == 0 and valences(text):
        return emoji_compound(text)  # emoji VADER has no description for still say something
    return score
