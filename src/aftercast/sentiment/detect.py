"""Which language a comment is in: Russian, English, none (emoji only) or one not scored.

Script first: Cyrillic is Russian unless it has letters or words Russian lacks (і, ї, є, ґ and
"це", "дуже": Ukrainian; ў: Belarusian). Latin is English unless it shows another language: its
letters (ä, ñ, ç…) or its commonest words ("und", "muy", "très"). Short English comments hold
few English words a list would know; other languages give themselves away more reliably.
"""

import re
from functools import lru_cache

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
CYRILLIC = re.compile("[а-яёіїєґў]", re.IGNORECASE)
NOT_RUSSIAN_LETTERS = set("іїєґўІЇЄҐЎ")
NOT_RUSSIAN_WORDS = {"це", "дуже", "що", "дякую", "вже", "тільки", "треба", "якщо", "цей", "буде"}
NOT_ENGLISH_LETTERS = set("äöüßéèêëàâçñíóúìòùãõåøæœłńśźżčšžěřůýáéíőű")
# The commonest words of the Latin-script languages comments most often come in besides English.
# Words English shares ("die", "gut", "con", "ale") are left out.
_NOT_ENGLISH = (
    "der das und ist nicht ich sehr auch mit sie ein eine für wirklich "
    "el los las es muy que por para pero una está "
    "les et est très pas je elle une des du avec mais c'est "
    "che di sono molto questo bello grazie "
    "os é não muito com uma isso obrigado "
    "bir çok için gibi "
    "jest nie się bardzo jak "
    "het een niet zijn voor maar"
)
NOT_ENGLISH_WORDS = frozenset(_NOT_ENGLISH.split())
_COMMON_ENGLISH = (
    "a an the and or but if so of to in on at for with from by as is are was were be been am "
    "i you he she it we they me my your his her its our their this that these those not no yes "
    "do does did have has had will would can could should just very really too also all any "
    "what when where who why how there here than then out up down about more most some much "
    "get got go going need want one buy bought link code try tried video post product skin "
    "hair makeup look looks shade ordered order price quality texture smell right holy grail "
    "game changer honestly literally"
)
COMMON_ENGLISH = frozenset(_COMMON_ENGLISH.split())


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Words that say a comment is English: VADER's lexicon and the commonest English words."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from aftercast.sentiment.english import CREATOR_SLANG

    return frozenset(SentimentIntensityAnalyzer().lexicon) | COMMON_ENGLISH | set(CREATOR_SLANG)


def language_of(text: str) -> str:
    """ "ru", "en", "" when there are no words, or "unknown"."""
    words = WORD.findall(text)
    if not words:
        return ""
    cyrillic = [word for word in words if CYRILLIC.search(word)]
    if len(cyrillic) * 2 >= len(words):
        ukrainian = any(word.lower() in NOT_RUSSIAN_WORDS for word in cyrillic)
        return "unknown" if ukrainian or set(text) & NOT_RUSSIAN_LETTERS else "ru"
    latin = [word.lower() for word in words if word not in cyrillic]
    foreign = sum(word in NOT_ENGLISH_WORDS for word in latin)
    if foreign * 3 >= len(latin):
        return "unknown"
    # English needs one word English knows ("Me encanta" has none); a loanword's accent
    # ("café") counts against it only when nothing in the comment is English.
    english = sum(word in _english_words() for word in latin)
    if english == 0:
        return "unknown"
    if set("".join(latin)) & NOT_ENGLISH_LETTERS and english * 2 < len(latin):
        return "unknown"
    return "en"
