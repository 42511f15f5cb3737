"""The French public: a two-level game, and what Putin's appeal to French voters is worth to Russia.

Run: python examples/french_public.py [OUTPUT_DIR]
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np

import negotiation_sim as ns

out = Path(sys.argv[1] if len(sys.argv) > 1 else "example_output")
out.mkdir(parents=True, exist_ok=True)

public = ns.scenarios.get("french_public")
print(public.solve().explain())
df = public.sweep(median_reservation=np.linspace(0.3, 1.0, 8), progress=False)
print(df[["median_reservation", "agreement", "share_france", "share_france_without_wedge", "russia_wedge_gain"]])

ax = public.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "french_public.png", dpi=100)
