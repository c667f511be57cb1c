"""ragclone: a digital clone of a person that does not make things up about them."""

from ragclone.clone import Clone
from ragclone.embeddings import Embedder, SentenceTransformerEmbedder
from ragclone.errors import (
    BiographyError,
    ConfigError,
    EmbedderMismatch,
    ExportParseError,
    FactNotFound,
    IngestError,
    ModelError,
    RagcloneError,
    StoreError,
)
from ragclone.models import AuditEntry, Fact, FactKind, HistoryHit, Hit, IngestReport, LoadReport
from ragclone.store import FactStore

__version__ = "0.1.0"

__all__ = [
    "AuditEntry",
    "BiographyError",
    "Clone",
    "ConfigError",
    "Embedder",
    "EmbedderMismatch",
    "ExportParseError",
    "Fact",
    "FactKind",
    "FactNotFound",
    "FactStore",
    "HistoryHit",
    "Hit",
    "IngestError",
    "IngestReport",
    "LoadReport",
    "ModelError",
    "RagcloneError",
    "SentenceTransformerEmbedder",
    "StoreError",
    "__version__",
]
