"""Synthetic surveys for the samples, tests and benchmarks; not part of the runtime core.

Takes a seed; gives a made-up organisation's respondents (:mod:`synthetic.respondents`), the comments
they wrote with what each is about, its tone, any safety flag and any personal detail planted
(:mod:`synthetic.comments`), and its HR data, team turnover and the staff list (:mod:`synthetic.staff`),
written exactly as each survey tool exports them (:mod:`synthetic.layouts`). ``python -m synthetic.samples [FOLDER]`` writes the sample
files in ``data/samples/`` again (:mod:`synthetic.samples`). The dashboard never imports this
package: its sample is the files it wrote.
"""
