#!/usr/bin/env python3
"""Ranking quality of newsdex beside Lucene 8.7 and SQLite FTS5, on two judged sets of Reuters.

Sets (docs/ranking.md says how each is built and what it can and cannot show):
- known-item: a headline is the query, its article the one to find; every article's title is
  withheld from the indexed text. Eligible articles (title of 3+ words, body of 200+
  characters, a title no other article has) are shuffled with a seed into two disjoint samples
  of --size: `tune`, for choosing parameters, and `held-out`, for the final check.
- graded: Reuters topics as queries, judged by the topic labels: an article labelled with the
  topic and at most one other topic is highly relevant (grade 2), one labelled with it among 3
  or more topics is relevant (grade 1), any other labelled article is not relevant. `tune` is
  the 40 topics the BM25 defaults were first chosen on; `held-out` is every other topic with 5
  or more articles (38), its queries written from the topics' names.

Engines, in one run over the same articles: newsdex (newsdex-query --format trec, batch mode,
one run per variant below), Lucene 8.7 (BM25Similarity, EnglishAnalyzer, the classic
MultiFieldQueryParser over title and body: bench/lucene/LuceneBench.java `rank`) and FTS5
(porter tokenizer, bm25(), the query's words OR-ed). Runs go 1,000 deep and are scored with
trec_eval's definitions (scripts/ranking_measures.py); paired comparisons per query give
queries improved, hurt and tied, a two-sided sign test and a paired randomization test.

Usage: scripts/eval-ranking.py [--set known-item|graded|both] [--sample tune|held-out]
         [--variants all|NAME,...] [--variant NAME=OPTIONS ...] [--grid] [--no-lucene]
         [--runs-dir DIR] [--work DIR] [--size N] [--seed S] [--corpus FILE] [--bin DIR]
         [-- newsdex-query options for every variant]
"""
import argparse
import glob
import gzip
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import ranking_measures as rm  # noqa: E402

DEPTH = 1000

# newsdex variants: each feature on and off, its options given explicitly so that a table
# stays true when the defaults move (weights as tuned on the tune samples, docs/ranking.md).
# `defaults` is what a user gets with no option.
VARIANTS = {
    "bm25": "--lead 0 --proximity 0",
    "bm25+proximity": "--lead 0 --proximity 0.5 --proximity-window 5 --rerank-depth 20",
    "bm25+lead": "--lead 1 --lead-words 30 --proximity 0 --rerank-depth 20",
    "bm25+lead+proximity": "--lead 1 --lead-words 30 --proximity 0.1 --proximity-window 8"
                           " --rerank-depth 20",
    "bm25+lead+expand": "--lead 1 --lead-words 30 --proximity 0 --rerank-depth 20"
                        " --expand 10,10,0.5",
    "defaults": "",
}

# The 40 topics the BM25 defaults and the title weight were first chosen on (the tune set).
TUNE_TOPICS = {
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

# Every other topic with 5 or more articles, each query written from the topic's name (the
# Reuters-21578 topic list) before any engine was run on it (the held-out set).
HELD_OUT_TOPICS = {
    "gas": "gasoline",
    "meal-feed": "animal feed meal",
    "pet-chem": "petrochemicals",
    "sorghum": "sorghum",
    "rapeseed": "rapeseed canola",
    "lead": "lead metal",
    "strategic-metal": "strategic metals cobalt tungsten",
    "wpi": "wholesale price index",
    "orange": "orange juice",
    "fuel": "fuel oil",
    "soy-meal": "soybean meal",
    "retail": "retail sales",
    "hog": "hogs pigs",
    "soy-oil": "soybean oil",
    "heat": "heating oil",
    "housing": "housing starts",
    "stg": "sterling pound",
    "income": "personal income",
    "sunseed": "sunflower seed",
    "lei": "leading economic indicators",
    "lumber": "lumber timber",
    "tea": "tea",
    "dmk": "german mark",
    "oat": "oats",
    "platinum": "platinum",
    "nickel": "nickel",
    "groundnut": "groundnuts peanuts",
    "l-cattle": "live cattle",
    "sun-oil": "sunflower oil",
    "rape-oil": "rapeseed oil",
    "jet": "jet fuel",
    "instal-debt": "instalment debt consumer credit",
    "coconut-oil": "coconut oil",
    "inventories": "business inventories",
    "naphtha": "naphtha",
    "propane": "propane",
    "potato": "potatoes",
    "coconut": "coconut copra",
}

LUCENE_MODULES = ("core", "analyzers-common", "queryparser", "queries", "highlighter", "memory",
                  "facet")


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# --- judged sets -------------------------------------------------------------------------------

def known_item_samples(articles, size, seed):
    import random
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


def known_item_set(articles, sample, size, seed):
    chosen = known_item_samples(articles, size, seed)[sample]
    # One line, lower case: headline words such as AND are words, not operators.
    queries = [(f"k{i}", " ".join(a["title"].lower().split())) for i, a in enumerate(chosen)]
    qrels = {qid: {a["id"]: 1} for (qid, _), a in zip(queries, chosen)}
    corpus = [{k: v for k, v in a.items() if k != "title"} for a in articles]
    return {"name": "known-item", "queries": queries, "qrels": qrels, "articles": corpus,
            "primary": ["recip_rank_10", "success_10"],
            "measures": ["recip_rank_10", "success_1", "success_10", "recall_100"],
            "labelled": None}


def graded_set(articles, sample):
    topics = TUNE_TOPICS if sample == "tune" else HELD_OUT_TOPICS
    qrels = {t: {} for t in topics}
    labelled = set()
    for a in articles:
        labels = a.get("topics") or []
        if labels:
            labelled.add(a["id"])
        for t in labels:
            if t in qrels:
                qrels[t][a["id"]] = 2 if len(labels) <= 2 else 1
    # Every labelled article not carrying the topic is judged not relevant.
    queries = list(topics.items())
    return {"name": "graded", "queries": queries, "qrels": qrels, "articles": articles,
            "primary": ["ndcg_cut_10", "map"],
            "measures": ["map", "ndcg_cut_10", "P_10", "recall_100", "recip_rank_10"],
            "labelled": labelled}


# --- engines -----------------------------------------------------------------------------------

def write_jsonl(path, articles):
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a) + "\n")


def parse_trec(text):
    run = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) != 6:
            continue
        qid, _, doc, _rank, score, _tag = parts
        run.setdefault(qid, []).append((doc, float(score)))
    return run


def newsdex_index(bin_dir, corpus, db):
    subprocess.run([os.path.join(bin_dir, "newsdex-index"), "--quiet", "--db", db, corpus],
                   check=True, stderr=subprocess.DEVNULL)


def newsdex_run(bin_dir, db, qfile, options):
    out = subprocess.run([os.path.join(bin_dir, "newsdex-query"), "--db", db, "--queries", qfile,
                          "--format", "trec", "--limit", str(DEPTH), "--syntax", "lenient",
                          *options], check=False, capture_output=True, text=True)
    # 1: some query matched nothing, which is a ranking like any other.
    if out.returncode not in (0, 1):
        sys.exit(f"newsdex-query {' '.join(options)} failed ({out.returncode}): {out.stderr}")
    return parse_trec(out.stdout)


def fts5_run(articles, queries, with_title):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, body, tokenize='porter')")
    db.executemany("INSERT INTO a VALUES (?, ?, ?)",
                   ((a["id"], (a.get("title") or "") if with_title else "", a.get("body") or "")
                    for a in articles))
    run = {}
    for qid, text in queries:
        words = re.findall(r"\w+", text)
        if not words:
            continue
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = db.execute("SELECT id, bm25(a) FROM a WHERE a MATCH ? ORDER BY bm25(a) LIMIT ?",
                          (match, DEPTH))
        # bm25() is lower for better matches; trec_eval wants higher.
        run[qid] = [(doc, -score) for doc, score in rows]
    return run


def lucene_classpath(bin_dir, work):
    """(java, classpath) or (None, reason)."""
    java, javac = shutil.which("java"), shutil.which("javac")
    jars = []
    for module in LUCENE_MODULES:
        found = sorted(glob.glob(f"/usr/share/java/lucene-{module}-8*.jar"), reverse=True)
        if not found:
            return None, f"no lucene-{module}-8*.jar in /usr/share/java (apt-get install liblucene8-java)"
        jars.append(found[0])
    if not java:
        return None, "no java (apt-get install default-jdk-headless)"
    source = os.path.join(ROOT, "bench/lucene/LuceneBench.java")
    built = os.path.join(os.path.dirname(os.path.abspath(bin_dir)), "bench/lucene-classes")
    classes = built
    if (not os.path.exists(os.path.join(built, "LuceneBench.class"))
            or os.path.getmtime(os.path.join(built, "LuceneBench.class")) < os.path.getmtime(source)):
        if not javac:
            return None, "no javac to compile bench/lucene/LuceneBench.java"
        classes = os.path.join(work, "lucene-classes")
        subprocess.run([javac, "-nowarn", "-cp", ":".join(jars), "-d", classes, source], check=True)
    return java, ":".join([classes] + jars)


def lucene_run(java, classpath, corpus, index_dir, queries):
    if not os.path.exists(index_dir):
        subprocess.run([java, "-cp", classpath, "LuceneBench", "index", corpus, index_dir],
                       check=True)
    batch = "".join(f"{qid}\t{text}\n" for qid, text in queries)
    out = subprocess.run([java, "-cp", classpath, "LuceneBench", "rank", index_dir, str(DEPTH)],
                         input=batch, capture_output=True, text=True, check=True)
    return parse_trec(out.stdout)


# --- reporting ---------------------------------------------------------------------------------

def write_runs(runs_dir, judged, runs):
    os.makedirs(runs_dir, exist_ok=True)
    prefix = os.path.join(runs_dir, judged["name"])
    with open(prefix + ".qrels", "w") as f:
        for q, grades in judged["qrels"].items():
            for d, g in sorted(grades.items()):
                f.write(f"{q} 0 {d} {g}\n")
    for name, run in runs.items():
        with open(f"{prefix}.{name}.run", "w") as f:
            for q, ranked in run.items():
                for i, d in enumerate(rm.trec_order(ranked)):
                    f.write(f"{q} Q0 {d} {i + 1} {DEPTH - i} {name}\n")


def unjudged_share(run, labelled):
    top = [d for ranked in run.values() for d in rm.trec_order(ranked)[:10]]
    return sum(d not in labelled for d in top) / len(top) if top else 0.0


def report(judged, sample, runs, scores, peers):
    measures = judged["measures"]
    print(f"\n{judged['name']} set, {sample}: {len(judged['queries'])} queries, "
          f"{sum(len(g) for g in judged['qrels'].values())} judged relevant\n")
    extra = judged["labelled"] is not None
    print("| engine | " + " | ".join(rm.LABELS[m] for m in measures)
          + (" | unjudged@10 |" if extra else " |"))
    print("|---" * (len(measures) + 1 + extra) + "|")
    for name, per_query in scores.items():
        avg = rm.means(per_query)
        cells = [f"{avg[m]:.4f}" for m in measures]
        if extra:
            cells.append(f"{unjudged_share(runs[name], judged['labelled']):.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\n| comparison | measure | improved | hurt | tied | sign p | randomization p |")
    print("|---|---|---|---|---|---|---|")
    pairs = [(v, p) for v in scores if v not in peers for p in peers if p in scores]
    # Each feature's own effect: every variant against plain BM25.
    pairs += [(v, "bm25") for v in scores if v not in peers and v != "bm25" and "bm25" in scores]
    for a, b in pairs:
        for m in judged["primary"]:
            w, l, t, sp, rp = rm.paired(scores[a], scores[b], m)
            print(f"| {a} vs {b} | {rm.LABELS[m]} | {w} | {l} | {t} | {sp:.3g} | {rp:.3g} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=["known-item", "graded", "both"], default="both")
    parser.add_argument("--sample", choices=["tune", "held-out"], default="tune")
    parser.add_argument("--corpus",
                        default=os.path.join(ROOT, "corpora/reuters21578/reuters21578.jsonl.gz"))
    parser.add_argument("--bin", default=os.path.join(ROOT, "build/bin"))
    parser.add_argument("--size", type=int, default=1000, help="known-item sample size")
    parser.add_argument("--seed", type=int, default=14, help="known-item sample seed")
    parser.add_argument("--variants", default="all",
                        help="newsdex variants to run: all, none, or names from " + ", ".join(VARIANTS))
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=OPTIONS",
                        help="an extra newsdex variant (newsdex-query options), repeatable")
    parser.add_argument("--grid", action="store_true",
                        help="add a grid of k1, b and title weight variants (tune samples)")
    parser.add_argument("--no-lucene", action="store_true")
    parser.add_argument("--no-fts5", action="store_true")
    parser.add_argument("--runs-dir", help="write each run and the qrels here (TREC format)")
    parser.add_argument("--work", help="keep indexes here and reuse them (default: a temp dir)")
    parser.add_argument("extra", nargs="*", help="newsdex-query options for every variant, after --")
    args = parser.parse_args()

    variants = {}
    if args.variants == "all":
        variants.update(VARIANTS)
    elif args.variants != "none":
        for name in args.variants.split(","):
            if name not in VARIANTS:
                parser.error(f"no variant '{name}' (known: {', '.join(VARIANTS)})")
            variants[name] = VARIANTS[name]
    for spec in args.variant:
        name, _, options = spec.partition("=")
        variants[name] = options
    if args.grid:
        for k1 in (0.9, 1.2, 1.5):
            for b in (0.3, 0.4, 0.5, 0.75):
                for tw in (0.25, 0.5, 1.0):
                    variants[f"k1={k1},b={b},tw={tw}"] = f"--bm25 {k1},{b} --title-weight {tw}"
    if not os.access(os.path.join(args.bin, "newsdex-query"), os.X_OK):
        sys.exit(f"no newsdex-query in {args.bin}: build first (scripts/setup.sh) or give --bin")

    articles = load(args.corpus)
    sets = []
    if args.set in ("known-item", "both"):
        sets.append(known_item_set(articles, args.sample, args.size, args.seed))
    if args.set in ("graded", "both"):
        sets.append(graded_set(articles, args.sample))

    work = args.work or tempfile.mkdtemp(prefix="newsdex-eval-")
    os.makedirs(work, exist_ok=True)
    java, classpath = (None, "--no-lucene") if args.no_lucene else lucene_classpath(args.bin, work)
    if java is None:
        print(f"SKIP lucene: {classpath}")
    try:
        for judged in sets:
            name = judged["name"]
            corpus = os.path.join(work, f"{name}.jsonl")
            db = os.path.join(work, f"{name}.newsdex")
            if not os.path.exists(db):
                write_jsonl(corpus, judged["articles"])
                newsdex_index(args.bin, corpus, db)
            qfile = os.path.join(work, f"{name}.{args.sample}.queries.tsv")
            with open(qfile, "w", encoding="utf-8") as f:
                for qid, text in judged["queries"]:
                    f.write(f"{qid}\t{text}\n")
            runs = {}
            for vname, options in variants.items():
                runs[vname] = newsdex_run(args.bin, db, qfile, shlex.split(options) + args.extra)
            peers = []
            if java is not None:
                if not os.path.exists(corpus):
                    write_jsonl(corpus, judged["articles"])
                runs["lucene"] = lucene_run(java, classpath, corpus,
                                            os.path.join(work, f"{name}.lucene"),
                                            judged["queries"])
                peers.append("lucene")
            if not args.no_fts5:
                runs["fts5"] = fts5_run(judged["articles"], judged["queries"],
                                        with_title=name == "graded")
                peers.append("fts5")
            if args.runs_dir:
                write_runs(args.runs_dir, judged, runs)
            scores = {n: rm.run_measures(r, judged["qrels"]) for n, r in runs.items()}
            report(judged, args.sample, runs, scores, peers)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
