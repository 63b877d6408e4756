"""reportgen: inspection reports, letters and plans from finalised ratings-and-findings data.

The data flows one way, and each stage is a subpackage:

    loading (read, parse) -> model + validation -> rules (ratings, calendar)
    -> documents (one context builder per document type) -> render (docxtpl, charts,
    post-processing) -> convert (LibreOffice) -> checks -> workflow

Lower layers never import higher ones; the command line (reportgen.cli) is the only place that
knows them all.
"""

__version__ = "0.1.0"
