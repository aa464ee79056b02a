"""Emoji valence, shared by both languages; a comment of emoji alone is scored by them."""

import math

# VADER's scale (-4 to 4), for the emoji audiences use most under creators' posts.
EMOJI = {
    "😍": 3.0, "🥰": 3.0, "😘": 2.5, "❤": 3.0, "♥": 2.5, "💕": 2.8, "💖": 2.8, "💗": 2.8,
    "💓": 2.5, "💞": 2.5, "💯": 2.5, "🔥": 2.5, "👍": 2.0, "👏": 2.3, "🙌": 2.3, "🤩": 3.0,
    "😊": 2.3, "😀": 2.0, "😃": 2.0, "😄": 2.3, "😁": 2.0, "🙂": 1.3, "😉": 1.3, "😂": 1.5,
    "🤣": 1.5, "✨": 1.5, "🌟": 2.0, "⭐": 1.8, "💪": 2.0, "🎉": 2.3, "🥳": 2.5, "😻": 2.8,
    "🙏": 1.5, "👌": 2.0, "😎": 1.8, "🤗": 2.3,
    "😡": -3.0, "🤬": -3.4, "😠": -2.8, "👎": -2.5, "🤮": -3.2, "🤢": -2.8, "💩": -2.8,
    "😢": -2.0, "😭": -2.3, "😞": -2.0, "😔": -1.8, "😒": -2.0, "🙄": -1.8, "😤": -2.0,
    "😩": -2.0, "😫": -2.0, "💔": -2.8, "😱": -1.5, "🤦": -1.8, "😕": -1.3, "🙁": -1.5,
    "☹": -2.0, "🤡": -2.0, "😬": -1.0,
}  # fmt: skip
# VADER's normalisation of a sum of valences into -1..1.
ALPHA = 15


def valences(text: str) -> list[float]:
    return [EMOJI[char] for char in text if char in EMOJI]


def normalise(total: float) -> float:
    return total / math.sqrt(total * total + ALPHA) if total else 0.0


def compound(text: str) -> float:
    return normalise(sum(valences(text)))
