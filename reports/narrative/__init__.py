"""The narrative of the report: the text of each section around the live figures.

placeholders.py  parsing and printing `{{ code }}` (render_runs, unknown_placeholders, …)
defaults.py      the default text of each section (DEFAULT_TEXTS)
selectors.py     the stored text of each section, or its default (section_texts)
services.py      writers: narrative_save, narrative_reset
figures.py       hand-typed figures that contradict their indicator (an error; the one-click fix)
notes.py         what the records say beside a figure: approximate ("trên"), as-of dates
"""
