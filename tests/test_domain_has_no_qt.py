"""The domain layer runs headless: Qt lives in wallboard/shell/, views/ and maps/ only.

A folder rule: every module under wallboard/ outside wallboard/shell/ is domain, and is
checked twice: statically, by reading every import in the
source, and dynamically, by importing every domain module in a fresh interpreter and
looking at sys.modules (which also catches Qt pulled in through a third-party package).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import wallboard

FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "qasync")
PACKAGE_DIR = Path(wallboard.__file__).parent
# Importing the Qt folders from the domain would drag Qt in just the same.
QT_FOLDERS = ("wallboard.shell", "views", "maps")


def in_qt_folder(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in QT_FOLDERS)


def is_shell(relative: Path) -> bool:
    """wallboard/shell/ is the one folder of wallboard/ that may use Qt."""
    return len(relative.parts) > 1 and relative.parts[0] == "shell"


def domain_files() -> list[Path]:
    files = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        relative = path.relative_to(PACKAGE_DIR)
        if not is_shell(relative):
            files.append(path)
    return files


def module_name(path: Path) -> str:
    parts = ("wallboard", *path.relative_to(PACKAGE_DIR).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def forbidden_imports(source: str, module: str) -> list[str]:
    """Each import in ``source`` of a Qt package or of the Qt shell, as 'line: name'."""
    found = []
    package = module if module.count(".") == 0 else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        for name in names:
            if name.split(".")[0] in FORBIDDEN or in_qt_folder(name):
                found.append(f"{node.lineno}: {name}")
                break
    return found


def test_the_domain_is_what_we_think_it_is():
    modules = {module_name(p) for p in domain_files()}
    assert {"wallboard", "wallboard.store.store", "wallboard.feed.decode", "wallboard.model"} <= (
        modules
    )
    assert not any(in_qt_folder(m) for m in modules)


def test_the_checker_catches_every_way_of_importing_qt():
    bad = textwrap.dedent(
        """
        import os
        import PySide6.QtCore
        from shiboken6 import isValid
        import pyqtgraph as pg
        from qasync import QEventLoop
        from wallboard.shell.wall import WallWindow
        from ..shell.app import main
        importlib.import_module("PySide6.QtWidgets")
        """
    )
    found = forbidden_imports(bad, "wallboard.feed.decode")
    assert [f.split(":")[0] for f in found] == ["3", "4", "5", "6", "7", "8", "9"]
    assert forbidden_imports("import msgspec\nfrom . import pages\n", "wallboard.feed.x") == []


def test_no_domain_source_imports_qt():
    offenders = {}
    for path in domain_files():
        found = forbidden_imports(path.read_text(encoding="utf-8"), module_name(path))
        if found:
            offenders[str(path.relative_to(PACKAGE_DIR))] = found
    assert offenders == {}


PROBE = """
import importlib, json, sys
forbidden = {forbidden!r}
report = {{}}
for name in {modules!r}:
    try:
        importlib.import_module(name)
    except Exception as e:
        report[name] = "import failed: " + repr(e)
        continue
    loaded = sorted(m for m in forbidden if m in sys.modules)
    if loaded:
        report[name] = "loaded " + ", ".join(loaded)
        break
print(json.dumps(report))
"""


def test_importing_every_domain_module_loads_no_qt():
    modules = sorted(module_name(p) for p in domain_files())
    code = PROBE.format(forbidden=FORBIDDEN, modules=modules)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {}
