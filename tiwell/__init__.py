"""tiwell: score staff wellbeing and burnout surveys, from upload to team views.

The flow, one module a step: ingest -> mapping -> validate -> scoring -> release (every
shown number, audited by disclosure) -> charts, presentation, export. ``tiwell.pipeline.score_file`` runs the first four.
"""

__version__ = "0.1.0"
