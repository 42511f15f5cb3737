"""Convex polygons in the plane: hull, clipping by an axis half-plane, Hausdorff distance.

Used by :class:`negotiation_sim.models.RepeatedCrisis` for payoff sets of
2-player games. Public functions take and return ``(k, 2)`` float arrays of
vertices in counter-clockwise order; degenerate polygons (a point, a
segment) are allowed. The ``*_pts`` kernels work on lists of ``(x, y)``
tuples: the polygons have a handful of vertices, where plain Python beats
numpy's per-call overhead.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["clip_below", "convex_hull", "hausdorff_distance"]

Point = tuple[float, float]


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def hull_pts(points: list[Point], tol: float = 1e-12) -> list[Point]:
    """Counter-clockwise hull vertices of a list of points (Andrew's monotone chain); see :func:`convex_hull`."""
    pts = sorted(points)
    if not pts:
        return []
    keep = [pts[0]]
    for p in pts[1:]:
        if max(abs(p[0] - keep[-1][0]), abs(p[1] - keep[-1][1])) > tol:
            keep.append(p)
    if len(keep) <= 2:
        return keep

    def chain(seq: list[Point]) -> list[Point]:
        out: list[Point] = []
        for p in seq:
            while len(out) >= 2 and _cross(out[-2], out[-1], p) <= tol * max(1.0, abs(p[0]), abs(p[1])):
                out.pop()
            out.append(p)
        return out

    hull = chain(keep)[:-1] + chain(keep[::-1])[:-1]
    # The chains never drop their first point: remove it too if it lies on a straight edge.
    changed = True
    while changed and len(hull) > 2:
        changed = False
        for k in range(len(hull)):
            prev, nxt = hull[k - 1], hull[(k + 1) % len(hull)]
            if _cross(prev, hull[k], nxt) <= tol * max(1.0, abs(nxt[0]), abs(nxt[1])):
                del hull[k]
                changed = True
                break
    return hull


def clip_pts(poly: list[Point], axis: int, bound: float) -> list[Point]:
    """The part of a convex polygon where coordinate ``axis`` is >= ``bound`` (Sutherland-Hodgman, one edge)."""
    out: list[Point] = []
    n = len(poly)
    for k in range(n):
        p, q = poly[k], poly[(k + 1) % n]
        p_in, q_in = p[axis] >= bound, q[axis] >= bound
        if p_in:
            out.append(p)
        if p_in != q_in:  # the edge crosses the line: keep the crossing point
            t = (bound - p[axis]) / (q[axis] - p[axis])
            other = p[1 - axis] + t * (q[1 - axis] - p[1 - axis])
            out.append((bound, other) if axis == 0 else (other, bound))
    return out


def distance_pts(x: Point, poly: list[Point]) -> float:
    """Euclidean distance from ``x`` to a convex polygon (0 inside or on it)."""
    n = len(poly)
    if n >= 3 and all(_cross(poly[k], poly[(k + 1) % n], x) >= 0 for k in range(n)):
        return 0.0
    best = math.inf
    for k in range(n if n > 1 else 1):
        a, b = poly[k], poly[(k + 1) % n]
        dx, dy = b[0] - a[0], b[1] - a[1]
        den = dx * dx + dy * dy
        t = 0.0 if den == 0 else min(1.0, max(0.0, ((x[0] - a[0]) * dx + (x[1] - a[1]) * dy) / den))
        best = min(best, math.hypot(x[0] - a[0] - t * dx, x[1] - a[1] - t * dy))
    return best


def hausdorff_pts(p: list[Point], q: list[Point]) -> float:
    """Hausdorff distance between two convex polygons (vertex lists); see :func:`hausdorff_distance`."""
    if not p or not q:
        return 0.0 if len(p) == len(q) else math.inf
    return max(max(distance_pts(x, q) for x in p), max(distance_pts(y, p) for y in q))


def _as_pts(arr: np.ndarray) -> list[Point]:
    return [(float(a), float(b)) for a, b in np.asarray(arr, dtype=np.float64).reshape(-1, 2)]


def _as_array(pts: list[Point]) -> np.ndarray:
    return np.array(pts, dtype=np.float64).reshape(-1, 2)


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
    return _as_array(hull_pts(_as_pts(points), tol))


def clip_below(poly: np.ndarray, axis: int, bound: float) -> np.ndarray:
    """The part of a convex polygon (vertices in order) where coordinate ``axis`` is >= ``bound``.

    Examples
    --------
    >>> clip_below(np.array([[0, 0], [2, 0], [2, 2], [0, 2]], float), 0, 1.0).tolist()
    [[1.0, 0.0], [2.0, 0.0], [2.0, 2.0], [1.0, 2.0]]
    """
    return _as_array(clip_pts(_as_pts(poly), axis, float(bound)))


def distances_to_polygon(x: np.ndarray, poly: np.ndarray) -> np.ndarray:
    """Euclidean distance from each point of ``x`` (shape ``(m, 2)`` or ``(2,)``) to a convex polygon.

    Examples
    --------
    >>> distances_to_polygon(np.array([[2.0, 0.0], [0.5, 0.5]]), np.array([[0, 0], [1, 0], [1, 1]], float)).tolist()
    [1.0, 0.0]
    """
    verts = _as_pts(poly)
    return np.array([distance_pts(p, verts) for p in _as_pts(x)])


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
    return float(hausdorff_pts(_as_pts(p), _as_pts(q)))
