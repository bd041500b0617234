"""Benchmark packs: this survey's aggregates to share with other organisations, and theirs pooled."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import pandas as pd
import streamlit as st

from tiwell.errors import TiwellError
from tiwell.packs import (MIN_ORGANISATIONS, PACK_MIN, SECTORS, SIZE_BANDS, TEAM_TYPES, benchmark_bytes, pack_bytes,
                          pool_packs, read_pack, survey_pack)
from ui import state
from ui.references import keep_benchmark, kept_benchmark
from ui.safe import inert

AUTOMATIC = "From the number who answered"

st.title("Benchmark packs")
st.write("Compare with other organisations without anyone handing over their staff's answers. Each organisation "
         "downloads a small pack of its own aggregates; whoever pools them (a consortium, a region, a federation) "
         "brings all the packs here and gets a benchmark. A pack holds only the whole organisation's and each team "
         f"type's n, mean, SD and band counts: counts rounded to 5, no group under {PACK_MIN}, no team names, no "
         "comments, no free text.")
make, bring = st.tabs(["Download a benchmark pack", "Bring benchmark packs"])

with make:
    survey = state.current_survey()
    if survey is None:
        st.info("Upload and score a survey first; its pack is made from the numbers the dashboard may show.")
    else:
        release = state.release(survey, state.workspace().min_group)
        left, right = st.columns(2)
        name = left.text_input("Organisation name", key="pack-organisation",
                               help="Only a code made from the name goes into the pack, so the same organisation is "
                                    "counted once when packs are pooled. The name itself is not written.")
        sector = right.selectbox("Sector", SECTORS, key="pack-sector")
        waves = release.options("wave")
        wave = left.selectbox("Wave", waves[::-1], key="pack-wave") if waves else None
        period = right.text_input("Survey period (a year, or year and month)", value=str(wave or ""),
                                  key="pack-period", placeholder="2026-03")
        size = left.selectbox("Organisation size", [AUTOMATIC, *SIZE_BANDS], key="pack-size")
        st.markdown("**Team types**: tag teams with what they do; the pack reports each type, never a team.")
        tags = st.data_editor(pd.DataFrame({"team": list(survey.teams), "type": [""] * len(survey.teams)}),
                              hide_index=True, width="stretch", key="pack-types", disabled=["team"],
                              column_config={"type": st.column_config.SelectboxColumn("type", options=list(TEAM_TYPES))})
        try:
            pack = survey_pack(survey, release, organisation=name, sector=sector, period=period,
                               team_types=dict(zip(tags["team"], tags["type"].fillna(""))),
                               size=None if size == AUTOMATIC else size, wave=wave)
        except TiwellError as exc:
            st.info(inert(str(exc)))
        else:
            groups = sorted({s["group"] for s in pack["scores"]})
            st.caption(f"The pack holds {len(pack['scores'])} scores for: {inert(', '.join(groups))}. Team types "
                       f"under {PACK_MIN} people, or that would leave fewer than {PACK_MIN} people outside every "
                       "type, are left out; so are teams too small to show.")
            st.download_button("Download the benchmark pack", pack_bytes(pack), file_name="tiwell-benchmark-pack.json",
                               mime="application/json")

with bring:
    files = st.file_uploader("Benchmark packs (JSON), any number", type="json", accept_multiple_files=True,
                             key="pack-files")
    packs, refused = [], []
    for upload in files or []:
        try:
            packs.append(read_pack(upload.getvalue(), upload.name))
        except TiwellError as exc:
            refused.append(str(exc))
    for reason in refused:
        st.warning(inert(reason))
    if packs:
        benchmark = pool_packs(packs)
        keep_benchmark(benchmark)
        st.success(f"Benchmark of {inert(benchmark.summary())}")
        if benchmark.table.empty:
            st.info(f"No score has {MIN_ORGANISATIONS} or more organisations behind it yet, so nothing is pooled: "
                    "with fewer, one organisation could read another's figures back out.")
        else:
            shown = benchmark.table.drop(columns="bands").round(2)
            st.dataframe(shown, hide_index=True, width="stretch")
            st.caption("q1, median, q3: of the organisations' means (each organisation one value). Pooled mean and "
                       "SD: of everyone behind them, from each organisation's n, mean and SD. The benchmark can now be "
                       "chosen under 'Compare with' on the Overview, Teams and Present pages.")
            st.download_button("Download the benchmark", benchmark_bytes(benchmark), file_name="tiwell-benchmark.json",
                               mime="application/json")
    elif kept_benchmark() is not None and not files:
        st.caption(f"The benchmark brought earlier this session is in use: {inert(kept_benchmark().summary())}")
