"""Shared helpers: the repository's paths and the CLI binary the parity tests compare with."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
CORPUS = Path(os.environ.get("NUTGRAF_SHARED", ROOT.parent / "shared")) / "corpus"


def cli_binary() -> Path | None:
    """The `nutgraf` binary: $NUTGRAF_BIN (which must exist), else a debug build if present."""
    given = os.environ.get("NUTGRAF_BIN")
    if given:
        path = Path(given)
        assert path.is_file(), f"NUTGRAF_BIN={given} does not exist"
        return path
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    for profile in ("debug", "quick", "release"):
        path = target / profile / "nutgraf"
        if path.is_file():
            return path
    return None


@pytest.fixture(scope="session")
def cli():
    """Runs the CLI with `--format json` on files; returns its records by source."""
    binary = cli_binary()
    if binary is None:
        pytest.skip("no nutgraf binary: build it (cargo build) or set NUTGRAF_BIN")

    def run(paths, *flags):
        out = subprocess.run(
            [str(binary), "--format", "json", "--quiet", *flags, *map(str, paths)],
            check=False,
            capture_output=True,
        )
        records = [json.loads(line) for line in out.stdout.decode().splitlines()]
        return {r.pop("source"): r for r in records}

    return run
