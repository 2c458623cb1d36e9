"""Exports for other tools (the registry, one module per format) and `kg push`; imports core, store, query."""
