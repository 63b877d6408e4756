"""Where the project's editable assets live: templates/<lang>/ and styles/ at the top of the
repository (beside the package), so editors find them without opening the package."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(os.environ.get("REPORTGEN_TEMPLATES", ROOT / "templates"))
STYLES = Path(os.environ.get("REPORTGEN_STYLES", ROOT / "styles"))
