"""The time machine: preventive war as a commitment problem.

Run: python examples/security_order.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

order = ns.scenarios.get("security_order")
print(order.solve().explain())

ax = order.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "security_order.png", dpi=100)
print(f"wrote the figures into {out}")
