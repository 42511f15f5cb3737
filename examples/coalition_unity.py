"""Euro-Atlantic unity: cohesion as deterrence, and the fracture Russia hopes for.

Run: python examples/coalition_unity.py [OUTPUT_DIR]
(default: $NEGOTIATION_SIM_OUTPUT, else a new temporary directory; never the current one)
"""

import sys

import matplotlib

matplotlib.use("Agg")

import negotiation_sim as ns
from negotiation_sim.report import output_directory

out = output_directory(sys.argv[1] if len(sys.argv) > 1 else None)

unity = ns.scenarios.get("coalition_unity")
print(unity.solve().explain())
for quota in (3, 2, 1):
    res = unity.with_params(quota=quota).solve().outcomes
    print(f"quota {quota}: P(resist) {res['p_resist']:.3f}, Russia attacks: {bool(res['attack'])}")

ax = unity.plot()
ax.figure.tight_layout()
ax.figure.savefig(out / "coalition_unity.png", dpi=100)
print(f"wrote the figures into {out}")
