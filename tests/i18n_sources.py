"""What the interface asks Qt to translate, read from the Python sources, and what the
.ts files answer: shared by the translation tests.

lupdate cannot read our ``_tr(text)`` wrappers, so the sources are parsed here (ast):
``QCoreApplication.translate(ctx, text)``, ``QT_TRANSLATE_NOOP(ctx, text)`` and calls of
a module's wrapper (a function returning ``translate(<constant ctx>, <its parameter>)``),
with constant arguments (implicitly concatenated literals included).
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("views", "maps", "wallboard")
I18N = ROOT / "resources" / "i18n"
_TRANSLATE = {"translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}


@dataclass(frozen=True)
class Marked:
    """One string marked for translation: context, English source, where."""

    context: str
    source: str
    where: str


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _constant(node: ast.expr, names: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return names.get(node.id)
    return None


def _wrappers(tree: ast.Module, names: dict[str, str]) -> dict[str, str]:
    """Functions of the module that return translate(<constant context>, <parameter>)."""
    found = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        parameter = node.args.args[0].arg
        for ret in ast.walk(node):
            if not (isinstance(ret, ast.Return) and isinstance(ret.value, ast.Call)):
                continue
            call = ret.value
            if _name(call.func) == "translate" and len(call.args) >= 2:
                context = _constant(call.args[0], names)
                arg = call.args[1]
                if context and isinstance(arg, ast.Name) and arg.id == parameter:
                    found[node.name] = context
    return found


def marked_in(path: Path) -> list[Marked]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    wrappers = _wrappers(tree, names)
    where = str(path.relative_to(ROOT))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = _name(node.func)
        if func in _TRANSLATE and len(node.args) >= 2:
            context, text = (_constant(a, names) for a in node.args[:2])
        elif func in wrappers and node.args:
            context, text = wrappers[func], _constant(node.args[0], names)
        else:
            continue
        if context and text:
            found.append(Marked(context, text, f"{where}:{node.lineno}"))
    return found


def marked_strings() -> list[Marked]:
    """Every string the program marks for translation, in every module of the interface."""
    found = []
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            found += marked_in(path)
    return found


def translations(language: str = "id") -> dict[tuple[str, str], str]:
    """(context, source) → finished, non-empty translation, from every *_<language>.ts."""
    table: dict[tuple[str, str], str] = {}
    for ts in sorted(I18N.glob(f"*_{language}.ts")):
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                source = message.findtext("source", "")
                element = message.find("translation")
                if element is None or element.get("type") in {"unfinished", "obsolete", "vanished"}:
                    continue
                if element.text:
                    table[(name, source)] = element.text
    return table


__all__ = ["Marked", "marked_strings", "translations"]
