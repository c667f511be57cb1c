"""Biography files: human-editable YAML that becomes facts.

A file (or every `*.yaml` / `*.yml` under a directory) looks like this::

    kind: relationship          # optional: default kind for this file's facts
    subject: null               # optional: default subject (null: the person)
    tags: [family]              # optional: tags added to every fact of this file
    about: |                    # optional: free text, split into passages
      I grew up in Boston with my parents and my older sister.
    facts:
      - text: I have one older sister, Mina.
      - text: I lived in Boston.
        kind: identity
        ref: boston             # a name other entries can point at
        valid_from: 2005-03
        valid_until: 2023-07
      - text: I live in Atlanta.
        valid_from: 2023-08
        supersedes: [boston]    # refs from any loaded file, or stored fact ids

Every invalid entry is reported with its file and line, all at once; nothing is stored unless
everything is valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ragclone.errors import BiographyError, BiographyProblem, ConfigError
from ragclone.models import Fact, parse_kind

FILE_KEYS = {"kind", "subject", "tags", "source", "about", "facts"}
ENTRY_KEYS = {
    "text", "kind", "subject", "valid_from", "valid_until", "source", "verified", "tags",
    "ref", "supersedes",
}  # fmt: skip
# About a sentence: a fact of several sentences is a blurred vector ("I'm curious" scored 0.35
# against a 280-character paragraph that says it) and a long text for the judge.
ABOUT_CHUNK_CHARS = 120
_LINES = "__lines__"
_LINE = "__line__"


@dataclass(frozen=True)
class Located:
    """A fact and where it was written."""

    fact: Fact
    path: Path
    line_no: int


@dataclass(frozen=True)
class ParsedBiography:
    """All facts of a set of biography files, ready to store, plus the files read."""

    files: list[Path]
    facts: list[Located]
    passages: int


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records each mapping's line and each key's line."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        lines[str(key)] = value_node.start_mark.line + 1
    mapping[_LINE] = node.start_mark.line + 1
    mapping[_LINES] = lines
    return mapping


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    # Keep dates as text: PyYAML's own date parsing fails on "2019-02-30" without a line number.
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def biography_files(path: str | Path) -> list[Path]:
    """The YAML files a biography path names: itself, or every one under a directory, sorted."""
    root = Path(path)
    if root.is_dir():
        files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise ConfigError(f"no .yaml or .yml files under {root}")
        return files
    if root.is_file():
        return [root]
    raise ConfigError(f"no such biography file or directory: {root}")


def _date_value(value: Any) -> Any:
    # YAML reads `2019` as an int and `2019-06-14` as a date; both are fine partial dates.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _as_tuple(value: Any) -> Any:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value) if isinstance(value, list) else value


def _split_about(text: str) -> list[str]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=ABOUT_CHUNK_CHARS,
        chunk_overlap=0,
        separators=["\n\n", ". ", "! ", "? ", "; ", ", ", " "],
        keep_separator="end",
    )
    # A YAML block keeps its line breaks; inside a paragraph they are only wrapping.
    unwrapped = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
    return [chunk.strip() for chunk in splitter.split_text(unwrapped) if chunk.strip()]


class _FileReader:
    """Turns one parsed YAML document into facts, collecting every problem it finds."""

    def __init__(self, path: Path, source_name: str, problems: list[BiographyProblem]) -> None:
        self.path = path
        self.source_name = source_name
        self.problems = problems

    def problem(self, line_no: int, message: str) -> None:
        self.problems.append(BiographyProblem(self.path, line_no, message))

    def read(self, document: Any) -> tuple[list[tuple[Located, Any, int]], int]:
        """(fact, its raw `supersedes`, that key's line) for each entry, and the passage count."""
        if document is None:
            self.problem(1, "the file is empty")
            return [], 0
        if not isinstance(document, dict):
            self.problem(1, "expected a mapping with 'facts' and/or 'about' at the top level")
            return [], 0
        lines: dict[str, int] = document[_LINES]
        for key in sorted(set(document) - FILE_KEYS - {_LINE, _LINES}, key=str):
            self.problem(
                lines[str(key)], f"unknown key {key!r} (expected one of {sorted(FILE_KEYS)})"
            )
        defaults = {k: document[k] for k in ("kind", "subject", "source") if k in document}
        file_tags = _as_tuple(document.get("tags"))
        results: list[tuple[Located, Any, int]] = []
        passages = 0
        about = document.get("about")
        if about is not None:
            if not isinstance(about, str):
                self.problem(lines["about"], "'about' must be text")
            else:
                for chunk in _split_about(about):
                    entry = {"text": chunk, "tags": ["about"], _LINE: lines["about"], _LINES: {}}
                    located = self.entry(entry, defaults, file_tags)
                    if located is not None:
                        results.append((located, (), lines["about"]))
                        passages += 1
        entries = document.get("facts", [])
        if not isinstance(entries, list):
            self.problem(lines.get("facts", 1), "'facts' must be a list of entries")
            return results, passages
        if not entries and about is None:
            self.problem(document[_LINE], "no facts and no 'about' text")
        for raw in entries:
            if not isinstance(raw, dict):
                self.problem(lines.get("facts", 1), f"a fact must be a mapping, not {raw!r}")
                continue
            located = self.entry(raw, defaults, file_tags)
            if located is not None:
                key_line = raw[_LINES].get("supersedes", raw[_LINE])
                results.append((located, raw.get("supersedes"), key_line))
        return results, passages

    def entry(
        self, raw: dict[str, Any], defaults: dict[str, Any], file_tags: Any
    ) -> Located | None:
        line_no: int = raw[_LINE]
        key_lines: dict[str, int] = raw[_LINES]
        unknown = sorted(set(raw) - ENTRY_KEYS - {_LINE, _LINES}, key=str)
        for key in unknown:
            self.problem(
                key_lines[str(key)], f"unknown key {key!r} (expected one of {sorted(ENTRY_KEYS)})"
            )
        if unknown:
            return None
        fields: dict[str, Any] = {**defaults}
        fields.update({k: v for k, v in raw.items() if k in ENTRY_KEYS - {"ref", "supersedes"}})
        for key in ("valid_from", "valid_until"):
            if key in fields:
                fields[key] = _date_value(fields[key])
        fields["tags"] = tuple(
            dict.fromkeys((*_as_tuple(file_tags), *_as_tuple(fields.get("tags"))))
        )
        fields.setdefault("source", f"{self.source_name}:{line_no}")
        if "kind" in fields:
            try:
                fields["kind"] = parse_kind(fields["kind"])
            except ConfigError as e:
                self.problem(key_lines.get("kind", line_no), f"kind: {e}")
                return None
        try:
            fact = Fact.model_validate(fields)
        except ValidationError as e:
            for error in e.errors():
                field = str(error["loc"][0]) if error["loc"] else ""
                where = key_lines.get(field, line_no)
                message = str(error["msg"]).removeprefix("Value error, ")
                self.problem(where, f"{field}: {message}" if field else message)
            return None
        return Located(fact, self.path, line_no)


def parse_biography(path: str | Path) -> ParsedBiography:
    """Read a biography file or directory into facts, validating everything.

    Raises:
        BiographyError: with every problem found (file and line for each); nothing is returned.
        ConfigError: the path does not exist or holds no YAML files.
    """
    files = biography_files(path)
    root = Path(path) if Path(path).is_dir() else Path(path).parent
    problems: list[BiographyProblem] = []
    read: list[tuple[Located, Any, int]] = []
    refs: dict[str, tuple[str, Path, int]] = {}
    passages = 0
    for file in files:
        reader = _FileReader(file, file.relative_to(root).as_posix(), problems)
        try:
            text = file.read_text(encoding="utf-8-sig")
            document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
        except UnicodeDecodeError as e:
            reader.problem(1, f"not UTF-8 text: {e}")
            continue
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
            reason = getattr(e, "problem", None) or str(e)
            reader.problem(mark.line + 1 if mark else 1, f"YAML error: {reason}")
            continue
        entries, count = reader.read(document)
        passages += count
        read.extend(entries)
        _collect_refs(document, entries, refs, reader)
    facts = _resolve_supersedes(read, refs, problems)
    if problems:
        raise BiographyError(problems)
    return ParsedBiography(files=files, facts=facts, passages=passages)


def _collect_refs(
    document: Any,
    entries: Iterable[tuple[Located, Any, int]],
    refs: dict[str, tuple[str, Path, int]],
    reader: _FileReader,
) -> None:
    if not isinstance(document, dict) or not isinstance(document.get("facts"), list):
        return
    by_line = {located.line_no: located for located, _, _ in entries}
    for raw in document["facts"]:
        if not isinstance(raw, dict) or "ref" not in raw:
            continue
        ref = raw["ref"]
        line_no = raw[_LINES]["ref"]
        if not isinstance(ref, str) or not ref.strip():
            reader.problem(line_no, "ref must be a non-empty name")
            continue
        if ref in refs:
            _, other_path, other_line = refs[ref]
            reader.problem(line_no, f"ref {ref!r} is already used at {other_path}:{other_line}")
            continue
        located = by_line.get(raw[_LINE])
        if located is not None:
            refs[ref] = (located.fact.id, reader.path, line_no)


def _resolve_supersedes(
    read: list[tuple[Located, Any, int]],
    refs: dict[str, tuple[str, Path, int]],
    problems: list[BiographyProblem],
) -> list[Located]:
    facts: list[Located] = []
    for located, supersedes, key_line in read:
        targets = _as_tuple(supersedes)
        if not isinstance(targets, tuple) or not all(isinstance(t, str) for t in targets):
            problems.append(
                BiographyProblem(located.path, key_line, "supersedes must be a list of refs")
            )
            continue
        ids: list[str] = []
        for target in targets:
            if target in refs:
                ids.append(refs[target][0])
            elif target.startswith("f_"):
                ids.append(target)  # a stored fact's id: the store checks it exists
            else:
                problems.append(
                    BiographyProblem(located.path, key_line, f"supersedes unknown ref {target!r}")
                )
        if ids:
            located = Located(
                located.fact.model_copy(update={"supersedes": tuple(ids)}),
                located.path,
                located.line_no,
            )
        facts.append(located)
    return facts
