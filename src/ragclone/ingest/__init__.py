"""Turning outside material into facts and history: biographies, chat exports."""

from ragclone.ingest.biography import ParsedBiography, parse_biography
from ragclone.ingest.conversations import DEFAULT_GAP, split_conversations
from ragclone.ingest.exports import FORMATS, ExportReader, detect_format, open_export, parse_export
from ragclone.ingest.messages import DateOrder, LineProblem, Message, MessageKind, ParsedChat
from ragclone.ingest.telegram import parse_telegram
from ragclone.ingest.whatsapp import parse_whatsapp
from ragclone.ingest.whatsapp_tables import LocaleTable

__all__ = [
    "DEFAULT_GAP",
    "DateOrder",
    "ExportReader",
    "FORMATS",
    "LineProblem",
    "LocaleTable",
    "Message",
    "MessageKind",
    "ParsedBiography",
    "ParsedChat",
    "detect_format",
    "open_export",
    "parse_biography",
    "parse_export",
    "parse_telegram",
    "parse_whatsapp",
    "split_conversations",
]
