"""``python -m benchmarks``: run every comparison (see benchmarks/run.py)."""

from benchmarks.run import main

raise SystemExit(main())
