"""Read a saved web page (HTML: a PubMed or PMC page, a journal's or a news site's article) into a `Document`.

Like the XML readers, this one writes the page out as plain text in the layout the plain-text
reader knows and hands it to `corpus.reader.parse`: the title first (the first `<h1>`, else
`<title>`), then one block per heading, paragraph, list item and table, a table as its caption
line ("Table 2 ...", when printed just before it or in `<caption>`) over TAB-separated rows. Every
block keeps the element it came from as its location ("/html/body/div[2]/p[3]"), so a number in
the graph leads back to that element; offsets are into the text written out.

What a page prints around the paper is left out: scripts, styles, navigation, footers, asides,
forms and embedded graphics; and when the page marks its story (`<main>`, else the `<article>`
with the most text), everything outside it, such as teasers of other stories.

A superscript that links inside the page ("<sup><a href="#r12">12</a>") is a citation marker and is
written "[12]". The bibliographic `<meta>` tags journals and PubMed print for indexers
(`citation_title`, `citation_doi`, `citation_journal_title`, `citation_publication_date`,
`citation_author`, `citation_pmid`) give the paper's metadata, over what the text reader guesses.

Parsing is the standard library's tolerant `html.parser`: it fetches nothing, expands no entity
beyond the named character references, and runs in one pass, so a page of unclosed or stray tags
costs time in proportion to its size.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from corpus.document import Document, Metadata, SourceSpan
from corpus.tables import TABLE_CAPTION_RE
from corpus.xmltext import CITATION_NUMBERS_RE
from corpus.xmltext import squash as squash_line

LEFT_OUT = frozenset({"script", "style", "noscript", "template", "svg", "math", "nav", "footer", "aside", "form",
                      "button", "select", "textarea", "iframe", "canvas", "object", "embed", "head", "dialog"})
"""Elements whose text is page furniture or code, not the paper (`<head>` gives only the `<title>`)."""
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = HEADINGS | frozenset({
    "p", "div", "section", "article", "main", "header", "blockquote", "li", "dt", "dd", "ul", "ol", "dl", "pre",
    "figure", "figcaption", "address", "table", "caption", "title", "body", "html", "center", "hgroup", "details",
    "summary"})
"""Elements that start and end a block of text (anything else is inline)."""
CLOSED_BY = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"},
             "td": {"td", "th"}, "th": {"td", "th"}}
"""An open element that the start of another closes (`<p>a<p>b`, `<td>a<td>b`), as browsers read them."""
HEAD_CONTENT = frozenset({"head", "title", "meta", "link", "style", "script", "base", "noscript", "template"})
"""What a page's `<head>` holds; any other element starts the body, as in a browser."""
MAX_COLSPAN = 50
PLAIN_TAG_RE = re.compile(r"[a-z][a-z0-9-]{0,30}")
CITATION_META = frozenset({"citation_title", "citation_doi", "citation_journal_title", "citation_publication_date",
                           "citation_date", "citation_online_date", "citation_author", "citation_pmid", "dc.identifier",
                           "citation_keywords"})
"""The Highwire Press `<meta>` tags journals, PubMed, PMC and preprint servers print for indexers."""
MAX_META_VALUES = 500
MAX_LOCATOR_DEPTH = 40
"""Elements nested deeper are located by their ancestor at this depth (a page of thousands of
unclosed elements would otherwise make each locator, and so the reading, grow with the page)."""
CLOSES_P = frozenset({"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption",
                      "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
                      "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul"})
"""Elements whose start closes an open paragraph, as browsers read `<p>text<table>`."""
P_SCOPE = frozenset({"table", "td", "th", "caption", "button", "template"})
LIST_SCOPE = frozenset({"table", "ul", "ol", "dl"})
ROW_PARTS = frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"})
MAX_CAPTION_CHARS = 600
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass
class _Open:
    tag: str
    path: str
    serial: int = 0
    children: dict[str, int] = field(default_factory=dict)


@dataclass
class _Table:
    path: str
    caption: str = ""
    rows: list[list[str]] = field(default_factory=list)
    cell: list[str] | None = None
    span: int = 1


class _PageParser(HTMLParser):
    """Collects the page's blocks (`blocks`), its `<title>` texts and its citation `<meta>` tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Open] = [_Open("", "")]
        self.open_at: dict[str, list[int]] = {}
        """Where each tag is open on the stack, innermost last: end tags and implied closings are
        decided from these, never by walking the stack (a page may nest thousands of elements)."""
        self.block_at: list[int] = []
        """Where the open block elements are on the stack: a block's text is located by the innermost."""
        self.opened = 0
        """Elements opened so far: each one's serial number tells one `<article>` from another."""
        self.left_out = 0
        self.pieces: list[str] = []
        self.piece_path = ""
        self.blocks: list[tuple[str, str, str, str]] = []
        """(text, locator, kind, container): kind "h1", "heading", "text" or "table"; container
        "main" inside `<main>`, "article<n>" inside the n-th element opened (an `<article>`), else ""."""
        self.page_title: list[str] = []
        self.meta: dict[str, list[str]] = {}
        self.title_parts: list[str] = []
        self.tables: list[_Table] = []
        self.sup: list[str] | None = None
        self.sup_links = False

    # -- the element stack ------------------------------------------------------------------

    def _push(self, tag: str) -> str:
        parent = self.stack[-1]
        parent.children[tag] = parent.children.get(tag, 0) + 1
        if len(self.stack) > MAX_LOCATOR_DEPTH:  # deeper elements are located by their ancestor
            path = parent.path
        else:
            name = tag if PLAIN_TAG_RE.fullmatch(tag) else "element"  # a hostile tag name never reaches a locator
            step = f"{name}[{parent.children[tag]}]" if parent.children[tag] > 1 else name
            path = f"{parent.path}/{step}"
        self.open_at.setdefault(tag, []).append(len(self.stack))
        if tag in BLOCKS or tag in ROW_PARTS:
            self.block_at.append(len(self.stack))
        self.opened += 1
        self.stack.append(_Open(tag, path, self.opened))
        return path

    def _pop_to(self, tag: str) -> None:
        """Close `tag` and whatever is still open inside it (a stray end tag closes nothing)."""
        if not self.open_at.get(tag):
            return
        while len(self.stack) > 1:
            element = self.stack.pop()
            self.open_at[element.tag].pop()
            if self.block_at and self.block_at[-1] == len(self.stack):
                self.block_at.pop()
            self._closed(element)
            if element.tag == tag:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.open_at.get("head") and tag not in HEAD_CONTENT:
            self._pop_to("head")  # the body began without </head>
        if tag in CLOSES_P and self._innermost_of("p", stop=P_SCOPE):
            self._pop_to("p")
        if tag in CLOSED_BY:
            for opened in CLOSED_BY[tag]:
                if self._innermost_of(opened, stop=LIST_SCOPE):
                    self._pop_to(opened)
        if tag in VOID:
            if tag == "meta":
                self._meta(dict(attrs))
            if tag == "br" and not self.left_out:
                self._text("\n")
            elif tag == "hr" and not self.left_out:
                self._flush()
            return
        banner = tag == "header" and not (self.open_at.get("article") or self.open_at.get("main"))
        if self.left_out or tag in LEFT_OUT or banner:  # a page's banner, not an article's header
            self.left_out += 1
            self._push(tag)
            return
        if tag in BLOCKS or tag in ROW_PARTS:
            self._flush()
        path = self._push(tag)
        if tag == "table":
            self.tables.append(_Table(path))
        elif self.tables and tag == "tr":
            self.tables[-1].rows.append([])
        elif self.tables and tag in ("td", "th"):
            table = self.tables[-1]
            if not table.rows:
                table.rows.append([])
            table.cell = []
            span = (dict(attrs).get("colspan") or "1").strip()
            # a hostile colspan of thousands of digits would make int() refuse it
            table.span = min(int(span), MAX_COLSPAN) if span.isdigit() and 0 < len(span) <= 3 and int(span) else 1
        elif tag == "sup":
            self.sup, self.sup_links = [], False
        elif tag == "a" and self.sup is not None and (dict(attrs).get("href") or "").startswith("#"):
            self.sup_links = True

    def _meta(self, attrs: dict[str, str | None]) -> None:
        """The bibliographic tags journals, PubMed and PMC print for indexers ("citation_doi", ...)."""
        name = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        content = squash_line(attrs.get("content") or "")
        if name in CITATION_META and content and len(self.meta.get(name, ())) < MAX_META_VALUES:
            self.meta.setdefault(name, []).append(content)

    def _innermost_of(self, tag: str, stop: frozenset[str]) -> bool:
        """Whether `tag` is open inside every open `stop` element (a `<p>` opened outside the table a
        new cell starts in is not closed by it)."""
        opened = self.open_at.get(tag)
        if not opened:
            return False
        return all(not self.open_at.get(other) or self.open_at[other][-1] < opened[-1] for other in stop)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self._pop_to(tag)

    def _closed(self, element: _Open) -> None:
        tag = element.tag
        if tag == "title":
            self.page_title.append(squash_line("".join(self.title_parts)))
            self.title_parts = []
        if self.left_out:  # every element opened inside a left-out one was counted
            self.left_out -= 1
            return
        if tag == "sup" and self.sup is not None:
            printed = "".join(self.sup)
            self.sup = None
            self._text(f"[{printed.strip()}]" if self.sup_links and CITATION_NUMBERS_RE.fullmatch(printed) else printed)
        elif tag in ("td", "th") and self.tables and self.tables[-1].cell is not None:
            table = self.tables[-1]
            table.rows[-1].append(squash_line(" ".join(table.cell)))
            table.rows[-1].extend([""] * (table.span - 1))  # a spanning cell leaves the columns it covers empty
            table.cell, table.span = None, 1
        elif tag == "caption" and self.tables:
            self.tables[-1].caption = squash_line(" ".join(self.pieces))
            self.pieces, self.piece_path = [], ""
        elif tag == "table" and self.tables:
            self._table(self.tables.pop())
        elif tag in BLOCKS and tag != "title":
            self._flush("h1" if tag == "h1" else "heading" if tag in HEADINGS else "text")

    # -- text --------------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag == "title":
            self.title_parts.append(data)
        elif not self.left_out:
            self._text(data)

    def _text(self, text: str) -> None:
        if self.sup is not None:
            self.sup.append(text)
        elif self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(text)
        else:
            if not self.piece_path and text.strip():
                self.piece_path = self.stack[self.block_at[-1]].path if self.block_at else self.stack[-1].path
            self.pieces.append(text)

    def _flush(self, kind: str = "text") -> None:
        text = "\n".join(line for line in (squash_line(part) for part in "".join(self.pieces).split("\n")) if line)
        if text:
            self.blocks.append((text, self.piece_path or self.stack[-1].path, kind, self._container()))
        self.pieces, self.piece_path = [], ""

    def _table(self, table: _Table) -> None:
        rows = [row for row in table.rows if any(cell for cell in row)]
        caption = table.caption or self._caption_before()
        if not rows:
            if caption:
                self.blocks.append((caption, table.path, "text", self._container()))
            return
        lines = ([caption.replace("\n", " ")] if caption else []) + ["\t".join(row) for row in rows]
        self.blocks.append(("\n".join(lines), table.path, "table", self._container()))

    def _container(self) -> str:
        if self.open_at.get("main"):
            return "main"
        articles = self.open_at.get("article")
        return f"article{self.stack[articles[0]].serial}" if articles else ""

    def _caption_before(self) -> str:
        """The caption printed just before a table, taken out of the text: "Table 2. Efficacy" in one
        block, or a "Table 2." heading over its title (as PMC prints them); "" when none is."""
        last = self.blocks[-1] if self.blocks else None
        if last is not None and last[2] != "table" and TABLE_CAPTION_RE.match(last[0]):
            return self.blocks.pop()[0]
        label = self.blocks[-2] if len(self.blocks) >= 2 else None
        if label is not None and last is not None and last[2] == "text" and _label_only(label[0]) \
                and len(last[0]) <= MAX_CAPTION_CHARS:
            del self.blocks[-2:]
            return f"{label[0]} {last[0]}"
        return ""


def _label_only(text: str) -> bool:
    """A caption line that is its label alone ("Table 3.")."""
    match = TABLE_CAPTION_RE.match(text)
    return match is not None and not match.group("rest")


def page_text(html: str) -> tuple[str, list[SourceSpan]]:
    """The page written out as plain text (see the module docstring), and each block's element."""
    text, spans, _ = read_page(html)
    return text, spans


def read_page(html: str) -> tuple[str, list[SourceSpan], dict[str, list[str]]]:
    """`page_text`, and the page's citation `<meta>` tags (name -> contents, in order)."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    parser._flush()
    while parser.tables:  # a table never closed
        parser._table(parser.tables.pop())
    cited_title = next(iter(parser.meta.get("citation_title", [])), "")
    blocks = _title_first(_the_story(parser.blocks), cited_title or next((t for t in parser.page_title if t), ""))
    parts: list[str] = []
    spans: list[SourceSpan] = []
    at = 0
    for text, locator, _, _ in blocks:
        spans.append(SourceSpan(at, at + len(text), locator))
        parts.append(text)
        at += len(text) + 2
    return "\n\n".join(parts) + "\n", spans, parser.meta


def _the_story(blocks: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """The blocks of the page's story: those inside `<main>` when it has one, else those of the
    `<article>` with the most text, else all. Teasers of other stories beside it ("Related: X gave an
    ORR of 40%") would read as this paper's results."""
    if any(block[3] == "main" for block in blocks):
        return [block for block in blocks if block[3] == "main"]
    sizes: dict[str, int] = {}
    for text, _, _, container in blocks:
        if container:
            sizes[container] = sizes.get(container, 0) + len(text)
    if not sizes:
        return blocks
    story = max(sizes, key=lambda container: sizes[container])
    return [block for block in blocks if block[3] == story]


def _title_first(blocks: list[tuple[str, str, str, str]], page_title: str) -> list[tuple[str, str, str, str]]:
    """The blocks with the paper's title first, where the text reader looks for it: the first `<h1>`
    that the page's `<title>` repeats ("Title - PubMed"; the longest, not a site name), else the first
    `<h1>`, else the `<title>`."""
    headings = [i for i, (_, _, kind, _) in enumerate(blocks) if kind == "h1"]
    folded = page_title.casefold()
    repeated = [i for i in headings if blocks[i][0].casefold() in folded]
    chosen = max(repeated, key=lambda i: len(blocks[i][0])) if repeated else headings[0] if headings else None
    if chosen is not None:
        return [blocks[chosen]] + blocks[:chosen] + blocks[chosen + 1:]
    return [(page_title, "/html/head/title", "title", ""), *blocks] if page_title else blocks


def decode_page(data: bytes) -> str:
    """The page's text: UTF-8 (with or without BOM), else the charset its `<meta>` declares;
    ValueError saying why when neither decodes it."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        declared = _CHARSET_RE.search(data[:8192])
        name = declared.group(1).decode("ascii") if declared else ""
        try:
            codec = codecs.lookup(name).name if name else ""
            if codec and codec != "utf-8":
                return data.decode(codec, errors="replace")
        except LookupError:  # an unknown name, or a codec that is no text encoding ("base64")
            pass
        raise ValueError(f"not UTF-8 (invalid byte 0x{data[error.start]:02x} at offset {error.start}) and no "
                         "other charset declared in a <meta> tag") from None


def read_webpage(path: Path, max_bytes: int | None = None) -> Document:
    """A `Document` from the saved web page at `path`; raises CorpusError naming the problem."""
    from corpus.reader import DEFAULT_MAX_BYTES, CorpusError, parse

    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise CorpusError(path, f"file too large ({size:,} bytes; the limit is {limit:,})")
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(path, f"cannot read the file ({error.strerror or error})") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CorpusError(path, f"binary content, not a web page (NUL byte at offset {nul})")
    try:
        html = decode_page(data)
    except ValueError as error:
        raise CorpusError(path, f"web page {error}") from None
    text, spans, meta = read_page(html.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise CorpusError(path, "the web page holds no text outside scripts, styles and navigation")
    doc = parse(text, path)
    doc.locations = spans
    _cited_metadata(doc.metadata, meta)
    doc.metadata.source_format = "html"
    return doc


DOI_RE = re.compile(r"\b10\.\d{4,9}/\S+")
YEAR_RE = re.compile(r"\b(?:1[89]|20)\d{2}\b")


def _cited_metadata(metadata: Metadata, meta: dict[str, list[str]]) -> None:
    """What the page's citation tags say of the paper, over what the text reader guessed from the text."""
    first = {name: values[0] for name, values in meta.items()}
    if first.get("citation_title"):
        metadata.title = first["citation_title"]
    doi = DOI_RE.search(first.get("citation_doi") or next((v for v in meta.get("dc.identifier", []) if "10." in v), ""))
    if doi:
        metadata.doi = doi.group().rstrip(".,;")
    if first.get("citation_journal_title"):
        metadata.journal = first["citation_journal_title"]
    dated = first.get("citation_publication_date") or first.get("citation_date") or first.get("citation_online_date")
    year = YEAR_RE.search(dated or "")
    if year:
        metadata.year = int(year.group())
    if meta.get("citation_author"):
        # "Surname, Given" as journals print it -> "Given Surname", as the other readers give names
        metadata.authors = [" ".join(reversed(name.split(", ", 1))) for name in meta["citation_author"]]
    if first.get("citation_pmid", "").isdigit():
        metadata.pmid = first["citation_pmid"]
    if meta.get("citation_keywords"):
        metadata.keywords = [k.strip() for value in meta["citation_keywords"] for k in value.split(";") if k.strip()]
