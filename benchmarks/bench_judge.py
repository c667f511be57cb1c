"""How far the benchmark's scoring judge agrees with a person: hand labels vs the judge.

Every line of benchmarks/questions/judge-labels.jsonl is an answer the demo clone gave in a
benchmark run (any configuration), labelled by hand, reading the biography in facts/: was it
correct for its question's category, and did it assert something about Lena that the facts do
not support? This script judges the same answers with `AnswerJudge` (rules, then the default
local model for what the rules leave open) and prints the agreement, the confusion, and the
disagreements, so the judge's numbers in the README can be read with their error bars.

    .venv/bin/python benchmarks/bench_judge.py [--rules-only]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from ragclone import Clone
from ragclone.bench.judge import AnswerJudge
from ragclone.bench.questions import load_questions

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "benchmarks" / "questions" / "lena-park.jsonl"
LABELS = ROOT / "benchmarks" / "questions" / "judge-labels.jsonl"


def agreement(pairs: list[tuple[bool, bool]]) -> dict[str, float]:
    """Agreement, Cohen's kappa, and the judge's precision and recall for `True` labels."""
    n = len(pairs)
    agree = sum(a == b for a, b in pairs) / n
    truth = sum(a for a, _ in pairs) / n
    said = sum(b for _, b in pairs) / n
    chance = truth * said + (1 - truth) * (1 - said)
    kappa = (agree - chance) / (1 - chance) if chance < 1 else 1.0
    tp = sum(a and b for a, b in pairs)
    precision = tp / max(sum(b for _, b in pairs), 1)
    recall = tp / max(sum(a for a, _ in pairs), 1)
    return {
        "n": n,
        "agreement": round(agree, 3),
        "kappa": round(kappa, 3),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "labelled_true": sum(a for a, _ in pairs),
        "judged_true": sum(b for _, b in pairs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-only", action="store_true", help="No judge model.")
    args = parser.parse_args()
    questions = {q.id: q for q in load_questions(QUESTIONS)}
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as home:
        clone = Clone("lena-park", home=Path(home))
        clone.load_biography(ROOT / "facts")
        judge = AnswerJudge(
            clone.store.facts(include_superseded=True),
            model=None if args.rules_only else clone.chat_model,
        )
        correct: list[tuple[bool, bool]] = []
        hallucinated: list[tuple[bool, bool]] = []
        seconds: list[float] = []
        calls = 0
        for label in labels:
            started = time.perf_counter()
            verdict = judge.judge(questions[label["question_id"]], label["answer"])
            seconds.append(time.perf_counter() - started)
            calls += verdict.model_calls
            correct.append((label["correct"], verdict.correct))
            said = verdict.hallucinated or (args.rules_only and bool(verdict.unverified))
            hallucinated.append((label["hallucinated"], said))
            if (label["correct"], label["hallucinated"]) != (verdict.correct, said):
                print(
                    f"  {label['question_id']}: {label['answer']!r}\n"
                    f"    hand: correct={label['correct']} hallucinated={label['hallucinated']}"
                    f"  judge: correct={verdict.correct} hallucinated={said}"
                    f" unsupported={verdict.unsupported} forbidden={verdict.forbidden}"
                )
        clone.close()
    print(f"{len(labels)} hand-labelled answers; judge model calls: {calls}")
    print("correct      ", agreement(correct))
    print("hallucinated ", agreement(hallucinated))
    seconds.sort()
    print(f"judge seconds per answer: p50 {seconds[len(seconds) // 2]:.2f}, max {seconds[-1]:.2f}")


if __name__ == "__main__":
    main()
