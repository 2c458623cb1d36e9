# Two entry points, both self-contained on a fresh machine with Python 3.11:
#   make demo   build the graph from ../shared/corpus (else the shipped corpus/examples) and answer
#               the canonical question
#   make test   lint and run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The three shared papers when they sit beside the repository, else the example summaries it ships.
CORPUS ?= $(if $(wildcard ../shared/corpus),../shared/corpus,corpus/examples)
STORE  ?= .kg-store

.PHONY: demo test bench bench-scale install bytecode clean import-graph

# The project's own packages are byte-compiled here, as pip does for the packages it installs (not
# for an editable install's sources): where PYTHONDONTWRITEBYTECODE is set, every `kg` process and
# every build's worker pool would otherwise compile ~100 modules from source (~0.15 s of CPU each
# time). A module edited since is still compiled afresh in memory (its .pyc no longer matches it).
PACKAGES := corpus extractors kg ontology

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# compileall rewrites only what is missing or older than its source: cheap when nothing changed
bytecode: $(BIN)/kg
	$(BIN)/python -m compileall -q $(PACKAGES)

install: bytecode

demo: bytecode
	$(BIN)/kg build $(CORPUS) --store $(STORE)
	$(BIN)/kg outcomes --endpoint ORR --subtype ASPS --min 30 --store $(STORE)

test: $(BIN)/kg
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: $(BIN)/kg
	$(BIN)/python benchmarks/bench_queries.py --corpus $(CORPUS)

# build 10, 100 and 1,000 distinct papers made from $(CORPUS): build rate vs spaCy's tokenizer,
# question median, add-one ratio, peak RSS (SIZES="10 100" for a shorter run)
SIZES ?= 10 100 1000
bench-scale: bytecode
	$(BIN)/python benchmarks/bench_scale.py $(CORPUS) --sizes $(SIZES)

# docs/import-graph.svg: the packages and kg's rooms with their imports, read from the code
import-graph: $(BIN)/kg
	$(BIN)/python -m docs.draw_imports

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache .ruff_cache
