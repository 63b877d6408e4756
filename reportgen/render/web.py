"""The web edition of a report: one self-contained HTML page (Jinja2), with the same content as
the Word edition, charts as PNG with their alt text beside their data tables, `lang` set, and a
link to the other language's page in Wales. The template's wording comes through the gettext
catalogue, as every other label does. Formatted narrative is written as HTML (<strong>, <em>,
<br>, <a>, lists) through the `paragraphs` and `item` filters; plain text is escaped."""

from __future__ import annotations

import base64
import re
from functools import cache
from itertools import groupby
from typing import Any

import jinja2
from markupsafe import Markup, escape

from reportgen import formatting
from reportgen.documents.bound import Bound, Foreign
from reportgen.documents.figures import ChartSpec
from reportgen.errors import RenderError
from reportgen.framework import load_framework
from reportgen.i18n import BCP47, translations
from reportgen.model import Language, formatted
from reportgen.paths import TEMPLATES
from reportgen.render import charts

PIXELS_PER_CM = 37.8


def _inline(runs: formatted.Inline) -> str:
    out = []
    for href, linked in groupby(runs, key=lambda r: r.href):
        inner = "".join("<br>" if r.is_break else _marked(r) for r in linked)
        out.append(f'<a href="{escape(href)}">{inner}</a>' if href else inner)
    return "".join(out)


def _marked(run: formatted.Run) -> str:
    text = str(escape(run.text))
    if run.italic:
        text = f"<em>{text}</em>"
    return f"<strong>{text}</strong>" if run.bold else text


def _blocks(blocks: formatted.Blocks) -> str:
    return formatted.blocks_markup(blocks, _inline)


def paragraphs(value: str) -> Markup:
    """A segment printed as paragraphs of its own (<p>, and its lists)."""
    if isinstance(value, Bound) and value.formatted is not None:
        return Markup(_blocks(value.formatted.blocks))
    return Markup(f"<p>{escape(value)}</p>")


def item(value: str) -> Markup:
    """A segment printed in a list item: its first paragraph, then any more and its lists."""
    if isinstance(value, Bound) and value.formatted is not None:
        blocks = value.formatted.blocks
        first = blocks[0]
        if isinstance(first, formatted.Paragraph):
            return Markup(_inline(first.runs) + _blocks(blocks[1:]))
        return Markup(_blocks(blocks))
    return Markup(escape(value))


@cache
def _environment(lang: Language) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "html"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             extensions=["jinja2.ext.i18n"])
    env.filters["paragraphs"] = paragraphs
    env.filters["item"] = item
    # Classic style: newstyle would %-format every message, and "Yes (%)" is one.
    env.install_gettext_translations(translations(lang), newstyle=False)  # type: ignore[attr-defined]
    return env


def picture(spec: ChartSpec, caption: str) -> dict[str, Any]:
    png = base64.b64encode(charts.draw(spec)).decode("ascii")
    return {"src": f"data:image/png;base64,{png}", "alt": spec.alt, "caption": caption,
            "width": round(charts.WIDTH_CM * PIXELS_PER_CM),
            "height": round(charts.height_cm(spec) * PIXELS_PER_CM)}


def _for_web(value: Any) -> Any:
    """The context with each passage in another language than the page's marked as such."""
    if isinstance(value, Foreign):
        return Markup(f'<span lang="{escape(value.lang)}">{escape(value)}</span>')
    if isinstance(value, dict):
        return {k: _for_web(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_for_web(v) for v in value]
    return value


def render(context: dict[str, Any], lang: Language, other_language: str | None,
           draft: str | None = None) -> bytes:
    """The page, from the same context as the Word edition; a draft says so at its top and in
    its title."""
    t = translations(lang).gettext
    fw = load_framework()
    page = _for_web(dict(context))
    page["draft"] = draft
    page["html_lang"] = BCP47[lang]
    page["other_language"] = other_language
    page["overall_label"] = t("Overall rating (score {score}/{max})").format(
        score=context["overall"]["score"], max=context["overall"]["max"])
    page["ratings_caption"] = t("Ratings, by standard")
    page["domain_two"] = [s | {
        "chart": picture(s["chart"], s["chart_caption"]),
        "table_caption": s["chart_caption"], "figure_caption": s["chart_caption"],
    } for s in context["domain_two"]]
    page["domain_one"] = [s | {"surveys": [sv | {"chart": picture(sv["chart"], sv["caption"])}
                                           for sv in s.get("surveys", [])]}
                          for s in context["domain_one"]]
    page.setdefault("contextual", None)
    page.setdefault("profile", None)
    page["profile_caption"] = t("The inspected cases")
    page.setdefault("pdus", None)
    if page["pdus"]:
        chart = context["pdu_chart"]
        page["pdu_chart"] = picture(chart["chart"], chart["chart_caption"])
        page["pdu_caption"] = chart["chart_caption"]
        page["pdu_headings"] = [s.title.get(lang) for s in fw.pdu] + [
            t("Overall rating (score of {max})").format(max=formatting.number(21, lang))]
    try:
        html = _environment(lang).get_template("report.html.j2").render(page)
    except jinja2.UndefinedError as exc:
        raise RenderError(f"templates/html/report.html.j2: the template asks for "
                          f"{(exc.message or '').replace(' is undefined', '')}, which the data "
                          "does not give") from None
    # Two segments' bulleted lists side by side are one list, as they are in Word.
    return re.sub(r"</ul>\s*<ul>", "", html).encode("utf-8")
