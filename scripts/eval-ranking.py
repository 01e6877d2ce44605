#!/usr/bin/env python3
"""Ranking quality of newsdex on Reuters-21578, judged by topic labels.

Each query below is a short description of a Reuters topic, written from the topic's name (not
tuned to the corpus); an article is relevant to it when it carries the topic label. This is the
judged set the BM25 defaults and the title weight were chosen on (docs/query.md, "Ranking").

Usage: scripts/eval-ranking.py DB CORPUS.jsonl[.gz] [--grid] [-- extra newsdex-query options]
Prints MAP@100, nDCG@10 and P@10 for the default settings, or for a grid of k1, b and title
weights with --grid.
"""
import gzip
import json
import math
import subprocess
import sys

QUERIES = {
    "earn": "quarterly earnings net profit per share",
    "acq": "acquisition merger takeover bid",
    "money-fx": "foreign exchange currency markets intervention",
    "crude": "crude oil prices",
    "grain": "grain harvest exports",
    "trade": "trade deficit surplus imports exports",
    "interest": "interest rates cut",
    "wheat": "wheat",
    "ship": "shipping ports vessels",
    "corn": "corn maize",
    "dlr": "dollar exchange rate",
    "oilseed": "oilseed soybeans rapeseed",
    "money-supply": "money supply growth",
    "sugar": "sugar",
    "gnp": "gross national product economic growth",
    "coffee": "coffee",
    "veg-oil": "vegetable oil",
    "gold": "gold",
    "nat-gas": "natural gas",
    "soybean": "soybean",
    "bop": "balance of payments current account",
    "livestock": "livestock cattle hogs",
    "cpi": "consumer price index inflation",
    "reserves": "foreign exchange reserves",
    "copper": "copper",
    "cocoa": "cocoa",
    "jobs": "unemployment jobs",
    "carcass": "meat carcass beef pork",
    "yen": "yen",
    "rice": "rice",
    "iron-steel": "iron steel",
    "ipi": "industrial production index",
    "cotton": "cotton",
    "alum": "aluminium aluminum",
    "barley": "barley",
    "rubber": "rubber",
    "zinc": "zinc",
    "palm-oil": "palm oil",
    "silver": "silver",
    "tin": "tin",
}


def load_judgments(corpus):
    opener = gzip.open if corpus.endswith(".gz") else open
    relevant = {topic: set() for topic in QUERIES}
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            for topic in doc.get("topics", []):
                if topic in relevant:
                    relevant[topic].add(doc["id"])
    return relevant


def run(db, options):
    batch = "".join(f"{topic}\t{q}\n" for topic, q in QUERIES.items())
    out = subprocess.run(
        ["build/bin/newsdex-query", "--db", db, "--queries", "-", "--format", "trec",
         "--limit", "100"] + options,
        input=batch, capture_output=True, text=True, check=False)
    if out.returncode == 2:
        sys.exit(out.stderr)
    ranking = {topic: [] for topic in QUERIES}
    for line in out.stdout.splitlines():
        qid, _, docid, _, _, _ = line.split()
        ranking[qid].append(docid)
    return ranking


def scores(ranking, relevant):
    ap_sum = ndcg_sum = p10_sum = 0.0
    for topic, docs in ranking.items():
        rel = relevant[topic]
        hits, precision_sum = 0, 0.0
        for i, d in enumerate(docs[:100]):
            if d in rel:
                hits += 1
                precision_sum += hits / (i + 1)
        ap_sum += precision_sum / min(len(rel), 100)
        dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(docs[:10]) if d in rel)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(rel), 10)))
        ndcg_sum += dcg / ideal
        p10_sum += sum(1 for d in docs[:10] if d in rel) / 10
    n = len(ranking)
    return ap_sum / n, ndcg_sum / n, p10_sum / n


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        extra = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    grid = "--grid" in args
    args = [a for a in args if a != "--grid"]
    if len(args) != 2:
        sys.exit(__doc__)
    db, corpus = args
    relevant = load_judgments(corpus)
    settings = [[]]
    if grid:
        settings = [["--bm25", f"{k1},{b}", "--title-weight", str(tw)]
                    for k1 in (0.6, 0.9, 1.2, 1.5, 2.0)
                    for b in (0.3, 0.5, 0.75, 0.9)
                    for tw in (0, 0.5, 1, 2)]
    print("MAP@100  nDCG@10  P@10    settings")
    for s in settings:
        m, n, p = scores(run(db, s + extra), relevant)
        print(f"{m:.4f}   {n:.4f}   {p:.4f}  {' '.join(s + extra) or 'defaults'}")


if __name__ == "__main__":
    main()
