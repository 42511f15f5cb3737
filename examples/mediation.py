"""The mediator: when is France's advice believed?

Run: python examples/mediation.py [OUTPUT_DIR]
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns

out = Path(sys.argv[1] if len(sys.argv) > 1 else "example_output")
out.mkdir(parents=True, exist_ok=True)

mediation = ns.scenarios.get("mediation")
print(mediation.solve().explain())
print(ns.solve(mediation.compromise_game()).describe())  # subgame perfect, by backward induction

ax = mediation.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "mediation.png", dpi=100)
