"""Six hours of talks: patience as bargaining power, and war as both sides' outside option (Rubinstein).

Run: python examples/marathon_talks.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

talks = ns.scenarios.get("marathon_talks")
print(talks.solve().explain())
print(talks.build().shares_by_horizon(range(1, 11)))

# When is there no deal? Only when the two options of war add up to more than the stake:
# Russia's optimism about winning must exceed the two costs of war together (0.1 + 0.3).
df = talks.sweep(optimism=[0.0, 0.2, 0.39, 0.41, 0.5], progress=False)
print(df[["optimism", "agreement", "share_russia", "payoff_russia", "payoff_west"]])

ax = talks.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "marathon_talks.png", dpi=100)
print(f"wrote the figures into {out}")
