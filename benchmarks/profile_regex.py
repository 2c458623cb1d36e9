"""Which regular expressions cost most per paper: time inside every compiled pattern of the readers.

    .venv/bin/python benchmarks/profile_regex.py ../shared/corpus [--top 40]

Regular expressions are about a third of what reading a paper costs, spread over a hundred
patterns; cProfile sees only `search` as a whole (and not the scans of `finditer`). Here every
compiled pattern held by a module of `extractors` or `corpus` (alone or in a tuple) is wrapped
while `kg.build.prepare.prepare_file` runs over the texts (after one warm-up run), as are the
module-level `re` functions (by the line calling them); each line printed is a pattern's
milliseconds per paper, its calls per paper, and its name. Wrapping adds a little to every call:
compare patterns with each other, not with the totals of `profile_prepare.py`.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402
import extractors  # noqa: E402
from kg.build.prepare import prepare_file  # noqa: E402
from ontology.lexicon import load_lexicon  # noqa: E402

SECONDS: Counter[str] = Counter()
CALLS: Counter[str] = Counter()
RE_FUNCTIONS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class TimedPattern:
    """A compiled pattern that adds the time of each call (a `finditer` read to its end) to its name."""

    def __init__(self, pattern: re.Pattern[str], name: str) -> None:
        self._pattern, self._name = pattern, name

    def __getattr__(self, attribute: str) -> Any:  # noqa: ANN401 (flags, groupindex, pattern ...)
        return getattr(self._pattern, attribute)

    def _timed(self, method: str, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        start = time.perf_counter()
        result = getattr(self._pattern, method)(*args, **kwargs)
        if method == "finditer":
            result = iter(list(result))
        SECONDS[self._name] += time.perf_counter() - start
        CALLS[self._name] += 1
        return result

    def search(self, *args: Any, **kwargs: Any) -> re.Match[str] | None:  # noqa: ANN401
        return self._timed("search", *args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> re.Match[str] | None:  # noqa: ANN401
        return self._timed("match", *args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> re.Match[str] | None:  # noqa: ANN401
        return self._timed("fullmatch", *args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Iterator[re.Match[str]]:  # noqa: ANN401
        return self._timed("finditer", *args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> list[Any]:  # noqa: ANN401
        return self._timed("findall", *args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> str:  # noqa: ANN401
        return self._timed("sub", *args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> list[Any]:  # noqa: ANN401
        return self._timed("split", *args, **kwargs)


def _timed_function(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def timed(pattern: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        caller = sys._getframe(1)
        key = f"re.{name} @{Path(caller.f_code.co_filename).name}:{caller.f_lineno}"
        start = time.perf_counter()
        result = function(pattern, *args, **kwargs)
        if name == "finditer":
            result = iter(list(result))
        SECONDS[key] += time.perf_counter() - start
        CALLS[key] += 1
        return result

    return timed


def wrap_patterns() -> None:
    """Replace every compiled pattern of the readers' modules, and the `re` functions, by timed ones."""
    for package in (extractors, corpus):
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{info.name}")
    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith(("extractors.", "corpus.")):
            continue
        short = module_name.split(".", 1)[1]
        for attribute, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                setattr(module, attribute, TimedPattern(value, f"{short}.{attribute}"))
            elif isinstance(value, tuple) and value and all(isinstance(item, re.Pattern) for item in value):
                setattr(module, attribute, tuple(TimedPattern(item, f"{short}.{attribute}[{i}]")
                                                 for i, item in enumerate(value)))
    for name in RE_FUNCTIONS:
        setattr(re, name, _timed_function(name, getattr(re, name)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=40, help="how many patterns to print")
    args = parser.parse_args()
    files = [path for directory in args.dirs for path in sorted(directory.iterdir()) if path.is_file()]
    lexicon = load_lexicon()
    for path in files:  # warm-up: lexicon, pipeline, matchers
        prepare_file(path, lexicon)
    wrap_patterns()
    start = time.process_time()
    for path in files:
        prepare_file(path, lexicon)
    took = time.process_time() - start
    papers = len(files)
    print(f"{papers} files, {took * 1000 / papers:.1f} ms a paper (wrapped), "
          f"{sum(SECONDS.values()) * 1000 / papers:.1f} ms of it in regular expressions")
    for name, seconds in SECONDS.most_common(args.top):
        print(f"{seconds * 1000 / papers:7.2f} ms {CALLS[name] / papers:8.1f} calls  {name}")


if __name__ == "__main__":
    main()
