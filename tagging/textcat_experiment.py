"""Experiment: does a trained spaCy `textcat` tag items better than the hand rules?

Every labelled document is cut into candidate units the way an item can be: a list item
whole, a table cell whole (a long cell sentence by sentence), a heading, and each sentence
of a paragraph (plus, for a sentence holding a list after a colon, "our priorities are: a;
b; c", each part). Each unit carries context text: its block kind, its lead-in, the last
heading above it and its table column's header. A unit is labelled from the hand labels of
tests/data/labels/items/: the kind of the clear label it matches (word-set Dice >= 0.5 with
no other unit overlapping that label more, or the unit's words lie inside the label's text),
"none" when it matches nothing; units that match only borderline labels are left out.

A `textcat` (exclusive classes recommendation | priority | action | none) on
`spacy.blank("en")` reads "context ||| unit text": the bag-of-words architecture (6 epochs)
and the ensemble of a CNN and bag-of-words (4 epochs; fixed seeds). It is trained
leave-one-document-out over the `fitted` documents of scope.yaml (train on the others,
predict the held-out one),
and once on all fitted documents to predict the `sealed` ones (the real unseen test). A
second variant also sees the rule tagger's kind for the unit as a token ("RULE_priority").
Predicted units (kind other than "none") become items, scored exactly as `sgkb eval items`
scores the rule tagger (tagging/evaluate.py); the rule tagger's stored items of the same
documents are scored alongside, and so is the ceiling of the unit cutting (every unit given
its gold kind: what a perfect classifier of these units would reach).

Run (from the checkout, reads the store only; a copy is opened so nothing is written):

    python -m tagging.textcat_experiment --data-dir data-labelled
    python -m tagging.textcat_experiment --data-dir data-labelled --archs bow --sealed-only  # a quick look
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from core.config import PROJECT_ROOT
from core.model import Block, BlockKind, Document, Item, Kind
from core.store import Store
from core.text import dice
from tagging.evaluate import MATCH_THRESHOLD, Counts, Labels, Outcome, evaluate_document, load_labels, summarise
from tagging.pipeline import _lead_ins

NONE = "none"
CLASSES: tuple[str, ...] = (*Kind.values(), NONE)
SEED = 7
BATCH = 32  # examples per update: with a fixed size training takes seconds, not minutes, per fold
LONG_CELL = 40  # words: a longer table cell is cut into sentences
INLINE_HEAD = re.compile(r":\s+(?=\S)")
SEMICOLONS = re.compile(r"\s*;\s*(?:and\s+)?")
COMMAS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+(?=[^,;]+$)")
WORDS = re.compile(r"[0-9a-z]+")

ARCHITECTURES: dict[str, dict] = {
    "bow": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 262144,
    },
    "ensemble": {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": 64,
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                "rows": [5000, 1000, 2500, 2500],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": 64,
                "window_size": 1,
                "maxout_pieces": 3,
                "depth": 2,
            },
        },
        "linear_model": {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": True,
            "ngram_size": 2,
            "no_output_layer": False,
            "length": 262144,
        },
    },
}


# -- cutting documents into units ------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """One unit that could be an item, with the context the classifier reads."""

    seq: int  # the block's position in the document
    start: int  # character offsets of `text` in the block's text
    end: int
    text: str
    context: str
    block: Block

    def input(self, rule_kind: str | None = None) -> str:
        prefix = f"RULE_{rule_kind} " if rule_kind else ""
        return f"{prefix}{self.context} ||| {self.text}"


_SENTENCIZER: list[Language] = []


def sentencizer() -> Language:
    """A blank English pipeline with spaCy's sentencizer (the rule tagger splits sentences the same way)."""
    if not _SENTENCIZER:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        _SENTENCIZER.append(nlp)
    return _SENTENCIZER[0]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text, surrounding white space trimmed."""
    out = []
    for sent in sentencizer()(text).sents:
        raw = sent.text
        start = sent.start_char + len(raw) - len(raw.lstrip())
        end = sent.start_char + len(raw.rstrip())
        if end > start:
            out.append((start, end))
    return out


def inline_parts(sentence: str) -> tuple[str, list[tuple[int, int]]] | None:
    """ "Our priorities are: neglect; exploitation; mental health." -> (the words before the
    colon, [(start, end) of each part]), when the colon introduces at least two short parts."""
    colon = INLINE_HEAD.search(sentence)
    if colon is None or colon.start() < 5:
        return None
    rest = sentence[colon.end() :].rstrip(". ")
    separator, longest = (SEMICOLONS, 45) if ";" in rest else (COMMAS, 8)
    pieces = [p.strip() for p in separator.split(rest) if p and p.strip()]
    if len(pieces) < 2 or any(len(p.split()) > longest for p in pieces):
        return None
    out, pos = [], colon.end()
    for piece in pieces:
        at = sentence.find(piece, pos)
        if at < 0:
            return None
        out.append((at, at + len(piece)))
        pos = at + len(piece)
    return sentence[: colon.start()], out


def heading_of(block: Block) -> str:
    """The last heading above a block (for a heading, the one above it)."""
    section = block.section
    if block.kind is BlockKind.HEADING and section and section[-1] == block.text:
        section = section[:-1]
    return section[-1] if section else ""


def context_text(block: Block, lead_in: str | None, header: str = "") -> str:
    parts = [f"KIND_{block.kind.value}"]
    if lead_in:
        parts.append(f"lead: {lead_in}")
    heading = heading_of(block)
    if heading:
        parts.append(f"heading: {heading}")
    if header:
        parts.append(f"header: {header}")
    elif block.headers:
        parts.append("headers: " + " | ".join(block.headers))
    return " || ".join(parts)


def cut_units(document: Document) -> list[Candidate]:
    """A document's candidate units in reading order: a heading or list item whole, a table
    cell whole (a long one by sentence), a paragraph by sentence, and the parts of a list
    inside a sentence (both the sentence and its parts are units)."""
    leads = _lead_ins(document)  # the rule tagger's lead-ins: a list's own, or a paragraph ending in a colon
    out: list[Candidate] = []
    for seq, block in enumerate(document.blocks):
        text = block.text
        if not text.strip():
            continue
        lead_in = block.lead_in or leads[seq][0]

        def add(start: int, end: int, context: str, seq: int = seq, block: Block = block) -> None:
            out.append(Candidate(seq, start, end, block.text[start:end], context, block))

        if block.kind in (BlockKind.HEADING, BlockKind.LIST_ITEM):
            start = len(text) - len(text.lstrip())
            add(start, len(text.rstrip()), context_text(block, lead_in))
        elif block.kind is BlockKind.TABLE_ROW and block.cells:
            pos = 0
            for i, cell in enumerate(block.cells):
                cell = cell.strip()
                at = text.find(cell, pos) if cell else -1
                if at < 0:
                    continue
                pos = at + len(cell)
                header = block.headers[i] if i < len(block.headers) else ""
                context = context_text(block, lead_in, header)
                if len(cell.split()) <= LONG_CELL:
                    add(at, at + len(cell), context)
                else:
                    for s, e in sentences(cell):
                        add(at + s, at + e, context)
        else:
            for s, e in sentences(text):
                add(s, e, context_text(block, lead_in))
                parts = inline_parts(text[s:e])
                if parts:
                    head, spans = parts
                    for ps, pe in spans:
                        add(s + ps, s + pe, context_text(block, head))
    return out


# -- labelling units from the hand labels -----------------------------------------------------
def _inside(unit: str, label: str) -> bool:
    """Whether a unit is a good part of a label: its words (five or more, at least 40% of the
    label's) run, in order, inside the label's text. A short name or phrase that merely occurs
    in a label is not a part of it."""
    u, g = WORDS.findall(unit.lower()), WORDS.findall(label.lower())
    return len(u) >= 5 and len(u) >= 0.4 * len(g) and f" {' '.join(u)} " in f" {' '.join(g)} "


def label_units(units: Sequence[Candidate], gold: Sequence[dict]) -> list[str | None]:
    """Per unit: the kind of the best clear label it matches, "none" when it matches no label,
    and None when it matches only borderline ones (left out: neither right nor wrong).

    A unit matches a label when their word sets overlap (Dice >= 0.5) and no other unit of the
    document overlaps that label more (so the sentence introducing "our priorities are: a; b;
    c" does not take the label of part c, which is a unit of its own; copies of the same text
    all match), or when the unit is a good part of the label (its words inside the label's)."""
    scores = [[dice(u.text, g["text"]) for g in gold] for u in units]
    best = [max((row[j] for row in scores), default=0.0) for j in range(len(gold))]
    out: list[str | None] = []
    for u, row in zip(units, scores, strict=True):
        found = [
            (g.get("confidence", "clear") != "borderline", score, g["kind"])
            for g, score, top in zip(gold, row, best, strict=True)
            if (score >= MATCH_THRESHOLD and score >= top - 1e-9) or _inside(u.text, g["text"])
        ]
        if not found:
            out.append(NONE)
            continue
        clear, _, kind = max(found)
        out.append(kind if clear else None)
    return out


def rule_kind(unit: Candidate, rule_items: Sequence[Item]) -> str:
    """The kind the rule tagger gave this unit: its best-overlapping stored item in the same block."""
    best = max(
        ((dice(unit.text, i.text), i.kind.value) for i in rule_items if i.block_seq == unit.seq),
        default=(0.0, NONE),
    )
    return best[1] if best[0] >= MATCH_THRESHOLD else NONE


def as_items(doc_id: str, units: Sequence[Candidate], kinds: Sequence[str | None]) -> list[Item]:
    """Units with a kind other than "none" as items, for tagging/evaluate.py."""
    return [
        Item(
            id=f"textcat-{n}",
            kind=Kind(kind),
            text=u.text,
            doc_id=doc_id,
            block_seq=u.seq,
            start=u.start,
            end=u.end,
            section=u.block.section,
            page=u.block.page,
            period=None,
        )
        for n, (u, kind) in enumerate(zip(units, kinds, strict=True))
        if kind and kind != NONE
    ]


# -- training and predicting ------------------------------------------------------------------
def train(
    texts: Sequence[str],
    labels: Sequence[str],
    arch: str,
    epochs: int,
    seed: int = SEED,
    batch_size: int = BATCH,
) -> Language:
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": ARCHITECTURES[arch]})
    for c in CLASSES:
        textcat.add_label(c)  # type: ignore[attr-defined]  # add_pipe's type is the generic callable
    examples = [
        Example.from_dict(nlp.make_doc(t), {"cats": {c: float(c == label) for c in CLASSES}})
        for t, label in zip(texts, labels, strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=batch_size):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
    return nlp


def predict(nlp: Language, texts: Sequence[str]) -> list[str]:
    return [max(doc.cats, key=lambda c: doc.cats[c]) for doc in nlp.pipe(texts, batch_size=256)]


# -- the experiment ---------------------------------------------------------------------------
@dataclass
class Prepared:
    """One labelled document: its units, their gold kinds, the rule tagger's kinds and items."""

    name: str
    doc_id: str
    gold: list[dict]
    units: list[Candidate]
    kinds: list[str | None]
    rules: list[str]
    rule_items: list[Item]


def prepare(store: Store, labels: Labels, names: Iterable[str]) -> list[Prepared]:
    out = []
    for name in names:
        stored = store.find_document(name)
        if stored is None:
            print(f"note: {name} is labelled but not ingested: skipped")
            continue
        doc_id = stored.alternate_of or stored.id  # another format of a stored document: the primary's
        document = store.load_document(doc_id)
        gold = [g for g in labels.items if g["doc"] == name]
        units = cut_units(document)
        items = store.items(doc_id)
        out.append(
            Prepared(name, doc_id, gold, units, label_units(units, gold), [rule_kind(u, items) for u in units], items)
        )
    return out


def score(docs: Sequence[Prepared], predicted: Sequence[Sequence[Item]]) -> dict[str, Counts]:
    outcomes: list[Outcome] = []
    for d, items in zip(docs, predicted, strict=True):
        outcomes += evaluate_document(d.name, d.gold, items)
    totals = summarise(outcomes)
    totals["all"] = Counts()
    for kind in Kind.values():
        totals["all"].add(totals[kind])
    return totals


def training_data(docs: Sequence[Prepared], with_rules: bool) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for d in docs:
        for u, kind, rule in zip(d.units, d.kinds, d.rules, strict=True):
            if kind is not None:
                texts.append(u.input(rule if with_rules else None))
                labels.append(kind)
    return texts, labels


def run_variant(
    train_sets: Sequence[Sequence[Prepared]], tests: Sequence[Prepared], arch: str, epochs: int, with_rules: bool
) -> list[list[Item]]:
    """For each test document, train on its training set (once for a run of test documents
    sharing one) and predict its units."""
    out = []
    nlp: Language | None = None
    trained_on: list[str] = []
    for docs, test in zip(train_sets, tests, strict=True):
        if nlp is None or [d.name for d in docs] != trained_on:
            nlp = train(*training_data(docs, with_rules), arch=arch, epochs=epochs)
            trained_on = [d.name for d in docs]
        kinds = predict(nlp, [u.input(r if with_rules else None) for u, r in zip(test.units, test.rules, strict=True)])
        out.append(as_items(test.doc_id, test.units, kinds))
    return out


def print_table(title: str, rows: Sequence[tuple[str, dict[str, Counts]]]) -> None:
    print(f"\n{title}")
    print(f"{'system':<32} {'kind':<15} {'gold':>5} {'tagged':>6} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for system, totals in rows:
        for kind, c in totals.items():
            print(
                f"{system:<32} {kind:<15} {c.tp + c.fn:>5} {c.tp + c.fp:>6} {c.tp:>5}"
                f" {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}"
            )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=PROJECT_ROOT / "data-labelled")
    parser.add_argument("--labels", type=Path, default=PROJECT_ROOT / "tests" / "data" / "labels")
    parser.add_argument("--archs", default="bow,ensemble", help="comma-separated: bow, ensemble")
    parser.add_argument("--epochs", type=int, default=6, help="epochs for the bag-of-words model")
    parser.add_argument("--ensemble-epochs", type=int, default=4, help="epochs for the ensemble (about 8s each)")
    parser.add_argument("--no-rules-variant", action="store_true", help="skip the textcat+rules variant")
    parser.add_argument("--sealed-only", action="store_true", help="skip leave-one-document-out")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    labels = load_labels(args.labels)
    splits = labels.scope.get("splits", {})
    with tempfile.TemporaryDirectory() as tmp:
        # open a copy: the store turns on WAL when opened, and the labelled data is read only here
        for suffix in ("", "-wal"):
            source = args.data_dir / f"sgkb.sqlite3{suffix}"
            if source.exists():
                shutil.copy2(source, Path(tmp) / source.name)
        store = Store(Path(tmp) / "sgkb.sqlite3", create=False)
        fitted = prepare(store, labels, splits.get("fitted", []))
        sealed = prepare(store, labels, splits.get("sealed", []))
        store.db.close()
    for split, docs in (("fitted", fitted), ("sealed", sealed)):
        counts = Counter(k for d in docs for k in d.kinds)
        print(
            f"{split}: {len(docs)} documents, {sum(len(d.units) for d in docs)} units"
            f" ({', '.join(f'{k}: {counts[k]}' for k in (*CLASSES, None))} [None = borderline only, left out])"
        )
    print(f"prepared in {time.perf_counter() - began:.0f}s")

    def ceiling(docs: Sequence[Prepared]) -> list[list[Item]]:
        return [as_items(d.doc_id, d.units, d.kinds) for d in docs]

    variants: list[tuple[str, str, bool, int]] = []
    for arch in [a.strip() for a in args.archs.split(",") if a.strip()]:
        epochs = args.ensemble_epochs if arch == "ensemble" else args.epochs
        variants.append((f"textcat {arch}", arch, False, epochs))
        if not args.no_rules_variant:
            variants.append((f"textcat {arch} + rules", arch, True, epochs))
    lodo: list[tuple[str, dict[str, Counts]]] = [
        ("rules (stored items)", score(fitted, [d.rule_items for d in fitted])),
        ("unit ceiling (gold kinds)", score(fitted, ceiling(fitted))),
    ]
    held: list[tuple[str, dict[str, Counts]]] = [
        ("rules (stored items)", score(sealed, [d.rule_items for d in sealed])),
        ("unit ceiling (gold kinds)", score(sealed, ceiling(sealed))),
    ]
    # the sealed runs first (one training each), then leave-one-document-out (one per fitted document)
    lodo_sets = [[d for d in fitted if d is not test] for test in fitted]
    runs = [(v, "fitted->sealed", [fitted] * len(sealed), sealed, held) for v in variants]
    runs += [] if args.sealed_only else [(v, "LODO", lodo_sets, fitted, lodo) for v in variants]
    for (name, arch, with_rules, epochs), how, train_sets, tests, table in runs:
        t0 = time.perf_counter()
        totals = score(tests, run_variant(train_sets, tests, arch, epochs, with_rules))
        table.append((f"{name} ({epochs} ep)", totals))
        print(f"{name} {how}: all-kinds F1 {totals['all'].f1:.3f} in {time.perf_counter() - t0:.0f}s", flush=True)

    print_table("Fitted documents, leave-one-document-out (rules: as stored, fitted to these documents)", lodo)
    print_table("Sealed documents (textcat trained on all fitted documents)", held)
    print(f"\nwall time {time.perf_counter() - began:.0f}s")


if __name__ == "__main__":
    main()
