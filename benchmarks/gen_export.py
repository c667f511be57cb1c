"""Write a synthetic WhatsApp export for the ingest benchmarks.

    .venv/bin/python benchmarks/gen_export.py OUT.txt [--messages 100000] [--seed 7] [--ios]

Android ("14/02/2024, 21:05 - Name: text") or iOS ("[14/02/2024, 21:05:09] Name: text") lines;
three authors, one of them "Lena" (the person); about 5% multi-line messages, 3% media
placeholders, a few system lines, emoji; bursts of messages separated by idle gaps of hours to
days, so the export has realistic conversations. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

AUTHORS = ("Lena", "Mina Park", "Tomás")
WORDS = (
    "hey what are you up to tonight I just got out of class the exam was brutal honestly "
    "did you see the new episode lol we should get food later my algorithm homework is due "
    "tomorrow can you send me the notes thanks so much see you soon haha that is so funny "
    "I miss home mom called again the weather here is too hot I am so tired right now"
).split()
EMOJI = ("😂", "🙂", "❤️", "👍", "😭", "🎉")


def messages(count: int, seed: int) -> Iterator[tuple[datetime, str, str]]:
    rng = random.Random(seed)
    when = datetime(2019, 1, 1, 9, 0)
    for index in range(count):
        if rng.random() < 0.08:
            when += timedelta(hours=rng.uniform(3.5, 60))
        else:
            when += timedelta(seconds=rng.randint(5, 600))
        author = AUTHORS[0] if rng.random() < 0.45 else rng.choice(AUTHORS[1:])
        roll = rng.random()
        if roll < 0.03:
            text = "<Media omitted>"
        elif roll < 0.08:
            text = "\n".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        else:
            text = _sentence(rng)
        if index % 5000 == 0:
            yield when, "", "Mina Park changed the group description"
        yield when, author, text


def _sentence(rng: random.Random) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 18)))
    return words + (f" {rng.choice(EMOJI)}" if rng.random() < 0.2 else "")


def write(path: Path, count: int, *, seed: int = 7, ios: bool = False) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for when, author, text in messages(count, seed):
            head = f"[{when:%d/%m/%Y, %H:%M:%S}] " if ios else f"{when:%d/%m/%Y, %H:%M} - "
            f.write(f"{head}{author}: {text}\n" if author else f"{head}{text}\n")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ios", action="store_true")
    args = parser.parse_args(argv)
    write(args.out, args.messages, seed=args.seed, ios=args.ios)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
