"""The cornered rat: the same gamble refused in the domain of gains and taken in the domain of losses.

Run: python examples/cornered_rat.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")
import numpy as np

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

scenario = ns.scenarios.get("cornered_rat")
print(scenario.solve().explain())

# How the headline outcome moves along one parameter (invalid points, if any, say why).
df = scenario.sweep(reference=np.linspace(0.0, 1.0, 21), progress=False)
print(df[[df.columns[0], "takes_gamble", "valid", "invalid_reason"]].to_string(index=False))

ax = scenario.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "cornered_rat.png", dpi=100)
print(f"wrote {out / 'cornered_rat.png'}")
