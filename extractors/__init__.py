"""Document -> plain records: `extract(doc)` and the spaCy pipeline behind it (`build_nlp`)."""

from __future__ import annotations

from extractors.extract import extract
from extractors.pipeline import build_nlp

__all__ = ["build_nlp", "extract"]
