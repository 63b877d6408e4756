"""Conversion of rendered documents (DOCX to PDF) through LibreOffice."""
