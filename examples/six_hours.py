"""Six hours of talks as screening: the West's offers rise round by round, and talks can fail.

Run: python examples/six_hours.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

scenario = ns.scenarios.get("six_hours")
print(scenario.solve().explain())

# How the headline outcome moves along one parameter (invalid points, if any, say why).
df = scenario.sweep(n_rounds=[1, 2, 3, 4, 6, 8], progress=False)
print(df[[df.columns[0], "p_war", "valid", "invalid_reason"]].to_string(index=False))

ax = scenario.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "six_hours.png", dpi=100)
print(f"wrote {out / 'six_hours.png'}")
