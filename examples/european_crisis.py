"""The four-actor crisis: Russia, France, Ukraine and NATO in one game.

Run: python examples/european_crisis.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

crisis = ns.scenarios.get("european_crisis")
print(crisis.solve().explain())

game = crisis.build()
reduced, steps = ns.eliminate_dominated(game, strict=False)
for step in steps:
    print(step.describe())
print("Left after eliminating weakly dominated actions:", reduced.actions)

# Without Western support, does Russia invade?
print(crisis.with_params(support=0.0).solve().equilibria.describe())

ax = crisis.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "european_crisis.png", dpi=100)
print(f"wrote the figures into {out}")
