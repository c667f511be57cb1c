"""The grounding checker on DialFact (outside data): dialogue responses against their evidence.

    .venv/bin/python benchmarks/bench_dialfact.py [--data ../shared/data/dialfact/testsmall.jsonl]
        [--per-label 20] [--model SPEC] [--json out.json]

DialFact (Salesforce, ACL 2022) labels dialogue responses SUPPORTS / REFUTES / NOT ENOUGH INFO
against Wikipedia evidence; 39 of its 300 sample responses are first-person ("personal"), the
kind of claim ragclone must flag when no fact supports it. For each response the evidence
sentences are the facts of a throwaway clone and the response is checked as one claim, through
the same cascade as `clone.check` (screen, judge, support floor). Labels map to supported /
contradicted / unsupported. Runs every personal response and `--per-label` factual ones of each
label, and reports the flagging precision/recall and 3-way accuracy for both groups.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("RAGCLONE_THREADS", "2")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_grounding import flagging_scores  # noqa: E402
from ragclone import Clone, SentenceTransformerEmbedder  # noqa: E402
from ragclone.chat import chat_model_from_config  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABELS = {"SUPPORTS": "supported", "REFUTES": "contradicted", "NOT ENOUGH INFO": "unsupported"}


def pick(rows: list[dict[str, object]], per_label: int) -> list[dict[str, object]]:
    personal = [r for r in rows if r["type_label"] == "personal"]
    factual: list[dict[str, object]] = []
    taken: Counter[object] = Counter()
    for row in rows:
        if row["type_label"] == "factual" and taken[row["response_label"]] < per_label:
            taken[row["response_label"]] += 1
            factual.append(row)
    return personal + factual


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared/data/dialfact/testsmall.jsonl"
    )
    parser.add_argument("--per-label", type=int, default=20)
    parser.add_argument("--model", help="judge model: GGUF path, packaged name or openai:MODEL")
    parser.add_argument("--json", type=Path, help="write every verdict here")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"no DialFact data at {args.data}")
        return 1
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    chosen = pick(rows, args.per_label)
    embedder = SentenceTransformerEmbedder()
    model = chat_model_from_config(args.model)
    results = []
    with tempfile.TemporaryDirectory(prefix="ragclone-dialfact-") as home:
        for number, row in enumerate(chosen):
            evidence = [str(e[2]) for e in row["evidence_list"] if len(e) > 2 and e[2]]  # type: ignore[attr-defined]
            with Clone(f"d{number}", home=home, embedder=embedder, chat_model=model) as clone:
                for text in evidence:
                    clone.remember(text)
                started = time.perf_counter()
                claim = clone.checker.check_claim(str(row["response"]))
            label = LABELS[str(row["response_label"])]
            results.append({"id": row["id"], "type": row["type_label"], "label": label,
                            "verdict": claim.verdict.value, "judge": claim.judge,
                            "score": claim.score, "seconds": time.perf_counter() - started,
                            "claim": row["response"]})  # fmt: skip
            mark = "ok " if claim.verdict.value == label else "BAD"
            print(f"{mark} {row['type_label']:<8} {label:<12} -> {claim.verdict.value:<12} "
                  f"{str(row['response'])[:90]}", flush=True)  # fmt: skip
    for group in ("personal", "factual"):
        report([r for r in results if r["type"] == group], group)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


def report(results: Sequence[dict[str, object]], group: str) -> None:
    if not results:
        return
    precision, recall, _, accuracy = flagging_scores(results)
    confusion = Counter((r["label"], r["verdict"]) for r in results)
    print(f"\n{group}: {len(results)} responses; flagging precision {precision:.3f} "
          f"recall {recall:.3f}; 3-way accuracy {accuracy:.3f}")  # fmt: skip
    cells = [f"{label}->{verdict} {n}" for (label, verdict), n in sorted(confusion.items())]
    print("  confusion (label -> verdict): " + ", ".join(cells))


if __name__ == "__main__":
    sys.exit(main())
