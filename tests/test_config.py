from pathlib import Path

import platformdirs
import pytest

from ragclone.config import check_clone_name, chroma_url, data_dir, thread_count
from ragclone.errors import ConfigError


def test_data_dir_prefers_argument_then_env_then_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAGCLONE_HOME", str(tmp_path / "env"))
    assert data_dir(tmp_path / "arg") == tmp_path / "arg"
    assert data_dir() == tmp_path / "env"
    monkeypatch.delenv("RAGCLONE_HOME")
    assert data_dir() == Path(platformdirs.user_data_dir("ragclone", appauthor=False))


def test_a_relative_home_is_refused_so_data_never_lands_in_the_cwd(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RAGCLONE_HOME", "clones")
    with pytest.raises(ConfigError, match="absolute"):
        data_dir()


@pytest.mark.parametrize("name", ["lena", "lena-park", "a", "x_1", "A9"])
def test_valid_clone_names(name: str) -> None:
    assert check_clone_name(name) == name


@pytest.mark.parametrize("name", ["", "../etc", "a/b", "-lead", "trail-", "with space", "x" * 64])
def test_invalid_clone_names(name: str) -> None:
    with pytest.raises(ConfigError, match="invalid clone name"):
        check_clone_name(name)


def test_thread_count(monkeypatch: pytest.MonkeyPatch) -> None:
    assert thread_count(3) == 3
    monkeypatch.setenv("RAGCLONE_THREADS", "1")
    assert thread_count() == 1
    monkeypatch.setenv("RAGCLONE_THREADS", "many")
    with pytest.raises(ConfigError, match="whole number"):
        thread_count()
    with pytest.raises(ConfigError, match="at least 1"):
        thread_count(0)


def test_chroma_url(monkeypatch: pytest.MonkeyPatch) -> None:
    assert chroma_url() is None
    monkeypatch.setenv("RAGCLONE_CHROMA_URL", "http://127.0.0.1:8123")
    assert chroma_url() == "http://127.0.0.1:8123"
    with pytest.raises(ConfigError, match="Chroma server URL"):
        chroma_url("127.0.0.1:8000")
