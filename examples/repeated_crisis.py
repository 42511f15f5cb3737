"""The repeated crisis: a long-lived Russia meets the West crisis after crisis; the patience that sustains restraint.

Run: python examples/repeated_crisis.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")
import numpy as np

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

scenario = ns.scenarios.get("repeated_crisis")
print(scenario.solve().explain())

# How the headline outcome moves along one parameter (invalid points, if any, say why).
df = scenario.sweep(delta=np.linspace(0.3, 0.95, 14), progress=False)
print(df[[df.columns[0], "restraint_sustained", "valid", "invalid_reason"]].to_string(index=False))

ax = scenario.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "repeated_crisis.png", dpi=100)
print(f"wrote {out / 'repeated_crisis.png'}")
