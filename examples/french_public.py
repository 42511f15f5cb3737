"""The French public: a two-level game, and what Putin's appeal to French voters is worth to Russia.

Run: python examples/french_public.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

public = ns.scenarios.get("french_public")
print(public.solve().explain())
df = public.sweep(median_reservation=np.linspace(0.3, 1.0, 8), progress=False)
print(df[["median_reservation", "agreement", "share_france", "share_france_without_wedge", "russia_wedge_gain"]])

ax = public.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "french_public.png", dpi=100)
