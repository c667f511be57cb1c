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
        cold_prompt, cold_turn, warm_turn, answer_tokens, answer_s = [], [], [], [], []
        for question in QUESTIONS[:turns]:
            messages, _, _ = conversation.build(conversation.retrieve(question))
            model.llama.reset()  # nothing cached: the whole prompt is processed
            started = time.perf_counter()
            first = model.complete(messages, max_tokens=1)
            cold_prompt.append(first.usage.prompt_tokens / (time.perf_counter() - started))
            # Same prompt again: all of it is cached, so this is generation alone.
            started = time.perf_counter()
            full: Completion = model.complete(messages, max_tokens=160)
            answer_s.append(time.perf_counter() - started)
            answer_tokens.append(full.usage.completion_tokens)
            model.llama.reset()
            started = time.perf_counter()
            model.complete(messages, max_tokens=160)
            cold_turn.append(time.perf_counter() - started)
        for question in reversed(QUESTIONS[:turns]):
            # A conversation's next turn: the system prompt is still in llama.cpp's cache.
            messages, _, _ = conversation.build(conversation.retrieve(question))
            started = time.perf_counter()
            model.complete(messages, max_tokens=160)
            warm_turn.append(time.perf_counter() - started)
        print(f"  prompt processing: {statistics.median(cold_prompt):.0f} tokens/s")
        print(f"  generation: {sum(answer_tokens) / sum(answer_s):.1f} tokens/s "
              f"({statistics.mean(answer_tokens):.0f} tokens per answer)")  # fmt: skip
        print(f"  seconds per turn: p50 {statistics.median(cold_turn):.1f} s cold, "
              f"{statistics.median(warm_turn):.1f} s with the system prompt cached "
              f"({turns} turns each)")  # fmt: skip
        clone.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--history", type=int, default=100_000)
    parser.add_argument("--turns", type=int, default=5, help="real turns for generation speed")
    parser.add_argument("--no-generation", action="store_true", help="only the overhead part")
    args = parser.parse_args(argv)
    embedder = SentenceTransformerEmbedder(threads=2)
    model = LocalChatModel(threads=2)
    bench_overhead(embedder, model, args.facts, args.history)
    if not args.no_generation:
        bench_generation(embedder, model, args.turns)
    return 0


if __name__ == "__main__":
    sys.exit(main())
