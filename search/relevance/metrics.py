"""Ranking quality of one answer: recall@k and nDCG@k over graded judgments."""

import math


def recall_at(k, ranked, grades):
    """Share of the relevant entries in the first k, out of as many as k can hold: with 40
    relevant entries, ten relevant ones in the top ten is a recall of 1."""
    relevant = {entry for entry, grade in grades.items() if grade > 0}
    if not relevant:
        return None
    found = sum(1 for entry in ranked[:k] if entry in relevant)
    return found / min(k, len(relevant))


def dcg(gains):
    return sum((2 ** gain - 1) / math.log2(position + 2) for position, gain in enumerate(gains))


def ndcg_at(k, ranked, grades):
    """Discounted cumulative gain of the first k (gain 2^grade - 1, discount log2(rank + 1)),
    divided by that of the best possible order."""
    ideal = dcg(sorted((grade for grade in grades.values() if grade > 0), reverse=True)[:k])
    if not ideal:
        return None
    return dcg([grades.get(entry, 0) for entry in ranked[:k]]) / ideal
