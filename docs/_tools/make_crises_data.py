"""Write negotiation_sim/data/crises.csv: the synthetic crises of ``ns.estimate.make_crises()``.

Run from the repository root::

    python docs/_tools/make_crises_data.py [OUT.csv]

The rows are drawn by ``ns.estimate.simulate`` with the fixed seed 2014 and the
coefficients ``ns.estimate.CRISES_TRUTH``, so the file is the same on every run;
tests/estimate/test_datasets.py checks that the shipped file is what this writes.
"""

from __future__ import annotations

import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, ROOT)

from negotiation_sim.estimate import make_crises  # noqa: E402  (after the path is set)


def main(out: str = os.path.join(ROOT, "negotiation_sim", "data", "crises.csv")) -> None:
    make_crises().to_csv(out, index=False)


if __name__ == "__main__":
    main(*sys.argv[1:])
