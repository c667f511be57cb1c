"""Ingest benchmarks: WhatsApp parse speed against chat-miner, memory, end-to-end ingest.

    .venv/bin/python benchmarks/bench_ingest.py [--messages 100000] [--no-ingest]

Needs `chat-miner` for the comparison (`pip install chat-miner==0.6.0`, or `make bench`); without
it the comparison is skipped and said so. Everything is measured in this run, on one synthetic
export written by `gen_export.py`:

1. parse speed, messages/second: `parse_whatsapp` against chat-miner's `WhatsAppParser` on the
   same file (target: at least 3x);
2. memory while streaming messages (`WhatsAppReader.messages()`), at 1/10 of the export and at
   all of it: the peak must not grow with the file;
3. end-to-end `Clone.ingest` (parse, conversations, snippets and their parts, embedding,
   Chroma), against the embedder alone on the same texts (target: within 1.3x).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("RAGCLONE_THREADS", "2")
os.environ.setdefault("TQDM_DISABLE", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_export import write  # noqa: E402
from ragclone import Clone  # noqa: E402
from ragclone.history_parts import snippet_parts  # noqa: E402
from ragclone.ingest import parse_whatsapp  # noqa: E402
from ragclone.ingest.conversations import conversation_snippets, split_conversations  # noqa: E402
from ragclone.ingest.whatsapp import whatsapp_reader  # noqa: E402


def parse_speed(path: Path, messages: int) -> None:
    started = time.perf_counter()
    chat = parse_whatsapp(path)
    ours = time.perf_counter() - started
    print(f"parse_whatsapp      {len(chat.messages):>7} messages in {ours:6.2f} s"
          f"  {len(chat.messages) / ours:>9,.0f} msg/s")  # fmt: skip
    try:
        from chatminer.chatparsers import WhatsAppParser
    except ImportError:
        print("chat-miner is not installed: pip install chat-miner==0.6.0 for the comparison")
        return
    logging.disable(logging.INFO)
    started = time.perf_counter()
    parser = WhatsAppParser(str(path))
    parser.parse_file()
    theirs = time.perf_counter() - started
    count = len(parser.parsed_messages._parsed_messages)
    print(f"chat-miner 0.6.0    {count:>7} messages in {theirs:6.2f} s"
          f"  {count / theirs:>9,.0f} msg/s")  # fmt: skip
    speed_ratio = (len(chat.messages) / ours) / (count / theirs)
    print(f"parse speed ratio (ours / chat-miner): {speed_ratio:.2f}x   (target >= 3x)")


def streaming_peak(path: Path) -> tuple[int, int]:
    reader = whatsapp_reader(path)
    tracemalloc.start()
    reader.scan()
    count = sum(1 for _ in reader.messages())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, peak


def memory(tmp: Path, messages: int) -> None:
    small = write(tmp / "small.txt", messages // 10)
    large = tmp / "export.txt"
    n_small, peak_small = streaming_peak(small)
    n_large, peak_large = streaming_peak(large)
    growth = peak_large / peak_small
    print(
        f"streaming peak: {n_small:>7} messages {peak_small / 1024:8.0f} KiB, "
        f"{n_large:>7} messages {peak_large / 1024:8.0f} KiB "
        f"(ratio {growth:.2f} for {n_large / n_small:.0f}x the messages)"
    )


def end_to_end(tmp: Path, path: Path) -> None:
    with Clone("bench", home=tmp / "home") as clone:
        clone.store.embedder.embed(["warm up"])
        started = time.perf_counter()
        report = clone.ingest(path, me="Lena")
        ingest = time.perf_counter() - started
        rate = report.speech / ingest
        print(
            f"Clone.ingest: {report.speech} messages, {report.conversations} conversations, "
            f"{report.added} snippets in {ingest:.1f} s ({rate:,.0f} msg/s)"
        )
        chat = parse_whatsapp(path)
        snippets = [
            snippet
            for conversation in split_conversations(chat.messages)
            for snippet in conversation_snippets(
                conversation, source="x", is_own=lambda a: a == "Lena"
            )
        ]
        parts = [part for snippet in snippets for part in snippet_parts(snippet)]
        texts = [snippet.text for snippet in snippets] + parts
        started = time.perf_counter()
        for start in range(0, len(texts), 1000):
            clone.store.embedder.embed(texts[start : start + 1000])
        alone = time.perf_counter() - started
        print(
            f"embedder alone on the same {len(snippets)} snippets and their {len(parts)} parts: "
            f"{alone:.1f} s"
        )
        print(f"ingest / embedder ratio: {ingest / alone:.3f}   (target <= 1.3)")
        started = time.perf_counter()
        again = clone.ingest(path, me="Lena")
        print(f"re-ingest of the same export: {again.added} added, {again.unchanged} unchanged "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--no-ingest", action="store_true", help="skip the end-to-end ingest")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ragclone-bench-") as tmp_name:
        tmp = Path(tmp_name)
        path = write(tmp / "export.txt", args.messages)
        print(f"synthetic export: {args.messages} messages, {path.stat().st_size / 1e6:.1f} MB")
        parse_speed(path, args.messages)
        memory(tmp, args.messages)
        if not args.no_ingest:
            end_to_end(tmp, path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
