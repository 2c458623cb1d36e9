"""Parse one reference-list entry into a `Reference` (first author, year, journal, DOI, title...).

Handles the styles PDF conversions of biomedical papers print:

- Vancouver: "Hui JYC. Epidemiology and etiology of sarcomas. *Surg Clin North Am*. 2016;96(5):901–14."
- Frontiers: "Liao Z, Teng J, et al. Title. *Front Immunol.* (2024) 15:1292325. doi: 10.3389/..."
- AACR: "Paoluzzi L, Maki RG. Title. *JAMA Oncol* 2019;5:254–60."
- group authors and web pages: "National Comprehensive Cancer Network. Soft tissue sarcoma (2025).
  Available online at: <https://...> (Accessed February 15, 2025)."
- APA-like: "Smith, J. A., & Doe, B. (2019). Title. Journal, 12(3), 45–67."
- Elsevier: "K. Marsh, T. Olde, et al., Title, Lancet 390 (2018) 1200–1209."
- JCO: "Vance HB, Ortiz M, et al: Title. Lancet Oncol 21:900-909, 2020"
- MDPI: "Hale, A.; Novak, B.C. Title. Ann. Oncol. 2022, 33, 500–512."

`first_author` is printed as in the entry ("von Mehren M", "D'Angelo SP", a group's name).
The journal is the italic segment (`*...*`) followed by the year or volume when there is one,
else the sentence before the year. The year is the publication year: the first year after
the journal, never one inside a title ("version 2.2022") or a URL. The DOI comes from
"doi: 10.x", "https://doi.org/10.x" or a markdown link, without trailing punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.bibliographic import clean_doi
from corpus.document import ReferenceEntry
from extractors.records import Evidence, Reference
from extractors.scan_regex import scan_compile

YEAR = r"(?:19|20)\d{2}"
DOI_RE = scan_compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi\s*:?\s*|(?<![\w/.]))(10\.\d{4,9}/[^\s<>\"]+)", re.I)
URL_RE = scan_compile(r"<?https?://[^\s>]+>?|\bwww\.[^\s>]+")
ITALIC_RE = re.compile(r"\*([^*]+)\*")
APA_RE = re.compile(r"^(?P<authors>[^()]{2,400}?)\s*\((?P<year>" + YEAR + r")[a-z]?\)\.\s+")
YEAR_RE = re.compile(r"(?<![\d.])(" + YEAR + r")(?!\d)")
ANCHOR_RE = re.compile(r"(?<![\d.])(" + YEAR + r")[a-z]?\s*[;:]|\((" + YEAR + r")\)")
PAGES = r"[A-Za-z]{0,5}\d+[A-Za-z]?(?:\s*[-–—]\s*[A-Za-z]?\d+[A-Za-z]?)?"
VOLUME_RES = (
    re.compile(r"^\s*[a-z]?\s*;\s*(?P<volume>\d+[A-Za-z]?)?\s*(?:\([^)]*\))?\s*(?::\s*(?P<pages>" + PAGES + "))?"),
    re.compile(r"^\)?\s*,?\s*(?P<volume>\d+)\s*(?:\([^)]*\))?\s*[:,]\s*(?P<pages>" + PAGES + ")"),
)
ENTRY_NUMBER_RE = re.compile(r"^\s*(?:-\s+|\[\d+\]\s*|\d+\.\s+)")


@dataclass(frozen=True)
class _Parts:
    authors: str
    title_start: int


def find_doi(text: str) -> str:
    match = DOI_RE.search(text)
    return clean_doi(match.group(1)) if match else ""


_PARTICLE = r"(?:van|von|der|den|de|la|le|du|da|di|dos|del)\s+"
_NAME_WORD = r"[A-Z\u00C0-\u024F][\w'’\u00C0-\u024F-]+"
INITIALS_FIRST_RE = re.compile(
    r"^(?:(?:[A-Z]\.\s?-?)+\s*(?:" + _PARTICLE + r")*" + _NAME_WORD
    + r"(?:\s+(?:" + _PARTICLE + r")*" + _NAME_WORD + r")?(?:,\s+|\s+and\s+))+")
"""Authors with their initials first, each closed by a comma (Elsevier: "K. Marsh, T. Olde, A. Le Roux, ")."""
JOURNAL_VOLUME_RE = re.compile(r",\s*(?P<journal>[A-Z][^,]{1,60}?)\s+(?P<volume>\d+[A-Za-z]?)\s*$")
"""", Lancet 390" before "(2018) 1200–1209": the journal and volume closing an Elsevier entry's title."""
SOURCE_TAIL_RE = re.compile(r"^(?P<journal>.+?)\s+(?P<volume>\d+[A-Za-z]?)(?:\s*\([^)]*\))?\s*:\s*(?P<pages>" + PAGES
                            + r")\s*,?$")
""""Lancet Oncol 21:900-909," as JCO prints the source before the year."""
ABBREVIATED_JOURNAL_RE = re.compile(r"(?:(?:[A-Z][A-Za-z]*\.|&|of|and|the|in)\s+)+[A-Z][A-Za-z]*\.?")
"""A journal name of abbreviated words ("Ann. Oncol", "J. Clin. Oncol"), whose stops are no title's end."""


def _author_part(text: str) -> _Parts:
    """The author list and where the title starts."""
    apa = APA_RE.match(text)
    if apa and ("," in apa.group("authors") or "&" in apa.group("authors")):
        return _Parts(apa.group("authors"), apa.end())
    et_al = re.search(r",?\s*et\s+al\.?(?:\s*[:,](?=\s))?", text[:600])
    if et_al:
        return _Parts(text[: et_al.start()], et_al.end())
    initials_first = INITIALS_FIRST_RE.match(text)
    if initials_first:
        return _Parts(text[: initials_first.end()], initials_first.end())
    # the list ends at the first stop, or at a colon after an initial ("Kim JH, Lee SH: Title")
    stop = re.search(r"\.(?:\s+|$)|(?<=[A-Z]):\s+", text)
    if not stop:
        return _Parts("", 0)
    return _Parts(text[: stop.start()], stop.end())


def first_author(authors: str) -> str:
    """The first name of an author list as printed; APA "Smith, J. A." becomes "Smith JA"."""
    authors = authors.strip().strip(",;")
    mdpi = re.match(r"([^,;]+),\s*((?:[A-Z]\.\s*-?)+)(?:;|$)", authors)
    if mdpi and ";" in authors:  # "Hale, A.; Novak, B.C.; ..." -> "Hale A"
        return f"{mdpi.group(1).strip()} {mdpi.group(2).replace('.', '').replace(' ', '')}"
    parts = [p.strip() for p in re.split(r",|\s&\s|\sand\s", authors) if p.strip()]
    if not parts:
        return ""
    if len(parts) > 1 and re.fullmatch(r"(?:[A-Z]\.\s*-?)+", parts[1]) and " " not in parts[0]:
        return f"{parts[0]} {parts[1].replace('.', '').replace(' ', '')}"
    return parts[0]


def _journal(text: str, start: int) -> tuple[str, int, int]:
    """(journal, start, end) of the italic journal name after `start`, or ("", -1, -1)."""
    italics = [m for m in ITALIC_RE.finditer(text) if m.start() >= start]
    if not italics:
        return "", -1, -1
    chosen = italics[-1]
    for m in italics:
        if re.match(r"\.?\s*[,;]?\s*(?:\(?" + YEAR + r"|\d)", text[m.end():]):
            chosen = m
            break
    return chosen.group(1).strip().rstrip(".").strip(), chosen.start(), chosen.end()


def _volume_pages(text: str, year_end: int) -> tuple[str, str]:
    rest = text[year_end:]
    for regex in VOLUME_RES:
        m = regex.match(rest)
        if m and m.group("volume"):
            return m.group("volume"), re.sub(r"\s+", "", m.group("pages") or "")
    return "", ""


def _title(text: str, start: int, end: int) -> str:
    title = text[start:end].replace("*", "").strip()
    title = re.sub(r"(?:^|\s)In\s*:\s*$", "", title)
    title = re.sub(r"\s*\(" + YEAR + r"\)\s*$", "", title.strip(" .,;"))
    return title.strip(" .,;")


def _apa_fields(plain: str) -> dict[str, object] | None:
    """Fields of an APA-like entry ("Smith, J. A., & Doe, B. (2019). Title. Journal, 12(3), 45–67.")."""
    apa = APA_RE.match(plain)
    if not apa or not ("," in apa.group("authors") or "&" in apa.group("authors")):
        return None
    rest = plain[apa.end():]
    stop = re.search(r"[.?!](?:\s+|$)", rest)
    title = rest[: stop.start() + (rest[stop.start()] != ".")] if stop else rest
    after = rest[stop.end():] if stop else ""
    source = re.match(r"\s*\*?(?P<journal>[^,*]+?)\*?,\s*\*?(?P<volume>\d+)\*?(?:\([^)]*\))?"
                      r"(?:,\s*(?P<pages>" + PAGES + "))?", after)
    return {
        "first_author": first_author(apa.group("authors")),
        "year": int(apa.group("year")),
        "journal": source.group("journal").strip() if source else "",
        "title": title.strip(" .,;"),
        "volume": source.group("volume") if source else "",
        "pages": re.sub(r"\s+", "", source.group("pages") or "") if source else "",
    }


def _plain_source(plain: str, start: int) -> tuple[re.Match[str] | None, str, int]:
    """(year match, journal, title end) of an entry without an italic journal name.

    A year followed by a volume ("2015;24(3):401", "(2022) 12:845") closes a "Title. Journal."
    pair; a bare "(2025)" after a title (web pages, reports) has no journal.
    """
    anchors = list(ANCHOR_RE.finditer(plain, start))
    year = anchors[0] if anchors else YEAR_RE.search(plain, start) or YEAR_RE.search(plain)
    if year is None:
        return None, "", len(plain)
    title_end = year.start() if year.start() >= start else len(plain)
    before = plain[start:title_end].rstrip(" .(")
    elsevier = JOURNAL_VOLUME_RE.search(before) if year.group().startswith("(") else None
    if elsevier:  # "Title, Eur. J. Cancer 130 (2020) 40–48"
        return year, elsevier.group("journal").strip(" ."), start + elsevier.start()
    cut = _title_cut(before)
    has_volume = not year.group().startswith("(") or re.match(r"\s*[;:,]?\s*\d", plain[year.end():])
    if cut > 0 and has_volume:
        return year, before[cut + 2:].strip(" ."), start + cut
    if cut > 0 and "Available" in before[cut:]:
        return year, "", start + cut
    return year, "", title_end


def _title_cut(before: str) -> int:
    """Where the title ends in "Title. Journal": the last ". ", or an earlier one when the rest is a
    journal name of abbreviated words ("Title. Ann. Oncol")."""
    cuts = [m.start() for m in re.finditer(r"\. ", before)]
    for cut in cuts:
        if ABBREVIATED_JOURNAL_RE.fullmatch(before[cut + 2:].strip(" .")):
            return cut
    return cuts[-1] if cuts else -1


def parse_fields(text: str) -> dict[str, object]:
    """Parse the text of one entry; see the module docstring. Missing fields are "" / None."""
    text = ENTRY_NUMBER_RE.sub("", text, count=1).strip()
    doi = find_doi(text)
    plain = URL_RE.sub(lambda m: " " * len(m.group()), DOI_RE.sub(lambda m: " " * len(m.group()), text))
    apa = _apa_fields(plain)
    if apa is not None:
        return {**apa, "doi": doi}
    parts = _author_part(plain)
    journal, j_start, j_end = _journal(plain, parts.title_start)
    if journal:
        year_match, title_end = YEAR_RE.search(plain, j_end), j_start
    else:
        year_match, journal, title_end = _plain_source(plain, parts.title_start)
    volume, pages = _volume_pages(plain, year_match.end()) if year_match else ("", "")
    tail = SOURCE_TAIL_RE.match(journal) if not volume else None
    if tail:  # "Lancet Oncol 21:900-909, 2020"
        journal, volume, pages = tail.group("journal"), tail.group("volume"), re.sub(r"\s+", "", tail.group("pages"))
    return {
        "first_author": first_author(parts.authors),
        "year": int(re.search(YEAR, year_match.group()).group()) if year_match else None,
        "journal": journal,
        "doi": doi,
        "title": _title(plain, parts.title_start, title_end),
        "volume": volume,
        "pages": pages,
    }


def parse_reference(
    entry: ReferenceEntry, source_file: str, source_text: str, section: str = "References"
) -> Reference:
    """A `Reference` for one entry; the evidence quotes the entry as it stands in the source.

    Fields the source's markup tags (`entry.tagged`, from JATS) win over those parsed from the text;
    a tagged field that is empty means the markup has none."""
    fields = parse_fields(entry.text)
    for key, value in entry.tagged:
        if key in fields:
            fields[key] = (int(value) if value.isdigit() else None) if key == "year" else value
    evidence = Evidence(source_file, section, entry.start, entry.end, source_text[entry.start:entry.end])
    return Reference(
        number=entry.number,
        first_author=str(fields["first_author"]),
        year=fields["year"],  # type: ignore[arg-type]
        journal=str(fields["journal"]),
        doi=str(fields["doi"]),
        title=str(fields["title"]),
        text=entry.text,
        evidence=evidence,
        volume=str(fields["volume"]),
        pages=str(fields["pages"]),
    )
