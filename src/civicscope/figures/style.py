"""The one look of every civicscope figure: palette, fonts, sizes, widths and language.

Colours come from the Okabe–Ito palette, which stays distinguishable with the common colour-vision
deficiencies and in greyscale print for the pairs used here. The font is DejaVu Sans, shipped with
matplotlib, so that a figure does not change with the fonts installed on the machine that draws it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any, Iterator

import matplotlib

matplotlib.use("Agg")  # files only, never a window; also the only backend that is byte-stable here

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from civicscope.figures import labels  # noqa: E402

MM_PER_INCH = 25.4

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
# Fixed colours for the codes that recur across figures, so a reader learns them once.
STANCE_COLOURS = {
    "cooperation": OKABE_ITO["bluish_green"],
    "confrontation": OKABE_ITO["vermillion"],
    "neutral": "#BBBBBB",
    "balanced": "#555555",  # as much cooperation as confrontation: darker than neutral, not a third hue
}
SIDE_COLOURS = {"platform": OKABE_ITO["orange"], "institution": OKABE_ITO["sky_blue"], "other": "#CCCCCC", "": "#CCCCCC"}
TYPE_COLOURS = {
    "platform": OKABE_ITO["blue"],
    "civic_tech": OKABE_ITO["reddish_purple"],
    "neighbourhood_network": OKABE_ITO["orange"],
}
# Colours for categories without a fixed colour (genres, languages, models), in this order.
CYCLE = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "reddish_purple", "sky_blue", "vermillion", "yellow", "black")]
# Sequential map for shares (white to blue), readable in greyscale.
SEQUENTIAL = "Blues"

BASE_FONT_PT = 7.0  # journals ask for 6-8 pt at print size; figures are drawn at print size


@dataclass(frozen=True)
class Style:
    """Language, print width and resolution of a figure.

    Attributes:
        language: ``en`` or ``fr`` for every word on the figure.
        width_mm: printed width in millimetres (single or double journal column).
        dpi: resolution of the PNG copy.
    """

    language: str = "en"
    width_mm: float = 183.0
    dpi: int = 300
    rc: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.language not in labels.LANGUAGES:
            raise ValueError(f"figure language must be one of {labels.LANGUAGES}, not {self.language!r}")
        if self.width_mm <= 0:
            raise ValueError("figure width must be positive")

    @property
    def width_in(self) -> float:
        """Printed width in inches."""
        return self.width_mm / MM_PER_INCH

    def size(self, height_mm: float) -> tuple[float, float]:
        """Figure size in inches for the configured width and ``height_mm``."""
        return self.width_in, height_mm / MM_PER_INCH

    def text(self, key: str, **values: object) -> str:
        """A sentence of the label table in the configured language."""
        return labels.text(key, self.language, **values)

    def code(self, value: str) -> str:
        """The display name of a table code in the configured language."""
        return labels.code(value, self.language)

    def figure(self, height_mm: float) -> Figure:
        """A new figure at print size with constrained layout (no clipped labels, no manual margins)."""
        # Not through pyplot: nothing is kept in a global registry, so many figures never pile up.
        return Figure(figsize=self.size(height_mm), layout="constrained")


def rc_params() -> dict[str, Any]:
    """Matplotlib settings shared by every figure."""
    return {
        "font.family": "DejaVu Sans",
        "font.size": BASE_FONT_PT,
        "axes.titlesize": BASE_FONT_PT + 1,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": BASE_FONT_PT,
        "xtick.labelsize": BASE_FONT_PT - 0.5,
        "ytick.labelsize": BASE_FONT_PT - 0.5,
        "legend.fontsize": BASE_FONT_PT - 0.5,
        "legend.title_fontsize": BASE_FONT_PT,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.linewidth": 0.6,
        "axes.grid": False,
        "axes.prop_cycle": matplotlib.cycler(color=CYCLE),
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "xtick.major.size": 2.5,
        "ytick.major.size": 2.5,
        "lines.linewidth": 1.2,
        "lines.markersize": 4,
        "patch.linewidth": 0.4,
        "figure.dpi": 100,
        "savefig.dpi": 300,
        "figure.constrained_layout.h_pad": 0.03,
        "figure.constrained_layout.w_pad": 0.03,
        # TrueType (Type 42) fonts in PDF: text stays editable and journals accept it; no Type 3 bitmaps.
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        # SVG ids come from a hash salted with this string instead of a random one.
        "svg.hashsalt": "civicscope",
        "svg.fonttype": "none",
        # One text path for every run: no TeX, no system fonts.
        "text.usetex": False,
        "axes.unicode_minus": True,
        "image.cmap": SEQUENTIAL,
    }


@contextlib.contextmanager
def drawing() -> Iterator[None]:
    """Context in which figures are both drawn and saved with the civicscope settings."""
    with plt.rc_context(rc_params()):
        yield


def colour_for(value: str, palette: dict[str, str], order: list[str]) -> str:
    """The fixed colour of ``value`` if it has one, else its colour in the cycle by position in ``order``."""
    if value in palette:
        return palette[value]
    free = [v for v in order if v not in palette]
    return CYCLE[free.index(value) % len(CYCLE)] if value in free else OKABE_ITO["grey"]


def empty_figure(style: Style, title: str, height_mm: float = 50.0) -> Figure:
    """A figure that says there is nothing to draw, so a tiny corpus still yields every file."""
    fig = style.figure(height_mm)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.5, style.text("no_data"), ha="center", va="center", transform=ax.transAxes, color=OKABE_ITO["grey"])
    return fig
