"""Lessons of 2014: how responses to one crisis shape the next.

Run: python examples/reputation.py [OUTPUT_DIR]
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns

out = Path(sys.argv[1] if len(sys.argv) > 1 else "example_output")
out.mkdir(parents=True, exist_ok=True)

chain = ns.scenarios.get("reputation")
print(chain.solve().explain())
print(chain.build().solve().table)

ax = chain.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "reputation.png", dpi=100)
