"""Synthetic surveys for the samples, tests and benchmarks; not part of the runtime core.

Takes a seed; gives realistic respondents (:mod:`synthetic.samples`) written exactly as each survey
tool exports them (:mod:`synthetic.layouts`). ``python -m synthetic.samples [FOLDER]`` writes
``data/samples/`` again. The dashboard never imports this package: its sample is the files it wrote.
"""
