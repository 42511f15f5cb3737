"""Lessons of 2014: how responses to one crisis shape the next.

Run: python examples/reputation.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

chain = ns.scenarios.get("reputation")
print(chain.solve().explain())
print(chain.build().solve().table)

# The scenario keeps Kreps & Wilson's short-lived entrant: Russia weighs each crisis on its own.
# How many crises does the West's reputation deter, as Russia's prior that it is tough grows?
df = chain.sweep(prior=[0.05, 0.1, 0.2, 0.3, 0.6], progress=False)
print(df[["prior", "deterred_crises", "expected_challenges_weak", "challenged_after_weak_response"]])

ax = chain.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "reputation.png", dpi=100)
print(f"wrote the figures into {out}")
