"""The spaCy pipeline: `spacy.blank("en")` plus the components built from the lexicon.

No trained model is used (none can be downloaded here, and the vocabulary is closed). Order:

1. `sarcoma_sentences`      sentence starts (`extractors.sentencizer`)
2. `sarcoma_lexicon_ruler`  lexicon concepts -> `doc.ents` (`extractors.lexicon_ruler`)
3. `sarcoma_drug_names`     drugs the lexicon does not list, by INN stem (`extractors.drug_names`)
4. `sarcoma_trial_ids`      trial ids and names -> `doc.ents` (`extractors.trials`)
5. `sarcoma_abbreviations`  the paper's own short forms -> `doc.ents` (`extractors.abbreviations`)
6. `sarcoma_citations`      citation markers -> `doc.user_data["citations"]` (`extractors.citations`)

The tokenizer also splits "+" ("anlotinib+ sintilimab", "anlotinib+sintilimab"), brackets
glued to words ("sarcoma(ASPS)") and a full stop glued to a citation marker ("dacarbazine.[11]",
"dacarbazine.11"),
so lexicon forms are found next to them; and, for the result
grammar's token patterns (`extractors.result_patterns`), which read these same tokens, it keeps
numbers apart from what is glued to them: superscript citation digits ("(41.7%).⁹"), compact
counts ("1PR/10" is "1 PR / 10"), an en dash between numbers ("3·2–6·0"), a statistic's sign glued
to its value ("p=0·61") and the closing parenthesis of "(2 / 8)" (no emoticons). Building the
pipeline compiles thousands of patterns, so `build_nlp` caches one pipeline per lexicon.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from extractors import abbreviations as _abbreviations  # noqa: F401  (registers the factory)
from extractors import citations as _citations  # noqa: F401
from extractors import drug_names as _drug_names  # noqa: F401
from extractors import sentencizer as _sentencizer  # noqa: F401
from extractors import trials as _trials  # noqa: F401
from extractors.drug_names import DrugNameRecognizer
from extractors.lexicon_ruler import LexiconRuler, lexicon_patterns
from ontology.lexicon import Lexicon, load_lexicon

COMPONENTS = (
    "sarcoma_sentences",
    "sarcoma_lexicon_ruler",
    "sarcoma_drug_names",
    "sarcoma_trial_ids",
    "sarcoma_abbreviations",
    "sarcoma_citations",
)
EXTRA_INFIXES = (r"(?<=[A-Za-z0-9])\+(?=[A-Za-z0-9])", r"(?<=[A-Za-z0-9])[()\[\]](?=[A-Za-z0-9])",
                 r"(?<=[A-Za-z]{2})\.(?=[\[(]\d)")
EXTRA_SUFFIXES = (r"(?<=[a-z]{3})\+",)
COMPACT_COUNT_INFIXES = (r"(?<=[0-9])(?:CR|PR|SD)s?(?=/|\b)", r"(?<=[A-Za-z])/(?=[0-9])")
"""Meeting abstracts glue counts to categories: "1PR/10" is read as "1 PR / 10"."""
NUMBER_INFIXES = (r"(?<=[0-9])[\u2010\u2011](?=[A-Za-z])", r"(?<=[0-9])[–—−](?=[0-9])",
                  r"(?<=[A-Za-z])[=<>≤≥](?=[0-9.·])",
                  r"(?<=[0-9])%(?=[A-Za-z=]|[–—−-][0-9A-Za-z])", r"(?<=%)[–—−=-](?=[0-9A-Za-z])")
"""A timepoint typeset with a Unicode hyphen ("4\u2010month") splits as spaCy splits an ASCII one; a range or CI
printed with an en dash ("3·2–6·0"; spaCy already splits the hyphen of "3-6") and a
statistic glued to its value ("p=0·61", "HR<1", "n=19/52" is "n = 19/52"), so the number is a token;
a percent sign glued to a word, to a range's dash or to an equals sign ("95%CI", "63.1%–93.9%",
"CI95%=17.6") is a token too."""
SUPERSCRIPT_SUFFIX = r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻,–-]*[⁰¹²³⁴⁵⁶⁷⁸⁹]$"
"""A citation printed in superscript after a word or a number's parenthesis is a token of its own."""
FLAT_MARKER_SUFFIX = r"(?<=[A-Za-z]{2}[.,;:]|\d%[.,;:])\d{1,3}(?:[,–-]\d{1,3})*$"
"""So is one a PDF conversion flattened to digits glued to the stop ("7.8 months.5", "10.1%.3"), or
the word and the number before it are no tokens the lexicon and the result grammar know."""


@spacy.registry.tokenizers("sarcoma_tokenizer.v1")
def create_sarcoma_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's English tokenizer with the infix and suffix rules described in the module docstring,
    built once (`build_nlp` names it in the blank pipeline's config: building spaCy's own tokenizer
    and then a second one with these rules loaded its thousands of special cases twice)."""

    def sarcoma_tokenizer(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        infixes = [*(defaults.infixes or ()), *EXTRA_INFIXES, *COMPACT_COUNT_INFIXES, *NUMBER_INFIXES]
        suffixes = [*(defaults.suffixes or ()), *EXTRA_SUFFIXES, SUPERSCRIPT_SUFFIX, FLAT_MARKER_SUFFIX]
        return Tokenizer(
            nlp.vocab,
            # emoticon exceptions would keep "8)" of "(2 / 8)" whole
            rules={k: v for k, v in (defaults.tokenizer_exceptions or {}).items() if "(" not in k and ")" not in k},
            prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=compile_suffix_regex(suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return sarcoma_tokenizer


def customize_tokenizer(nlp: Language) -> None:
    """Give a pipeline made elsewhere (a bare `spacy.blank("en")`) this tokenizer."""
    nlp.tokenizer = create_sarcoma_tokenizer()(nlp)


MAX_TEXT_CHARS = 200_000_000


def build_nlp(lexicon: Lexicon | None = None) -> Language:
    """The pipeline for `lexicon` (default: the shipped lexicon), built once per lexicon."""
    return _build(lexicon if lexicon is not None else load_lexicon())


@lru_cache(maxsize=8)
def _build(lexicon: Lexicon) -> Language:
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "sarcoma_tokenizer.v1"}}})
    # spaCy's 1M-character limit guards the parser and NER models, which this pipeline does not
    # have; a paragraph of one long line is read whole (the components are linear in its length)
    nlp.max_length = MAX_TEXT_CHARS
    for name in COMPONENTS:
        nlp.add_pipe(name)
    ruler = nlp.get_pipe("sarcoma_lexicon_ruler")
    if not isinstance(ruler, LexiconRuler):
        raise TypeError(f"sarcoma_lexicon_ruler is a {type(ruler).__name__}, expected LexiconRuler")
    ruler.add_patterns(lexicon_patterns(lexicon, nlp.tokenizer))
    drug_names = nlp.get_pipe("sarcoma_drug_names")
    if isinstance(drug_names, DrugNameRecognizer):
        drug_names.lexicon = lexicon
    return nlp
