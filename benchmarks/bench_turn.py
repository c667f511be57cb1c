"""Chat-turn benchmarks: the per-turn overhead around generation, and what generation costs.

Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/bench_turn.py [--facts 10000] [--history 100000] [--turns 5]

1. Overhead: everything in a turn except generation (embedding the message, fact and history
   retrieval, prompt building with the model's tokenizer), p50/p95 over 100 messages, with 10k
   facts and 100k history snippets in the store. Target: p50 under 50 ms. As in bench_store.py,
   stored vectors are real MiniLM vectors of the first texts, reused with a little noise.
2. Generation: the packaged default model on the demo persona: prompt size in tokens, prompt
   processing and generation speed in tokens/second, and seconds per turn.
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import (  # noqa: E402
    QUESTIONS,
    PrecomputedEmbedder,
    percentile,
    synthetic_facts,
)
from ragclone import Clone, FactStore, SentenceTransformerEmbedder  # noqa: E402
from ragclone.chat import Completion, LocalChatModel  # noqa: E402
from ragclone.models import HistorySnippet  # noqa: E402
from ragclone.turn import Conversation  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def noisy_table(
    texts: Sequence[str], vectors: Sequence[Sequence[float]], seed: int
) -> dict[str, list[float]]:
    rng = random.Random(seed)
    table: dict[str, list[float]] = {}
    for i, text in enumerate(texts):
        base = vectors[i % len(vectors)]
        noisy = [v + rng.gauss(0, 0.02) for v in base] if i >= len(vectors) else list(base)
        norm = sum(v * v for v in noisy) ** 0.5
        table[text] = [v / norm for v in noisy]
    return table


def synthetic_history(count: int) -> list[HistorySnippet]:
    rng = random.Random(3)
    lines = [
        "lol yeah i was up til 3 finishing the data structures hw",
        "omg the bear season finale!!",
        "can't come tonight, TA office hours",
        "mom says hi, she made kimchi jjigae again",
        "anyone up for chess later",
        "ugh atlanta is SO hot",
    ]
    return [
        HistorySnippet(
            id=f"h{i}",
            text=f"{rng.choice(lines)} ({i})",
            conversation_id=f"c{i // 20}",
            own=rng.random() < 0.5,
            participants=("Lena", "Aisha"),
        )
        for i in range(count)
    ]


def bench_overhead(
    embedder: SentenceTransformerEmbedder, model: LocalChatModel, facts: int, history: int
) -> None:
    fact_list = synthetic_facts(facts)
    snippets = synthetic_history(history)
    seed_texts = [f.text for f in fact_list[:2000]] + [s.text for s in snippets[:2000]]
    seed_vectors = embedder.embed(seed_texts)
    table = noisy_table([f.text for f in fact_list], seed_vectors[:2000], 1)
    table.update(noisy_table([s.text for s in snippets], seed_vectors[2000:], 2))
    with tempfile.TemporaryDirectory(prefix="ragclone-bench-") as tmp:
        store = FactStore.open("turn", embedder=PrecomputedEmbedder(embedder, table), home=tmp)
        started = time.perf_counter()
        store.add(fact_list)
        store.add_history(snippets)
        print(f"store built: {facts} facts, {history} history snippets "
              f"in {time.perf_counter() - started:.0f} s")  # fmt: skip
        conversation = Conversation(store=store, model=model, clone_name="bench")
        for question in QUESTIONS:
            conversation.build(conversation.retrieve(question))  # warm up
        durations = []
        for i in range(100):
            started = time.perf_counter()
            conversation.build(conversation.retrieve(QUESTIONS[i % len(QUESTIONS)]))
            durations.append((time.perf_counter() - started) * 1000)
        store.close()
    print("per-turn overhead (embed + retrieve facts and history + build prompt), 100 turns")
    print(f"  p50 {statistics.median(durations):.1f} ms   p95 {percentile(durations, 0.95):.1f} ms"
          "   (target p50 < 50 ms)")  # fmt: skip


def bench_generation(
    embedder: SentenceTransformerEmbedder, model: LocalChatModel, turns: int
) -> None:
    with tempfile.TemporaryDirectory(prefix="ragclone-bench-") as tmp:
        clone = Clone("lena-park", home=tmp, embedder=embedder, chat_model=model)
        clone.load_biography(ROOT / "facts")
        conversation = clone.conversation()
        messages, _, _ = conversation.build(conversation.retrieve(QUESTIONS[0]))
        prompt_tokens = sum(model.count_tokens(m["content"]) for m in messages)
        print(f"\ndefault model: {model.name}")
        print(f"  default prompt size: {prompt_tokens} tokens (system + 8 facts + message)")
        model.llama.reset()
        rows = []
        for question in QUESTIONS[:turns]:
            messages, _, _ = conversation.build(conversation.retrieve(question))
            # Prompt processing alone: one generated token.
            model.llama.reset()
            started = time.perf_counter()
            first = model.complete(messages, max_tokens=1)
            prompt_s = time.perf_counter() - started
            started = time.perf_counter()
            full: Completion = model.complete(messages, max_tokens=160)
            total_s = time.perf_counter() - started
            rows.append(
                (first.usage.prompt_tokens, prompt_s, full.usage.completion_tokens, total_s)
            )
        prompt_rate = sum(r[0] for r in rows) / sum(r[1] for r in rows)
        # The second call reuses the cached prompt prefix, so its time is mostly generation.
        gen_rate = sum(r[2] for r in rows) / sum(r[3] for r in rows)
        print(f"  prompt processing: {prompt_rate:.0f} tokens/s")
        print(f"  generation: {gen_rate:.1f} tokens/s (prompt cached)")
        per_turn = statistics.median(r[1] + r[3] for r in rows)
        answer_tokens = statistics.mean(r[2] for r in rows)
        print(f"  seconds per turn (cold prompt + answer): p50 {per_turn:.1f} s "
              f"over {len(rows)} turns, {answer_tokens:.0f} answer tokens")  # fmt: skip
        clone.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--history", type=int, default=100_000)
    parser.add_argument("--turns", type=int, default=5, help="real turns for generation speed")
    args = parser.parse_args(argv)
    embedder = SentenceTransformerEmbedder(threads=2)
    model = LocalChatModel(threads=2)
    bench_overhead(embedder, model, args.facts, args.history)
    bench_generation(embedder, model, args.turns)
    return 0


if __name__ == "__main__":
    sys.exit(main())
