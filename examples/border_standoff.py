"""Border standoff: Chicken between Russia and NATO, and the probability of collision.

Run: python examples/border_standoff.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

standoff = ns.scenarios.get("border_standoff")
result = standoff.solve()
print(result.explain())
print(result.equilibria.to_dataframe())

fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.5))
standoff.plot(ax=left)
df = standoff.sweep(russia_war_cost=np.linspace(0.55, 2.0, 30), progress=False)
# The mixed-strategy paradox: in the mixed equilibrium (the selected row) only NATO's probability of
# holding firm moves when RUSSIA's cost of war changes; each side's mixing is set by the other's payoffs.
mixed = df[df["selected"]]
right.plot(mixed["russia_war_cost"], mixed["p_russia_holds"], marker=".", label="Russia holds firm")
right.plot(mixed["russia_war_cost"], mixed["p_nato_holds"], marker=".", label="NATO holds firm")
right.plot(mixed["russia_war_cost"], mixed["p_war"], linestyle="--", label="war")
right.set_xlabel("Russia's cost of war")
right.set_ylabel("probability in the mixed equilibrium")
right.set_title("Russia's cost of war moves NATO's mixing, not Russia's")
right.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
fig.tight_layout()
fig.savefig(out / "border_standoff.png", dpi=100)
print(f"wrote the figures into {out}")
