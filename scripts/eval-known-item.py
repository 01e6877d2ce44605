#!/usr/bin/env python3
"""News known-item search on Reuters-21578: a headline as the query, its article to be found.

Every article's title is withheld from the indexed text (the corpus is indexed without titles),
so the headline has to be matched against the story itself, as a reader who remembers a
headline searches an archive. Articles with a title of 3 words or more, a body of 200
characters or more and a title no other article has are eligible; a seeded shuffle of them
gives two disjoint samples of --size queries: "tune" (for choosing parameters) and "held-out"
(for the final check only). Queries are lower-cased, so that headline words such as AND are
words, and read as search-box text (--syntax lenient).

Engines in the same run: newsdex (newsdex-query --format trec, batch mode) and SQLite FTS5
(porter tokenizer, bm25, the headline's words OR-ed), over the same articles. Lucene is not in
this harness yet (SKIP line).

Measures per query: reciprocal rank of the known item within the top 10 (MRR@10 is the mean),
success at 1 and at 10, and whether it is in the top 100 (recall@100). Paired comparisons of
newsdex against each peer on the reciprocal rank: queries improved / hurt / tied, a two-sided
sign test and a paired randomization test (10,000 seeded permutations) on the mean difference.

Usage: scripts/eval-known-item.py [--corpus FILE.jsonl[.gz]] [--bin DIR] [--sample tune|held-out]
                                  [--size N] [--seed S] [-- extra newsdex-query options]
"""
import argparse
import gzip
import json
import math
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def samples(articles, size, seed):
    titles = {}
    for a in articles:
        t = (a.get("title") or "").strip().lower()
        titles[t] = titles.get(t, 0) + 1
    eligible = [a for a in articles
                if len((a.get("title") or "").split()) >= 3
                and len(a.get("body") or "") >= 200
                and titles[(a.get("title") or "").strip().lower()] == 1]
    rng = random.Random(seed)
    rng.shuffle(eligible)
    if len(eligible) < 2 * size:
        sys.exit(f"only {len(eligible)} eligible articles for two samples of {size}")
    return {"tune": eligible[:size], "held-out": eligible[size:2 * size]}


def query_text(title):
    # One line, lower case: headline words are words, not operators.
    return " ".join(title.lower().split())


def run_newsdex(bin_dir, workdir, articles, queries, extra):
    corpus = os.path.join(workdir, "untitled.jsonl")
    with open(corpus, "w", encoding="utf-8") as f:
        for a in articles:
            untitled = {k: v for k, v in a.items() if k != "title"}
            f.write(json.dumps(untitled) + "\n")
    db = os.path.join(workdir, "newsdex.db")
    subprocess.run([os.path.join(bin_dir, "newsdex-index"), "--quiet", "--db", db, corpus],
                   check=True)
    qfile = os.path.join(workdir, "queries.tsv")
    with open(qfile, "w", encoding="utf-8") as f:
        for qid, text in queries:
            f.write(f"{qid}\t{text}\n")
    out = subprocess.run([os.path.join(bin_dir, "newsdex-query"), "--db", db, "--queries", qfile,
                          "--format", "trec", "--limit", "100", "--syntax", "lenient", *extra],
                         check=False, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit("newsdex-query failed: " + out.stderr)
    return parse_trec(out.stdout)


def parse_trec(text):
    ranked = {}
    for line in text.splitlines():
        qid, _, doc, rank, _score, _tag = line.split()
        ranked.setdefault(qid, []).append((int(rank), doc))
    return {q: [d for _, d in sorted(v)] for q, v in ranked.items()}


def run_fts5(articles, queries):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, body, tokenize='porter')")
    db.executemany("INSERT INTO a VALUES (?, ?)", ((a["id"], a.get("body") or "") for a in articles))
    ranked = {}
    for qid, text in queries:
        words = re.findall(r"\w+", text)
        if not words:
            ranked[qid] = []
            continue
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = db.execute("SELECT id FROM a WHERE a MATCH ? ORDER BY bm25(a) LIMIT 100", (match,))
        ranked[qid] = [r[0] for r in rows]
    return ranked


def per_query(ranked, targets):
    scores = {}
    for qid, target in targets.items():
        docs = ranked.get(qid, [])
        rank = docs.index(target) + 1 if target in docs else None
        scores[qid] = {
            "rr10": 1.0 / rank if rank and rank <= 10 else 0.0,
            "s1": 1.0 if rank == 1 else 0.0,
            "s10": 1.0 if rank and rank <= 10 else 0.0,
            "r100": 1.0 if rank else 0.0,
        }
    return scores


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def sign_test(wins, losses):
    n = wins + losses
    if n == 0:
        return 1.0
    k = min(wins, losses)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def randomization_test(diffs, rounds=10000, seed=1):
    rng = random.Random(seed)
    observed = abs(sum(diffs))
    extreme = 0
    for _ in range(rounds):
        total = sum(d if rng.random() < 0.5 else -d for d in diffs)
        extreme += abs(total) >= observed - 1e-12
    return (extreme + 1) / (rounds + 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=os.path.join(ROOT, "corpora/reuters21578/reuters21578.jsonl.gz"))
    parser.add_argument("--bin", default=os.path.join(ROOT, "build/bin"))
    parser.add_argument("--sample", choices=["tune", "held-out"], default="tune")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("extra", nargs="*", help="newsdex-query options, after --")
    args = parser.parse_args()

    articles = load(args.corpus)
    sample = samples(articles, args.size, args.seed)[args.sample]
    queries = [(f"k{i}", query_text(a["title"])) for i, a in enumerate(sample)]
    targets = {qid: a["id"] for (qid, _), a in zip(queries, sample)}
    with tempfile.TemporaryDirectory() as workdir:
        runs = {"newsdex": run_newsdex(args.bin, workdir, articles, queries, args.extra),
                "fts5": run_fts5(articles, queries)}
    print("SKIP lucene: not in this harness yet")
    scores = {name: per_query(r, targets) for name, r in runs.items()}
    print(f"\nKnown-item search, Reuters, {args.sample} sample: {len(queries)} headlines "
          f"(seed {args.seed}), titles withheld from the index\n")
    print("| engine | MRR@10 | Success@1 | Success@10 | recall@100 |")
    print("|---|---|---|---|---|")
    for name, s in scores.items():
        vals = [mean([q[m] for q in s.values()]) for m in ("rr10", "s1", "s10", "r100")]
        print(f"| {name} | " + " | ".join(f"{v:.3f}" for v in vals) + " |")
    print("\n| newsdex against | improved | hurt | tied | sign test p | randomization p |")
    print("|---|---|---|---|---|---|")
    base = scores["newsdex"]
    for name, s in scores.items():
        if name == "newsdex":
            continue
        diffs = [base[q]["rr10"] - s[q]["rr10"] for q in targets]
        wins = sum(d > 0 for d in diffs)
        losses = sum(d < 0 for d in diffs)
        print(f"| {name} | {wins} | {losses} | {len(diffs) - wins - losses} | "
              f"{sign_test(wins, losses):.3g} | {randomization_test(diffs):.3g} |")


if __name__ == "__main__":
    main()
