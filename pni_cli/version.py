"""Which version of the plan a report was built from: the git commit when the workspace is a repository."""

from __future__ import annotations

import subprocess
from pathlib import Path


def version_del_plan(raiz: Path) -> str:
    try:
        r = subprocess.run(["git", "-C", str(raiz), "log", "-1", "--format=%h (%cs)", "--", "plan"],
                           capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "sin control de versiones"
    commit = r.stdout.strip()
    if r.returncode != 0 or not commit:
        return "sin control de versiones"
    sucio = subprocess.run(["git", "-C", str(raiz), "status", "--porcelain", "--", "plan"],
                           capture_output=True, text=True, timeout=10, check=False).stdout.strip()
    return f"commit {commit}" + (" con cambios sin confirmar en plan/" if sucio else "")
