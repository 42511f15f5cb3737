"""Until the 2-player vertex enumeration is merged, stand in a simple reference for it (per test)."""

from tests.analysis.reference_solvers import vertex_stand_in  # noqa: F401 - autouse fixture
