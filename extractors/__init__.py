"""Document -> plain records: `extractors.extract.extract(doc)` and the spaCy pipeline behind it
(`extractors.pipeline.build_nlp`).

Nothing is imported here, so `extractors.records` (plain data the `kg` package reads) comes
without loading spaCy.
"""
