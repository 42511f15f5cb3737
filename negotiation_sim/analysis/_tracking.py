"""Branch tracking: give the same label to the same equilibrium at neighbouring grid points.

Every grid point has a *predecessor* (its neighbour one step back along the
first parameter, or, at the start of a row, the start of the previous row).
The equilibria of a point are matched to those of its predecessor by a
minimum-cost assignment on the Euclidean distance between their strategy
vectors (every one-to-one matching scored at once for up to five
equilibria, else the Hungarian method of ``scipy.optimize.linear_sum_assignment``);
a matched equilibrium inherits its predecessor's label, an unmatched one
starts a new branch. Labels are numbered in the order branches first appear
(points in column-major order, the first parameter fastest), so the result
does not depend on how the grid was split into chunks.

Matching depends only on the two points' strategy vectors, so every pair is
matched independently and labels are propagated by pointer jumping, without
a Python loop over points when points have at most five equilibria.

A :class:`BranchTracker` does the same chunk by chunk, for sweeps streamed to
disk: a predecessor is never more than one slab of the grid back (the points
sharing a value of the first parameter), so it keeps only that slab's rows,
and every row gets the *key* of its branch's first row; the keys of all
branches (one per branch, not per row) give the final labels at the end.
The labels equal :func:`track_branches`' on the whole grid.
"""

from __future__ import annotations

import itertools

import numpy as np

__all__ = ["BranchTracker", "chunk_parents", "grid_predecessors", "track_branches"]

#: Largest number of equilibria per point matched by scoring every matching at once.
_MAX_PERMUTATION_SIZE = 5
#: Point pairs matched in one vectorised step (bounds the (pairs, k!, k) temporaries to a few MB).
_BLOCK = 2048


#: Rows per point are packed below this power of two in a branch key (point rank * 2**20 + row).
_ROW_BITS = 20


def grid_predecessors(shape: tuple[int, ...], start: int = 0, stop: int | None = None) -> np.ndarray:
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

    ``start`` and ``stop`` restrict the result to the points ``start .. stop - 1``:

    >>> grid_predecessors((2, 2), start=2).tolist()
    [0, 1]
    """
    stop = int(np.prod(shape)) if stop is None else stop
    n = stop - start
    idx = np.array(np.unravel_index(np.arange(start, stop), shape)).reshape(len(shape), n)
    pred = np.full(n, -1, dtype=np.int64)
    done = np.zeros(n, dtype=bool)
    for axis in range(len(shape)):
        step = (idx[axis] > 0) & ~done
        back = idx[:, step].copy()
        back[axis] -= 1
        pred[step] = np.ravel_multi_index(tuple(back), shape)
        done |= step
    return pred


def _distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Euclidean distances along the last axis, summed coordinate by coordinate in order.

    Summing in a fixed order (not numpy's blocked reduction) makes a distance
    independent of zero coordinates, wherever they are: a streamed sweep,
    which may not yet know every probability column, matches exactly as the
    in-memory sweep does.
    """
    diff = a - b
    total = np.zeros(diff.shape[:-1])
    for j in range(diff.shape[-1]):
        total += np.square(diff[..., j])
    return np.sqrt(total)


def _match_small(vec_cur: np.ndarray, vec_prev: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For stacks of point pairs with ``kc`` and ``kp`` equilibria, the best matching per pair.

    ``vec_cur`` and ``vec_prev`` have shapes ``(n_pairs, kc, d)`` and
    ``(n_pairs, kp, d)``. Every one-to-one matching of ``min(kc, kp)`` rows
    is scored at once (the minimum total distance, as a Hungarian assignment
    finds; ties go to the first in lexicographic order, the identity first).
    Returns ``(cur, prev)``, each ``(n_pairs, min(kc, kp))``: row ``cur[p, i]``
    of the current point continues row ``prev[p, i]`` of its predecessor.
    """
    n_pairs, kc, _ = vec_cur.shape
    kp = vec_prev.shape[1]
    cost = _distances(vec_cur[:, :, None, :], vec_prev[:, None, :, :])  # (n_pairs, kc, kp)
    k = min(kc, kp)
    fixed = np.broadcast_to(np.arange(k), (n_pairs, k))
    if kc <= kp:  # every current row takes a distinct predecessor row
        perms = np.array(list(itertools.permutations(range(kp), kc)), dtype=np.int64)
        best = perms[np.argmin(cost[:, np.arange(kc)[None, :], perms].sum(axis=-1), axis=1)]
        return fixed, best
    perms = np.array(list(itertools.permutations(range(kc), kp)), dtype=np.int64)  # rows taking predecessors
    best = perms[np.argmin(cost[:, perms, np.arange(kp)[None, :]].sum(axis=-1), axis=1)]
    return best, fixed


def _blocks(points: np.ndarray) -> list[np.ndarray]:
    """``points`` in blocks of at most :data:`_BLOCK`, so the temporaries of matching stay small."""
    return [points[i:i + _BLOCK] for i in range(0, len(points), _BLOCK)]


def _parent_rows(starts: np.ndarray, counts: np.ndarray, pred: np.ndarray,
                 vectors: np.ndarray) -> np.ndarray:
    """For every row, the row of the predecessor point it continues (``-1``: a new branch)."""
    parent = np.full(len(vectors), -1, dtype=np.int64)
    points = np.flatnonzero(pred >= 0)
    k_cur, k_prev = counts[points], counts[pred[points]]
    both = (k_cur > 0) & (k_prev > 0)
    sizes = np.stack([k_cur[both], k_prev[both]], axis=1)
    for kc, kp in np.unique(sizes, axis=0).tolist():
        for group in _blocks(points[both][(sizes[:, 0] == kc) & (sizes[:, 1] == kp)]):
            rows_cur = starts[group][:, None] + np.arange(kc)  # (n_pairs, kc)
            rows_prev = starts[pred[group]][:, None] + np.arange(kp)
            if max(kc, kp) <= _MAX_PERMUTATION_SIZE:  # all matchings scored at once
                cur, prev = _match_small(vectors[rows_cur], vectors[rows_prev])
                parent[np.take_along_axis(rows_cur, cur, axis=1)] = np.take_along_axis(rows_prev, prev, axis=1)
                continue
            # Many equilibria: one Hungarian assignment per pair, on distances computed together.
            from scipy.optimize import linear_sum_assignment

            cost = _distances(vectors[rows_cur][:, :, None, :], vectors[rows_prev][:, None, :, :])
            for m in range(len(group)):
                r, c = linear_sum_assignment(cost[m])
                parent[rows_cur[m, r]] = rows_prev[m, c]
    return parent


def chunk_parents(shape: tuple[int, ...], start: int, stop: int, point: np.ndarray,
                  vectors: np.ndarray) -> np.ndarray:
    """The links inside one chunk of a grid: for each row, the row it continues (chunk-local index).

    ``-1`` for a row that starts a branch or whose point's predecessor lies
    before the chunk (:meth:`BranchTracker.feed` matches those). Computed
    where the chunk is solved, it takes most of the matching off the process
    that gathers the chunks.

    Examples
    --------
    >>> chunk_parents((4,), 2, 4, np.array([2, 3, 3]), np.array([[0.0], [0.1], [0.9]])).tolist()
    [-1, 0, -1]
    """
    point = np.asarray(point, dtype=np.int64)
    counts = np.bincount(point - start, minlength=stop - start)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    pred = grid_predecessors(shape, start, stop)
    local = np.where(pred >= start, pred - start, -1)
    return _parent_rows(starts, counts, local, np.nan_to_num(np.asarray(vectors, dtype=np.float64)))


class BranchTracker:
    """Branch keys for a sweep's rows, fed chunk by chunk in grid order; labels at the end.

    Parameters
    ----------
    shape : tuple of int
        The grid's shape.

    Notes
    -----
    :meth:`feed` takes the rows of consecutive chunks of points (C order) and
    returns each row's branch key; once every chunk is fed, :meth:`labels`
    turns keys into the labels :func:`track_branches` gives. Between chunks
    the tracker holds the rows of the last ``prod(shape[1:])`` points (the
    farthest a predecessor can be) and one key per branch.

    Examples
    --------
    The grid of :func:`track_branches`' example, fed in two chunks:

    >>> vec = np.array([[0.2], [0.8], [0.4], [0.6], [0.6], [0.4]])
    >>> tracker = BranchTracker((3,))
    >>> first = tracker.feed(0, 2, np.array([0, 0, 1, 1]), vec[:4])
    >>> second = tracker.feed(2, 3, np.array([2, 2]), vec[4:])
    >>> tracker.labels(np.concatenate([first, second])).tolist()
    [0, 1, 0, 1, 1, 0]
    """

    def __init__(self, shape: tuple[int, ...]) -> None:
        self.shape = tuple(int(k) for k in shape)
        self.reach = int(np.prod(self.shape[1:]))
        self._next = 0
        self._columns: list[str] | None = None
        self._point = np.empty(0, dtype=np.int64)
        self._key = np.empty(0, dtype=np.int64)
        self._vectors: np.ndarray | None = None
        self._roots: list[np.ndarray] = []
        self._sorted_roots: np.ndarray | None = None

    def _aligned(self, columns: list[str] | None, width: int) -> np.ndarray:
        """The kept rows' vectors in the order of ``columns`` (zeros for columns they never had)."""
        if self._vectors is None:
            return np.zeros((0, width))
        if columns is None or columns == self._columns:
            return self._vectors
        where = {c: j for j, c in enumerate(self._columns or [])}
        out = np.zeros((len(self._vectors), width))
        for j, c in enumerate(columns):
            if c in where:
                out[:, j] = self._vectors[:, where[c]]
        return out

    def feed(self, start: int, stop: int, point: np.ndarray, vectors: np.ndarray,
             columns: list[str] | None = None, parent: np.ndarray | None = None) -> np.ndarray:
        """The branch key of every row of the points ``start .. stop - 1`` (rows sorted by point).

        ``columns`` names the vectors' coordinates when they can change from
        chunk to chunk (a probability column first seen in a later chunk);
        they may only grow. ``parent``, from :func:`chunk_parents` (computed
        where the chunk was solved), gives the links inside the chunk, so
        only points whose predecessor precedes the chunk are matched here.
        """
        if start != self._next:
            msg = f"chunks must be fed in grid order: expected points from {self._next}, got {start}"
            raise ValueError(msg)
        point = np.asarray(point, dtype=np.int64)
        vectors = np.asarray(vectors, dtype=np.float64)
        vectors = np.nan_to_num(vectors if vectors.ndim == 2 else vectors.reshape(len(point), -1))
        kept = len(self._point)
        all_point = np.concatenate([self._point, point])
        all_vec = np.concatenate([self._aligned(columns, vectors.shape[1]), vectors])
        first = max(0, start - self.reach)  # the earliest point a predecessor can be
        local = all_point - first
        counts = np.bincount(local, minlength=stop - first)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        pred = np.full(stop - first, -1, dtype=np.int64)
        chunk_pred = grid_predecessors(self.shape, start, stop)
        if parent is not None:  # links inside the chunk are given: match only across its start
            chunk_pred = np.where(chunk_pred < start, chunk_pred, -1)
        pred[start - first:] = np.where(chunk_pred >= 0, chunk_pred - first, -1)
        links = _parent_rows(starts, counts, pred, all_vec)
        if parent is not None:
            inside = np.where(np.asarray(parent) >= 0, np.asarray(parent) + kept, -1)
            links = np.where(links >= 0, links, np.concatenate([np.full(kept, -1), inside]))
        parent = links
        rank = np.arange(len(all_point)) - starts[local]
        if len(rank) and rank.max() >= 1 << _ROW_BITS:
            msg = f"a sweep point has more than {1 << _ROW_BITS} equilibria; branch tracking cannot key them"
            raise ValueError(msg)
        f_rank = np.ravel_multi_index(np.unravel_index(point, self.shape), self.shape, order="F")
        own = np.concatenate([self._key, (f_rank << _ROW_BITS) + rank[kept:]])
        root = np.where(parent >= 0, parent, np.arange(len(parent)))
        while True:  # pointer jumping: every row's root is the first row of its branch in view
            nxt = root[root]
            if np.array_equal(nxt, root):
                break
            root = nxt
        keys = own[root]
        self._roots.append(own[kept:][parent[kept:] < 0])
        keep = all_point >= stop - self.reach
        self._point, self._key, self._vectors = all_point[keep], keys[keep], all_vec[keep]
        self._columns, self._next, self._sorted_roots = columns, stop, None
        return keys[kept:]

    def labels(self, keys: np.ndarray) -> np.ndarray:
        """Branch labels 0, 1, 2, ... of rows with these keys, numbered as :func:`track_branches` numbers them.

        Branches are numbered by where they start, in column-major point
        order (the first parameter fastest), then by row within the point.
        """
        if self._sorted_roots is None:
            self._sorted_roots = np.unique(np.concatenate([np.empty(0, dtype=np.int64), *self._roots]))
        return np.searchsorted(self._sorted_roots, np.asarray(keys, dtype=np.int64))


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
    tracker = BranchTracker(shape)
    return tracker.labels(tracker.feed(0, int(np.prod(shape)), point, vectors))
