"""Server-drawn SVG charts: pure builders over plain values (no ORM, no request, no JavaScript).

Each builder returns one inline `<svg>` as a `SafeString`, ready for a template. The markup is built as a
tree of `Node`s and every text and attribute value goes through `django.utils.html.escape` when the tree is
rendered, so a club called `<script>` prints as text. Colours, widths and sizes are SVG presentation
attributes, never `style` attributes: the site's Content-Security-Policy (`style-src 'self'`) refuses inline
styles, and presentation attributes keep a chart legible where charts.css is not loaded (a feed reader).
The colours are the site's (static/css/site.css); text inherits the page's font.

Sizes are in viewBox units, and the chart scales to its container's width (`width="100%"`, `height: auto`
in charts.css). The box is 400 units wide so that its 13.5-unit labels read at about 12 px on a phone (a
358 px column) or in a 21rem aside, and charts.css caps the figure at 30rem so they stay near 16 px on a
desktop. Checked by eye in headless Chromium at 390 and 1000 px.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# The site's palette (static/css/site.css custom properties), repeated here because presentation
# attributes cannot read CSS custom properties.
INK_SOFT = "#4b4b4b"  # --ink-soft: tick labels
INK_FAINT = "#6b6b6b"  # --ink-faint: labels of the muted lines (5.3:1 on white)
GRID = "#e8e5df"  # lighter than --line, so the data leads
AXIS = "#8c8c8c"
MUTED_LINE = "#b4b4b4"
# Highlighted clubs in the order given: sport red, masthead navy, then two more dark enough for text.
HIGHLIGHT_COLOURS = ("#b3001b", "#0b2545", "#1b6b3a", "#7a4a00")

WIDTH = 400
HEIGHT = 290
MARGIN_TOP = 26  # the "Points" axis title sits above the plot, read horizontally
MARGIN_BOTTOM = 38  # tick labels, then the "Matchday" axis title
MARGIN_LEFT = 30
TICK_FONT = 12
LABEL_FONT = 13.5
LABEL_LINE = LABEL_FONT * 1.1  # baseline to baseline within a label
LABEL_SPACE = LABEL_FONT * 0.35  # more between two labels, so a two-line label reads as one
LABEL_OFFSET = 16  # from the furthest line end to the label column: room for leaders to fan out
CHAR_WIDTH = 0.58  # of the font size: a generous average for a bold system sans (DejaVu Sans is wide)
WRAP_AFTER = 17  # characters: a longer end label takes two lines


@dataclass
class Node:
    """An SVG element: a tag, attributes and children (nodes, or text to escape)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def add(self, tag: str, text: str | None = None, **attrs: object) -> Node:
        """Append a child element. `stroke_width=2` writes stroke-width="2"; `class_` writes class."""
        child = Node(tag, {_attr_name(k): _attr_value(v) for k, v in attrs.items() if v is not None})
        if text is not None:
            child.children.append(text)
        self.children.append(child)
        return child

    def render(self) -> str:
        attrs = "".join(f' {name}="{escape(value)}"' for name, value in self.attrs.items())
        if not self.children:
            return f"<{self.tag}{attrs}/>"
        inner = "".join(c.render() if isinstance(c, Node) else escape(c) for c in self.children)
        return f"<{self.tag}{attrs}>{inner}</{self.tag}>"


def _attr_name(name: str) -> str:
    # viewBox is the one camel-cased attribute we write; everything else is hyphenated.
    return name if name == "viewBox" else name.rstrip("_").replace("_", "-")


def _attr_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".removesuffix(".0")
    return str(value)


@dataclass(frozen=True)
class _Frame:
    """Where the plot sits in the viewBox and how values map onto it."""

    left: float
    top: float
    width: float
    height: float
    max_matchday: int
    y_low: int
    y_high: int

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def x(self, matchday: float) -> float:
        return self.left + self.width * matchday / self.max_matchday

    def y(self, points: float) -> float:
        return self.bottom - self.height * (points - self.y_low) / (self.y_high - self.y_low)


def points_race_svg(
    series: Mapping[str, Sequence[int]],
    *,
    highlight: Collection[str] = (),
    title: str,
    description: str,
    max_matchday: int | None = None,
    chart_id: str = "points-race",
) -> SafeString:
    """A line chart of cumulative points by matchday, one line per entry of `series`.

    `series` maps the label to print (a club's name) to its points after matchdays 1..n (lists may differ
    in length; see matches.standings.points_by_matchday); its order breaks ties between end labels.
    Clubs in `highlight` get thick lines in the site's colours, in the order `highlight` lists them (iterate
    a list, not a set); the others are thin and grey. Every line is labelled at its end, labels nudged apart
    where they would overlap. `max_matchday` sets the x axis's extent (the season's rounds, so the rounds
    still to play show as room to the right); by default the longest series. `chart_id` prefixes the ids of
    `<title>` and `<desc>`, so it must be unique in the page. With nothing to draw (no series, or only
    empty ones) the chart says so instead of drawing lines. The labels fit about eight lines; more crowd
    the top of the plot.
    """
    svg = _svg_root(title, description, chart_id)
    drawn = {label: list(points) for label, points in series.items() if points}
    if not drawn:
        return _empty(svg)
    longest = max(len(points) for points in drawn.values())
    frame = _frame(drawn, max(max_matchday or 0, longest))
    _axes(svg, frame)
    colours = _colours(drawn, [label for label in highlight if label in drawn])
    _lines(svg, frame, drawn, colours)
    _end_labels(svg, frame, drawn, colours)
    return mark_safe(svg.render())  # Node.render escaped every text and attribute value


def _svg_root(
    title: str, description: str, chart_id: str, *, height: int = HEIGHT, css: str = "points-race__svg"
) -> Node:
    svg = Node(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {height}",
            "width": "100%",
            "class": f"chart {css}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title",
            "aria-describedby": f"{chart_id}-desc",
        },
    )
    svg.add("title", title, id=f"{chart_id}-title")
    svg.add("desc", description, id=f"{chart_id}-desc")
    return svg


def _empty(svg: Node) -> SafeString:
    svg.add("rect", x=0.5, y=0.5, width=WIDTH - 1, height=HEIGHT - 1, fill="none", stroke=GRID)
    svg.add(
        "text",
        "No matches played yet",
        x=WIDTH / 2,
        y=HEIGHT / 2,
        text_anchor="middle",
        font_size=LABEL_FONT,
        fill=INK_FAINT,
    )
    return mark_safe(svg.render())  # Node.render escaped every text and attribute value


def _frame(drawn: Mapping[str, Sequence[int]], max_matchday: int) -> _Frame:
    values = [v for points in drawn.values() for v in points]
    step = _nice_step(max(values) - min(0, *values))
    y_low = step * math.floor(min(0, *values) / step)
    y_high = max(step * math.ceil(max(values) / step), y_low + step)
    return _Frame(
        left=MARGIN_LEFT,
        top=MARGIN_TOP,
        width=_plot_width(drawn, max_matchday),
        height=HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        max_matchday=max_matchday,
        y_low=y_low,
        y_high=y_high,
    )


def _nice_step(span: int) -> int:
    """A round gridline step giving at most five intervals over `span` points."""
    return next((step for step in (1, 2, 5, 10, 20, 25, 50, 100) if span <= 5 * step), 200)


def _plot_width(drawn: Mapping[str, Sequence[int]], max_matchday: int) -> float:
    """As wide as the end labels allow: they sit beyond the furthest line end, which leaves them more room
    when rounds are still to play."""
    widest = max(_text_width(line) for name, points in drawn.items() for line in _label_lines(name, points))
    room = WIDTH - MARGIN_LEFT - LABEL_OFFSET - widest - 2
    share = max(len(points) for points in drawn.values()) / max_matchday
    return min(room / share, WIDTH - MARGIN_LEFT - 10)


def _text_width(text: str, size: float = LABEL_FONT) -> float:
    return len(text) * size * CHAR_WIDTH


def _label_lines(name: str, points: Sequence[int]) -> list[str]:
    """An end label's lines: one ("Barcelona 79"), or for a long name two, broken at the space that makes the
    wider line shortest ("Real Betis" over "Balompié 57"), so that long names do not squeeze the plot on a
    phone."""
    label = f"{name} {points[-1]}"
    words = label.split(" ")
    if len(label) <= WRAP_AFTER or len(words) < 3:
        return [label]
    splits = [[" ".join(words[:n]), " ".join(words[n:])] for n in range(1, len(words) - 1)]
    return min(splits, key=lambda lines: max(len(line) for line in lines))


def _axes(svg: Node, frame: _Frame) -> None:
    grid = svg.add("g", class_="chart__grid", stroke=GRID, stroke_width=1)
    ticks = svg.add("g", class_="chart__ticks", font_size=TICK_FONT, fill=INK_SOFT)
    step = _nice_step(frame.y_high - frame.y_low)
    for value in range(frame.y_low, frame.y_high + 1, step):
        y = frame.y(value)
        if value != 0:
            grid.add("line", x1=frame.left, x2=frame.left + frame.width, y1=y, y2=y)
        ticks.add("text", str(value), x=frame.left - 6, y=y + TICK_FONT * 0.35, text_anchor="end")
    for matchday in _matchday_ticks(frame.max_matchday):
        x = frame.x(matchday)
        grid.add("line", x1=x, x2=x, y1=frame.bottom, y2=frame.bottom + 4, stroke=AXIS)
        ticks.add("text", str(matchday), x=x, y=frame.bottom + 6 + TICK_FONT, text_anchor="middle")
    zero = frame.y(0)
    svg.add("line", x1=frame.left, x2=frame.left + frame.width, y1=zero, y2=zero, stroke=AXIS, stroke_width=1)
    titles = svg.add("g", class_="chart__axis-titles", font_size=TICK_FONT, fill=INK_SOFT, font_weight=600)
    titles.add("text", "Points", x=frame.left - 6, y=MARGIN_TOP - 12, text_anchor="start")
    titles.add("text", "Matchday", x=frame.left + frame.width / 2, y=HEIGHT - 4, text_anchor="middle")


def _matchday_ticks(max_matchday: int) -> list[int]:
    """Round numbers readers count in: every matchday up to 10, else 1 and every fifth (or second), ending
    on the last matchday (the season's length), which replaces a tick too close before it."""
    step = 1 if max_matchday <= 10 else 2 if max_matchday <= 16 else 5
    ticks = [1, *range(step, max_matchday + 1, step)] if step > 1 else list(range(1, max_matchday + 1))
    if max_matchday - ticks[-1] < step * 0.8 and len(ticks) > 1:
        ticks.pop()
    return [*ticks, max_matchday] if ticks[-1] != max_matchday else ticks


def _colours(drawn: Mapping[str, Sequence[int]], highlighted: Sequence[str]) -> dict[str, str | None]:
    """Each label's colour, None for a muted line."""
    palette = {label: HIGHLIGHT_COLOURS[n % len(HIGHLIGHT_COLOURS)] for n, label in enumerate(highlighted)}
    return {label: palette.get(label) for label in drawn}


def _lines(svg: Node, frame: _Frame, drawn: Mapping[str, Sequence[int]], colours: Mapping[str, str | None]) -> None:
    """Muted lines first, highlighted ones over them, each from 0 points before matchday 1."""
    group = svg.add("g", class_="chart__lines", fill="none", stroke_linejoin="round", stroke_linecap="round")
    for label in sorted(drawn, key=lambda label: colours[label] is not None):
        colour = colours[label]
        coords = [(frame.x(n), frame.y(v)) for n, v in enumerate([0, *drawn[label]])]
        group.add(
            "polyline",
            points=" ".join(f"{_attr_value(x)},{_attr_value(y)}" for x, y in coords),
            stroke=colour or MUTED_LINE,
            stroke_width=3 if colour else 1.5,
            class_="chart__line chart__line--highlight" if colour else "chart__line",
        )
        x, y = coords[-1]
        group.add("circle", cx=x, cy=y, r=3.5 if colour else 2.5, fill=colour or MUTED_LINE, stroke="none")


def _end_labels(
    svg: Node, frame: _Frame, drawn: Mapping[str, Sequence[int]], colours: Mapping[str, str | None]
) -> None:
    """Labels in one column beyond the furthest line end, nudged apart, with a leader to any line whose
    label had to move or stands off from it. A label's first line is the one aligned with its line's end."""
    names = list(drawn)
    lines = [_label_lines(name, drawn[name]) for name in names]
    wanted = [frame.y(drawn[name][-1]) for name in names]
    placed = _spread(wanted, [len(lines_) for lines_ in lines], low=frame.top - 6, high=frame.bottom)
    column = frame.x(max(len(points) for points in drawn.values())) + LABEL_OFFSET
    group = svg.add("g", class_="chart__labels", font_size=LABEL_FONT)
    # Highlighted labels last, so they paint over any muted leader.
    for n in sorted(range(len(names)), key=lambda n: colours[names[n]] is not None):
        colour, x_end = colours[names[n]], frame.x(len(drawn[names[n]]))
        if abs(placed[n] - wanted[n]) > 1 or column - x_end > LABEL_OFFSET + 1:
            group.add(
                "polyline",
                points=_leader(x_end, wanted[n], column, placed[n]),
                fill="none",
                stroke=colour or MUTED_LINE,
                stroke_width=1,
            )
        _label_text(group, lines[n], column, placed[n], colour)


def _label_text(group: Node, lines: Sequence[str], x: float, y: float, colour: str | None) -> None:
    text = group.add(
        "text",
        x=x,
        y=y + LABEL_FONT * 0.35,
        fill=colour or INK_FAINT,
        font_weight=700 if colour else 400,
        # A white halo keeps the label legible where it crosses a gridline or a leader.
        stroke="#fff",
        stroke_width=3,
        paint_order="stroke",
        stroke_linejoin="round",
    )
    for n, line in enumerate(lines):
        text.add("tspan", line, x=x, dy=LABEL_LINE if n else None)


def _leader(x_end: float, y_line: float, column: float, y_label: float) -> str:
    """From a line's end to its label: level as far as the furthest line end, then straight to the label, so
    the leaders of a crowd fan out rather than bunch into a comb."""
    fan_from = column - LABEL_OFFSET + 3
    points = [(x_end + 4, y_line), (max(fan_from, x_end + 4), y_line), (column - 3, y_label)]
    return " ".join(f"{_attr_value(x)},{_attr_value(y)}" for x, y in points)


def _spread(wanted: Sequence[float], lines: Sequence[int], *, low: float, high: float) -> list[float]:
    """Each label's first-line position: as close to `wanted` as it can be without crowding another label
    (`lines` counts each label's lines), every line within [low, high].

    Overlapping labels merge into a block centred on their wanted positions, and blocks keep merging
    until none overlap: no label moves further than its crowd needs.
    """
    steps = [n * LABEL_LINE + LABEL_SPACE for n in lines]
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    blocks: list[list[int]] = []
    for i in order:
        blocks.append([i])
        while len(blocks) > 1 and _bottom(blocks[-2], wanted, steps, low, high) > _top(
            blocks[-1], wanted, steps, low, high
        ):
            blocks[-2:] = [blocks[-2] + blocks[-1]]
    placed = [0.0] * len(wanted)
    for block in blocks:
        y = _top(block, wanted, steps, low, high)
        for i in block:
            placed[i] = y
            y += steps[i]
    return placed


def _top(block: Sequence[int], wanted: Sequence[float], steps: Sequence[float], low: float, high: float) -> float:
    """Where a block's first line goes: its labels' first lines centred on where they want to be, the block
    kept within bounds. `steps[i]` is the room label i takes, first line to the next label's first line."""
    offsets = [sum(steps[j] for j in block[:k]) for k in range(len(block))]
    top = sum(wanted[i] - offset for i, offset in zip(block, offsets, strict=True)) / len(block)
    last_line = sum(steps[i] for i in block) - LABEL_LINE - LABEL_SPACE
    return min(max(top, low), high - last_line)


def _bottom(block: Sequence[int], wanted: Sequence[float], steps: Sequence[float], low: float, high: float) -> float:
    """Where the label after `block` may start."""
    return _top(block, wanted, steps, low, high) + sum(steps[i] for i in block)


# ---- Points per game by season: bars from 0 to 3 ------------------------------------------------------------

PPG_HEIGHT = 170
PPG_MAX = 3  # a win every match
PPG_TOP = 22  # room for the value over a full bar
PPG_BOTTOM = 24  # the season labels
PPG_BAR_MAX = 64  # a bar's widest, so two seasons do not look like two walls


def points_per_game_svg(
    bars: Sequence[tuple[str, float]], *, title: str, description: str, chart_id: str = "ppg"
) -> SafeString:
    """A bar per season: the points per game (0 to 3) a coach's side took, the value printed over each bar.

    `bars` is (season label, points per game), in the order to draw them; `chart_id` must be unique in the
    page. With no bars the chart says so.
    """
    svg = _svg_root(title, description, chart_id, height=PPG_HEIGHT, css="ppg__svg")
    if not bars:
        return _empty(svg)
    plot_height = PPG_HEIGHT - PPG_TOP - PPG_BOTTOM
    left, right = MARGIN_LEFT, WIDTH - 8
    for tick in range(PPG_MAX + 1):
        y = PPG_TOP + plot_height * (1 - tick / PPG_MAX)
        svg.add("line", x1=left, x2=right, y1=y, y2=y, stroke=AXIS if tick == 0 else GRID)
        svg.add(
            "text",
            str(tick),
            x=left - 8,
            y=y + TICK_FONT * 0.35,
            text_anchor="end",
            font_size=TICK_FONT,
            fill=INK_SOFT,
        )
    slot = (right - left) / len(bars)
    width = min(slot * 0.6, PPG_BAR_MAX)
    for n, (label, value) in enumerate(bars):
        centre = left + slot * (n + 0.5)
        height = plot_height * min(max(value, 0), PPG_MAX) / PPG_MAX
        top = PPG_TOP + plot_height - height
        svg.add("rect", x=centre - width / 2, y=top, width=width, height=height, fill=HIGHLIGHT_COLOURS[1])
        svg.add(
            "text",
            f"{value:.2f}",
            x=centre,
            y=top - 6,
            text_anchor="middle",
            font_size=LABEL_FONT,
            font_weight="bold",
            fill=HIGHLIGHT_COLOURS[1],
        )
        svg.add("text", label, x=centre, y=PPG_HEIGHT - 6, text_anchor="middle", font_size=TICK_FONT, fill=INK_SOFT)
    return mark_safe(svg.render())  # Node.render escaped every text and attribute value
