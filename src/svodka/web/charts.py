"""Charts drawn on the server as inline SVG: no script, no bundle to load,
readable by the browser's own zoom and by screen readers (each bar has a
`<title>`). `month_bars` stacks series per month on a continuous month axis
and can draw a line on a second axis from -1 to 1 (the cooperation-conflict
balance)."""
from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, HEIGHT = 900, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 44, 14, 34


def _nice_max(n: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if n <= step * 4:
            return step * 4 if n > step * 2 else (step * 2 if n > step else step)
    return n


def _ticks(months: list[str]) -> list[tuple[int, str]]:
    """Axis labels: every month (up to 12), else each January (as the year),
    thinned to at most 12 labels."""
    if len(months) <= 12:
        return list(enumerate(months))
    years = [(i, m[:4]) for i, m in enumerate(months) if m.endswith("-01")]
    step = max(1, -(-len(years) // 12))
    return years[::step] or [(0, months[0])]


def month_bars(months: list[str], series: list[tuple[str, str, list[int]]],
               line: tuple[str, list[float | None]] | None = None, label: str = "") -> Markup:
    """An SVG of stacked bars: `series` is `(name, css class, value per
    month)`; `line` an optional `(name, value per month in [-1, 1])`."""
    if not months:
        return Markup("")
    n = len(months)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    totals = [sum(s[2][i] for s in series) for i in range(n)]
    top = _nice_max(max(totals) or 1)
    slot = plot_w / n
    bar = max(1.0, min(slot * 0.8, 48.0))

    def y(v: float) -> float:
        return TOP + plot_h - plot_h * v / top

    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">']
    for tick in range(0, 5):
        v = top * tick / 4
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" '
                   f'y2="{y(v):.1f}"/><text class="axis" x="{LEFT - 6}" y="{y(v) + 4:.1f}" '
                   f'text-anchor="end">{v:g}</text>')
    for i, month in enumerate(months):
        x = LEFT + i * slot + (slot - bar) / 2
        base = 0
        for name, css, values in series:
            v = values[i]
            if v:
                out.append(f'<rect class="{escape(css)}" x="{x:.1f}" y="{y(base + v):.1f}" '
                           f'width="{bar:.1f}" height="{y(base) - y(base + v):.1f}">'
                           f'<title>{escape(month)}: {v} {escape(name)}</title></rect>')
                base += v
    for i, text in _ticks(months):
        x = LEFT + i * slot + slot / 2
        out.append(f'<text class="axis month" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                   f'text-anchor="middle">{escape(text)}</text>')
    if line is not None:
        name, values = line

        def y2(v: float) -> float:
            return TOP + plot_h * (1 - (v + 1) / 2)
        points = [(LEFT + i * slot + slot / 2, y2(v)) for i, v in enumerate(values) if v is not None]
        out.append(f'<text class="axis" x="{WIDTH - RIGHT + 6}" y="{y2(1) + 4:.1f}">+1</text>'
                   f'<text class="axis" x="{WIDTH - RIGHT + 6}" y="{y2(0) + 4:.1f}">0</text>'
                   f'<text class="axis" x="{WIDTH - RIGHT + 6}" y="{y2(-1) + 4:.1f}">−1</text>')
        if points:
            path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in points)
            out.append(f'<polyline class="balance" points="{path}"><title>{escape(name)}'
                       f'</title></polyline>')
            out += [f'<circle class="balance" cx="{x:.1f}" cy="{yy:.1f}" r="3"/>' for x, yy in points]
    out.append("</svg>")
    legend = "".join(f'<span class="key {escape(css)}">{escape(name)}</span>'
                     for name, css, _ in series)
    if line is not None:
        legend += f'<span class="key balance">{escape(line[0])}</span>'
    return Markup("".join(out) + f'<p class="legend chart-legend">{legend}</p>')
