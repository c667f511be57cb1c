"""The same store behaviour against a real `chroma run` server on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ragclone import Clone, SentenceTransformerEmbedder
from ragclone.errors import EmbedderMismatch, StoreError
from tests.conftest import HashingEmbedder

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma CLI is installed with chromadb"
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = (data / "server.log").open("wb")
    process = subprocess.Popen(
        [chroma, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(data / "db")],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((data / "server.log").read_text()) from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_a_clone_on_a_chroma_server_behaves_like_one_on_disk(
    chroma_server: str, embedder: SentenceTransformerEmbedder, isolated_home: Path
) -> None:
    with Clone("server-clone", chroma_url=chroma_server, embedder=embedder) as clone:
        boston = clone.remember("I lived in Boston.", kind="identity", valid_from="2005")
        again = clone.remember("I lived in Boston.", kind="identity", valid_from="2005")
        atlanta = clone.remember(
            "I live in Atlanta.", kind="identity", valid_from="2023-08", supersedes=[boston.id]
        )
        clone.remember("I have one older sister and no brother.", kind="relationship")
        assert again.id == boston.id
        assert clone.store.count() == 3
        assert clone.recall("Do you have a brother?", k=1)[0].fact.kind.value == "relationship"
        now = [h.fact.id for h in clone.recall("Where do you live?", as_of="2024")]
        then = [h.fact.id for h in clone.recall("Where do you live?", as_of="2010")]
        assert atlanta.id in now and boston.id not in now
        assert boston.id in then and atlanta.id not in then
        assert clone.fact(boston.id).valid_until == "2023-07"
        assert [e.action for e in clone.history(boston.id)] == ["add", "superseded"]
    # The server holds the collections; only the audit log is local.
    assert [p.name for p in (isolated_home / "server-clone").iterdir()] == ["audit.sqlite3"]

    with Clone("server-clone", chroma_url=chroma_server, embedder=embedder, create=False) as again:
        assert again.store.count() == 3


def test_server_clones_are_separate_and_embedder_checked(chroma_server: str) -> None:
    with Clone("alpha", chroma_url=chroma_server, embedder=HashingEmbedder("a")) as alpha:
        alpha.remember("I knit.")
    with Clone("beta", chroma_url=chroma_server, embedder=HashingEmbedder("a")) as beta:
        assert beta.store.count() == 0
    with pytest.raises(EmbedderMismatch):
        Clone("alpha", chroma_url=chroma_server, embedder=HashingEmbedder("b"))
    with pytest.raises(StoreError, match="create the clone first"):
        Clone("gamma", chroma_url=chroma_server, embedder=HashingEmbedder("a"), create=False)


def test_an_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open"):
        Clone("x", chroma_url=f"http://127.0.0.1:{_free_port()}", embedder=HashingEmbedder())
