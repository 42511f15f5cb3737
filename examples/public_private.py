"""Tête-à-tête or press conference: the same statement as cheap talk in private and as tied hands in public.

Run: python examples/public_private.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

statement = ns.scenarios.get("public_private")
print(statement.solve().explain())
df = statement.sweep(west_war_cost=np.linspace(0.05, 0.95, 7), progress=False)
print(df[["west_war_cost", "p_war_private", "p_war_public", "russia_payoff_private", "russia_payoff_public"]])

ax = statement.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "public_private.png", dpi=100)
