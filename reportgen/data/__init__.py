"""The data files that hold what changes between inspection programmes (framework, rules,
calendar). Read once, then cached."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed contents of reportgen/data/<name>.toml."""
    with resources.files(__package__).joinpath(f"{name}.toml").open("rb") as f:
        return tomllib.load(f)
