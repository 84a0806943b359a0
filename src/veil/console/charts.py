"""Small server-side SVG charts (bars and lines) for the console: no JavaScript, no CDN.

Colours and sizes are presentation attributes, not ``style`` attributes, so the console's
Content-Security-Policy can forbid inline styles. Labels are escaped by the templates that embed
the returned markup (built with :func:`markupsafe.escape` here).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

_W, _H, _PAD_L, _PAD_B, _PAD_T = 560, 200, 48, 36, 12
_COLOURS = ("#3465a4", "#cc0000", "#4e9a06", "#c4a000", "#75507b", "#f57900")


def _fmt(v: float) -> str:
    if v >= 100:
        return f"{v:.0f}"
    if v >= 1:
        return f"{v:.1f}"
    return f"{v:.3g}"


def bar_chart(items: Sequence[tuple[str, float]], *, title: str, unit: str = "") -> Markup:
    """Horizontal bars, one per (label, value)."""
    n = max(1, len(items))
    row = 22
    h = _PAD_T + n * row + 8
    top = max((v for _, v in items), default=0.0) or 1.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {_W} {h}" '
        f'width="{_W}" height="{h}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if not items:
        parts.append(f'<text x="8" y="{_PAD_T + 14}" fill="#555" font-size="13">no data yet</text>')
    label_w = 150
    for i, (label, value) in enumerate(items):
        y = _PAD_T + i * row
        w = (_W - label_w - 70) * value / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" font-size="12" '
            f'fill="#222">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" '
            f'fill="{_COLOURS[0]}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" font-size="12" fill="#222">'
            f"{escape(_fmt(value))}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # nosec B704 # every interpolated value is escape()d above


def line_chart(
    xs: Sequence[float],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    x_label: str = "minutes ago",
) -> Markup:
    """Lines over time; ``xs`` are unix times (shown as minutes before the last one)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {_W} {_H}" '
        f'width="{_W}" height="{_H}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    plot_w, plot_h = _W - _PAD_L - 10, _H - _PAD_B - _PAD_T
    parts.append(
        f'<line x1="{_PAD_L}" y1="{_PAD_T + plot_h}" x2="{_PAD_L + plot_w}" '
        f'y2="{_PAD_T + plot_h}" stroke="#888"/>'
        f'<line x1="{_PAD_L}" y1="{_PAD_T}" x2="{_PAD_L}" y2="{_PAD_T + plot_h}" stroke="#888"/>'
    )
    if len(xs) < 2:
        parts.append(
            f'<text x="{_PAD_L + 8}" y="{_PAD_T + 20}" fill="#555" font-size="13">'
            "collecting samples (one every few seconds)</text></svg>"
        )
        return Markup("".join(parts))  # nosec B704 # every interpolated value is escape()d above
    x0, x1 = xs[0], xs[-1]
    span = (x1 - x0) or 1.0
    top = max((max(vals, default=0.0) for _, vals in series), default=0.0) or 1.0
    for frac in (0.0, 0.5, 1.0):
        y = _PAD_T + plot_h * (1 - frac)
        parts.append(
            f'<text x="{_PAD_L - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#444">{escape(_fmt(top * frac))}</text>'
        )
    for frac in (0.0, 0.5, 1.0):
        x = _PAD_L + plot_w * frac
        ago = (span * (1 - frac)) / 60.0
        parts.append(
            f'<text x="{x:.1f}" y="{_PAD_T + plot_h + 16}" text-anchor="middle" font-size="11" '
            f'fill="#444">{escape(_fmt(ago))}</text>'
        )
    parts.append(
        f'<text x="{_PAD_L + plot_w / 2:.1f}" y="{_H - 4}" text-anchor="middle" font-size="11" '
        f'fill="#444">{escape(x_label)}</text>'
    )
    for k, (name, vals) in enumerate(series):
        colour = _COLOURS[k % len(_COLOURS)]
        pts = " ".join(
            f"{_PAD_L + plot_w * (x - x0) / span:.1f},{_PAD_T + plot_h * (1 - v / top):.1f}"
            for x, v in zip(xs, vals, strict=False)
        )
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"/>')
        parts.append(
            f'<rect x="{_PAD_L + 10 + k * 130}" y="{_PAD_T}" width="10" height="10" '
            f'fill="{colour}"/><text x="{_PAD_L + 24 + k * 130}" y="{_PAD_T + 9}" '
            f'font-size="11" fill="#222">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # nosec B704 # every interpolated value is escape()d above


__all__ = ["bar_chart", "line_chart"]
