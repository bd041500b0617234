"""Numbers, p-values and intervals as people read them, written one way everywhere they are shown.

A page, a chart, a slide and a sentence all say a mean, a change or an interval in the same
words: one decimal for scores, two for correlations and effect sizes, a sign on a change,
'to' between the ends of an interval. Two p-value styles stay distinct on purpose: a table cell
gives the number (:func:`p_value`, '< 0.001', '0.042'), a sentence gives it as reported in
papers (:func:`p_phrase`, 'p < .001', 'p = .042'); a table's p-value columns are written with
:func:`p_columns_written`, on a page and in a workbook alike.
"""

from __future__ import annotations



def _missing(value) -> bool:
    return value is None or value != value  # NaN is the one value unequal to itself


def fixed(value: float, digits: int = 1) -> str:
    """'24.1': a score or a mean to ``digits`` decimals."""
    return f"{value:.{digits}f}"


def signed(value: float, digits: int = 1) -> str:
    """'+1.5' or '-0.3': a change, whose sign is half of what it says."""
    return f"{value:+.{digits}f}"


def count(value: float) -> str:
    """'120': a number of people, which may arrive as a float (rounded to 5, or from a table)."""
    return f"{value:.0f}"


def short(value: float) -> str:
    """'10', '2.5': a scale end or a cut point as written in the instrument, no trailing zeros."""
    return f"{value:g}"


def percent(share: float) -> str:
    """'12%': a share of people, to the whole per cent."""
    return f"{share:.0%}"


def share_text(share: float) -> str:
    """'12%', or 'under 1%' for a share that is not quite nothing (which '0%' would hide)."""
    return "under 1%" if 0 < share < 0.005 else percent(share)


def interval(low: float, high: float, digits: int = 1, sign: bool = False) -> str:
    """'21.3 to 26.9' (or '-0.4 to +1.2' for an interval of a change, with ``sign``)."""
    write = signed if sign else fixed
    return f"{write(low, digits)} to {write(high, digits)}"


def with_interval(value: float, low: float, high: float, digits: int = 2, missing: str = "") -> str:
    """'0.31 (0.12 to 0.48)': an estimate with its interval in brackets; ``missing`` where there is none."""
    return missing if _missing(value) else f"{fixed(value, digits)} ({interval(low, high, digits)})"


def p_value(p: float) -> str:
    """A p-value in a table cell: three decimals, '< 0.001' below that, blank where there is none."""
    return "" if _missing(p) else "< 0.001" if p < 0.001 else f"{p:.3f}"


def p_phrase(p: float) -> str:
    """A p-value in a sentence, as papers report it: 'p < .001' or 'p = .042' (no leading zero)."""
    return "p < .001" if p < 0.001 else "p = " + f"{p:.3f}".lstrip("0")


def is_p_column(name: object) -> bool:
    """Whether a table's column holds p-values by its name: 'p', 'p_adj', 'spearman_p', 'p-unc'."""
    name = str(name).lower()
    return name == "p" or name.startswith(("p_", "p-")) or name.endswith(("_p", "-p")) or "_p_" in name


def p_columns_written(frame):
    """A copy of a table with every p-value column written as :func:`p_value` does ('< 0.001',
    '0.042'), so that no table, on a page or in a workbook, shows 0.00000000000000003."""
    written = {c: frame[c].map(p_value) for c in frame.columns
               if is_p_column(c) and frame[c].dtype.kind == "f"}
    return frame.assign(**written) if written else frame
