"""The mediator: when is France's advice believed?

Run: python examples/mediation.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

mediation = ns.scenarios.get("mediation")
print(mediation.solve().explain())
print(ns.solve(mediation.compromise_game()).describe())  # subgame perfect, by backward induction

ax = mediation.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "mediation.png", dpi=100)
print(f"wrote the figures into {out}")
