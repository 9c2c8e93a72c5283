"""The policy-instrument figure of a plan, interactive (plotly, cartesian traces only).

The same data as :func:`jxplan.plot_text.instruments`: the codes per
sub-type as bars coloured by type, and the sub-type × action-area matrix as
a heatmap; hovering a bar or a cell gives the count, and the note says that
the coding is jxplan's judgement on the held text only.

Examples
--------
>>> fig = instruments(lang="en")
>>> [t.type for t in fig.data]
['bar', 'bar', 'bar', 'heatmap']
>>> fig.layout.title.text
"Policy instruments of the 2016 plan (jxplan's coding)"
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jxplan.labels import check_lang, label

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go

__all__ = ["instruments"]


def instruments(*, lang: str = "zh", codes: pd.DataFrame | None = None,
                plan_id: str = "jx-2016") -> go.Figure:
    """Bars of the codes per instrument sub-type and the sub-type × action-area heatmap.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    codes : DataFrame, optional
        A coding (default: jxplan's coding of the held plan).
    plan_id : str
        The plan whose action areas head the matrix.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    from jxplan import text
    from jxplan.interactive_layers import base_layout
    from jxplan.layers_text import TYPE_COLORS
    from jxplan.plot_text import matrix_columns

    check_lang(lang)
    chosen = text.load_instrument_codes(plan_id=plan_id) if codes is None else codes
    mix = text.instrument_mix(chosen, plan_id=plan_id)
    matrix = text.instrument_matrix(chosen, plan_id=plan_id)
    columns = matrix_columns(matrix, lang=lang, plan_id=plan_id)
    rows = [str(v) for v in mix[f"subtype_{lang}"]]
    fig = go.Figure()
    for kind, colour in TYPE_COLORS.items():
        part = mix[mix["instrument_type"] == kind]
        type_name = label(f"instrument_type.{kind}", lang=lang)
        hover = [label("instruments.hover", lang=lang).format(type=type_name, subtype=s, n=int(n))
                 for s, n in zip(part[f"subtype_{lang}"], part["n_codes"], strict=True)]
        fig.add_trace(go.Bar(x=[int(n) for n in part["n_codes"]],
                             y=[str(s) for s in part[f"subtype_{lang}"]], orientation="h",
                             marker={"color": colour}, name=type_name, hovertext=hover,
                             hoverinfo="text", xaxis="x", yaxis="y"))
    cols = list(columns)
    names = [columns[c].replace("\n", "") for c in cols]
    cells = [[label("instruments.cell", lang=lang).format(subtype=r, area=a, n=int(v))
              for a, v in zip(names, matrix.loc[code, cols], strict=True)]
             for r, code in zip(rows, mix.index, strict=True)]
    fig.add_trace(go.Heatmap(z=[[int(v) or None for v in matrix.loc[code, cols]]
                                for code in mix.index],
                             x=[columns[c].replace("\n", "<br>") for c in cols], y=rows,
                             colorscale="Blues", showscale=False, hovertext=cells,
                             hoverinfo="text", xgap=1, ygap=1, texttemplate="%{z}",
                             xaxis="x2", yaxis="y2", name=label("instruments.matrix", lang=lang)))
    layout = base_layout(label("figure.instruments", lang=lang),
                          label("instruments.sub", lang=lang), lang=lang)
    layout.update({
        "xaxis": {"domain": [0.0, 0.5], "title": {"text": label("instruments.count", lang=lang)},
                  "dtick": 1, "rangemode": "tozero"},
        "yaxis": {"categoryorder": "array", "categoryarray": rows[::-1], "automargin": True},
        "xaxis2": {"domain": [0.56, 1.0], "side": "bottom"},
        "yaxis2": {"anchor": "x2", "categoryorder": "array", "categoryarray": rows[::-1],
                   "showticklabels": False},
        "barmode": "overlay", "height": 640,
        "legend": {"orientation": "h", "x": 0.0, "y": -0.12},
        "margin": {"t": 110, "l": 10, "r": 10, "b": 80},
    })
    fig.update_layout(layout)
    return fig
