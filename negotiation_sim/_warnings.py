"""Warnings that point at the user's code, not at the library's internals."""

from __future__ import annotations

import os
import sys
import types
import warnings

__all__ = ["warn"]

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def warn(message: str, category: type[Warning]) -> None:
    """Issue ``message`` attributed to the first caller outside negotiation_sim.

    ``ns.solve`` dispatches through several modules, so a fixed ``stacklevel``
    would name a line of the library; this walks up to the user's frame.
    """
    level, frame = 2, sys._getframe(1)  # stacklevel 2 is warn()'s caller
    frame_or_none: types.FrameType | None = frame
    while frame_or_none is not None and os.path.abspath(frame_or_none.f_code.co_filename).startswith(_PACKAGE_DIR):
        frame_or_none = frame_or_none.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)
