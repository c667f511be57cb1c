"""Store benchmarks: bulk load against the embedder alone, and recall latency by store size.

Prints numbers and ratios measured in the same run; it asserts nothing (machines here are noisy).

    .venv/bin/python benchmarks/bench_store.py [--load 10000] [--sizes 1000,10000,100000]

1. Bulk load: N synthetic facts through `FactStore.add` on a fresh on-disk store, against
   `embedder.embed` alone on the same texts. Target: store time within 1.3x of embedding alone.
2. Recall: p50/p95 of `FactStore.search` (query embedding included) at each size, with and without
   an `as_of` filter. Target: p50 under 30 ms at 10k facts. Sizes above the bulk-load count reuse
   the real vectors of the first facts with a little noise, so the 100k store does not take
   minutes of embedding to build; the query is always embedded by the real model.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("RAGCLONE_THREADS", "2")

from ragclone import Fact, FactStore, SentenceTransformerEmbedder  # noqa: E402

SUBJECTS = ["I", "My sister", "My roommate", "My mother", "My best friend"]
VERBS = ["like", "visited", "read", "studied", "cooked", "bought", "watched", "avoid", "learned"]
OBJECTS = [
    "kimchi jjigae", "a chess opening", "the BeltLine", "a Go compiler", "Project Hail Mary",
    "a thrift-store sweater", "graph algorithms", "Mitski's new album", "a hiking trail",
    "a knitting pattern", "the Severance finale", "a Linux kernel patch", "barley tea",
]  # fmt: skip
QUALIFIERS = ["on weekends", "last summer", "with my family", "after class", "in Boston", "twice"]
QUESTIONS = [
    "Do you have a brother?", "What do you study?", "Where do you live?", "What music do you like?",
    "What did you do last summer?", "Do you play any sports?", "What's your favourite book?",
]  # fmt: skip


def synthetic_facts(count: int, seed: int = 7) -> list[Fact]:
    rng = random.Random(seed)
    facts = []
    for i in range(count):
        text = (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(QUALIFIERS)} (note {i})."
        )
        start = rng.randint(2005, 2026)
        until = None if rng.random() < 0.6 else str(rng.randint(start, 2026))
        facts.append(Fact(text=text, kind="event", valid_from=str(start), valid_until=until))
    return facts


class PrecomputedEmbedder:
    """Serves stored vectors for known texts, the real model for anything else (the queries)."""

    def __init__(self, real: SentenceTransformerEmbedder, table: dict[str, list[float]]) -> None:
        self.real = real
        self.table = table

    @property
    def name(self) -> str:
        return self.real.name

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if all(t in self.table for t in texts):
            return [self.table[t] for t in texts]
        return self.real.embed(texts)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def bench_load(embedder: SentenceTransformerEmbedder, count: int, root: Path) -> list[list[float]]:
    facts = synthetic_facts(count)
    texts = [f.text for f in facts]
    embedder.embed(texts[:256])  # warm up
    started = time.perf_counter()
    vectors = embedder.embed(texts)
    embed_s = time.perf_counter() - started
    store = FactStore.open("bulk", embedder=embedder, home=root)
    started = time.perf_counter()
    result = store.add(facts)
    store_s = time.perf_counter() - started
    store.close()
    assert len(result.added) == count
    print(f"bulk load of {count} facts")
    print(f"  embedder alone : {embed_s:7.2f} s  {count / embed_s:8.0f} facts/s")
    print(f"  FactStore.add  : {store_s:7.2f} s  {count / store_s:8.0f} facts/s")
    print(f"  ratio store/embedder: {store_s / embed_s:.3f}  (target <= 1.3)")
    return vectors


def bench_recall(
    embedder: SentenceTransformerEmbedder,
    vectors: list[list[float]],
    sizes: Sequence[int],
    root: Path,
    repeats: int,
) -> None:
    rng = random.Random(11)
    print("\nrecall latency (query embedding + Chroma search), k=8")
    print(f"  {'facts':>7}  {'p50 ms':>7}  {'p95 ms':>7}  {'as_of p50':>9}  {'as_of p95':>9}")
    for size in sizes:
        facts = synthetic_facts(size, seed=size)
        table: dict[str, list[float]] = {}
        for i, fact in enumerate(facts):
            base = vectors[i % len(vectors)]
            if i < len(vectors):
                table[fact.text] = base
            else:
                noisy = [v + rng.gauss(0, 0.02) for v in base]
                norm = sum(v * v for v in noisy) ** 0.5
                table[fact.text] = [v / norm for v in noisy]
        store = FactStore.open(
            f"recall-{size}", embedder=PrecomputedEmbedder(embedder, table), home=root
        )
        store.add(facts)
        for question in QUESTIONS:
            store.search(question)  # warm up
        plain, dated = [], []
        for i in range(repeats):
            question = QUESTIONS[i % len(QUESTIONS)]
            started = time.perf_counter()
            store.search(question, k=8)
            plain.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            store.search(question, k=8, as_of=str(2010 + i % 16))
            dated.append((time.perf_counter() - started) * 1000)
        store.close()
        print(
            f"  {size:>7}  {statistics.median(plain):7.1f}  {percentile(plain, 0.95):7.1f}  "
            f"{statistics.median(dated):9.1f}  {percentile(dated, 0.95):9.1f}"
        )
    print("  target: p50 under 30 ms at 10k facts")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load", type=int, default=10_000, help="facts in the bulk-load run")
    parser.add_argument("--sizes", default="1000,10000,100000", help="store sizes for recall")
    parser.add_argument("--repeats", type=int, default=100, help="queries per size")
    args = parser.parse_args(argv)
    embedder = SentenceTransformerEmbedder(threads=int(os.environ["RAGCLONE_THREADS"]))
    with tempfile.TemporaryDirectory(prefix="ragclone-bench-") as tmp:
        vectors = bench_load(embedder, args.load, Path(tmp))
        sizes = [int(s) for s in args.sizes.split(",") if s]
        bench_recall(embedder, vectors, sizes, Path(tmp), args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
