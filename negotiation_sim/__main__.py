"""``python -m negotiation_sim``: the same as the ``negotiation-sim`` command."""

import sys

from negotiation_sim.cli import main

sys.exit(main())
