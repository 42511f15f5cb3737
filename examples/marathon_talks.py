"""Six hours of talks: patience as bargaining power (Rubinstein).

Run: python examples/marathon_talks.py [OUTPUT_DIR]
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns

out = Path(sys.argv[1] if len(sys.argv) > 1 else "example_output")
out.mkdir(parents=True, exist_ok=True)

talks = ns.scenarios.get("marathon_talks")
print(talks.solve().explain())
print(talks.build().shares_by_horizon(range(1, 11)))

ax = talks.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "marathon_talks.png", dpi=100)
