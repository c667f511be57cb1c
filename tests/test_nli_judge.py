"""The NLI judge through sentence-transformers' real `CrossEncoder`, on a tiny model built here.

No NLI cross-encoder is available offline, so these tests build a two-layer BERT classifier
whose head always prefers one label (all weights zero, one bias high) with the packaged MiniLM
tokenizer. That checks the judge's plumbing (loading by local path, label names, thresholds,
evidence) for real; it says nothing about accuracy, which needs a trained model.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ragclone.embeddings import packaged_model_path
from ragclone.errors import ModelError
from ragclone.grounding import NLIJudge
from ragclone.models import Fact, Hit, Verdict

pytestmark = pytest.mark.slow
LABELS = {0: "contradiction", 1: "entailment", 2: "neutral"}


def _tiny_nli(tmp_path: Path, winner: int) -> Path:
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    config = BertConfig(
        vocab_size=30522, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, num_labels=3, id2label=LABELS,
        label2id={v: k for k, v in LABELS.items()},
    )  # fmt: skip
    model = BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([5.0 if i == winner else 0.0 for i in range(3)]))
    path = tmp_path / f"nli-{LABELS[winner]}"
    model.save_pretrained(path)
    source = packaged_model_path()
    for name in ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json"):
        shutil.copy(source / name, path / name)
    return path


FACTS = [
    Hit(fact=Fact(text="I have one sister and no brother."), score=0.8),
    Hit(fact=Fact(text="I study computer science."), score=0.4),
]


@pytest.mark.parametrize(
    ("winner", "verdict"),
    [(0, Verdict.CONTRADICTED), (1, Verdict.SUPPORTED), (2, Verdict.UNSUPPORTED)],
)
def test_the_label_the_model_prefers_becomes_the_verdict(
    tmp_path: Path, winner: int, verdict: Verdict
) -> None:
    judge = NLIJudge(_tiny_nli(tmp_path, winner))
    found, evidence = judge.judge("I have a brother.", FACTS, as_of=None)
    assert found is verdict
    assert evidence == ([] if verdict is Verdict.UNSUPPORTED else [FACTS[0].fact.id])
    assert judge.name == f"nli:nli-{LABELS[winner]}"


def test_a_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot load the NLI model"):
        NLIJudge(tmp_path / "missing").judge("I have a brother.", FACTS, as_of=None)
