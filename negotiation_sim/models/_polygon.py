"""Convex polygons in the plane: hull, clipping by an axis half-plane, Hausdorff distance.

Used by :class:`negotiation_sim.models.RepeatedCrisis` for payoff sets of
2-player games. Vertices are ``(k, 2)`` float arrays in counter-clockwise
order; degenerate polygons (a point, a segment) are allowed.
"""

from __future__ import annotations

import numpy as np

__all__ = ["clip_below", "convex_hull", "hausdorff_distance"]


def _cross(o: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    return float((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]))


def convex_hull(points: np.ndarray, tol: float = 1e-12) -> np.ndarray:
    """Vertices of the convex hull of 2-D points, counter-clockwise (Andrew's monotone chain).

    Degenerate hulls are kept: one point gives one vertex, collinear points the
    two end points. Vertices closer than ``tol`` are merged and vertices on a
    straight edge (within ``tol``) dropped. The first vertex is the lowest of
    the leftmost points.

    Examples
    --------
    >>> convex_hull(np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0.5, 0.5]])).tolist()
    [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]
    >>> convex_hull(np.array([[0, 0], [2, 2], [1, 1]])).tolist()
    [[0.0, 0.0], [2.0, 2.0]]
    """
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if len(pts) == 0:
        return np.empty((0, 2))
    pts = pts[np.lexsort((pts[:, 1], pts[:, 0]))]
    keep = [pts[0]]
    for p in pts[1:]:
        if np.max(np.abs(p - keep[-1])) > tol:
            keep.append(p)
    pts = np.array(keep)
    if len(pts) <= 2:
        return pts

    def chain(seq: np.ndarray) -> list[np.ndarray]:
        out: list[np.ndarray] = []
        for p in seq:
            while len(out) >= 2 and _cross(out[-2], out[-1], p) <= tol * max(1.0, np.abs(p).max()):
                out.pop()
            out.append(p)
        return out

    lower, upper = chain(pts), chain(pts[::-1])
    hull = lower[:-1] + upper[:-1]
    # The chains never drop their first point: remove it too if it lies on a straight edge.
    changed = True
    while changed and len(hull) > 2:
        changed = False
        for k in range(len(hull)):
            prev, nxt = hull[k - 1], hull[(k + 1) % len(hull)]
            if _cross(prev, hull[k], nxt) <= tol * max(1.0, np.abs(nxt).max()):
                del hull[k]
                changed = True
                break
    return np.array(hull)


def clip_below(poly: np.ndarray, axis: int, bound: float) -> np.ndarray:
    """The part of a convex polygon (vertices in order) where coordinate ``axis`` is >= ``bound``.

    Examples
    --------
    >>> clip_below(np.array([[0, 0], [2, 0], [2, 2], [0, 2]], float), 0, 1.0).tolist()
    [[1.0, 0.0], [2.0, 0.0], [2.0, 2.0], [1.0, 2.0]]
    """
    out = []
    n = len(poly)
    for k in range(n):
        p, q = poly[k], poly[(k + 1) % n]
        p_in, q_in = p[axis] >= bound, q[axis] >= bound
        if p_in:
            out.append(p)
        if p_in != q_in:  # the edge crosses the line: keep the crossing point
            t = (bound - p[axis]) / (q[axis] - p[axis])
            point = p + t * (q - p)
            point[axis] = bound
            out.append(point)
    return np.array(out).reshape(-1, 2)


def _distances_to_polygon(x: np.ndarray, poly: np.ndarray) -> np.ndarray:
    """Euclidean distance from each point of ``x`` (m, 2) to a convex polygon (0 inside)."""
    x = np.asarray(x, dtype=np.float64).reshape(-1, 2)
    a = poly
    b = np.roll(poly, -1, axis=0)
    ab = b - a
    ax_ = x[:, None, :] - a[None, :, :]
    denom = np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-300)
    t = np.clip(np.einsum("mij,ij->mi", ax_, ab) / denom, 0.0, 1.0)
    nearest = a[None] + t[..., None] * ab[None]
    dist = np.linalg.norm(x[:, None, :] - nearest, axis=2).min(axis=1)
    if len(poly) >= 3:  # inside a counter-clockwise polygon: left of (or on) every edge
        cross = ab[None, :, 0] * ax_[..., 1] - ab[None, :, 1] * ax_[..., 0]
        dist = np.where((cross >= 0).all(axis=1), 0.0, dist)
    return dist


def hausdorff_distance(p: np.ndarray, q: np.ndarray) -> float:
    """Hausdorff distance between two convex polygons given by their vertices, counter-clockwise.

    The distance to a convex set is a convex function, so its largest value
    over a polygon is at a vertex: checking vertices is exact.

    Examples
    --------
    >>> square = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], float)
    >>> round(hausdorff_distance(square, square[:3]), 6)
    0.707107
    """
    p, q = np.asarray(p, dtype=np.float64), np.asarray(q, dtype=np.float64)
    if len(p) == 0 or len(q) == 0:
        return 0.0 if len(p) == len(q) else np.inf
    return float(max(_distances_to_polygon(p, q).max(), _distances_to_polygon(q, p).max()))
