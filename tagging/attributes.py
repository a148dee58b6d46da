"""Who made an item, who must act on it, and by when.

`made_by` is a canonical body: the partnership by its short name (HSCP, CSCB, ...), its
Independent Chair ("NSCP Independent Chair"), a named group, an inspectorate, a council,
police force or trust as named, or the committee whose minutes these are. It comes from,
in order: a committee's resolution; for a commitment, the body that commits (the subject
before "will"/"would"); for advice, the body reported as giving it ("Ofsted found", "She
highlighted" -> the current speaker, "I recommend" -> the report's author); the lead-in's
paragraph ("They identified these areas" -> the inspectorate named before); a section named
after a body; and last the publisher.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from core.model import Document, DocumentType, Kind
from tagging.rules import Rules, normalise_due

DATA = Path(__file__).parent / "data" / "attribution.yaml"


@dataclass(frozen=True)
class Attribution:
    """The compiled patterns of tagging/data/attribution.yaml."""

    reporting: re.Pattern
    pronoun_speaker: re.Pattern
    members: re.Pattern
    resolution: re.Pattern
    subject_end: re.Pattern
    council_person: re.Pattern
    partnership_person: re.Pattern
    police_person: re.Pattern
    first_person: re.Pattern
    as_role: re.Pattern
    partnership_name: re.Pattern
    committee_name: re.Pattern
    council_name: re.Pattern
    police_name: re.Pattern
    person_speaking: re.Pattern


@lru_cache(maxsize=1)
def patterns() -> Attribution:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    case = raw.pop("case")
    compiled = {k: re.compile(v, re.I) for k, v in raw.items()} | {k: re.compile(v) for k, v in case.items()}
    return Attribution(**compiled)


def acronym(name: str) -> str:
    """ "Northmoor Safeguarding Children Partnership" -> "NSCP"."""
    return "".join(w[0].upper() for w in name.split() if w[0].isupper() and w.lower() not in ("and", "of", "the"))


@dataclass(frozen=True)
class DocContext:
    """What a document says about who is who, worked out once per document."""

    doc_type: DocumentType
    acronym: str | None = None  # the partnership's (or board's) short name
    committee: str | None = None  # whose minutes these are
    council: str | None = None
    police: str | None = None

    @classmethod
    def of(cls, document: Document) -> DocContext:
        text = "\n".join(b.text for b in document.blocks[:400])
        head = f"{document.meta.title}\n{document.meta.publisher or ''}\n{text[:3000]}"
        names = Counter(m.group(0) for m in patterns().partnership_name.finditer(head))
        names.update(m.group(0) for m in patterns().partnership_name.finditer(text))
        short = None
        if document.meta.publisher and patterns().partnership_name.search(document.meta.publisher):
            short = acronym(patterns().partnership_name.search(document.meta.publisher).group(0))  # type: ignore[union-attr]
        elif names:
            short = acronym(names.most_common(1)[0][0])
        elif document.meta.partnership:
            short = acronym(document.meta.partnership) + "SCP"
        committee = None
        if document.meta.doc_type is DocumentType.MINUTES:
            found = patterns().committee_name.search(head)
            committee = found.group(1).strip() if found else None
        council = patterns().council_name.search(text)
        police = patterns().police_name.search(text)
        return cls(
            document.meta.doc_type,
            short,
            committee,
            council.group(1) if council else None,
            police.group(1) if police else None,
        )

    def canonical(self, name: str) -> str:
        """A body's name as the labels and the board show it."""
        low = name.lower().strip()
        if low in (
            "the partnership",
            "partnership",
            "the partners",
            "partners",
            "the hscp",
            "the board",
            "we",
            "the safeguarding partners",
        ) or patterns().partnership_name.fullmatch(name.strip()):
            return self.acronym or name
        if low in ("scrutiny committee", "the committee", "the panel", "members", "the chair") and self.committee:
            return self.committee
        if low in ("independent chair", "the independent chair") and self.acronym:
            return f"{self.acronym} Independent Chair"
        if low == "cabinet" and self.council:
            return self.council
        if patterns().partnership_person.search(name) and self.acronym:
            return self.acronym
        if patterns().police_person.search(name) and self.police:
            return self.police
        if patterns().council_person.search(name) and self.council:
            return self.council
        return re.sub(r"^the\s+", "", name.strip(), flags=re.I)


def bodies_in(text: str, known: list[tuple[int, int, str]], rules: Rules) -> list[tuple[int, int, str]]:
    """Bodies named in a text, in order: the span ruler's (known aliases) and any of general shape."""
    found = list(known)
    for pattern in rules.generic_bodies:
        for m in pattern.finditer(text):
            if not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), m.group(0)))
    for m in re.finditer(r"\b(?:we|our partners)\b", text, re.I):
        found.append((m.start(), m.end(), "we"))
    return sorted(found)


def made_by(
    kind: Kind,
    text: str,
    bodies: list[tuple[int, int, str]],
    lead_in: str | None,
    lead_bodies: list[tuple[int, int, str]],
    section: str,
    ctx: DocContext,
    speaker: str | None,
    publisher: str | None,
    rules: Rules,
    action_at: int | None,
) -> str | None:
    """Who made the item (see the module's docstring for the order of sources)."""
    meeting = ctx.doc_type is DocumentType.MINUTES
    if (
        meeting
        and ctx.committee
        and (patterns().resolution.search(lead_in or "") or patterns().resolution.search(text))
    ):
        if kind is not Kind.ACTION or not bodies or patterns().members.match(text):
            return ctx.committee
    role = patterns().as_role.search(text)
    if role:
        return ctx.canonical(role.group(1))
    if patterns().first_person.search(text):
        return (
            "Independent Scrutineer"
            if ctx.doc_type is DocumentType.SCRUTINEER_REPORT
            else ctx.canonical("Independent Chair")
        )
    if kind is Kind.ACTION and action_at is not None:
        subjects = [b for b in bodies if b[1] <= action_at]
        if subjects:
            return ctx.canonical(subjects[-1][2])
    for _start, end, name in bodies:
        if patterns().reporting.match(text[end:]):
            return ctx.canonical(name)
    if meeting and patterns().pronoun_speaker.match(text) and speaker:
        return speaker
    if meeting and patterns().members.match(text) and ctx.committee:
        return ctx.committee
    for _start, end, name in lead_bodies:
        if patterns().reporting.match((lead_in or "")[end:]) or name.lower() in (
            "ofsted",
            "hmicfrs",
            "independent scrutineer",
        ):
            return ctx.canonical(name)
    by_section = max(
        ((m.start(), name) for pattern, name in rules.body_sections for m in pattern.finditer(section)), default=None
    )
    if by_section:
        return ctx.canonical(by_section[1])
    heading = section.rsplit(" > ", 1)[-1].strip()
    if heading and any(p.fullmatch(heading) for p in rules.generic_bodies):
        return ctx.canonical(heading)  # an agency's own part of a report ("West Mercia Police")
    if kind is Kind.ACTION and bodies:
        return ctx.canonical(bodies[0][2])
    if meeting:
        return speaker or ctx.committee
    if ctx.doc_type is DocumentType.SCRUTINEER_REPORT:
        return "Independent Scrutineer"
    if ctx.doc_type is DocumentType.INSPECTION_REPORT:
        return "Ofsted" if not publisher or "ofsted" in publisher.lower() else publisher
    return ctx.acronym or publisher


def speaker_of(text: str, bodies: list[tuple[int, int, str]], ctx: DocContext) -> str | None:
    """The body a block reports as speaking ("The Independent Scrutineer explained ...")."""
    for _start, end, name in bodies:
        if patterns().reporting.match(text[end:]) and name.lower() not in ("we",):
            return ctx.canonical(name)
    person = patterns().person_speaking.match(text)
    if person and not patterns().pronoun_speaker.match(person.group(1)):
        return ctx.canonical(person.group(1))
    return None


def addressee(kind: Kind, text: str, lead_in: str | None, ctx: DocContext) -> str | None:
    """Who must act on a recommendation: the subject before its modal, or the lead-in's."""
    if kind is not Kind.RECOMMENDATION:
        return None
    for source in (text, lead_in or ""):
        m = patterns().subject_end.search(source)
        if m and m.start() == 0:
            continue
        if not m:
            continue
        subject = re.sub(r"^(that|the|all|every|each)\s+", "", source[: m.start()].strip(" ,:"), flags=re.I)
        subject = re.sub(r"^.*\b(that|recommends?|asks?|requests?|improve,?)\s+", "", subject, flags=re.I)
        if subject and len(subject.split()) <= 6 and not re.match(r"(it|this|there|which)\b", subject, re.I):
            return ctx.canonical(subject)
    return None


def due(
    kind: Kind, text: str, lead_in: str | None, headers: tuple[str, ...], section: str, rules: Rules, done: bool
) -> str | None:
    """When an item is due: a date in its own words, else (for priorities and planned steps) the
    period its lead-in, table header or section names."""
    own = normalise_due(text, rules)
    if own or done:
        return own
    for source in (lead_in, " ".join(headers), section):
        if source and (
            kind is Kind.PRIORITY
            or rules.any(rules.future_sections, section)
            or re.search(r"\b(will|would|scheduled|focus|priorit)", source, re.I)
        ):
            value = normalise_due(f"in {source}" if not source.startswith(("in ", "by ")) else source, rules)
            if value:
                return value
    return None
