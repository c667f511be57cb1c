"""Turning outside material into facts and history: biographies, chat exports."""

from ragclone.ingest.biography import ParsedBiography, parse_biography

__all__ = ["ParsedBiography", "parse_biography"]
