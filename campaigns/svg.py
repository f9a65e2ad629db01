"""SVG sanitising: svg-hush (a maintained allowlist filter) removes scripts, event handlers,
foreign objects and entities; a second strict pass drops every reference that leaves the
file (hrefs other than "#id", url() in styles, @import), so an SVG never loads or runs
anything when shown or opened."""

import re
from xml.etree import ElementTree  # noqa: S405 (serialising only; parsing uses defusedxml)

import py_svg_hush
from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
HREF_ATTRIBUTES = {"href", f"{{{XLINK_NS}}}href"}
EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)[^)]*\)", re.IGNORECASE)
LEFTOVER_URL = re.compile(r"[a-z][a-z0-9+.-]*://[^\s;{}]*\)?;?", re.IGNORECASE)
IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)
DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(\[[^\]]*\])?\s*>", re.IGNORECASE)
MAX_SVG_BYTES = 5 * 1024 * 1024

ElementTree.register_namespace("", SVG_NS)
ElementTree.register_namespace("xlink", XLINK_NS)


class UnsafeSvg(ValueError):
    pass


def _local_name(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _clean_style(text):
    text = IMPORT.sub("", EXTERNAL_URL.sub("none", text or ""))
    return LEFTOVER_URL.sub("", text)  # what svg-hush leaves of a broken-up @import


def sanitise_svg(data: bytes) -> bytes:
    """The SVG without anything active or external; raises UnsafeSvg when it is no SVG."""
    if len(data) > MAX_SVG_BYTES:
        raise UnsafeSvg("too large")
    if b"<!entity" in data.lower():
        raise UnsafeSvg("entity declarations")  # billion laughs, external entities
    # a plain DOCTYPE (as drawing programs write) goes; svg-hush would keep nothing of it
    data = DOCTYPE.sub(b"", data)
    try:
        filtered = py_svg_hush.filter_svg(data)
        root = SafeElementTree.fromstring(filtered, forbid_dtd=True)
    except (ValueError, SafeElementTree.ParseError, DefusedXmlException) as error:
        raise UnsafeSvg(str(error)) from error
    if _local_name(root.tag) != "svg":
        raise UnsafeSvg("not an SVG document")
    _strip(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _strip(element):
    for child in list(element):
        name = _local_name(child.tag)
        href = child.get("href") or child.get(f"{{{XLINK_NS}}}href") or ""
        if name in {"script", "foreignObject", "iframe", "embed", "object"} or (
                name == "image" and not href.startswith("data:image/")):
            element.remove(child)
            continue
        _strip(child)
    for attribute in list(element.attrib):
        value = element.attrib[attribute]
        if _local_name(attribute).lower().startswith("on") or attribute in HREF_ATTRIBUTES and not (
                value.startswith("#") or (_local_name(element.tag) == "image"
                                          and value.startswith("data:image/"))):
            del element.attrib[attribute]
        elif attribute == "style":
            element.attrib[attribute] = _clean_style(value)
    if _local_name(element.tag) == "style":
        element.text = _clean_style(element.text)
