"""Which cells of a family of linked tables may be released, so that no small group can be solved for.

A *family* is every table one count (people with a burnout score, say) can be broken down into:
one cell per combination of the dimensions (team, wave, role, a score's band...), each dimension
either fixed to a value or left open (``ALL``). Every cell is a sum over the *atoms*, the cells
with every dimension fixed. A released cell tells its count, and the sums behind its mean and SD,
so anything that is a linear combination of released cells is released too.

Protection runs in three steps:

1. **Primary**: a cell with 1 to ``min_group - 1`` people is sensitive and never released.
2. **Lines** (complementary suppression across every dimension): siblings that differ in one
   dimension add up to their parent. Where the parent is released, the hidden siblings must be
   none, or at least two that together reach ``min_group`` (else the smallest shown sibling is
   hidden too), repeated until nothing changes.
3. **Audit**: the released cells' rows over the atoms span everything an attacker can compute
   by adding and subtracting them. While some sensitive cell lies in that span, a released cell
   behind it (the smallest) is hidden and the lines are settled again. This is exact for linear
   attacks; it runs when the family has at most ``AUDIT_ATOMS`` atoms (SECURITY.md says so).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

ALL = -1            # a dimension left open
AUDIT_ATOMS = 2500  # above this many atoms the exact audit would take seconds; lines still hold
_TOL = 1e-8


def protect(cells: pd.DataFrame, keys: list[str], min_group: int, cost: np.ndarray | None = None, *,
            strict_lines: bool = False) -> pd.Series:
    """Which cells may be shown: a boolean Series on ``cells``' index.

    ``cells`` has one integer column per key (a code, or ``ALL``), ``count`` and ``offered``
    (false for cells no view draws, such as a missing team: they count as hidden). A key may
    nest inside another (a histogram bin inside its band): its cells then carry both codes, and
    a line exists only where its parent cell does. When more must be hidden, the audit hides
    the released cell of lowest ``cost`` (its count unless given: a bin before a whole group).

    ``strict_lines`` also counts a released parent whose only sibling with people in it is hidden
    as giving that sibling back, so hidden siblings always add up to at least ``min_group`` however
    they are reached. The audit already stops every single small cell being solved for; this also
    stops two small cells being solved for together, at the cost of hiding more (the comment
    release, stricter than the scores', asks for it)."""
    count = cells["count"].to_numpy()
    cost = count.astype(float) if cost is None else cost
    shown = cells["offered"].to_numpy() & ~((count > 0) & (count < min_group))
    lines = _lines(cells[keys].to_numpy())
    shown = _settle(lines, count, shown, min_group, strict_lines)
    atoms = _atoms(cells, keys)
    if 0 < len(atoms) <= AUDIT_ATOMS:
        shown = _audit(cells, keys, atoms, lines, count, cost, shown, min_group, strict_lines)
    return pd.Series(shown, index=cells.index)


def family(frame: pd.DataFrame, dims: list[str], levels: list[str]) -> pd.DataFrame:
    """Every cell of one count: each subset of ``dims`` fixed, and the nested category
    ``levels`` fixed down to some depth (none, the band, the band and its bin). The rows are
    grouped once into atoms; each table of the family is then summed from the atoms' codes
    (each open key set to ``ALL``, the rows read as one number), its cells in the order they
    first appear."""
    keys = dims + levels
    atoms = frame.groupby(keys, sort=False)["count"].sum().reset_index()
    codes, counts = atoms[keys].to_numpy(dtype=np.int64).reshape(len(atoms), len(keys)), atoms["count"].to_numpy()
    radix = codes.max(axis=0, initial=0) + 2
    weights = np.cumprod(np.r_[1, radix[:-1]]).astype(np.int64)
    tables, sums = [], []
    for depth in range(len(levels) + 1):
        for size in range(len(dims) + 1):
            for subset in itertools.combinations(dims, size):
                fixed = set(subset) | set(levels[:depth])
                table = codes.copy()
                table[:, [k for k, key in enumerate(keys) if key not in fixed]] = ALL
                if not fixed or not len(table):
                    tables.append(np.full((1, len(keys)), ALL) if not fixed else table)
                    sums.append(np.array([counts.sum()]) if not fixed else counts)
                    continue
                _, first, inverse = np.unique((table + 1) @ weights, return_index=True, return_inverse=True)
                order = np.argsort(first)
                tables.append(table[first[order]])
                sums.append(np.bincount(inverse, weights=counts)[order])
    cells = pd.DataFrame(np.vstack(tables), columns=keys)
    cells["count"] = np.concatenate(sums).astype(np.int64)
    return cells


@dataclass(frozen=True)
class _Lines:
    """Every line as arrays, so all lines can be checked at once: line ``l`` has parent
    ``parents[l]`` and siblings ``members[starts[l]:starts[l + 1]]`` (``line_of`` names each
    member's line); ``touching`` maps a cell to the lines it is the parent or a sibling of."""

    parents: np.ndarray
    members: np.ndarray
    line_of: np.ndarray
    starts: np.ndarray
    touching: dict[int, np.ndarray]

    def siblings(self, line: int) -> np.ndarray:
        return self.members[self.starts[line]:self.starts[line + 1]]


def _lines(codes: np.ndarray) -> _Lines:
    """Each line: a parent and its siblings, the cells that differ from the parent only in one
    key, which the parent leaves open."""
    find = _finder(codes)
    parents, members = [], []
    for d in range(codes.shape[1]):
        rows = np.flatnonzero(codes[:, d] != ALL)
        above = codes[rows].copy()
        above[:, d] = ALL
        parent = find(above)
        rows, parent = rows[parent >= 0], parent[parent >= 0]
        if not len(rows):
            continue
        order = np.argsort(parent, kind="stable")
        rows, parent = rows[order], parent[order]
        cuts = np.flatnonzero(np.diff(parent)) + 1
        parents += parent[np.r_[0, cuts]].tolist()
        members += np.split(rows, cuts)
    sizes = np.array([len(part) for part in members], dtype=int)
    line_of = np.repeat(np.arange(len(members)), sizes)
    members = np.concatenate(members) if members else np.zeros(0, dtype=int)
    parents = np.array(parents, dtype=int)
    cells, lines = np.r_[parents, members], np.r_[np.arange(len(parents)), line_of]
    order = np.argsort(cells, kind="stable")
    cells, lines = cells[order], lines[order]
    cuts = np.flatnonzero(np.diff(cells)) + 1
    touching = dict(zip(cells[np.r_[0, cuts]].tolist(), np.split(lines, cuts)))
    return _Lines(parents, members, line_of, np.r_[0, np.cumsum(sizes)], touching)


def _finder(codes: np.ndarray):
    """A function giving the position of each row of codes among ``codes``' rows (-1 where there is
    none): each row read as one number in mixed radix, looked up by binary search."""
    radix = codes.max(axis=0, initial=0) + 2  # codes run from ALL (-1) up
    weights = np.cumprod(np.r_[1, radix[:-1]]).astype(np.int64)
    keys = (codes + 1) @ weights
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]

    def find(rows: np.ndarray) -> np.ndarray:
        wanted = (rows + 1) @ weights
        at = np.minimum(np.searchsorted(sorted_keys, wanted), len(keys) - 1)
        return np.where(sorted_keys[at] == wanted, order[at], -1) if len(keys) else np.full(len(rows), -1)

    return find


def _settle(lines: _Lines, count: np.ndarray, shown: np.ndarray, min_group: int, strict: bool) -> np.ndarray:
    """Make every line safe, until nothing changes. A released parent must not have a single
    hidden sibling, nor hidden siblings adding up to fewer than ``min_group`` (with ``strict``, a
    parent whose only sibling with people in it is hidden gives that sibling back: see
    :func:`protect`); a hidden parent must not have every sibling shown (their sum would give it
    back). Each time, the smallest shown sibling is hidden, or the parent when no sibling is left
    to hide. Lines are mended in order, pass after pass; every line is checked at once at the start
    of a pass, and after a mend only the lines touching the cells it hid are checked again, which
    gives what checking each line in turn gives, far sooner."""
    shown = shown.copy()
    changed = True
    while changed:
        changed = False
        unsafe = ~_safe_lines(lines, count, shown, min_group, strict)
        line = 0
        while (ahead := np.flatnonzero(unsafe[line:])).size:
            line += int(ahead[0])
            parent, siblings = int(lines.parents[line]), lines.siblings(line)
            while not _safe(parent, siblings, count, shown, min_group, strict):
                visible = siblings[shown[siblings] & (count[siblings] > 0)]
                # No sibling left to hide: the released parent is the one hidden sibling itself.
                hide = int(visible[np.argmin(count[visible])]) if len(visible) else parent
                shown[hide] = False
                for other in lines.touching[hide]:
                    unsafe[other] = not _safe(int(lines.parents[other]), lines.siblings(other), count, shown,
                                              min_group, strict)
            unsafe[line] = False
            changed = True
            line += 1
    return shown


def _safe_lines(lines: _Lines, count: np.ndarray, shown: np.ndarray, min_group: int, strict: bool) -> np.ndarray:
    """:func:`_safe` for every line at once."""
    n = len(lines.parents)
    people = count[lines.members] > 0
    hidden = people & ~shown[lines.members]
    n_people = np.bincount(lines.line_of, weights=people, minlength=n)
    n_hidden = np.bincount(lines.line_of, weights=hidden, minlength=n)
    hidden_sum = np.bincount(lines.line_of, weights=np.where(hidden, count[lines.members], 0), minlength=n)
    released = (n_hidden == 0) | ((n_hidden > 1) & (hidden_sum >= min_group))
    withheld = (count[lines.parents] == 0) | (n_hidden > 0)
    all_hidden = (n_hidden == n_people) & ~(strict & shown[lines.parents] & (n_people == 1))
    return all_hidden | np.where(shown[lines.parents], released, withheld)


def _safe(parent: int, siblings: np.ndarray, count: np.ndarray, shown: np.ndarray, min_group: int,
          strict: bool) -> bool:
    people = siblings[count[siblings] > 0]
    hidden = people[~shown[people]]
    if len(hidden) == len(people):  # nothing shown to subtract; but a lone one is its released parent
        return not (strict and shown[parent] and len(people) == 1)
    if not shown[parent]:
        return count[parent] == 0 or len(hidden) > 0
    return len(hidden) == 0 or (len(hidden) > 1 and count[hidden].sum() >= min_group)


def _atoms(cells: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Positions of the cells with every key fixed and somebody in them, and of any other cell
    with somebody in it that holds none of those (a family that lists a group without breaking
    it down): such a cell stands for its own unseen atom, so the audit can still see it solved
    as a parent less its other parts."""
    someone = cells["count"].to_numpy() > 0
    full = np.flatnonzero((cells[keys] != ALL).all(axis=1).to_numpy() & someone)
    if len(full) == 0:
        return full
    bare = someone & ~membership(cells, keys, full).any(axis=1)
    return np.union1d(full, np.flatnonzero(bare))


def membership(cells: pd.DataFrame, keys: list[str], atoms: np.ndarray) -> np.ndarray:
    """The 0/1 matrix of which atom each cell adds up: a cell holds an atom when every one of
    its fixed keys agrees with the atom's. Built from the atoms' side: an atom lies in at most one
    cell for each set of keys left open, found by looking that cell up, so the matrix is filled
    in 2^keys lookups rather than compared cell by cell."""
    codes = cells[keys].to_numpy()
    find = _finder(codes)
    inside = np.zeros((len(cells), len(atoms)))
    for open_keys in itertools.product((False, True), repeat=len(keys)):
        above = codes[atoms].copy()
        above[:, list(open_keys)] = ALL
        cell = find(above)
        found = cell >= 0
        inside[cell[found], np.flatnonzero(found)] = 1.0
    return inside


def _solutions(matrix: np.ndarray, released: np.ndarray, targets: np.ndarray,
               gram: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether each target is solvable from the released rows R, and the weights of the
    least-norm solution for each solvable target (released rows x solvable targets).

    The row space of R is the range of the atoms x atoms Gram matrix ``gram`` = RᵀR (far smaller
    than R when R has many rows). A Cholesky factorisation with pivoting gives G = B Bᵀ, B = [L₁; L₂]
    on the pivoted atoms with L₁ lower-triangular (rank x rank): a target w = [w₁; w₂] lies in
    that range exactly when w₂ = L₂ L₁⁻¹ w₁, so one triangular solve for the few rows of L₂ tests
    every target at once. For a solvable w, any z with G z = w gives the least-norm weights R z
    (two such z differ by a null vector of G, which R sends to zero, and R z lies in R's range):
    z = L₁⁻ᵀ L₁⁻¹ w₁ on the pivot atoms and zero elsewhere is one."""
    from scipy.linalg import lapack, solve_triangular  # only where an audit runs

    rows = matrix[released]
    if len(rows) == 0 or len(targets) == 0:
        return np.zeros(len(targets), dtype=bool), np.zeros((len(rows), 0))
    factor, pivots, rank, _ = lapack.dpstrf(gram, lower=1)  # only its lower triangle is read below
    pivots = pivots - 1
    top = factor[:rank, :rank]
    across = solve_triangular(top, factor[rank:, :rank].T, lower=True, trans="T", check_finite=False).T
    wanted = matrix[targets].T[pivots]
    exposed = np.linalg.norm(wanted[rank:] - across @ wanted[:rank], axis=0) < _TOL * np.sqrt(matrix.shape[1])
    y = solve_triangular(top, wanted[:rank, exposed], lower=True, check_finite=False)
    solved = np.zeros((len(pivots), int(exposed.sum())))
    solved[pivots[:rank]] = solve_triangular(top, y, lower=True, trans="T", check_finite=False)
    return exposed, rows @ solved


def _gram(rows: np.ndarray) -> np.ndarray:
    """RᵀR of 0/1 rows, multiplied in single precision (twice as fast, and exact: every entry is a
    whole number of cells, far below 2**24) and returned in double for the factorisation."""
    rows = rows.astype(np.float32)
    return (rows.T @ rows).astype(float)


def _cut(matrix: np.ndarray, behind: np.ndarray, target: int, weights: np.ndarray, cost: np.ndarray) -> int:
    """The released cell to hide so that ``target`` is no longer solved this way: among the cells its
    solution uses that hold some of its people, the one of least cost per unit of weight it carries.
    The least-norm solution spreads a little weight over cells far from the target; hiding the cheapest
    of those (a bin in another team) barely changes the span, and hundreds of rounds then hide
    thousands of cells. A cell holding the target's people with a large weight is what the solution
    leans on: hiding it usually ends the exposure in a round or two, and hides far less."""
    used = np.abs(weights) > 1e-9
    cells, weight = behind[used], np.abs(weights[used])
    near = matrix[np.ix_(cells, np.flatnonzero(matrix[target]))].any(axis=1)
    if near.any():
        cells, weight = cells[near], weight[near]
    return int(cells[np.argmin(cost[cells] / weight)])


def _audit(cells, keys, atoms, lines, count, cost, shown, min_group, strict) -> np.ndarray:
    """Hide released cells until no sensitive cell can be solved for: for each exposed cell, one
    released cell its solution uses (:func:`_cut`); then settle the lines again. Cells are only ever
    hidden, so the released rows' span only shrinks: a sensitive cell out of reach stays out of
    reach and is not asked about again, and the Gram matrix of the released rows is kept by
    taking out the rows hidden each round (exact: its entries are whole numbers) rather than
    multiplied out again."""
    matrix = membership(cells, keys, atoms)
    exposed_cells = np.flatnonzero((count > 0) & (count < min_group))
    shown = shown.copy()
    released = shown & (count > 0)
    gram = _gram(matrix[released])
    for _ in range(len(cells)):
        exposed, weights = _solutions(matrix, released, exposed_cells, gram)
        if not exposed.any():
            return shown
        exposed_cells = exposed_cells[exposed]
        behind = np.flatnonzero(released)
        for target, column in zip(exposed_cells, weights.T):
            shown[_cut(matrix, behind, target, column, cost)] = False
        shown = _settle(lines, count, shown, min_group, strict)
        gram -= _gram(matrix[released & ~shown])
        released = shown & (count > 0)
    return shown
