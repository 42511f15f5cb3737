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

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
standoff.plot(ax=left)
df = standoff.sweep(russia_war_cost=np.linspace(0.55, 2.0, 30), progress=False)
ns.plotting.sweep(df, x="russia_war_cost", y="Russia:Hold firm", ax=right)
right.set_title("Russia's probability of holding firm, by equilibrium branch")
fig.tight_layout()
fig.savefig(out / "border_standoff.png", dpi=100)
print(f"wrote the figures into {out}")
