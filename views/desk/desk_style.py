"""The desk's type sizes: a desk is read from half a metre, not five.

The theme's stylesheet sizes everything for the wall; this one, set on the desk window,
overrides the sizes for its descendants (colours stay the theme's). Rows of the desk's
tables are sized from the same numbers.
"""

from __future__ import annotations

from views.theme import Theme

DESK_SIZES = {
    "headline": 34,
    "figure": 26,
    "title": 19,
    "label": 15,
    "small": 13,
    "agency": 16,
}
ROW_PX = 26  # one table row of ``label`` text with its padding


def desk_stylesheet(theme: Theme) -> str:
    """QSS for the desk window: the wall's roles at desk sizes, plain widgets at ``label``,
    and scroll bars (the wall has none: nobody scrolls a wall)."""
    s = DESK_SIZES
    t = theme.tokens
    roles = {
        "title": s["title"],
        "headline": s["headline"],
        "clock": s["headline"],
        "figure": s["figure"],
        "caption": s["label"],
        "agency": s["agency"],
        "link": s["label"],
        "more": s["small"],
        "chip": s["small"],
        "small": s["small"],
        "banner": s["title"],
        "placeholder": s["title"],
    }
    rules = [f"QWidget {{ font-size: {s['label']}px; }}"]
    rules += [f'QLabel[role="{role}"] {{ font-size: {px}px; }}' for role, px in roles.items()]
    rules += [
        f"QTableView {{ font-size: {s['label']}px; }}",
        "QTableView::item { padding: 0px 6px; }",
        f"QHeaderView::section {{ font-size: {s['small']}px; padding: 2px 6px; }}",
        f"QDockWidget {{ font-size: {s['small']}px; font-weight: bold; }}",
        f"QMenuBar, QMenu, QStatusBar {{ font-size: {s['label']}px; }}",
        f"QComboBox, QLineEdit {{ font-size: {s['label']}px; }}",
        f"QScrollBar {{ width: 12px; height: 12px; background: {t['background']}; }}",
        f"QScrollBar::handle {{ background: {t['border']}; border-radius: 5px; margin: 1px; }}",
        "QScrollBar::handle:vertical { min-height: 28px; }",
        "QScrollBar::handle:horizontal { min-width: 28px; }",
        f"QScrollBar::handle:hover {{ background: {t['muted']}; }}",
        "QScrollBar::add-line, QScrollBar::sub-line { width: 0px; height: 0px; border: none; }",
        "QScrollBar::add-page, QScrollBar::sub-page { background: none; }",
        # the acknowledge button: loud while a takeover is on show, quiet otherwise
        f"QToolButton:enabled {{ color: {t['critical']}; font-weight: bold; }}",
        f"QToolButton:disabled {{ color: {t['border']}; font-weight: normal; }}",
    ]
    return "\n".join(rules)


__all__ = ["DESK_SIZES", "ROW_PX", "desk_stylesheet"]
