"""Parsing untrusted XML (CAP documents, RSS and Atom lists) with the standard library.

On this Python (3.11, Expat 2.5.0) ``xml.etree`` never fetches external entities or
DTDs, and Expat >= 2.4.1 limits entity amplification (billion laughs, quadratic
blow-up). We go further: a CAP document or a feed list never needs a DTD, so any
``<!DOCTYPE`` or entity declaration rejects the document before anything is expanded,
whatever the encoding the document declares (Expat sees the declaration after decoding).
This is what ``defusedxml`` does; with it installed we would use it instead of this.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from wallboard.sources.bmkg import HazardFeedError

_SEP = "\x1f"  # namespace separator Expat uses between URI and local name


def _name(raw: str) -> str:
    """Expat's "uri<SEP>local" as ElementTree's "{uri}local"."""
    uri, sep, local = raw.rpartition(_SEP)
    return f"{{{uri}}}{local}" if sep else raw


def _refuse(*_args: object) -> None:
    raise HazardFeedError("XML with a DTD or entity declarations is refused")


def parse_xml(body: bytes) -> ET.Element:
    """The root element of ``body``; HazardFeedError for malformed XML or any DTD."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = lambda name, attrs: builder.start(
        _name(name), {_name(k): v for k, v in attrs.items()}
    )
    parser.EndElementHandler = lambda name: builder.end(_name(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(body, True)
        return builder.close()
    except expat.ExpatError as exc:
        problem = f"{expat.ErrorString(exc.code)}, line {exc.lineno}"
        raise HazardFeedError(f"malformed XML ({problem})") from None
    except AssertionError:
        raise HazardFeedError("malformed XML (no root element)") from None


def local(tag: str) -> str:
    """An element's name without its namespace."""
    return tag.rpartition("}")[2]


def child(element: ET.Element, name: str) -> ET.Element | None:
    """The first child named ``name`` (any namespace)."""
    for sub in element:
        if local(sub.tag) == name:
            return sub
    return None


def children(element: ET.Element, name: str) -> list[ET.Element]:
    return [sub for sub in element if local(sub.tag) == name]


def text_of(element: ET.Element, name: str) -> str:
    """The stripped text of the first child named ``name``, or ""."""
    found = child(element, name)
    return (found.text or "").strip() if found is not None else ""


__all__ = ["child", "children", "local", "parse_xml", "text_of"]
