"""Asking the impossible: Russia's optimal demand and the risk of war it accepts.

Run: python examples/maximal_demand.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

scenario = ns.scenarios.get("maximal_demand")
print(scenario.solve().explain())
for p in (0.3, 0.5, 0.7):
    outcome = scenario.with_params(win_probability=p).solve().outcomes
    print(f"p = {p}: demand {outcome['demand']:.3f}, probability of war {outcome['p_war']:.3f}")

ax = scenario.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "maximal_demand.png", dpi=100)
plt.close("all")
print(f"wrote the figures into {out}")
