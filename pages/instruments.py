"""Instruments: what each measures, its items where the licence allows, how it is scored, and
where every rule and cut point comes from. Bring your own definition here."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import streamlit as st

from tiwell.errors import TiwellError
from tiwell.instruments import band_set_table, item_table, profile_table, scale_table, subscale_table
from tiwell.pipeline import builtins_in_order
from ui import state
from ui.safe import inert, inert_table

st.title("Instruments")
st.write(
    "Every score tiwell shows comes from one of these definitions. Each says what the instrument "
    "measures, which items belong to which part, which items are reverse-scored, how missing answers "
    "are handled, and where its cut points come from. Definitions are plain files: an organisation "
    "using another language version or edition can load its own."
)

with st.expander("Use your own instrument definition (TOML)"):
    st.caption("The same form as the built-in files (see tiwell/instruments/proqol5.toml). It is kept for "
               "this browser session only and offered on the upload page beside the built-in ones.")
    upload = st.file_uploader("Definition file", type=["toml"], key="custom-toml")
    if upload is not None:
        try:
            added = state.add_custom_instrument(upload.getvalue().decode("utf-8", errors="replace"))
            st.success(f"{inert(added.short_name)} ({inert(added.id)}) is ready to use.")
        except TiwellError as exc:
            st.error(f"That definition cannot be used. {inert(exc)}")

instruments = list(builtins_in_order()) + [state.parsed(t) for t in state.custom_instruments().values()]
names = {f"{inst.short_name}: {inst.name}": inst for inst in instruments}
inst = names[st.selectbox("Instrument", list(names))]

st.header(inert(inst.name))
st.write(inert(inst.measures))
if inst.timeframe:
    st.caption(f"People are asked: {inert(inst.timeframe)}")
if inst.notes:
    st.info(inert(inst.notes))

st.markdown("**Parts and how they are scored**")
st.table(inert_table(subscale_table(inst)), hide_index=True)
st.markdown("**Answers**")
st.table(inert_table(scale_table(inst)), hide_index=True)
st.markdown("**Items**")
st.table(inert_table(item_table(inst)), hide_index=True)
if inst.band_sets:
    st.markdown("**Other cut points you can choose** (never the default view)")
    st.table(inert_table(band_set_table(inst)), hide_index=True)
if inst.profiles is not None:
    st.markdown(f"**{inert(inst.profiles.label)}**: approximate profiles, by these boundaries on item means")
    st.caption(inert(f"{inst.profiles.source} {inst.profiles.note}"))
    st.table(inert_table(profile_table(inst)), hide_index=True)

st.markdown("**Citation**")
st.write(inert(inst.citation))
st.markdown("**Licence**")
st.write(inert(inst.licence))
