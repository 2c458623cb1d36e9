"""Canned SPARQL queries shipped as readable `.rq` files in `kg/store/queries/`.

Each file starts with a comment header: the first line is `# <name>: <what it answers>`, then
its columns and parameters. Parameters are bound with `KgStore.query(text, params)`; a parameter
left out is simply an unbound variable, which most canned queries treat as "any".
"""

from __future__ import annotations

from importlib import resources

from kg.core.errors import QueryError


def _folder():  # noqa: ANN202 (a Traversable)
    return resources.files("kg.store") / "queries"


def query_names() -> list[str]:
    """Names of the canned queries (file names without `.rq`), sorted."""
    return sorted(entry.name[:-3] for entry in _folder().iterdir() if entry.name.endswith(".rq"))


def load_query(name: str) -> str:
    """The text of canned query `name`; QueryError naming the known ones when it does not exist."""
    entry = _folder() / f"{name}.rq"
    if not name.replace("_", "").isalnum() or not entry.is_file():
        raise QueryError(f"no canned query {name!r}; known: {', '.join(query_names())}")
    return entry.read_text(encoding="utf-8")


def describe(text: str) -> str:
    """The description from a query's header: `# name: ...` up to the first empty `#` line."""
    parts: list[str] = []
    for number, line in enumerate(text.splitlines()):
        line = line.strip()
        if not line.startswith("#") or not line.lstrip("# "):
            break
        content = line.lstrip("# ")
        parts.append(content.partition(":")[2].strip() if number == 0 else content)
    return " ".join(parts)
