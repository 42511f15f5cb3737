"""The time machine: preventive war as a commitment problem.

Run: python examples/security_order.py [OUTPUT_DIR]
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns

out = Path(sys.argv[1] if len(sys.argv) > 1 else "example_output")
out.mkdir(parents=True, exist_ok=True)

order = ns.scenarios.get("security_order")
print(order.solve().explain())

ax = order.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "security_order.png", dpi=100)
