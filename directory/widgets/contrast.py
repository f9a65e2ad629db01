"""WCAG 2.1 contrast ratio of two sRGB colours (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio)."""

import re

AA_NORMAL_TEXT = 4.5
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground, background):
    """From 1 (same colour) to 21 (black on white)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def passes_aa(foreground, background):
    return contrast_ratio(foreground, background) >= AA_NORMAL_TEXT
