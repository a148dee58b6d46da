"""Train linking's ranker and status reader from the labelled links; write linking/data/model.json.

Usage (what `make train` runs, after ingesting the labelled documents into data-train/):
    python -m linking.train --data-dir data-train [--labels tests/data/labels]

Only links from documents of the `fitted` split of tests/data/labels/scope.yaml are used:
the sealed documents stay unseen. Training is deterministic (full-batch gradient descent
from zeros, fixed iterations), so the same labels and documents give the same weights. It
prints each model's figure on documents left out one at a time (what the README reports)
beside its figure on the documents it was fitted to.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from pathlib import Path

import numpy as np

from core.model import Status
from core.store import Store
from core.text import dice
from linking.evaluate import contains, load_links
from linking.linker import Linker, features_of
from linking.model import MODEL, STATUSES, status_features
from tagging.evaluate import load_labels

RANKER_FEATURES = (
    "retrieval",
    "coverage",
    "phrase",
    "theme",
    "acronym",
    "progress_section",
    "has_signal",
    "next_document",
    "inverse_rank",
    "log_bm25",
)
L2 = 1.0


def logistic(X: np.ndarray, y: np.ndarray, iterations: int = 3000, rate: float = 1.0) -> np.ndarray:
    """Weights (bias last) of an L2-regularised logistic regression, by full-batch gradient descent."""
    Xb = np.hstack([X, np.ones((len(X), 1))])
    w = np.zeros(Xb.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(Xb @ w, -30, 30)))
        w -= rate * (Xb.T @ (p - y) + L2 * np.r_[w[:-1], 0]) / len(y)
    return w


def softmax_regression(
    X: np.ndarray, y: np.ndarray, classes: int, iterations: int = 500, rate: float = 0.5
) -> np.ndarray:
    Xb = np.hstack([X, np.ones((len(X), 1))])
    W = np.zeros((Xb.shape[1], classes))
    Y = np.eye(classes)[y]
    for _ in range(iterations):
        Z = Xb @ W
        Z -= Z.max(1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(1, keepdims=True)
        W -= rate * (Xb.T @ (P - Y) + L2 * W) / len(y)
    return W


def ranker_rows(store: Store, labels_dir: Path, fitted: set[str]):
    """(document, pair, features, is_evidence) for the candidates of every labelled (item, later document)."""
    docs = store.documents()
    linker = Linker(docs, {d.id: store.blocks(d.id) for d in docs})
    by_file = {d.file: d for d in docs}
    for alt in store.documents(alternates=True):
        if alt.alternate_of and (primary := store.document(alt.alternate_of)) is not None:
            by_file.setdefault(alt.file, primary)
    gold = {g["id"]: g for g in load_labels(labels_dir).items}
    pairs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for link in load_links(labels_dir):
        if link.get("evidence_doc") and link["status"] != "unclear" and link["item_doc"] in fitted:
            pairs[(link["item_id"], link["evidence_doc"])].append(link)
    items_by_doc: dict[str, list] = defaultdict(list)
    for item in store.items():
        items_by_doc[item.doc_id].append(item)
    rows = []
    status_rows = []
    for (item_id, evidence_doc), links in pairs.items():
        labelled = gold.get(item_id)
        doc, target = by_file.get(links[0]["item_doc"]), by_file.get(evidence_doc)
        if labelled is None or doc is None or target is None or target.id == doc.id:
            continue
        scored = sorted(((dice(labelled["text"], i.text), i) for i in items_by_doc[doc.id]), key=lambda p: -p[0])
        passages = [f for f in linker.facts if f.passage.doc_id == target.id]
        for f in passages:  # the status reader learns from the passages that hold labelled evidence
            found = [lk for lk in links if contains(f.passage.text, lk["evidence_text"])]
            if found and found[0]["status"] in {s.value for s in STATUSES}:
                status_rows.append((links[0]["item_doc"], f.passage.text, f.signal, Status(found[0]["status"])))
        if not scored or scored[0][0] < 0.5:
            continue
        item = scored[0][1]
        query, index, scores = linker.scored(item, doc)
        chosen = sorted(
            (i for i, f in enumerate(linker.facts) if f.passage.doc_id == target.id and scores[i] > 0),
            key=lambda i: -scores[i],
        )[: linker.rules.candidates]
        if not chosen:
            continue
        best = float(scores[chosen[0]])
        later = linker.later(doc)
        from core.text import tokens

        for rank, i in enumerate(chosen):
            f = linker.facts[i]
            features, _, _ = features_of(
                item,
                tokens(item.text),
                query,
                f,
                float(scores[i]) / best,
                index,
                bool(later) and target.id == later[0],
                rank,
                float(scores[i]),
            )
            is_evidence = any(contains(f.passage.text, lk["evidence_text"]) for lk in links)
            rows.append((links[0]["item_doc"], (item_id, evidence_doc), features, is_evidence))
    return rows, status_rows


def recall_at_5(rows, probabilities) -> tuple[int, int]:
    by_pair: dict = defaultdict(list)
    for row, p in zip(rows, probabilities, strict=True):
        by_pair[row[1]].append((p, row[3]))
    hit = sum(any(e for _, e in sorted(c, key=lambda x: -x[0])[:5]) for c in by_pair.values())
    return hit, len(by_pair)


def train(data_dir: Path, labels_dir: Path) -> dict:
    scope = load_labels(labels_dir).scope
    fitted = set(scope.get("splits", {}).get("fitted", []))
    with Store(data_dir / "sgkb.sqlite3") as store:
        rows, status_rows = ranker_rows(store, labels_dir, fitted)
    X = np.array([[r[2].get(k, 0.0) for k in RANKER_FEATURES] for r in rows])
    y = np.array([1.0 if r[3] else 0.0 for r in rows])
    groups = np.array([r[0] for r in rows])
    out_of_doc = np.zeros(len(rows))
    for g in sorted(set(groups)):  # leave one document out
        train_mask = groups != g
        w = logistic(X[train_mask], y[train_mask])
        test = groups == g
        out_of_doc[test] = 1 / (1 + np.exp(-(np.hstack([X[test], np.ones((test.sum(), 1))]) @ w)))
    w = logistic(X, y)
    fitted_p = 1 / (1 + np.exp(-(np.hstack([X, np.ones((len(X), 1))]) @ w)))
    bm25_order = np.array([r[2]["inverse_rank"] for r in rows])
    threshold = choose_threshold(out_of_doc, y)
    figures = {
        "ranker pairs": len({r[1] for r in rows}),
        "evidence recall@5, BM25 order": recall_at_5(rows, bm25_order),
        "evidence recall@5, ranker, documents left out": recall_at_5(rows, out_of_doc),
        "evidence recall@5, ranker, fitted": recall_at_5(rows, fitted_p),
        "strong threshold": round(threshold, 3),
        "strong passages that are labelled evidence (left out)": precision_at(out_of_doc, y, threshold),
    }
    status = train_status(status_rows, figures)
    model = {
        "ranker": {k: round(float(v), 5) for k, v in zip(RANKER_FEATURES, w[:-1], strict=True)},
        "ranker_bias": round(float(w[-1]), 5),
        "threshold": round(threshold, 4),
        **status,
    }
    MODEL.write_text(json.dumps(model, sort_keys=True, indent=0), encoding="utf-8")
    return figures


def precision_at(p: np.ndarray, y: np.ndarray, threshold: float) -> str:
    chosen = p >= threshold
    return f"{int(y[chosen].sum())} of {int(chosen.sum())}"


def choose_threshold(p: np.ndarray, y: np.ndarray, beta: float = 0.5) -> float:
    """The confidence that best trades precision (weighted double) against recall, on passages
    scored by models that did not see their document."""
    best, best_score = 0.5, -1.0
    for t in np.arange(0.2, 0.95, 0.01):
        chosen = p >= t
        tp = float(y[chosen].sum())
        if not chosen.any() or not tp:
            continue
        precision, recall = tp / chosen.sum(), tp / y.sum()
        score = (1 + beta**2) * precision * recall / (beta**2 * precision + recall)
        if score > best_score:
            best, best_score = float(t), score
    return best


def train_status(rows, figures: dict) -> dict:
    """The status reader: words and word pairs of labelled evidence passages -> status."""
    vocab: dict[str, int] = {}
    feats = [status_features(text, cue) for _, text, cue, _ in rows]
    for f in feats:
        for x in sorted(f):
            vocab.setdefault(x, len(vocab))
    X = np.zeros((len(rows), len(vocab)))
    for i, f in enumerate(feats):
        X[i, [vocab[x] for x in f]] = 1
    y = np.array([STATUSES.index(r[3]) for r in rows])
    groups = np.array([r[0] for r in rows])
    probs = np.zeros((len(rows), len(STATUSES)))
    for g in sorted(set(groups)):
        tr, te = groups != g, groups == g
        W = softmax_regression(X[tr], y[tr], len(STATUSES))
        Z = np.hstack([X[te], np.ones((te.sum(), 1))]) @ W
        Z = np.exp(Z - Z.max(1, keepdims=True))
        probs[te] = Z / Z.sum(1, keepdims=True)
    predicted = probs.argmax(1)
    implemented = STATUSES.index(Status.IMPLEMENTED)
    implemented_threshold = 0.95
    for t in np.arange(0.5, 0.96, 0.01):  # the lowest certainty at which "implemented" is right 9 times in 10
        said = (predicted == implemented) & (probs.max(1) >= t)
        if said.sum() and (y[said] == implemented).mean() >= 0.9:
            implemented_threshold = float(t)
            break
    status_threshold = 0.6
    sure = probs.max(1) >= status_threshold
    figures["status reader passages"] = len(rows)
    figures["status reader accuracy, documents left out"] = round(float((predicted == y).mean()), 3)
    figures["status reader accuracy when sure (left out)"] = round(float((predicted[sure] == y[sure]).mean()), 3)
    figures["status reader 'implemented' threshold"] = round(implemented_threshold, 2)
    W = softmax_regression(X, y, len(STATUSES))
    names = sorted(vocab, key=vocab.get)  # type: ignore[arg-type]
    weights = {
        name: [round(float(v), 4) for v in W[vocab[name]]]
        for name in names
        if math.fabs(float(np.abs(W[vocab[name]]).max())) >= 0.01
    }
    return {
        "status_weights": weights,
        "status_bias": [round(float(v), 4) for v in W[-1]],
        "status_threshold": status_threshold,
        "implemented_threshold": round(implemented_threshold, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="a data folder holding the labelled documents")
    parser.add_argument(
        "--labels", type=Path, default=Path(__file__).resolve().parent.parent / "tests" / "data" / "labels"
    )
    args = parser.parse_args()
    for name, value in train(args.data_dir, args.labels).items():
        if isinstance(value, tuple):
            value = f"{value[0]} of {value[1]} ({value[0] / value[1]:.3f})" if value[1] else "none"
        print(f"{name}: {value}")
    print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
