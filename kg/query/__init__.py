"""Asking the built store: the questions, name resolution, tables, query workers; imports core, store, build."""
