"""Feasible suggestions: how much Putin's costless talk can tell, with and without France as a mediator.

Run: python examples/feasible_suggestions.py [OUTPUT_DIR]
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

talk = ns.scenarios.get("feasible_suggestions")
print(talk.solve().explain())
print(talk.sweep(bias=np.array([0.02, 0.05, 0.1, 0.2, 0.3, 0.6]), progress=False)[
    ["bias", "max_intervals", "west_loss", "west_loss_mediated"]])

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.4))
talk.plot(ax=left)
ns.plotting.cheap_talk_losses(names=("Putin", "the West"), ax=right)
fig.tight_layout()
fig.savefig(out / "feasible_suggestions.png", dpi=100)
