"""The keep verdict's trees: gradient-boosted regression trees over the second pass's features,
read in plain Python.

A linear second pass adds its features' evidence up; whether a short line is a subheading or a
menu entry depends on combinations (short, and among prose, and on the post's topic), which trees
split on. The trees are trained by bench/quality/train_line_model.py (scikit-learn's
HistGradientBoostingClassifier) and kept in line_model.json as arrays; a line's keep probability
is the logistic of the base score plus one leaf value per tree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

LEAF = -1  # the feature column of a leaf


class Tree(NamedTuple):
    """One tree as parallel arrays: node k splits on column feature[k] at threshold[k] (a value at
    or below it goes left), or is a leaf (feature LEAF) worth value[k]."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    @classmethod
    def from_json(cls, data: dict) -> Tree:
        return cls(
            tuple(int(k) for k in data["feature"]),
            tuple(float(t) for t in data["threshold"]),
            tuple(int(k) for k in data["left"]),
            tuple(int(k) for k in data["right"]),
            tuple(float(v) for v in data["value"]),
        )


@dataclass(frozen=True)
class KeepTrees:
    features: tuple[str, ...]  # the trees' columns, by feature name
    base: float
    trees: tuple[Tree, ...]

    @classmethod
    def from_json(cls, data: dict) -> KeepTrees:
        trees = tuple(Tree.from_json(tree) for tree in data["trees"])
        return cls(tuple(data["features"]), float(data["base"]), trees)

    @cached_property
    def column(self) -> dict[str, int]:
        return {name: k for k, name in enumerate(self.features)}

    def vector(self, features: dict[str, float]) -> list[float]:
        """The reference form, over a feature dict (the trainer's): absent features are 0."""
        return [features.get(name, 0.0) for name in self.features]

    def probability(self, x: list[float]) -> float:
        """The logistic of the base plus each tree's leaf for x. The walk is written out here, not
        a method per tree: it runs a hundred times a line."""
        score = self.base
        for feature, threshold, left, right, value in self.trees:
            node = 0
            while (column := feature[node]) != LEAF:
                node = left[node] if x[column] <= threshold[node] else right[node]
            score += value[node]
        return _logistic(score)


def _logistic(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    e = math.exp(score)
    return e / (1.0 + e)
