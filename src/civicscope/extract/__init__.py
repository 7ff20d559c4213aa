"""Extract stage: frozen snapshots → documents table (text, metadata, language, duplicates)."""

from civicscope.extract.document import ExtractOptions
from civicscope.extract.html import HtmlOptions
from civicscope.extract.pdf import PdfOptions
from civicscope.extract.runner import extract

__all__ = ["ExtractOptions", "HtmlOptions", "PdfOptions", "extract"]
