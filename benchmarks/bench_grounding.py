"""Grounding-checker accuracy on a labelled claim set: flagging precision/recall/F1, 3-way accuracy.

    .venv/bin/python benchmarks/bench_grounding.py [--claims benchmarks/claims/lena-park.jsonl]
        [--limit N] [--model SPEC] [--json out.json]

Each line of the claim file: {"id", "claim", "label": supported|contradicted|unsupported, "type"},
and "as_of" (a date) for a claim about that time.
The demo persona (facts/) is loaded into a temporary home; each claim is verified as written (the
extraction step is tested separately). Prints per-class and per-type accuracy, latency per claim,
and how many claims the embedding screen settled without a judge call.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("RAGCLONE_THREADS", "2")

from ragclone import Clone  # noqa: E402
from ragclone.chat import chat_model_from_config  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABELS = ("supported", "contradicted", "unsupported")


def load_claims(path: Path) -> list[dict[str, str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("label") not in LABELS or not row.get("claim"):
            raise SystemExit(f"{path}:{number}: needs a claim and a label in {LABELS}")
        rows.append(row)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=Path, default=ROOT / "benchmarks/claims/lena-park.jsonl")
    parser.add_argument("--facts", type=Path, default=ROOT / "facts")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--type", help="only claims of this type (as_of, negation, ...)")
    parser.add_argument("--model", help="judge model: GGUF path, packaged name or openai:MODEL")
    parser.add_argument("--json", type=Path, help="write every verdict here")
    args = parser.parse_args(argv)
    rows = [r for r in load_claims(args.claims) if args.type in (None, r.get("type"))]
    rows = rows[: args.limit]
    with tempfile.TemporaryDirectory(prefix="ragclone-bench-") as tmp:
        clone = Clone("lena-park", home=tmp, chat_model=chat_model_from_config(args.model))
        clone.load_biography(args.facts)
        checker = clone.checker
        results: list[dict[str, object]] = []
        for row in rows:
            started = time.perf_counter()
            claim = checker.check_claim(row["claim"], as_of=row.get("as_of"))
            texts = {hit.fact.id: hit.fact.text for hit in claim.candidates}
            results.append(
                {**row, "verdict": claim.verdict.value, "judge": claim.judge,
                 "score": claim.score, "seconds": time.perf_counter() - started,
                 "evidence": [texts.get(i, i) for i in claim.evidence]}
            )  # fmt: skip
            mark = "ok " if claim.verdict.value == row["label"] else "BAD"
            print(f"{mark} {row['label']:<12} -> {claim.verdict.value:<12} {row['claim']}",
                  flush=True)  # fmt: skip
        clone.close()
    report(results, judge=checker.judge.name)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


def flagging_scores(results: Sequence[dict[str, object]]) -> tuple[float, float, float, float]:
    """Precision, recall and F1 of flagging (any verdict but supported), and 3-way accuracy."""
    flagged_true = [r["label"] != "supported" for r in results]
    flagged_pred = [r["verdict"] != "supported" for r in results]
    tp = sum(t and p for t, p in zip(flagged_true, flagged_pred, strict=True))
    fp = sum(p and not t for t, p in zip(flagged_true, flagged_pred, strict=True))
    fn = sum(t and not p for t, p in zip(flagged_true, flagged_pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(r["label"] == r["verdict"] for r in results) / len(results)
    return precision, recall, f1, accuracy


def report(results: Sequence[dict[str, object]], *, judge: str) -> None:
    precision, recall, f1, accuracy = flagging_scores(results)
    print(f"\njudge {judge}, {len(results)} claims")
    print(f"flagging (contradicted + unsupported): precision {precision:.3f}  recall {recall:.3f}"
          f"  F1 {f1:.3f}   (target recall >= 0.95 at precision >= 0.9)")  # fmt: skip
    print(f"3-way accuracy {accuracy:.3f}")
    confusion: Counter[tuple[object, object]] = Counter((r["label"], r["verdict"]) for r in results)
    print("confusion (rows: label, columns: verdict)")
    print("  " + " ".join(f"{v:>13}" for v in LABELS))
    for label in LABELS:
        print(f"  {label:<12}" + " ".join(f"{confusion[(label, v)]:>13}" for v in LABELS))
    by_type: dict[object, list[bool]] = defaultdict(list)
    for r in results:
        by_type[r["type"]].append(r["label"] == r["verdict"])
    parts = [f"{t} {sum(v) / len(v):.2f} ({len(v)})" for t, v in sorted(by_type.items(), key=str)]
    print("accuracy by type: " + ", ".join(parts))
    judged = [float(str(r["seconds"])) for r in results if r["judge"] != "screen"]
    screened = [float(str(r["seconds"])) for r in results if r["judge"] == "screen"]
    print(f"latency: judged claims p50 {statistics.median(judged) if judged else 0:.2f} s "
          f"({len(judged)}), screened p50 {statistics.median(screened) if screened else 0:.3f} s "
          f"({len(screened)} settled by the embedding screen)")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
