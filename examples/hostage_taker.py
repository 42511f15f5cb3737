"""The hostage-taker crisis: how the West's belief in Russia's resolve shifts the outcome.

Run: python examples/hostage_taker.py [OUTPUT_DIR]
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

crisis = ns.scenarios.get("hostage_taker")
print(crisis.solve().explain())

# Sweep the leverage and compare a restrained West (war cost 1) with a more restrained one (war cost 2).
fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
for ax, war_cost in zip(axes, (1.0, 2.0)):
    crisis.with_params(war_cost_target=war_cost).plot(ax=ax)
    ax.set_title(f"West's cost of war {war_cost}")
fig.tight_layout()
fig.savefig(out / "hostage_taker.png", dpi=100)

df = crisis.sweep(leverage=np.linspace(0.05, 0.95, 19), progress=False)
# One row per (point, equilibrium), each with its own equilibrium's outcomes; "selected" marks the closed form's.
print(df[df["selected"]].set_index("leverage")[["p_war", "p_concede", "p_bluff_called"]].round(4))
print(f"wrote the figures into {out}")
