"""Imported once by the fork server `kg build --jobs N` forks its workers from (`kg.build.workers`).

Importing spaCy and the extractors and compiling the lexicon's patterns takes a worker about 2 s of
CPU; done here once, every worker forked after it starts with them loaded. The server records the
code fingerprint (readers, extractors, lexicon) its pipeline was built from, so a worker can tell
when the files changed after the server started and the pipeline it holds is stale.
"""

from __future__ import annotations

import gc


def _load() -> None:
    from kg.build import workers
    from kg.build.prepare import code_fingerprint

    try:
        import extractors.extract  # noqa: F401  (what preparing a paper imports)
        from extractors.pipeline import build_nlp

        workers.preloaded_fingerprint = code_fingerprint()  # read before building: a later edit shows as stale
        build_nlp()
        from kg.build.answer_parts import lexicon_concepts
        from ontology.lexicon import load_lexicon

        lexicon_concepts(load_lexicon(), ())  # the shipped lexicon's keys and subtype closure, for the answer parts
    except Exception:  # noqa: BLE001 - a worker meets the same error loading the pipeline itself, and reports it
        workers.preloaded_fingerprint = None


collecting = gc.isenabled()
# nothing loaded here is garbage, yet the collector would walk the growing heap again and again while
# it loads (about a seventh of the server's CPU before its first worker)
gc.disable()
try:
    _load()
finally:
    # what is loaded now lives as long as every worker: the collector of each need not walk it again,
    # nor touch (and so copy) the pages it shares with the server
    gc.freeze()
    if collecting:
        gc.enable()
