"""pytest configuration of the tests: hypothesis's profile (the backend and the figure cleanup are in the
root conftest.py, for the docstring examples too)."""

import os

from hypothesis import settings

# In CI the property tests run a fixed, reproducible set of examples (a failure there is
# one anyone can replay); locally they keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

