"""Shared fixtures: an isolated RAGCLONE_HOME for every test, the real packaged embedder, a fake."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from ragclone import Clone, SentenceTransformerEmbedder

ROOT = Path(__file__).resolve().parents[1]
DEMO_FACTS = ROOT / "facts"
SHARED_DATA = ROOT.parent / "shared" / "data"

_CLEARED = ("RAGCLONE_HOME", "RAGCLONE_CHROMA_URL", "RAGCLONE_THREADS", "RAGCLONE_EMBEDDER")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty RAGCLONE_HOME and no stray ragclone or OpenAI settings."""
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "ragclone-home"
    monkeypatch.setenv("RAGCLONE_HOME", str(home))
    monkeypatch.setenv("RAGCLONE_THREADS", "2")
    return home


@pytest.fixture(scope="session")
def embedder() -> SentenceTransformerEmbedder:
    """The real packaged all-MiniLM-L6-v2, loaded once for the whole run."""
    return SentenceTransformerEmbedder(threads=2)


class HashingEmbedder:
    """A fake for pure store logic: bag-of-words hashed into 64 dimensions.

    Texts that share words get similar vectors, so nearest-neighbour results are meaningful;
    it is never a constant vector.
    """

    def __init__(self, name: str = "hashing-64", *, fail_after: int | None = None) -> None:
        self._name = name
        self.calls = 0
        self.largest_batch = 0
        self.fail_after = fail_after

    @property
    def name(self) -> str:
        return self._name

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls += 1
        self.largest_batch = max(self.largest_batch, len(texts))
        if self.fail_after is not None and self.calls > self.fail_after:
            raise RuntimeError("embedding backend went away")
        vectors = []
        for text in texts:
            vector = [0.0] * 64
            for word in re.findall(r"\w+", text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=2).digest()
                vector[int.from_bytes(digest, "big") % 64] += 1.0
            norm = math.sqrt(sum(v * v for v in vector)) or 1.0
            vectors.append([v / norm for v in vector])
        return vectors


@pytest.fixture
def fake_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def clone(embedder: SentenceTransformerEmbedder) -> Iterator[Clone]:
    """An empty clone on disk, with the real embedder."""
    yield Clone("tester", embedder=embedder)


@pytest.fixture(scope="session")
def demo_home(
    tmp_path_factory: pytest.TempPathFactory, embedder: SentenceTransformerEmbedder
) -> Path:
    """A home holding the demo persona, loaded once per run (tests open it read-mostly)."""
    home = tmp_path_factory.mktemp("demo-home")
    Clone("lena-park", home=home, embedder=embedder).load_biography(DEMO_FACTS)
    return home


@pytest.fixture
def lena(demo_home: Path, embedder: SentenceTransformerEmbedder) -> Clone:
    """The demo persona on the real embedder; a test sets its chat model (modules that need
    another set-up define their own `lena`)."""
    return Clone("lena-park", home=demo_home, embedder=embedder, create=False)


class ScriptedChatModel:
    """A fake chat model for pure prompt logic: replays queued replies, records what it was sent."""

    def __init__(self, *replies: str, n_ctx: int = 4096) -> None:
        self.replies = list(replies)
        self.calls: list[list[dict[str, str]]] = []
        self.n_ctx = n_ctx

    @property
    def name(self) -> str:
        return "scripted"

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + text.count("\n")

    def complete(self, messages, *, max_tokens=256, temperature=0.2, json_schema=None):  # type: ignore[no-untyped-def]
        from ragclone.chat import Completion
        from ragclone.models import Usage

        self.calls.append([dict(m) for m in messages])
        text = self.replies.pop(0) if self.replies else "hmm, I don't know"
        prompt = sum(self.count_tokens(m["content"]) for m in messages)
        return Completion(
            text=text, usage=Usage(prompt_tokens=prompt, completion_tokens=3), model="scripted"
        )

    def stream(self, messages, *, max_tokens=256, temperature=0.2):  # type: ignore[no-untyped-def]
        completion = self.complete(messages, max_tokens=max_tokens)
        for word in completion.text.split(" "):
            yield word + " "
        yield completion


@pytest.fixture(scope="session")
def models_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home where the packaged models are assembled once per run."""
    return tmp_path_factory.mktemp("models-home")


@pytest.fixture(scope="session")
def small_gguf() -> Path:
    """SmolLM2-135M: a real GGUF, fast enough to exercise the model plumbing in many tests."""
    from ragclone.local_models import packaged_gguf

    return packaged_gguf("smollm2-135m-instruct")


@pytest.fixture(scope="session")
def default_gguf(models_home: Path) -> Path:
    """The packaged default model, assembled and verified once per run."""
    from ragclone.local_models import DEFAULT_MODEL, packaged_gguf

    return packaged_gguf(DEFAULT_MODEL, home=models_home)


@pytest.fixture(scope="module")
def lena_on_default_model(
    demo_home: Path, embedder: SentenceTransformerEmbedder, default_gguf: Path
) -> Iterator[Clone]:
    """The demo persona chatting and judging with the packaged default GGUF (once per module)."""
    from ragclone.chat import LocalChatModel

    with Clone("lena-park", home=demo_home, embedder=embedder, create=False) as clone:
        clone.chat_model = LocalChatModel(default_gguf, threads=2)
        yield clone
