"""Retrieval measures as trec_eval 9.x defines them, and paired comparisons of two runs.

A run is {query id: [(doc id, score), ...]}; judgments (qrels) are {query id: {doc id: grade}}
with grade > 0 relevant. As in trec_eval:
- a run is re-ordered by score descending, ties by doc id descending (trec_eval ignores the
  ranks a run states);
- R, a query's number of relevant documents, counts every judged relevant document, retrieved
  or not;
- MAP is the mean of average precision over the whole run (its depth is the run's);
- P@10 divides by 10 even when fewer than 10 documents are retrieved;
- recall@100 is the share of R within the top 100;
- nDCG@10 (trec_eval's ndcg_cut.10) uses the grades as gains (linear, not 2^g - 1) with
  discount log2(rank + 1), against the ideal ordering of all judged documents;
- MRR@10 is the reciprocal rank of the first relevant document within the top 10, else 0;
- the mean is over every judged query, retrieved or not (trec_eval -c), so that a query an
  engine answers with nothing counts as 0 rather than being dropped.
"""
import math
import random

MEASURES = ("map", "ndcg_cut_10", "P_10", "recall_100", "recip_rank_10")
LABELS = {"map": "MAP", "ndcg_cut_10": "nDCG@10", "P_10": "P@10", "recall_100": "recall@100",
          "recip_rank_10": "MRR@10", "success_1": "S@1", "success_10": "S@10"}


def trec_order(ranked):
    """Doc ids in trec_eval's order: score descending, then doc id descending."""
    return [doc for doc, _ in sorted(ranked, key=lambda ds: (-ds[1], _reverse_key(ds[0])))]


def _reverse_key(doc):
    # Descending string order as a sort key for an ascending sort.
    return [-b for b in doc.encode("utf-8")] + [1]


def query_measures(ranked, grades):
    """The measures of one query: `ranked` as [(doc, score)], `grades` {doc: grade}."""
    docs = trec_order(ranked)
    relevant = {d for d, g in grades.items() if g > 0}
    r = len(relevant)
    hits = 0
    precision_sum = 0.0
    first = None
    for i, d in enumerate(docs):
        if d in relevant:
            hits += 1
            precision_sum += hits / (i + 1)
            if first is None:
                first = i + 1
    dcg = sum(grades.get(d, 0) / math.log2(i + 2) for i, d in enumerate(docs[:10]))
    ideal_gains = sorted((g for g in grades.values() if g > 0), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal_gains))
    return {
        "map": precision_sum / r if r else 0.0,
        "ndcg_cut_10": dcg / idcg if idcg else 0.0,
        "P_10": sum(1 for d in docs[:10] if d in relevant) / 10,
        "recall_100": sum(1 for d in docs[:100] if d in relevant) / r if r else 0.0,
        "recip_rank_10": 1.0 / first if first and first <= 10 else 0.0,
        "success_1": 1.0 if first == 1 else 0.0,
        "success_10": 1.0 if first and first <= 10 else 0.0,
    }


def run_measures(run, qrels):
    """{query: {measure: value}} for every judged query (an unanswered one scores 0)."""
    return {q: query_measures(run.get(q, []), grades) for q, grades in qrels.items()}


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def means(per_query):
    measures = next(iter(per_query.values())).keys() if per_query else ()
    return {m: mean(v[m] for v in per_query.values()) for m in measures}


def sign_test(wins, losses):
    """Two-sided exact sign test (ties dropped)."""
    n = wins + losses
    if n == 0:
        return 1.0
    k = min(wins, losses)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return min(1.0, 2 * tail)


def randomization_test(diffs, rounds=10000, seed=1):
    """Two-sided paired randomization test on the mean difference (seeded, so repeatable)."""
    rng = random.Random(seed)
    observed = abs(sum(diffs))
    if observed == 0:
        return 1.0
    extreme = 0
    for _ in range(rounds):
        total = sum(d if rng.random() < 0.5 else -d for d in diffs)
        extreme += abs(total) >= observed - 1e-12
    return (extreme + 1) / (rounds + 1)


def paired(a, b, measure, rounds=10000):
    """Run a against run b on one measure: (improved, hurt, tied, sign p, randomization p)."""
    diffs = [a[q][measure] - b[q][measure] for q in a]
    wins = sum(d > 1e-12 for d in diffs)
    losses = sum(d < -1e-12 for d in diffs)
    return (wins, losses, len(diffs) - wins - losses, sign_test(wins, losses),
            randomization_test(diffs, rounds))
