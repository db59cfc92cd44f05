"""Coreference metrics: MUC, B-cubed, CEAF-e and their CoNLL average.

Clusterings are lists of sets of mention ids over the same mentions (singletons
included). Definitions follow Vilain et al. 1995 (MUC), Bagga & Baldwin 1998 (B-cubed)
and Luo 2005 (CEAF with the entity-based phi4 similarity), as the CoNLL-2012 scorer
computes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = Sequence[set[str]]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return f"P {100 * self.precision:5.1f}  R {100 * self.recall:5.1f}  F1 {100 * self.f1:5.1f}"


def _index(clusters: Clusters) -> dict[str, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    def one_way(a: Clusters, b: Clusters) -> float:
        where = _index(b)
        total = sum(len(c) for c in a)
        score = 0.0
        for c in a:
            for m in c:
                other = b[where[m]] if m in where else {m}
                score += len(c & other) / len(c)
        return score / total if total else 0.0

    return PRF(one_way(response, key), one_way(key, response))


def muc(key: Clusters, response: Clusters) -> PRF:
    def one_way(a: Clusters, b: Clusters) -> float:
        where = _index(b)
        num = den = 0
        for c in a:
            parts = {where.get(m, ("single", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    return PRF(one_way(response, key), one_way(key, response))


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    if not key or not response:
        return PRF(0.0, 0.0)
    sim = np.zeros((len(key), len(response)))
    where = _index(response)
    for i, k in enumerate(key):
        for m in k:
            j = where.get(m)
            if j is not None and sim[i, j] == 0:
                r = response[j]
                sim[i, j] = 2 * len(k & r) / (len(k) + len(r))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    return PRF(total / len(response), total / len(key))


def conll(key: Clusters, response: Clusters) -> dict[str, PRF | float]:
    prf = {
        "MUC": muc(key, response),
        "B3": b_cubed(key, response),
        "CEAF-e": ceaf_e(key, response),
    }
    return {**prf, "CoNLL": sum(s.f1 for s in prf.values()) / 3}
