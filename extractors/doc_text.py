"""A spaCy Doc's text, read once per Doc by all pipeline components.

`Doc.text` joins every token's text on each access (a Python object per token); five components
each reading it cost more than the tokenizer. The text of a Doc never changes while the pipeline
runs (components only set sentence starts, entities and span groups), so the first reader keeps
it in `doc.user_data` for the others.
"""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "sarcoma_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
