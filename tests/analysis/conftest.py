"""Until the 2-player vertex enumeration is merged, stand in a simple reference for it.

Installed at import (collection) time so that forked worker processes inherit it.
"""

from tests.analysis.reference_solvers import install_if_missing

STAND_IN = install_if_missing()
