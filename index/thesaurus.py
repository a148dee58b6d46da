"""The safeguarding thesaurus (`index/data/thesaurus.yaml`): groups of words and phrases that
mean the same thing, matched on stems so that inflections and stop words do not matter.

A query using any member of a group also searches for the rest of the group, with a lower
weight than the words typed (`index/query.py`). Single words are searched as they are; a
phrase or an abbreviation in capitals is found through one extra index word per group
(`thes...`), added to each entry that uses any of the group's phrases or abbreviations, the
same way acronyms are indexed: looking a phrase up by its word positions at query time would
cost too much on a large index.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from index.schema import TEXT_ANALYZER
from index.vocabulary import QUERY_DATA, vocabulary

THESAURUS_DATA = Path(__file__).resolve().parent / "data" / "thesaurus.yaml"
_WORD = re.compile(r"[\w][\w&'’.-]*")


def stems(text: str) -> tuple[str, ...]:
    """Stemmed words of a text, stop words left out: how the index sees it."""
    return tuple(t.text for t in TEXT_ANALYZER(text, mode="query"))


def _is_abbreviation(member: str) -> bool:
    """Written with two capitals or more (LADO, CiC, A&E, GPs): matched as written in documents."""
    return sum(c.isupper() for c in member) >= 2 and " " not in member


@dataclass(frozen=True)
class Group:
    """One meaning: its members as written, and how each is found."""

    members: tuple[str, ...]
    token: str  # the index word standing for the group's phrases and abbreviations
    words: frozenset[str]  # stems of single-word members, searched directly
    phrases: tuple[tuple[str, ...], ...]  # stems of members of two words or more
    abbreviations: tuple[str, ...]  # members written in capitals
    number: int  # its place in the thesaurus: the same in every loaded copy, unlike id()
    everyday: bool = False  # everyday words for official ones: for questions only


@dataclass(frozen=True)
class Match:
    """A group found in a run of query words (positions in that run, end exclusive)."""

    group: Group
    start: int
    end: int


class Thesaurus:
    """All groups, with look-ups from stems and abbreviations to the groups using them."""

    def __init__(
        self, raw_groups: list[list[str]], ambiguous: set[str], everyday_groups: list[list[str]] | None = None
    ):
        acronyms = vocabulary().acronyms
        self.groups: list[Group] = []
        # first stem -> (stems of a member, group), longest first
        self._by_first: dict[str, list[tuple[tuple[str, ...], Group]]] = {}
        self._abbreviations: dict[str, Group] = {}  # upper case -> group
        self.ambiguous = frozenset(a.lower() for a in ambiguous)
        patterns = []
        for everyday, raw in [(False, g) for g in raw_groups] + [(True, g) for g in everyday_groups or []]:
            members = [str(m).strip() for m in raw if str(m).strip()]
            # an acronym of query.yaml brings its long forms
            for member in list(members):
                for long in acronyms.get(member.lower(), ()) if _is_abbreviation(member) else ():
                    if long not in (m.lower() for m in members):
                        members.append(long)
            words, phrases, abbreviations = set(), [], []
            for member in members:
                if _is_abbreviation(member):
                    abbreviations.append(member)
                    continue
                member_stems = stems(member)
                if len(member_stems) == 1:
                    words.add(member_stems[0])
                elif member_stems:
                    phrases.append(member_stems)
            group = Group(
                members=tuple(members),
                token="thes" + re.sub(r"[^0-9a-z]", "", members[0].lower()),
                words=frozenset(words),
                phrases=tuple(dict.fromkeys(phrases)),
                abbreviations=tuple(abbreviations),
                number=len(self.groups),
                everyday=everyday,
            )
            self.groups.append(group)
            for member_stems in [(w,) for w in words] + list(group.phrases):
                self._by_first.setdefault(member_stems[0], []).append((member_stems, group))
            for abbreviation in abbreviations:
                self._abbreviations.setdefault(abbreviation.upper(), group)
            if abbreviations:
                alternatives = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
                patterns.append((group, re.compile(rf"(?<![\w&-])(?:{alternatives})s?(?![\w&-])")))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self._patterns = patterns
        self._phrase_groups = {g.token: g for g in self.groups if g.phrases or g.abbreviations}

    # -- documents ------------------------------------------------------------------------
    def index_tokens(self, text: str) -> str:
        """The group words to index with a text: one per use of a group's phrase or abbreviation."""
        found: list[str] = []
        tokens = stems(text)
        i = 0
        while i < len(tokens):
            for member_stems, group in self._by_first.get(tokens[i], ()):
                if len(member_stems) > 1 and tokens[i : i + len(member_stems)] == member_stems:
                    found.append(group.token)
                    i += len(member_stems) - 1
                    break
            i += 1
        for group, pattern in self._patterns:
            found.extend(group.token for _ in pattern.finditer(text))
        return " ".join(found)

    # -- queries --------------------------------------------------------------------------
    def find(self, words: list[str], skip: frozenset[str] = frozenset(), everyday: bool = False) -> list[Match]:
        """The groups used in a run of typed words, longest match first, never overlapping.
        Words in `skip` (a question's fillers) may be passed over where no member uses them:
        "raise *most* concerns" is "raise concerns", while "looks after" keeps its "after".
        `everyday`: the groups of everyday words count too (for questions)."""
        matches: list[Match] = []
        taken: set[int] = set()
        for position, word in enumerate(words):  # abbreviations, as typed or in lower case
            upper = word.upper()
            group = self._abbreviations.get(upper) or (upper.endswith("S") and self._abbreviations.get(upper[:-1]))
            if (
                group
                and (everyday or not group.everyday)
                # "send" and "sends" typed in lower case are the verb, not SEND
                and (not word.islower() or {word, word.removesuffix("s")}.isdisjoint(self.ambiguous))
            ):
                matches.append(Match(group, position, position + 1))
                taken.add(position)
        every = [(p, s) for p, w in enumerate(words) for s in stems(w)]
        kept = [(p, s) for p, s in every if words[p].strip(".-'’").lower() not in skip]
        in_kept = {unit: k for k, unit in enumerate(kept)}
        i = 0
        while i < len(every):
            best: tuple[int, Match] | None = None
            for units, at in ((every, i), (kept, in_kept.get(every[i]))):
                if at is None:
                    continue
                for member_stems, group in self._by_first.get(units[at][1], ()):
                    if group.everyday and not everyday:
                        continue
                    window = units[at : at + len(member_stems)]
                    if tuple(s for _, s in window) != member_stems:
                        continue
                    start, end = window[0][0], window[-1][0] + 1
                    if not taken & set(range(start, end)) and (best is None or len(member_stems) > best[0]):
                        best = (len(member_stems), Match(group, start, end))
                    break  # members are tried longest first
            if best is None:
                i += 1
                continue
            matches.append(best[1])
            taken |= set(range(best[1].start, best[1].end))
            while i < len(every) and every[i][0] < best[1].end:
                i += 1
        return sorted(matches, key=lambda m: m.start)

    def group_of_abbreviation(self, abbreviation: str) -> Group | None:
        """The group an abbreviation ("lado") belongs to, if any."""
        return self._abbreviations.get(abbreviation.upper())

    def has_token(self, group: Group) -> bool:
        """Whether the group has an index word (it has phrases or abbreviations)."""
        return group.token in self._phrase_groups


@lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    raw = yaml.safe_load(THESAURUS_DATA.read_text(encoding="utf-8")) or {}
    return Thesaurus(
        raw.get("groups") or [], set(raw.get("ambiguous_abbreviations") or []), raw.get("plain_english") or []
    )


def words_of(text: str) -> list[str]:
    """The words of a query run, as the thesaurus reads them."""
    return _WORD.findall(text)


@lru_cache(maxsize=1)
def vocabulary_version() -> str:
    """Changes when the acronyms or the thesaurus change: what the index holds depends on both."""
    digest = hashlib.sha1(QUERY_DATA.read_bytes() + THESAURUS_DATA.read_bytes())
    return digest.hexdigest()[:12]
