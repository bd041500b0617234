"""tiwell: score staff wellbeing and burnout surveys, from upload to team views.

The folders and modules, in the order the data flows through them (a module imports only from its
own stage and earlier ones; tests/test_layout.py holds the order):

- ``text``: words recognised in what people type (spellings, names, answer scales) and numbers as
  shown; ``theme``: the colours and the six trauma-informed principles. Both import nothing from
  tiwell, so every stage may use them.
- ``errors``: one ``TiwellError`` base for everything given that cannot be used; ``findings``: typed
  findings, the validation report built from them, and the upload told in sentences.
- ``ingest``: an upload's bytes -> tables of text, within limits, personal data dropped.
- ``instruments``: what is measured (the TOML definitions) as frozen records.
- ``mapping``: which column is which (items, team, wave, groupings, own questions).
- ``scoring``: answers -> numbers -> subscale scores, bands, profiles, dates and waves; one row per person.
- ``pipeline``: the first stages end to end (``score_file``); ``survey``: the scored survey's contract.
  ``combine``: several exports (one per wave) read one by one, then one survey (``score_files``).
- ``stats``: the statistics toolkit (one function per concept, checked against R).
- ``privacy``: the one boundary, an audited release of every aggregate that may be shown.
- ``comments``: what staff wrote, themed, flagged for safety and redacted before any is shown.
- ``actions``: the action log; ``analysis``: one module per question a page answers (overview,
  teams, trends, drivers, cohorts, turnover, leavers, action effects).
- ``packs``: benchmark packs, an organisation's aggregates to share, checked on reading and pooled
  with other organisations' into a benchmark.
- ``charts``: Plotly figures; ``export``: formula-safe CSV and XLSX; ``present``: the story drawn
  as deck, workbook and HTML.
- ``workspace``, ``worker``, ``cli``: on top of the stages.
"""

__version__ = "0.1.0"
