"""Running the ``remembrance`` command in a subprocess, as a user would, and reading its errors."""

import os
import subprocess
import sys


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``remembrance ARGS`` with extra environment variables, in a wide terminal."""
    return subprocess.run(
        [sys.executable, "-m", "remembrance", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", **env},
    )


def one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    """The single error line of a failed command, which must contain every needle."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def document_errors(result: subprocess.CompletedProcess[str], failed: int, total: int) -> list[str]:
    """The error lines of a batch in which `failed` of `total` documents failed (exit status 1)."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert lines[-1] == f"{failed} of {total} document(s) failed", result.stderr
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == failed, result.stderr
    return errors


def document_error(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    """The error line of a command whose only document failed, which must contain every needle."""
    [line] = document_errors(result, 1, 1)
    for needle in needles:
        assert needle in line, line
    return line
