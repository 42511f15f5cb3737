"""125,000 soldiers: the troops as a costly signal, beside talk alone and tying hands.

Run: python examples/troops_signal.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

troops = ns.scenarios.get("troops_signal")
print(troops.solve().explain())
print(troops.build().solve().table().round(4))  # the three instruments side by side

ax = troops.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "troops_signal.png", dpi=100)
