"""The Donbas commitment: an indivisible status empties the bargaining range; what side payments restore it.

Run: python examples/donbas_commitment.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")
import numpy as np

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

scenario = ns.scenarios.get("donbas_commitment")
print(scenario.solve().explain())

# How the headline outcome moves along one parameter (invalid points, if any, say why).
df = scenario.sweep(special_status_share=np.linspace(0.05, 0.95, 19), progress=False)
print(df[[df.columns[0], "war", "valid", "invalid_reason"]].to_string(index=False))

ax = scenario.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "donbas_commitment.png", dpi=100)
print(f"wrote {out / 'donbas_commitment.png'}")
