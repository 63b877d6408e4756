"""After rendering: the one place that sets a document's language, title, subject and author,
marks table header rows to repeat, lays tables out for print (rows kept whole, figures
right-aligned, headings kept with the first row), marks a draft as a draft, makes sure every
picture has alt text, and stamps a tracked report's edition with what it was made from (custom
properties, which Word and LibreOffice keep), so that an edited copy can be read back against
it; and puts the package in the shape the OOXML schema (and so Word) expects, so that Word never
offers to repair a document the project wrote."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from lxml import etree

from reportgen.errors import RenderError
from reportgen.i18n import BCP47, gettext_for
from reportgen.model import Language
from reportgen.ooxml.objects import element_of
from reportgen.ooxml.package import set_custom_properties
from reportgen.ooxml.text import visible_text
from reportgen.rules.layout import KEPT_WITH_WHAT_FOLLOWS

AUTHOR = "HM Inspectorate of Probation"  # in the catalogue: the author in each language

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
# Word 2010's copy of the styles: python-docx's own template holds one, and so do files Word 2010
# saved.
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _w(*names: str) -> tuple[str, ...]:
    return tuple(f"{{{W}}}{n}" for n in names)


# The schema's sequences (ECMA-376 Part 1, CT_TblPr and CT_Settings): Word refuses children out
# of this order, and a template edited by tools or by hand may hold them in any order.
TBLPR_ORDER = _w("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                 "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
                 "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
                 "tblPrChange")
SETTINGS_ORDER = (
    *_w("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
        "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
        "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
        "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
        "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
        "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
        "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
        "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
        "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
        "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
        "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
        "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
        "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
        "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
        "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
        "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
        "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
        "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
        "rsids"),
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr",
    *_w("attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
        "smartTagType"),
    "{http://schemas.openxmlformats.org/schemaLibrary/2006/main}schemaLibrary",
    *_w("shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"),
)
# Row properties whose w:val is ST_OnOffOnly ("on" or "off"), not the wider ST_OnOff.
_ON_OFF_ONLY = _w("tblHeader", "cantSplit", "hidden")


def finish(docx: bytes | DocxDocument, lang: Language, title: str, subject: str,
           keywords: str = "", stamp: Mapping[str, str] | None = None,
           draft: str | None = None) -> bytes:
    """`draft`, if given, is the notice a draft carries on its first page and in its header.
    `docx` may be the document just rendered, not yet saved (one parse and save fewer)."""
    doc = Document(io.BytesIO(docx)) if isinstance(docx, bytes) else docx
    set_document_language(doc, BCP47[lang])
    props = doc.core_properties
    props.title, props.subject, props.language = title, subject, BCP47[lang]
    props.author = gettext_for(lang)(AUTHOR)
    set_keywords(doc, keywords)
    for table in doc.tables:
        repeat_header(table.rows[0])
    lay_out_tables(doc)
    if draft:
        mark_draft(doc, draft)
    _alt_text(doc)
    if stamp:
        set_custom_properties(doc, stamp)
    return save(doc)


def save(doc: Document) -> bytes:
    """The document as .docx bytes, in the schema's shape: every DOCX the project writes is saved
    through here."""
    conform(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def conform(doc: Document) -> None:
    """Put what templates, python-docx and docxcompose leave out of the schema's shape back in
    it: table property order, on/off row properties, settings order, the core properties'
    keywords, and no stylesWithEffects part (Word 2010's copy of the styles, which goes out of
    step as soon as styles.xml is edited, and which Word then calls unreadable content)."""
    for part in doc.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for tblpr in element.iter(qn("w:tblPr")):
            _in_order(tblpr, TBLPR_ORDER)
        for trpr in element.iter(qn("w:trPr")):
            for el in trpr:
                if el.tag in _ON_OFF_ONLY:
                    _on_off_only(el)
    _in_order(doc.settings.element, SETTINGS_ORDER)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            doc.part.rels.pop(rid)
    set_keywords(doc, None)


def _in_order(parent: etree._Element, order: tuple[str, ...]) -> None:
    """Children sorted into the schema's sequence; any the sequence does not name (extensions,
    such as w14:docId) after them, in the order they were."""
    rank = {tag: i for i, tag in enumerate(order)}
    children = list(parent)
    ordered = sorted(children, key=lambda el: rank.get(el.tag, len(order)))
    if ordered != children:
        parent[:] = ordered


def _on_off_only(el: etree._Element) -> None:
    val = el.get(qn("w:val"))
    if val is None:
        return
    if val.lower() in ("true", "1", "on"):
        del el.attrib[qn("w:val")]  # absent means on
    else:
        el.set(qn("w:val"), "off")


def set_keywords(doc: Document, keywords: str | None) -> None:
    """cp:keywords in the core-properties namespace, whatever prefix mapping python-docx holds
    at the time (docxcompose maps "cp" to the custom-properties namespace for every importer,
    and python-docx's own keywords property then writes a second, foreign element). None keeps
    the document's keywords, moved into the right namespace if need be."""
    core = element_of(doc.core_properties)
    found = sorted((el for el in core if etree.QName(el).localname == "keywords"),
                   key=lambda el: etree.QName(el).namespace != CORE)
    if keywords is None:
        keywords = next((el.text for el in found if el.text), "" if found else None)
    for el in found:
        core.remove(el)
    if keywords is not None:
        etree.SubElement(core, f"{{{CORE}}}keywords").text = keywords or None


def set_document_language(doc: Document, tag: str) -> None:
    """The language of every run unless a style says otherwise: spelling checks and the PDF's
    /Lang follow it."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        el.set(qn(attr), tag)


def repeat_header(row) -> None:
    """Mark a table's first row as its header, repeated at the top of each page."""
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:tblHeader")) is None:
        _insert_ordered(trpr, OxmlElement("w:tblHeader"), TRPR_ORDER)


def _alt_text(doc: Document) -> None:
    for i, pr in enumerate(doc.element.body.iter(qn("wp:docPr")), start=1):
        alt = (pr.get("descr") or "").strip()
        if not alt or alt.lower().endswith((".png", ".jpg", ".jpeg")):
            raise RenderError(f"picture {i} has no alt text")


# ------------------------------------------------------------------------- print layout

# The children of w:trPr in the order the schema lists them (CT_TrPrBase, then CT_TrPr's own).
TRPR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
              "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del",
              "trPrChange")
# A cell that holds a figure: a number, a percentage, a decimal, or the dash of no figure.
FIGURE = re.compile(r"^(?:[–-]|\d{1,3}(?:,\d{3})*(?:\.\d+)?%?|\d+(?:\.\d+)?%?)$")


def _insert_ordered(parent, child, order: tuple[str, ...]) -> None:
    """Put `child` where the schema's sequence `order` wants it among `parent`'s children."""
    name = child.tag.split("}")[1]
    later = {qn(f"w:{n}") for n in order[order.index(name) + 1:]}
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(child)
            return
    parent.append(child)


def keep_row_whole(tr) -> None:
    """w:cantSplit: the row moves to the next page whole rather than running over two."""
    trpr = tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        _insert_ordered(trpr, OxmlElement("w:cantSplit"), TRPR_ORDER)


def figure_columns(table: Table) -> set[int]:
    """The columns whose every body cell holds a figure (and at least one a digit)."""
    body = [[visible_text(tc).strip() for tc in tr.tc_lst] for tr in element_of(table).tr_lst[1:]]
    if not body:
        return set()
    width = min(len(r) for r in body)
    return {c for c in range(width)
            if all(FIGURE.match(r[c]) or not r[c] for r in body)
            and any(any(ch.isdigit() for ch in r[c]) for r in body)}




def lay_out_tables(doc: Document) -> None:
    """Rows never split across pages; figures right-aligned in their columns, the column's
    heading with them; the header row kept with the first row below it (and so, through the
    caption's own keep-with-next, the caption with its table); the paragraph that leads into a
    table's caption kept with it; a short table kept with the chart drawn from it or the note
    below it."""
    for table in doc.tables:
        columns = figure_columns(table)
        tbl = element_of(table)
        rows = tbl.tr_lst
        spacer = tbl.getnext()  # the empty paragraph the template leaves after a table
        if not (_styled(spacer, "TableText") and not "".join(spacer.itertext())):
            spacer = None
        follows = spacer.getnext() if spacer is not None else element_of(table).getnext()
        whole = len(rows) <= KEPT_WITH_WHAT_FOLLOWS and _styled(follows, "ChartParagraph",
                                                                 "Normal", None)
        if whole and spacer is not None:
            spacer.get_or_add_pPr().keepNext_val = True
        for n, tr in enumerate(rows):
            keep_row_whole(tr)
            for c, tc in enumerate(tr.tc_lst):
                for p in tc.iter(qn("w:p")):
                    ppr = p.get_or_add_pPr()
                    if c in columns:
                        ppr.jc_val = WD_ALIGN_PARAGRAPH.RIGHT
                    if whole or (n == 0 and len(rows) > 1):
                        ppr.keepNext_val = True
        caption = element_of(table).getprevious()
        lead = caption.getprevious() if _styled(caption, "TableCaption") else None
        if _styled(lead, "Normal", None):
            lead.get_or_add_pPr().keepNext_val = True


def _styled(element: BaseOxmlElement | None, *styles: str | None) -> bool:
    """`element` is a paragraph in one of `styles` (None: no style, which is Normal)."""
    if element is None or element.tag != qn("w:p"):
        return False
    return element.style in styles


# ---------------------------------------------------------------------------------- drafts


def mark_draft(doc: Document, notice: str) -> None:
    """A draft says so: in its properties, at the top of its first page and in its header."""
    doc.core_properties.content_status = notice.split(".")[0]
    body = doc.element.body
    first = doc.add_paragraph(notice, style=doc.styles["Normal"])
    first.runs[0].bold = True
    body.insert(0, element_of(first))
    for section in doc.sections:
        if section.header.is_linked_to_previous and section is not doc.sections[0]:
            continue
        para = section.header.add_paragraph(notice)
        para.runs[0].bold = True
