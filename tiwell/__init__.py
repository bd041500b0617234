"""tiwell: score staff wellbeing and burnout surveys, from upload to team views.

The flow, one module a step: ingest -> mapping -> validate -> scoring -> aggregate
(-> turnover, stats, charts, export). ``tiwell.pipeline.score_file`` runs the first four.
"""

__version__ = "0.1.0"
