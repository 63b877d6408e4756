"""Namespaces and element names of WordprocessingML and the package around it."""

from __future__ import annotations

from docx.oxml.ns import qn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "dc": "http://purl.org/dc/elements/1.1/", "mc": MC}
RELS = NS["rel"]
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

__all__ = ["HYPERLINK", "MC", "NS", "RELS", "W", "qn"]
