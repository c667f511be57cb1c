"""The hallucination benchmark: question sets, a resumable runner, a scoring judge, reports.

    from ragclone import Clone
    from ragclone import bench

    result = bench.run("benchmarks/questions/lena-park.jsonl", Clone("lena-park"), limit=30)
    print(result.score("rag+check:strict").overall)

LoCoMo (a public benchmark of long conversations) is in `ragclone.bench.locomo`.
"""

from ragclone.bench.judge import AnswerJudge, Judgement, is_decline
from ragclone.bench.metrics import AnswerRecord, ConfigScores, Scores
from ragclone.bench.questions import Category, Question, QuestionSetError, load_questions
from ragclone.bench.runner import CONFIGS, BenchResult, parse_configs, run

__all__ = [
    "CONFIGS",
    "AnswerJudge",
    "AnswerRecord",
    "BenchResult",
    "Category",
    "ConfigScores",
    "Judgement",
    "Question",
    "QuestionSetError",
    "Scores",
    "is_decline",
    "load_questions",
    "parse_configs",
    "run",
]
