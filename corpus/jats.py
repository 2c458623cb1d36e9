"""Read a JATS article (PMC `.nxml`, publishers' `.xml`) into a `Document`.

Element names follow the JATS (NISO Z39.96) Archiving and Publishing DTDs:

- `<front>/<article-meta>`: `<article-title>`, `<contrib contrib-type="author">`, `<journal-title>`,
  `<pub-date>`, `<article-id pub-id-type="doi|pmid|pmc|pmcid">`, `<kwd-group>`, `<abstract>`;
- `<body>`: `<sec>` with `<title>` (sections, nested), `<p>`, `<list>`, `<table-wrap>`, `<fig>`;
- `<back>`: `<ack>`, `<fn-group>`, `<app-group>`, `<ref-list>` of `<ref>` holding an
  `<element-citation>` or `<mixed-citation>`;
- `<floats-group>`: tables and figures printed apart from the body.

The text is written out by `corpus.xmltext.TextWriter`. A citation `<xref ref-type="bibr"
rid="...">` is printed as a bracketed number ("[12]", "[3–5]") that is exactly the number of the
`<ref>` it points to, so the citation detector binds it to the right entry; author-year
citations keep their text and gain that number ("Smith et al. 2019 [5]"). Each reference entry
is written in one Vancouver form from its tagged parts and carries those parts as fields
(`corpus.jats_refs`), so the reference table reads the markup, not a re-parse of the text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from corpus.document import Cell, Document, Figure, Metadata, Paragraph, ReferenceEntry, Section, Table
from corpus.formats import open_xml
from corpus.jats_refs import find as _find
from corpus.jats_refs import reference_parts
from corpus.sections import abstract_label, main_kind
from corpus.xmltext import (
    TextWriter,
    child_paths,
    local,
    plain,
    refuse_entity_declarations,
    sentences_of,
    squash,
    xml_parser,
)

_NUMERIC_RE = re.compile(r"^[\d\s,;–—−-]+$")
_SEC_TYPES = {"intro": "introduction", "cases": "methods", "subjects": "methods", "materials": "methods",
              "supplementary-material": "back", "coi-statement": "back", "data-availability": "back"}
_FLOATS = {"table-wrap", "fig", "table-wrap-group", "fig-group", "boxed-text", "supplementary-material"}
_SKIPPED_INLINE = {"fn", "alternatives"}
_BLOCKS = {"p", "list", "disp-quote", "statement", "def-list", "verse-group", "speech"}


def read_jats(path: Path, compressed: bool = False) -> Document:
    """Parse the JATS file at `path`; raises CorpusError naming the file and the problem."""
    from corpus.reader import CorpusError

    with open_xml(path, compressed) as handle:
        data = handle.read()
    if not data.strip():
        raise CorpusError(path, "empty file")
    reason = refuse_entity_declarations(data[:65536])
    if reason:
        raise CorpusError(path, reason)
    try:
        root = ET.fromstring(data, parser=xml_parser())
    except ET.ParseError as error:
        raise CorpusError(path, f"malformed XML ({error})") from None
    if local(root.tag) != "article":
        raise CorpusError(path, f"not a JATS article (root element <{local(root.tag)}>)")
    return JatsBuilder(path, root).build()


def _first(element: ET.Element, *names: str) -> ET.Element | None:
    """First descendant with the first of `names` that occurs (an Element's truth value is its length)."""
    for name in names:
        found = _find(element, name)
        if found is not None:
            return found
    return None


def _children(element: ET.Element | None, *names: str) -> list[ET.Element]:
    return [child for child in (element if element is not None else []) if local(child.tag) in names]


def _numbers(printed: str) -> set[int]:
    """Reference numbers a printed marker names ("3–5, 8" -> {3, 4, 5, 8})."""
    found: set[int] = set()
    for part in re.split(r"[,;]", printed):
        ends = [int(n) for n in re.findall(r"\d+", part)]
        if len(ends) == 2 and 0 < ends[1] - ends[0] < 200:
            found.update(range(ends[0], ends[1] + 1))
        else:
            found.update(ends)
    return found


def _compress(numbers: list[int]) -> str:
    """[3, 4, 5, 8] -> "3–5,8"."""
    numbers = sorted(set(numbers))
    runs: list[str] = []
    k = 0
    while k < len(numbers):
        j = k
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        runs.append(str(numbers[k]) if j == k else f"{numbers[k]}–{numbers[j]}")
        k = j + 1
    return ",".join(runs)


def _tail(pieces: list[str], size: int = 60) -> str:
    """The last `size` characters of the pieces written so far (without joining them all)."""
    tail = ""
    for piece in reversed(pieces):
        tail = piece + tail
        if len(tail) >= size:
            break
    return tail[-size:]


def _inside_brackets(before: str) -> bool:
    """True when the text so far ends inside an open "[" or "(" (a printed citation group)."""
    depth = 0
    for char in reversed(before[-60:]):
        if char in ")]":
            depth += 1
        elif char in "([":
            if depth == 0:
                return True
            depth -= 1
    return False


@dataclass
class JatsBuilder:
    path: Path
    root: ET.Element
    out: TextWriter = field(default_factory=TextWriter)
    sections: list[tuple[str, int, int, str, bool]] = field(default_factory=list)
    """(heading, start, level, kind, implied) in text order."""
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    references: list[ReferenceEntry] = field(default_factory=list)
    ref_numbers: dict[str, int] = field(default_factory=dict)
    """`<ref id>` -> its number."""
    numbered: dict[int, int] = field(default_factory=dict)
    """id() of each `<ref>` element -> its number (refs without an id too)."""
    current: str = ""
    """Heading of the section being written."""

    def build(self) -> Document:
        front = _find(self.root, "front")
        meta = _find(front, "article-meta")
        self._number_references()
        metadata = self._metadata(meta)
        if metadata.title:
            self._paragraph(metadata.title, "/article/front/article-meta/title-group/article-title", kind="title")
        if metadata.authors:
            self._paragraph(", ".join(metadata.authors), "/article/front/article-meta/contrib-group", kind="authors")
        self._abstract(meta)
        if metadata.keywords:
            self._paragraph("Keywords: " + "; ".join(metadata.keywords), "/article/front/article-meta/kwd-group",
                            kind="note")
        body = [(child, path) for child, path in child_paths(self.root, "/article") if local(child.tag) == "body"]
        for element, path in body:
            self._flow(element, path, depth=0, kind="")
        for element, path in child_paths(self.root, "/article"):
            if local(element.tag) == "floats-group":
                for child, child_path in child_paths(element, path):
                    self._float(child, child_path)
        for element, path in child_paths(self.root, "/article"):
            if local(element.tag) == "back":
                self._back(element, path)
        return self._document(metadata)

    # -- metadata --------------------------------------------------------------------------

    def _metadata(self, meta: ET.Element | None) -> Metadata:
        journal_meta = _find(_find(self.root, "front"), "journal-meta")
        ids = {(node.get("pub-id-type") or "").lower(): squash(node.text or "")
               for node in _children(meta, "article-id")}
        authors = []
        for contrib in (meta.iter() if meta is not None else []):
            if local(contrib.tag) == "contrib" and contrib.get("contrib-type", "author") == "author":
                name = _first(contrib, "name", "string-name", "collab")
                if name is not None:
                    given, surname = plain(_find(name, "given-names")), plain(_find(name, "surname"))
                    authors.append(" ".join(p for p in (given, surname) if p) or plain(name))
        keywords = [plain(k) for group in _children(meta, "kwd-group") for k in _children(group, "kwd")]
        return Metadata(
            title=self._inline(_find(_find(meta, "title-group"), "article-title"), citations=False),
            authors=authors,
            doi=ids.get("doi", ""),
            journal=plain(_find(journal_meta, "journal-title")) or plain(_find(journal_meta, "abbrev-journal-title")),
            year=self._year(meta),
            pmid=ids.get("pmid", ""),
            pmcid=ids.get("pmcid", "") or ("PMC" * ids.get("pmc", "").isdigit() + ids.get("pmc", "")),
            keywords=[k for k in keywords if k],
            source_format="jats",
        )

    @staticmethod
    def _year(meta: ET.Element | None) -> int | None:
        dates = _children(meta, "pub-date")
        order = ("ppub", "epub", "pub", "collection", "epub-ppub")
        dates.sort(key=lambda d: order.index(d.get("pub-type") or d.get("date-type") or "")
                   if (d.get("pub-type") or d.get("date-type") or "") in order else len(order))
        for date in dates:
            year = re.search(r"\d{4}", plain(_find(date, "year")))
            if year:
                return int(year.group())
        return None

    # -- inline text -----------------------------------------------------------------------

    def _number_references(self) -> None:
        refs = [node for node in self.root.iter() if local(node.tag) == "ref"]
        used: set[int] = set()
        for index, ref in enumerate(refs, start=1):
            label = re.sub(r"[^\d]", "", plain(_find(ref, "label")) if _children(ref, "label") else "")
            number = int(label) if label and int(label) not in used else index
            while number in used:
                number += 1
            used.add(number)
            self.numbered[id(ref)] = number
            if ref.get("id"):
                self.ref_numbers[ref.get("id", "")] = number

    def _inline(self, element: ET.Element | None, citations: bool = True,
                floats: list[ET.Element] | None = None, grouped: bool = False) -> str:
        """Text of `element`: citations as bound numbers (`grouped`: already inside a bracketed group),
        floats set aside into `floats`, footnotes left out."""
        if element is None:
            return ""
        out: list[str] = []

        def visit(node: ET.Element) -> None:
            if node.text:
                out.append(node.text)
            for child in node:
                name = local(child.tag)
                if name == "xref" and child.get("ref-type") == "bibr":
                    if citations:
                        out.append(self._marker(child, grouped or _inside_brackets(_tail(out))))
                elif name == "xref" and not citations:
                    pass  # footnote and affiliation marks in a title
                elif name == "sup" and citations and self._only_citations(child):
                    before = _tail(out)
                    space = " " if before[-1:].isalnum() or before[-1:] in ".,;:%)" else ""
                    out.append(f"{space}[{self._inline(child, grouped=True).strip('[]() ')}]")
                elif name == "sup":
                    text = plain(child)
                    joined = _tail(out)
                    power = citations and joined[-1:].isdigit() and text[:1].isdigit()  # "10^9/L"; titles as printed
                    out.append(("^" + text) if power else text)
                elif name in _FLOATS or name in ("table", "disp-formula-group"):
                    if floats is not None:
                        floats.append(child)
                elif name in _SKIPPED_INLINE or not name:
                    pass
                elif name == "break":
                    out.append(" ")
                elif name in ("inline-formula", "disp-formula"):
                    math = _first(child, "math", "tex-math")
                    out.append(" " + plain(math if math is not None else child) + " ")
                else:
                    visit(child)
                if child.tail:
                    out.append(child.tail)

        visit(element)
        return squash("".join(out))

    def _only_citations(self, sup: ET.Element) -> bool:
        kids = list(sup)
        if not kids or any(local(k.tag) != "xref" or k.get("ref-type") != "bibr" for k in kids):
            return False
        loose = (sup.text or "") + "".join(k.tail or "" for k in kids)
        return not re.sub(r"[\s,;–—−\-\[\]()]", "", loose)

    def _marker(self, xref: ET.Element, bracketed: bool) -> str:
        """The printed marker, its numbers made those of the `<ref>` it points to."""
        printed = plain(xref)
        numbers = [self.ref_numbers[rid] for rid in (xref.get("rid") or "").split() if rid in self.ref_numbers]
        if not numbers:
            return printed
        core = printed.strip("[]() ")
        if core and _NUMERIC_RE.match(core):
            named = _numbers(core)
            text = core if set(numbers) <= named and named else _compress(numbers)
            return text if bracketed and core == printed else f"[{text}]"
        return f"{printed} [{_compress(numbers)}]" if printed else f"[{_compress(numbers)}]"

    # -- blocks ----------------------------------------------------------------------------

    def _paragraph(self, text: str, locator: str, kind: str = "body", label: str = "") -> None:
        if not text:
            return
        start, end = self.out.block(text, locator)
        self.paragraphs.append(Paragraph(text, start, end, self.current, sentences_of(text, start),
                                         label=label, kind=kind))

    def _heading(self, title: str, locator: str, level: int, kind: str, implied: bool = False) -> None:
        self.current = title
        if implied:
            self.sections.append((title, self.out.length + (2 if self.out.length else 0), level, kind, True))
            return
        start, _ = self.out.block(title, locator)
        self.sections.append((title, start, level, kind, False))

    def _abstract(self, meta: ET.Element | None) -> None:
        abstracts = [(a, p) for a, p in child_paths(meta, "/article/front/article-meta")
                     if local(a.tag) == "abstract"] if meta is not None else []
        plain_first = sorted(abstracts, key=lambda ap: bool(ap[0].get("abstract-type")))
        if not plain_first:
            return
        abstract, path = plain_first[0]
        self._heading("Abstract", path, 1, "abstract")
        self._abstract_parts(abstract, path, "")

    def _abstract_parts(self, element: ET.Element, path: str, label: str) -> None:
        """Paragraphs of an abstract; a `<sec>`'s title is printed as a run-in label on its first
        paragraph ("Results: ...") and is the label of all of them."""
        for child, child_path in child_paths(element, path):
            name = local(child.tag)
            if name == "sec":
                title_node = _children(child, "title")
                title = plain(title_node[0]).rstrip(":.") if title_node else ""
                known = bool(title) and bool(abstract_label(f"{title}: ."))  # "Results", not "Efficacy"
                self._abstract_parts(child, child_path, title if known or not label else label)
            elif name == "p":
                text = self._inline(child)
                sec_title = plain(_children(element, "title")[0]).rstrip(":.") if _children(element, "title") else ""
                first = next((c for c in element if local(c.tag) == "p"), None) is child
                if sec_title and first and text:
                    text = f"{sec_title}: {text}"
                self._paragraph(text, child_path, label=label or abstract_label(text))

    def _sec_kind(self, sec: ET.Element, title: str, inherited: str) -> str:
        sec_type = (sec.get("sec-type") or "").lower()
        kind = main_kind(title)
        if not kind and sec_type:
            kind = _SEC_TYPES.get(sec_type) or main_kind(sec_type.replace("|", " and ").replace("-", " "))
        return kind or inherited

    def _flow(self, element: ET.Element, path: str, depth: int, kind: str) -> str:
        """Write the blocks of a body or section; returns the last top-level kind (for unnamed secs)."""
        last_kind = kind
        for child, child_path in child_paths(element, path):
            name = local(child.tag)
            if name == "sec":
                title_node = _children(child, "title")
                title = self._inline(title_node[0], citations=False) if title_node else ""
                sec_kind = self._sec_kind(child, title, last_kind if depth == 0 else kind)
                if title:
                    self._heading(title, f"{child_path}/title", 1 if depth == 0 else 2, sec_kind)
                self._flow(child, child_path, depth + 1, sec_kind)
                if depth == 0:
                    last_kind = sec_kind
            elif name in _BLOCKS:
                self._block(child, child_path)
            elif name in _FLOATS:
                self._float(child, child_path)
            elif name == "ref-list":  # some publishers nest the references in a back-matter <sec>
                self._reference_list(child, child_path)
        return last_kind

    def _block(self, element: ET.Element, path: str) -> None:
        name = local(element.tag)
        if name in ("list", "def-list"):
            for item, item_path in child_paths(element, path):
                if local(item.tag) in ("list-item", "def-item"):
                    for part, part_path in child_paths(item, item_path):
                        if local(part.tag) in _BLOCKS or local(part.tag) in ("term", "def"):
                            self._block(part, part_path)
            return
        if name in ("disp-quote", "statement", "def", "verse-group", "speech"):
            for part, part_path in child_paths(element, path):
                if local(part.tag) in _BLOCKS:
                    self._block(part, part_path)
            return
        floats: list[ET.Element] = []
        self._paragraph(self._inline(element, floats=floats), path)
        for number, node in enumerate(floats, start=1):
            self._float(node, f"{path}/{local(node.tag)}[{number}]")

    def _float(self, element: ET.Element, path: str) -> None:
        name = local(element.tag)
        if name in ("table-wrap-group", "fig-group"):
            for child, child_path in child_paths(element, path):
                self._float(child, child_path)
        elif name == "table-wrap":
            self._table(element, path)
        elif name == "fig":
            self._figure(element, path)
        elif name == "boxed-text":
            self._flow(element, path, depth=2, kind="")

    def _caption(self, element: ET.Element) -> str:
        caption = _find(element, "caption")
        if caption is None:
            return ""
        parts = [self._inline(part) for part in caption if local(part.tag) in ("title", "p")]
        return " ".join(p for p in parts if p)

    def _figure(self, element: ET.Element, path: str) -> None:
        label = plain(_find(element, "label")).rstrip(".:") or f"Figure {len(self.figures) + 1}"
        caption = self._caption(element)
        start, end = self.out.block(f"{label} {caption}".strip(), path)
        caption_start = start + len(label) + 1 if caption else -1
        self.figures.append(Figure(label, caption, start, end, caption_start, caption_start + len(caption)
                                   if caption else -1))

    def _table(self, element: ET.Element, path: str) -> None:
        label = plain(_find(element, "label")).rstrip(".:") or f"Table {len(self.tables) + 1}"
        if not label.lower().startswith("table"):
            label = f"Table {label}"
        caption = self._caption(element)
        start, _ = self.out.block(f"{label} {caption}".strip(), f"{path}/caption")
        caption_start = start + len(label) + 1 if caption else -1
        table = _find(element, "table")
        header: list[tuple[Cell, ...]] = []
        rows: list[tuple[Cell, ...]] = []
        if table is not None:
            grid = _grid(table, path, self)
            in_head = [is_head for is_head, _ in grid]
            if not any(in_head) and grid:
                in_head[0] = True  # no thead: the first row names the columns
            for k, (_, cells) in enumerate(grid):
                written = self._row(cells)
                (header if in_head[k] and len(header) == k else rows).append(written)
        end = self.out.length
        footnote, fn_start, fn_end = "", -1, -1
        foot = _find(element, "table-wrap-foot")
        if foot is not None:
            notes = [self._inline(node) for node in foot.iter() if local(node.tag) == "p"]
            footnote = " ".join(n for n in notes if n) or plain(foot)
            if footnote:
                fn_start, fn_end = self.out.line(footnote, f"{path}/table-wrap-foot")
                end = fn_end
        self.tables.append(Table(label, caption, start, end, self.current, tuple(header), tuple(rows), footnote,
                                 caption_start, caption_start + len(caption) if caption else -1, fn_start, fn_end))

    def _row(self, cells: list[tuple[str, str]]) -> tuple[Cell, ...]:
        self.out.line("")
        written = []
        for k, (text, locator) in enumerate(cells):
            if k:
                self.out.write("\t")
            start, end = self.out.write(text, locator)
            written.append(Cell(text, start, end))
        return tuple(written)

    # -- back matter and references --------------------------------------------------------

    def _back(self, back: ET.Element, path: str) -> None:
        ref_lists: list[tuple[ET.Element, str]] = []
        for child, child_path in child_paths(back, path):
            name = local(child.tag)
            if name == "ref-list":
                ref_lists.append((child, child_path))
            elif name in ("ack", "fn-group", "app-group", "notes", "sec", "glossary", "bio"):
                title_node = _children(child, "title")
                title = plain(title_node[0]) if title_node else {"ack": "Acknowledgements", "fn-group": "Notes",
                                                                   "app-group": "Appendix"}.get(name, "")
                kind = main_kind(title) or "back"
                if title:
                    self._heading(title, f"{child_path}/title" if title_node else child_path, 1, kind)
                if name == "fn-group":
                    for fn, fn_path in child_paths(child, child_path):
                        for part, part_path in child_paths(fn, fn_path):
                            if local(part.tag) == "p":
                                self._block(part, part_path)
                else:
                    self._flow(child, child_path, depth=1, kind=kind)
        for ref_list, list_path in ref_lists:
            self._reference_list(ref_list, list_path)

    def _reference_list(self, ref_list: ET.Element, path: str) -> None:
        title_node = _children(ref_list, "title")
        if title_node or not self.sections or self.sections[-1][3] != "references":  # no second "References"
            self._heading(plain(title_node[0]) if title_node else "References", path, 1, "references")
        first = True
        for child, child_path in child_paths(ref_list, path):
            name = local(child.tag)
            if name == "ref-list":
                self._reference_list(child, child_path)
            elif name == "ref":
                number = self.numbered[id(child)]
                text, tagged = reference_parts(child)
                if not text:
                    continue
                marker = f"{number}. "
                if first:
                    self.out.block(marker)
                else:
                    self.out.line(marker)
                first = False
                t_start, t_end = self.out.write(text, child_path)
                self.references.append(
                    ReferenceEntry(number, text, t_start, t_end, True, ((t_start, t_end),), tagged))

    # -- the Document ----------------------------------------------------------------------

    def _document(self, metadata: Metadata) -> Document:
        from corpus.table_citing import with_citing_sections

        text = self.out.text
        sections = []
        for k, (heading, start, level, kind, implied) in enumerate(self.sections):
            end = self.sections[k + 1][1] if k + 1 < len(self.sections) else len(text)
            sections.append(Section(heading, start, max(start, end), level=level, kind=kind, implied=implied))
        doc = Document(self.path, text, metadata, sections, self.paragraphs, [], self.figures, self.references,
                       locations=sorted(self.out.locations, key=lambda s: s.start))
        doc.tables = with_citing_sections(doc, self.tables)
        return doc


def _grid(table: ET.Element, path: str, builder: JatsBuilder) -> list[tuple[bool, list[tuple[str, str]]]]:
    """(is header row, [(cell text, locator)]) per `<tr>`, spans laid out as empty cells."""
    rows: list[tuple[bool, ET.Element, str]] = []

    def collect(node: ET.Element, node_path: str, head: bool) -> None:
        for child, child_path in child_paths(node, node_path):
            name = local(child.tag)
            if name == "tr":
                rows.append((head, child, child_path))
            elif name in ("thead", "tbody", "tfoot"):
                collect(child, child_path, name == "thead")

    collect(table, f"{path}/table", False)
    pending: dict[int, int] = {}
    grid = []
    for head, tr, tr_path in rows:
        cells: list[tuple[str, str]] = []
        all_th = True

        for cell, cell_path in child_paths(tr, tr_path):
            if local(cell.tag) not in ("td", "th"):
                continue
            all_th &= local(cell.tag) == "th"
            _fill_spanned(cells, pending)
            span = _span(cell.get("colspan"))
            down = _span(cell.get("rowspan"))
            for k in range(span):
                column = len(cells)
                cells.append((builder._inline(cell).replace("\t", " ") if k == 0 else "", cell_path if k == 0 else ""))
                if down > 1:
                    pending[column] = down - 1
        _fill_spanned(cells, pending)
        grid.append((head or (all_th and not grid), cells))
    return grid


def _fill_spanned(cells: list[tuple[str, str]], pending: dict[int, int]) -> None:
    """Empty cells where a cell from a row above still spans down."""
    while len(cells) in pending:
        column = len(cells)
        cells.append(("", ""))
        pending[column] -= 1
        if not pending[column]:
            del pending[column]


def _span(value: str | None) -> int:
    return max(1, min(int(value), 100)) if value and value.isdigit() else 1
