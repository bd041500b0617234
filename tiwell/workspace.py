"""The workspace file a user takes home and brings back with the next wave's export.

It holds what decides every view (the column mapping, the instruments and cut points chosen, the
smallest group shown, whether teams go by neutral labels, the order of day and month for dates
that could be read either way, the mapping of each shape of headers met, so next year's export
with the same headers maps itself) and the action log, and nothing of the
survey's answers. Nothing is kept on the server: the cycle lives in this file. Loading checks
every field and names the one at fault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from tiwell.actions import Action, check_log, make_action
from tiwell.errors import ActionError, InstrumentError, MappingError, SettingsFileError, WorkspaceError
from tiwell.instruments.load import parse_instrument
from tiwell.mapping.saved import read_mapping_file
from tiwell.privacy.minimum import DEFAULT_MIN_GROUP, LOWEST_MIN_GROUP
from tiwell.ingest.settings_files import load_json

WORKSPACE_FORMAT = "tiwell-workspace"
VERSION = 1


@dataclass(frozen=True)
class Workspace:
    """Everything needed to draw the views again on the next wave's export."""

    mapping_json: str | None = None
    instruments: tuple[str, ...] = ()                     # chosen ids; empty: detect from the columns
    custom_instruments: tuple[tuple[str, str], ...] = ()  # (id, TOML text) of the user's own definitions
    band_sets: tuple[tuple[str, str], ...] = ()           # (instrument id, band set id)
    min_group: int = DEFAULT_MIN_GROUP
    neutral_labels: bool = False
    month_first: bool = False                             # 03/02/2026 as 2 March, where every date is ambiguous
    actions: tuple[Action, ...] = field(default=())
    # (header shape, mapping JSON): each file's mapping by its headers (tiwell.combine.header_shape)
    header_mappings: tuple[tuple[str, str], ...] = ()

    def mapping_for(self, shape: str) -> str | None:
        """The mapping saved for files with this shape of headers, if any."""
        return dict(self.header_mappings).get(shape)

    def remembering(self, mappings: dict[str, str]) -> Workspace:
        """This workspace with the mappings of these header shapes kept (a new one replaces the old)."""
        return replace(self, header_mappings=tuple(sorted((dict(self.header_mappings) | mappings).items())))

    def to_json(self) -> str:
        data = {"format": WORKSPACE_FORMAT, "version": VERSION,
                "mapping": json.loads(self.mapping_json) if self.mapping_json else None,
                "instruments": list(self.instruments), "custom_instruments": dict(self.custom_instruments),
                "band_sets": dict(self.band_sets), "min_group": self.min_group,
                "neutral_labels": self.neutral_labels, "actions": [a.to_dict() for a in self.actions]}
        if self.month_first:  # written only when set: a workspace left day-first saves the same file as before
            data["month_first"] = True
        if self.header_mappings:  # likewise: a workspace of single uploads saves the same file as before
            data["header_mappings"] = {shape: json.loads(text) for shape, text in self.header_mappings}
        return json.dumps(data, indent=2, ensure_ascii=False)


def load(text: str, source: str = "The workspace file") -> Workspace:
    """A Workspace from its JSON text, every field checked."""
    try:
        data = load_json(text, source, kind="a tiwell workspace")
    except SettingsFileError as exc:
        raise WorkspaceError(str(exc)) from None
    if not isinstance(data, dict) or data.get("format") != WORKSPACE_FORMAT:
        raise WorkspaceError(f"{source} is not a tiwell workspace (it needs \"format\": \"{WORKSPACE_FORMAT}\").")
    if data.get("version") != VERSION:
        raise WorkspaceError(f"{source} has version {data.get('version')!r}; this tiwell reads version {VERSION}.")
    return Workspace(mapping_json=_mapping(data.get("mapping"), f"{source}, field 'mapping',"),
                     instruments=tuple(_strings(data, "instruments", source)),
                     custom_instruments=_customs(_pairs(data, "custom_instruments", source), source),
                     band_sets=_pairs(data, "band_sets", source),
                     min_group=_min_group(data.get("min_group", DEFAULT_MIN_GROUP), source),
                     neutral_labels=_flag(data, "neutral_labels", source),
                     month_first=_flag(data, "month_first", source),  # absent from files saved before it existed
                     actions=_actions(data.get("actions", []), source),
                     header_mappings=_header_mappings(data.get("header_mappings", {}), source))


def _mapping(mapping, where: str) -> str | None:
    if mapping is None:
        return None
    text = json.dumps(mapping, ensure_ascii=False)
    try:
        read_mapping_file(text, source=where)
    except MappingError as exc:
        raise WorkspaceError(str(exc)) from None
    return text


def _header_mappings(value, source: str) -> tuple[tuple[str, str], ...]:
    """Each header shape's mapping, each checked as a mapping file is; absent from older files."""
    if not isinstance(value, dict) or not all(isinstance(m, dict) for m in value.values()):
        raise WorkspaceError(f"{source}: field 'header_mappings' must map header shapes to mappings.")
    return tuple(sorted((shape, _mapping(mapping, f"{source}, field 'header_mappings', shape '{shape}':"))
                        for shape, mapping in value.items()))


def _strings(data: dict, name: str, source: str) -> list[str]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise WorkspaceError(f"{source}: field '{name}' must be a list of instrument ids.")
    return value


def _pairs(data: dict, name: str, source: str) -> tuple[tuple[str, str], ...]:
    value = data.get(name, {})
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise WorkspaceError(f"{source}: field '{name}' must map instrument ids to text.")
    return tuple(sorted(value.items()))


def _customs(pairs: tuple[tuple[str, str], ...], source: str) -> tuple[tuple[str, str], ...]:
    """The user's own instrument definitions, each one checked as the Instruments page checks it."""
    for key, text in pairs:
        try:
            parsed = parse_instrument(text, source=f"{source}, custom instrument '{key}'")
        except InstrumentError as exc:
            raise WorkspaceError(str(exc)) from None
        if parsed.id != key:
            raise WorkspaceError(f"{source}: custom instrument '{key}' defines id '{parsed.id}'; they must match.")
    return pairs


def _min_group(value, source: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < LOWEST_MIN_GROUP:
        raise WorkspaceError(f"{source}: field 'min_group' must be a whole number of at least {LOWEST_MIN_GROUP}, "
                             f"not {value!r}.")
    return value


def _flag(data: dict, name: str, source: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise WorkspaceError(f"{source}: field '{name}' must be true or false, not {value!r}.")
    return value


def _actions(value, source: str) -> tuple[Action, ...]:
    if not isinstance(value, list):
        raise WorkspaceError(f"{source}: field 'actions' must be a list of actions.")
    try:
        return check_log([make_action(item, where=f"{source}, action {k}") for k, item in enumerate(value, start=1)])
    except ActionError as exc:
        raise WorkspaceError(str(exc)) from None


def check_instruments(workspace: Workspace, builtin_ids: list[str]) -> None:
    """Refuse a workspace naming an instrument neither built in nor defined in the file itself."""
    known = set(builtin_ids) | {i for i, _ in workspace.custom_instruments}
    for field_name, ids in (("instruments", workspace.instruments), ("band_sets", [i for i, _ in workspace.band_sets])):
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise WorkspaceError(f"The workspace's field '{field_name}' names instrument '{unknown[0]}', which this "
                                 f"tiwell does not know (known: {', '.join(sorted(known))}).")
