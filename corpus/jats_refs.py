"""One JATS `<ref>` as the text the reader writes and the bibliographic fields its markup tags.

Publishers tag references in several shapes, all after the JATS / NLM DTDs:

- `<element-citation>` (and NLM 2.x `<citation>`): parts only, no punctuation between them;
- `<mixed-citation>`: parts with the publisher's punctuation between them, or no parts at all
  (a plain printed string);
- authors as `<person-group person-group-type="author">` of `<name>` / `<string-name>`, or as
  bare `<name>` elements, or a group author `<collab>`; editors in their own person-group;
- the DOI as `<pub-id pub-id-type="doi">` or only as a link (`<ext-link>` / `<uri>`, often in a
  `<comment>`);
- web pages and reports without `<year>`: only an access date (`<date-in-citation>`, or a
  `<comment>` "4 September 2012, date last accessed").

The text is written in one Vancouver form from the parts (so entries of every journal read
alike); a `<mixed-citation>` without both authors and year keeps its printed form. The fields
are what the markup says, so the reference table never depends on re-parsing that text: the
first author (the first editor when a book names only editors), the year (the publication
year, else the year of the access date), title, journal, DOI, volume and pages.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from corpus.xmltext import local, plain, squash

CITATIONS = ("element-citation", "mixed-citation", "citation", "nlm-citation")
_PERSONS = ("name", "string-name", "collab")
_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d{2}|20\d{2})(?!\d)")
_DOI_RE = re.compile(r"10\.\d{4,9}/[^\s<>\"]+")
_URL_RE = re.compile(r"\S*(?:https?://|www\.)\S*")
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

Tagged = tuple[tuple[str, str], ...]
"""(field, value) pairs: first_author, year, title, journal, doi, volume, pages. A field present
with "" means the markup has none (an `<element-citation>` holds nothing outside its tags); a
`<mixed-citation>` lists only the fields it tags, its printed text may hold the others."""


def find(element: ET.Element | None, name: str) -> ET.Element | None:
    """First descendant named `name` (any namespace)."""
    if element is None:
        return None
    for node in element.iter():
        if local(node.tag) == name:
            return node
    return None


def initials(given: str) -> str:
    """"Anna Maria" -> "AM", "J.-P." -> "JP", "AM" -> "AM", "PhB" -> "PhB"."""
    given = given.replace(".", " ").replace("-", " ")
    words = given.split()
    if len(words) == 1 and len(words[0]) <= 3 and sum(c.isupper() for c in words[0]) >= min(2, len(words[0])):
        return words[0]  # already initials: "AM", "PhB", "J"
    return "".join(word[0] for word in words if word[0].isalpha()).upper()


def person(name: ET.Element) -> str:
    """A `<name>` / `<string-name>` / `<collab>` as "Surname GN" (or the group's name)."""
    if local(name.tag) == "collab":
        return plain(name)
    surname = plain(find(name, "surname"))
    given = plain(find(name, "given-names"))
    suffix = plain(find(name, "suffix"))
    if not surname:
        return plain(name)
    return " ".join(part for part in (surname, initials(given), suffix) if part)


def reference_parts(ref: ET.Element) -> tuple[str, Tagged]:
    """(text to write, tagged fields) of one `<ref>`; ("", ()) when it holds nothing."""
    citation = _best_citation(ref)
    if citation is None:  # a bare <ref> holding a <note> or text: print it, its <label> left out
        return squash(" ".join(_texts_without(ref, {"label"}))), ()
    authors, editors, etal = _names(citation)
    ids = {(node.get("pub-id-type") or "").lower(): squash(node.text or "")
           for node in citation.iter() if local(node.tag) == "pub-id"}
    doi = ids.get("doi") or _doi_link(citation)
    year, printed_year = _year(citation)
    title = plain(find(citation, "article-title")) or plain(find(citation, "chapter-title"))
    source = plain(find(citation, "source"))
    journal = source if title else ""
    if not title:
        title, source = source, plain(find(citation, "publisher-name"))
    volume, issue = plain(find(citation, "volume")), plain(find(citation, "issue"))
    fpage, lpage = plain(find(citation, "fpage")), plain(find(citation, "lpage"))
    pages = plain(find(citation, "elocation-id")) if not fpage else (f"{fpage}-{lpage}" if lpage else fpage)
    named = authors or editors
    tagged = (("first_author", named[0] if named else ""), ("year", year), ("title", title.rstrip(".")),
              ("journal", journal.rstrip(".")), ("doi", doi.rstrip(".")), ("volume", volume), ("pages", pages))
    if local(citation.tag) == "mixed-citation":  # loose printed text may hold what no tag holds
        tagged = tuple((key, value) for key, value in tagged if value)
    if local(citation.tag) == "mixed-citation" and not (authors and year):
        printed = plain(citation)  # the publisher's own punctuation; no parts to rebuild it from
        return (printed + (f" doi:{doi}" if doi and doi not in printed else "")), tagged
    names = ", ".join(named) + (", et al" if etal else "") + (", editors" if named and not authors else "")
    place = printed_year + (f";{volume}" if volume else "") + (f"({issue})" if issue else "")
    place += f":{pages}" if pages else ""
    parts = [names + "." if names else "", title.rstrip(".") + "." if title else "",
             source.rstrip(".") + "." if source else "", place.lstrip(";") + "." if place else "",
             *_notes(citation, doi), f"doi:{doi}." if doi else "", f"PMID: {ids['pmid']}." if ids.get("pmid") else ""]
    return " ".join(p for p in parts if p) or plain(citation), tagged


def _best_citation(ref: ET.Element) -> ET.Element | None:
    """The citation to read; of `<citation-alternatives>` the first with tagged names and a year,
    else the one printing the most text (an empty structured shell next to a printed form)."""
    found = [node for node in ref.iter() if local(node.tag) in CITATIONS]
    if len(found) < 2:
        return found[0] if found else None
    tagged = [node for node in found if find(node, "year") is not None
              and any(local(n.tag) in _PERSONS for n in node.iter())]
    return tagged[0] if tagged else max(found, key=lambda node: len(plain(node)))


def _names(citation: ET.Element) -> tuple[list[str], list[str], bool]:
    """(authors, editors, et al?): names in author groups or in no group count as authors."""
    authors: list[str] = []
    editors: list[str] = []
    grouped: set[int] = set()
    for group in citation.iter():
        if local(group.tag) != "person-group":
            continue
        role = (group.get("person-group-type") or "author").lower()
        for node in group.iter():
            if local(node.tag) in _PERSONS:
                grouped.add(id(node))
                (authors if role == "author" else editors if role == "editor" else []).append(person(node))
    for node in citation.iter():
        if local(node.tag) in _PERSONS and id(node) not in grouped and not _inside_name(citation, node):
            authors.append(person(node))
    etal = any(local(node.tag) == "etal" for node in citation.iter())
    return [a for a in authors if a], [e for e in editors if e], etal


def _inside_name(citation: ET.Element, node: ET.Element) -> bool:
    """A `<name>` nested in a `<string-name>` (or a collab) is part of that one person."""
    for outer in citation.iter():
        if outer is not node and local(outer.tag) in _PERSONS and node in list(outer.iter()):
            return True
    return False


def _year(citation: ET.Element) -> tuple[str, str]:
    """(year, the tagged publication year): the publication year, else that of an access date or
    a year printed in the source or a note (then the text keeps it where it was printed)."""
    for name in ("year", "date"):
        found = _YEAR_RE.search(plain(find(citation, name)))
        if found:
            return found.group(), found.group()
    for node in citation.iter():
        if local(node.tag) in ("date-in-citation", "source", "comment", "publisher-name", "conf-date"):
            found = _YEAR_RE.search(_URL_RE.sub(" ", _DOI_RE.sub(" ", plain(node))))
            if found:
                return found.group(), ""
    return "", ""


def _notes(citation: ET.Element, doi: str) -> list[str]:
    """Comments and access dates worth keeping in the text (not those that only repeat the DOI)."""
    notes = []
    for node in citation:
        if local(node.tag) in ("comment", "date-in-citation"):
            text = plain(node)
            if re.sub(r"[\W_]", "", text.replace(doi, "").replace("doi", "")) and text.strip(" .;:") != doi:
                notes.append(text.rstrip(".") + ".")
    return notes


def _doi_link(citation: ET.Element) -> str:
    for node in citation.iter():
        if local(node.tag) in ("ext-link", "uri"):
            found = _DOI_RE.search(node.get(_XLINK_HREF) or plain(node))
            if found:
                return found.group().rstrip(".")
    return ""


def _texts_without(element: ET.Element, skipped: set[str]) -> list[str]:
    out = [element.text or ""]
    for child in element:
        if local(child.tag) not in skipped:
            out.extend(_texts_without(child, skipped))
        out.append(child.tail or "")
    return out
