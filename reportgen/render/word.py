"""Word documents from docxtpl templates (templates/<lang>/<name>.docx).

Text from the data is always text: Jinja autoescaping turns &, < and > into XML entities, braces
become character references (so docxtpl's escapes such as "{_{" come out as written), and a
value is never read as template code. Narrative printed on its own is wrapped in a content control
tagged with its place in the data (reportgen.render.controls). A variable the template asks for
that the context does not give, or gives as None, is an error naming the variable and the
template."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docx.document import Document as DocxDocument
from docx.opc.part import PartFactory, XmlPart
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from markupsafe import Markup, escape

from reportgen.documents.bound import Bound, Foreign
from reportgen.documents.figures import ChartSpec
from reportgen.errors import RenderError
from reportgen.paths import TEMPLATES
from reportgen.render import charts, controls


class DescribedImage(InlineImage):
    """An inline picture with alt text (docPr/@descr), which docxtpl's InlineImage lacks."""

    def __init__(self, tpl: DocxTemplate, png: bytes, alt: str, width_cm: float,
                 height_cm: float) -> None:
        super().__init__(tpl, io.BytesIO(png), Cm(width_cm), Cm(height_cm))
        self.alt = alt

    def _insert_image(self) -> str:
        inline = self.tpl.current_rendering_part.new_pic_inline(
            self.image_descriptor, self.width, self.height)
        inline.docPr.set("descr", self.alt)
        inline.docPr.set("name", self.alt[:60])
        for pr in inline.xpath(".//pic:cNvPr"):
            pr.set("descr", self.alt)
        # The alt text may hold a name from the data: its braces must survive docxtpl's "{_{".
        return (f'</w:t></w:r><w:r><w:drawing>{controls.braces_kept(inline.xml)}</w:drawing>'
                '</w:r><w:r><w:t xml:space="preserve">')


@dataclass(frozen=True)
class Template:
    name: str
    lang: str

    @property
    def path(self) -> Path:
        return TEMPLATES / self.lang / f"{self.name}.docx"

    def __str__(self) -> str:
        return f"templates/{self.lang}/{self.name}.docx"


@cache
def _template_bytes(path: Path) -> bytes:
    return path.read_bytes()


def _no_none(template: Template) -> Callable[[Any], Any]:
    def finalize(value: Any) -> Any:
        if value is None:
            raise RenderError(f"{template}: a variable printed by the template has no value")
        if isinstance(value, str) and not isinstance(value, Markup):
            return Markup(controls.braces_kept(str(escape(value))))
        return value
    return finalize


class _Environment(jinja2.Environment):
    """Compiles a template's XML once a process: docxtpl hands the same XML to `from_string` on
    every render, and compiling it is a third of the time a report takes to render."""

    def from_string(self, source: Any, globals: Any = None,
                    template_class: Any = None) -> jinja2.Template:
        if globals is None and template_class is None and isinstance(source, str):
            return self._compiled(source)
        return super().from_string(source, globals, template_class)

    @lru_cache(maxsize=64)  # noqa: B019 (an environment is kept a process, one a template)
    def _compiled(self, source: str) -> jinja2.Template:
        return super().from_string(source)


@cache
def _environment(template: Template) -> jinja2.Environment:
    return _Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                        finalize=_no_none(template))


def _for_word(tpl: DocxTemplate, value: Any, ids: controls.Ids) -> Any:
    """The context with each ChartSpec replaced by its picture, drawn now, and each piece of
    bound narrative by the content control that carries its address."""
    if isinstance(value, ChartSpec):
        return DescribedImage(tpl, charts.draw(value), value.alt, charts.WIDTH_CM,
                              charts.height_cm(value))
    if isinstance(value, Bound):
        return controls.ContentControl(value, ids)
    if isinstance(value, Foreign):
        return controls.ForeignRun(value, value.lang)
    if isinstance(value, dict):
        return {k: _for_word(tpl, v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_for_word(tpl, v, ids) for v in value]
    return value


def render(template: Template, context: dict[str, Any]) -> bytes:
    """The rendered document, as .docx bytes."""
    out = io.BytesIO()
    render_document(template, context).save(out)
    return out.getvalue()


def render_document(template: Template, context: dict[str, Any]) -> DocxDocument:
    """The rendered document, not yet saved (to be finished by reportgen.render.postprocess)."""
    if not template.path.is_file():
        raise RenderError(f"{template}: no such template")
    tpl = DocxTemplate(io.BytesIO(_template_bytes(template.path)))
    ids = controls.Ids(template.lang)
    try:
        tpl.render(_for_word(tpl, context, ids), jinja_env=_environment(template))
    except jinja2.UndefinedError as exc:
        asked = (exc.message or "").replace(" is undefined", "")
        raise RenderError(f"{template}: the template asks for {asked}, which the data does "
                          "not give") from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{template}: template error at line {exc.lineno} of its XML: "
                          f"{exc.message}") from None
    controls.tidy(tpl.docx, ids)
    _typed_parts(tpl.docx)
    return tpl.docx


def _typed_parts(doc: DocxDocument) -> None:
    """docxtpl puts each rendered header and footer back as a plain XML part, behind python-docx's
    back (its map of related parts still gives the template's); make each the header or footer
    part python-docx makes when it opens a file, in both places, so that the document can be
    finished without being saved and opened again (a sixth of a report's rendering)."""
    rels = doc.part.rels
    for rel in rels.values():
        part = None if rel.is_external else rel.target_part
        if type(part) is XmlPart:
            typed = PartFactory(part.partname, part.content_type, rel.reltype, part.blob,
                                part.package)
            for inner in part.rels.values():
                typed.load_rel(inner.reltype, inner._target, inner.rId, inner.is_external)
            rel._target = typed
            rels._target_parts_by_rId[rel.rId] = typed
