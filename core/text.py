"""Words as the stages compare them: tokens, stems, stop words, and text overlap.

Search has its own analyser (Whoosh's, in index/); this is what linking, the evaluations
and identity matching (a revised item against its predecessor) share.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now
of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves may might must shall""".split()
)

_stemmer = snowballstemmer.stemmer("english")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens ("Children's" -> "children's"; hyphens split words)."""
    return _TOKEN.findall((text or "").lower().replace("’", "'"))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.split("'")[0])


def stems(text: str, keep_stop_words: bool = False) -> list[str]:
    """The stems of a text's words, stop words left out unless asked for."""
    return [stem(w) for w in tokens(text) if keep_stop_words or (w not in STOP_WORDS and len(w) > 1)]


def normalise(text: str) -> str:
    """Lower case, quotes unified, anything but letters, digits and apostrophes as one space."""
    text = (text or "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[^0-9a-z']+", " ", text.lower()).strip()


def word_set(text: str) -> set[str]:
    return set(re.findall(r"[0-9a-z]+", (text or "").lower()))


def dice(a: str, b: str) -> float:
    """The Dice overlap of two texts' word sets: 2|A∩B| / (|A|+|B|)."""
    wa, wb = word_set(a), word_set(b)
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0
