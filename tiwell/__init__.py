"""tiwell: score staff wellbeing and burnout surveys, from upload to team views.

The folders read in the order the data flows through them:

- ``text``: words recognised in what people type (spellings, names, answer scales); used by every stage.
- ``ingest``: an upload's bytes -> tables of text, within limits, personal data dropped.
- ``instruments``: what is measured (the TOML definitions) as frozen records.
- ``mapping``: which column is which (items, team, wave, groupings, own questions).
- ``scoring``: answers -> numbers -> subscale scores, bands, profiles, waves; one row per person.
- ``pipeline``: the first stages end to end (``score_file``); ``survey``: the scored survey's contract.
- ``privacy``: the one boundary, an audited release of every aggregate that may be shown.
- ``stats``: the statistics toolkit (one function per concept, checked against R).
- ``analysis``: trends, drivers, cohorts, turnover, leavers, action effects.
- ``charts`` and ``present``: figures, and the story drawn as deck, workbook and HTML; ``theme``: the
  colours and the six trauma-informed principles, imported by any stage (it imports nothing from tiwell).
- ``errors``: one ``TiwellError`` base for everything given that cannot be used; ``findings``: typed
  findings, the validation report built from them, and the upload told in sentences.
- ``actions``, ``workspace``, ``export``, ``worker``, ``cli``: on top of the stages.
"""

__version__ = "0.1.0"
