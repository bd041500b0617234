"""A plain-language account of what was found in an upload, for the CLI and the home page."""

from __future__ import annotations

from tiwell.ingest.tables import LAYOUTS
from tiwell.survey import ScoredSurvey


def describe(survey: ScoredSurvey, *, chose_instrument: bool = False) -> list[str]:
    """Sentences: what was read, which instrument, which column is which, what was dropped,
    and how many respondents were scored. Names columns, never personal values."""
    table, mapping = survey.table, survey.mapping
    headers = ", ".join(map(str, table.header_rows))
    plural = "s" if len(table.header_rows) > 1 else ""
    lines = [f"Read {table.where} ({LAYOUTS[table.layout]} layout; header row{plural} {headers})."]
    how = "as you chose" if chose_instrument else "detected from the columns"
    found = ", ".join(f"{inst.short_name} ({len(mapping.item_columns(inst.id))} of {len(inst.items)} item columns)"
                      for inst in survey.instruments)
    lines.append(f"Instrument{'s' if len(survey.instruments) > 1 else ''} {how}: {found}.")
    lines += list(survey.notes)
    lines.append("Columns: " + "; ".join(_roles(survey)) + ".")
    lines += _own_questions(mapping)
    if table.dropped:
        lines.append("Dropped as personal data: " + ", ".join(f"'{c}'" for c, _ in table.dropped) + ".")
    if table.person_codes is not None:
        lines.append(f"Employee numbers kept only as private codes for this session, "
                     f"{int(table.person_codes.notna().sum())} given (for comparing later leavers with stayers).")
    if table.blank_rows:
        lines.append(f"Skipped {len(table.blank_rows)} blank row(s): {_rows(table.blank_rows)}.")
    c = survey.counts
    lines.append(f"Respondents: {c['respondents']}: {c['scored']} scored, {c['prorated']} prorated, "
                 f"{c['not_scored']} not scored.")
    invalid = survey.issues["code"].isin(["off_scale", "not_an_answer"]).sum()
    if invalid:
        lines.append(f"{invalid} answer(s) were not on the scale and count as unanswered (see the report).")
    return lines


def _roles(survey: ScoredSurvey) -> list[str]:
    mapping = survey.mapping
    parts = []
    for role, label in (("team", "team"), ("wave", "wave"), ("date", "date"), ("id", "respondent id")):
        column = mapping.column_for(role)
        if column:
            parts.append(f"{label} '{column}'")
    if mapping.column_for("wave") is None and mapping.column_for("date"):
        parts.append("waves told apart by the date")
    for role, label in (("group", "groupings"), ("comment", "comments")):
        columns = mapping.columns_for(role)
        if columns:
            parts.append(f"{label} " + ", ".join(f"'{c}'" for c in columns))
    return parts or ["no team, wave or id column found"]


def _own_questions(mapping) -> list[str]:
    """How many of the organisation's own questions were found, so a person knows to check them."""
    drivers, asked = mapping.columns_for("driver"), mapping.columns_for("outcome")
    if not drivers and not asked:
        return []
    tagged = mapping.table.loc[mapping.table["role"] == "driver", "principle"].notna().sum()
    about = f"; about leaving: {', '.join(repr(c) for c in asked)}" if asked else ""
    return [f"Questions of your own: {len(drivers)} (tagged with a trauma-informed principle: {tagged}){about}. "
            "Check their tags and reversed wording in the column mapping."]


def _rows(rows: tuple[int, ...], limit: int = 10) -> str:
    shown = ", ".join(map(str, rows[:limit]))
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")
