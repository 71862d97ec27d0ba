"""Hypothesis profiles for the importers' property tests: `ci` (used when CI=true) draws the
same examples on every run, so a failure in CI reproduces; `dev` draws new ones each run.
`deep` (HYPOTHESIS_PROFILE=deep) hunts longer by hand. Examples are per import kind: 15 of
each of the five kinds makes 75 examples of each property."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile(
    "ci", max_examples=15, derandomize=True, deadline=None, database=None, print_blob=True
)
settings.register_profile("dev", max_examples=15, deadline=None)
settings.register_profile("deep", max_examples=400, deadline=None)
settings.load_profile(
    os.environ.get(
        "HYPOTHESIS_PROFILE",
        "ci" if os.environ.get("CI", "").lower() == "true" else "dev",
    )
)
