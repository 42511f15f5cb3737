"""Branch tracking: give the same label to the same equilibrium at neighbouring grid points.

Every grid point has a *predecessor* (its neighbour one step back along the
first parameter, or, at the start of a row, the start of the previous row).
The equilibria of a point are matched to those of its predecessor by a
minimum-cost assignment on the Euclidean distance between their strategy
vectors (the Hungarian method of ``scipy.optimize.linear_sum_assignment``);
a matched equilibrium inherits its predecessor's label, an unmatched one
starts a new branch. Labels are numbered in the order branches first appear
(points in column-major order, the first parameter fastest), so the result
does not depend on how the grid was split into chunks.

Matching depends only on the two points' strategy vectors, so every pair is
matched independently and labels are propagated at the end by pointer
jumping, without a Python loop over points for the common case of equal
equilibrium counts (all permutations are scored at once for small counts).
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = ["grid_predecessors", "track_branches"]

#: Largest number of equilibria per point matched by scoring every permutation at once.
_MAX_PERMUTATION_SIZE = 5


def grid_predecessors(shape: tuple[int, ...]) -> np.ndarray:
    """The tracking predecessor of every point of a grid (C order), ``-1`` for the origin.

    A point whose first index is positive follows its neighbour along the
    first parameter; a point at the start of a row (first index 0) follows
    the neighbour one step back along the first later parameter whose index
    is positive, so rows are chained to each other consistently.

    Examples
    --------
    >>> grid_predecessors((3,)).tolist()
    [-1, 0, 1]
    >>> grid_predecessors((2, 2)).tolist()  # points (0,0), (0,1), (1,0), (1,1)
    [-1, 0, 0, 1]
    """
    n = int(np.prod(shape))
    idx = np.array(np.unravel_index(np.arange(n), shape))  # (ndim, n)
    pred = np.full(n, -1, dtype=np.int64)
    done = np.zeros(n, dtype=bool)
    for axis in range(len(shape)):
        step = (idx[axis] > 0) & ~done
        back = idx[:, step].copy()
        back[axis] -= 1
        pred[step] = np.ravel_multi_index(tuple(back), shape)
        done |= step
    return pred


def _match_equal_counts(vec_cur: np.ndarray, vec_prev: np.ndarray) -> np.ndarray:
    """For stacks of point pairs with k equilibria each, the best permutation per pair.

    ``vec_cur`` and ``vec_prev`` have shape ``(n_pairs, k, d)``; returns
    ``perm`` of shape ``(n_pairs, k)``: row ``i`` of the current point matches
    row ``perm[i]`` of the predecessor. Ties go to the first permutation in
    lexicographic order (the identity first).
    """
    n_pairs, k, _ = vec_cur.shape
    cost = np.linalg.norm(vec_cur[:, :, None, :] - vec_prev[:, None, :, :], axis=-1)
    perms = np.array(list(itertools.permutations(range(k))), dtype=np.int64)  # (k!, k)
    totals = cost[:, np.arange(k)[None, :], perms].sum(axis=-1)  # (n_pairs, k!)
    return perms[np.argmin(totals, axis=1)]


def _parent_rows(starts: np.ndarray, counts: np.ndarray, pred: np.ndarray,
                 vectors: np.ndarray) -> np.ndarray:
    """For every row, the row of the predecessor point it continues (``-1``: a new branch)."""
    parent = np.full(len(vectors), -1, dtype=np.int64)
    points = np.flatnonzero(pred >= 0)
    k_cur, k_prev = counts[points], counts[pred[points]]
    equal = (k_cur == k_prev) & (k_cur > 0) & (k_cur <= _MAX_PERMUTATION_SIZE)
    for k in np.unique(k_cur[equal]):
        group = points[equal & (k_cur == k)]
        rows_cur = starts[group][:, None] + np.arange(k)  # (n_pairs, k)
        rows_prev = starts[pred[group]][:, None] + np.arange(k)
        perm = _match_equal_counts(vectors[rows_cur], vectors[rows_prev])
        parent[rows_cur] = np.take_along_axis(rows_prev, perm, axis=1)
    for p in points[~equal & (k_cur > 0) & (k_prev > 0)]:
        rows_cur = starts[p] + np.arange(counts[p])
        rows_prev = starts[pred[p]] + np.arange(counts[pred[p]])
        diff = vectors[rows_cur][:, None, :] - vectors[rows_prev][None, :, :]
        r, c = linear_sum_assignment(np.linalg.norm(diff, axis=-1))
        parent[rows_cur[r]] = rows_prev[c]
    return parent


def track_branches(point: np.ndarray, vectors: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Branch labels for the rows of a sweep.

    Parameters
    ----------
    point : numpy.ndarray of int, shape (n_rows,)
        The grid point (C-order flat index) of each row; rows must be sorted by point.
    vectors : numpy.ndarray, shape (n_rows, d)
        Each row's strategy vector (all players' probabilities, concatenated).
    shape : tuple of int
        The grid's shape.

    Returns
    -------
    numpy.ndarray of int, shape (n_rows,)
        Branch labels 0, 1, 2, ... in the order the branches first appear.

    Examples
    --------
    Two equilibria that swap places in sorted order keep their labels:

    >>> vec = np.array([[0.2], [0.8], [0.4], [0.6], [0.6], [0.4]])
    >>> track_branches(np.array([0, 0, 1, 1, 2, 2]), vec, (3,)).tolist()
    [0, 1, 0, 1, 1, 0]
    """
    n_points = int(np.prod(shape))
    point = np.asarray(point, dtype=np.int64)
    vectors = np.nan_to_num(np.asarray(vectors, dtype=np.float64).reshape(len(point), -1))
    counts = np.bincount(point, minlength=n_points)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    parent = _parent_rows(starts, counts, grid_predecessors(shape), vectors)
    # Pointer jumping: every row's root is the first row of its branch.
    root = np.where(parent >= 0, parent, np.arange(len(parent)))
    while True:
        nxt = root[root]
        if np.array_equal(nxt, root):
            break
        root = nxt
    is_root = parent < 0
    # Number the branches in column-major point order (first parameter fastest).
    f_rank = np.empty(n_points, dtype=np.int64)
    f_rank[np.ravel_multi_index(np.unravel_index(np.arange(n_points), shape, order="F"), shape)] = (
        np.arange(n_points)
    )
    roots = np.flatnonzero(is_root)
    order = np.lexsort((roots, f_rank[point[roots]]))
    label_of_root = np.empty(len(parent), dtype=np.int64)
    label_of_root[roots[order]] = np.arange(len(roots))
    return label_of_root[root]
