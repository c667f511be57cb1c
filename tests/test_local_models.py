"""Assembling packaged GGUFs from ordered parts, with the sha256 check that guards it."""

import hashlib
from pathlib import Path

import pytest

from ragclone import local_models
from ragclone.errors import ConfigError, ModelError
from ragclone.local_models import PACKAGED_MODELS, PackagedModel, list_models, packaged_gguf


@pytest.fixture
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """Three importable part packages on sys.path, each holding data/partNN.bin."""
    root = tmp_path / "site"
    contents = [b"GGUF-part-one|", b"part-two|", b"part-three"]
    for number, content in enumerate(contents, start=1):
        package = root / f"fake_model_part{number}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("raise RuntimeError('part code must never run')\n")
        (package / "data" / f"part{number:02d}.bin").write_bytes(content)
    monkeypatch.syspath_prepend(str(root))
    return b"".join(contents)


def register(monkeypatch: pytest.MonkeyPatch, sha256: str) -> None:
    model = PackagedModel(
        name="fake",
        description="three parts",
        filename="fake.gguf",
        sha256=sha256,
        packages=("fake_model_part1", "fake_model_part2", "fake_model_part3"),
        pattern="data/part*.bin",
    )
    monkeypatch.setitem(PACKAGED_MODELS, "fake", model)


def test_parts_are_assembled_in_order_and_verified(
    parts: bytes, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    register(monkeypatch, hashlib.sha256(parts).hexdigest())
    path = packaged_gguf("fake")
    assert path == isolated_home / "models" / "fake.gguf"
    assert path.read_bytes() == parts
    stamp = path.stat().st_mtime_ns
    assert packaged_gguf("fake").stat().st_mtime_ns == stamp  # not assembled twice


def test_a_hash_mismatch_is_an_error_and_leaves_no_file(
    parts: bytes, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    register(monkeypatch, "0" * 64)
    with pytest.raises(ModelError, match="not the pinned ones"):
        packaged_gguf("fake")
    assert not any((isolated_home / "models").iterdir())


def test_a_changed_file_is_assembled_again(
    parts: bytes, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    register(monkeypatch, hashlib.sha256(parts).hexdigest())
    path = packaged_gguf("fake")
    path.write_bytes(b"corrupted")
    assert packaged_gguf("fake").read_bytes() == parts


def test_missing_packages_and_unknown_names_are_clear_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register(monkeypatch, "0" * 64)  # no parts on sys.path
    with pytest.raises(ModelError, match="not installed"):
        packaged_gguf("fake")
    with pytest.raises(ConfigError, match="unknown packaged model"):
        packaged_gguf("gpt-7")


def test_the_default_model_is_installed_by_the_setup_command() -> None:
    infos = {info.name: info for info in list_models()}
    default = infos[local_models.DEFAULT_MODEL]
    assert default.default and default.installed
    assert infos["smollm2-135m-instruct"].installed


@pytest.mark.slow
def test_the_default_model_assembles_to_its_pinned_hash(isolated_home: Path) -> None:
    path = packaged_gguf()
    assert path.stat().st_size > 1_000_000_000
    assert local_models.sha256_of(path) == PACKAGED_MODELS[local_models.DEFAULT_MODEL].sha256
