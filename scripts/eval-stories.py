#!/usr/bin/env python3
"""Story clustering quality of newsdex against the labelled pairs in bench/stories/.

newsdex gives every article a story id at index time (articles about one event within +-3 days
share it). This script indexes the Reuters-21578 copy shipped in corpora/, the rewritten copies
in bench/stories/paraphrases.jsonl and corpora/seeds/ into a temporary database, reads the story
of every labelled article (newsdex-query --format json 'id:A OR id:B ...', 200 ids a query) and
scores the prediction "same story id" against bench/stories/labels.tsv:

- pairwise precision TP/(TP+FP), recall TP/(TP+FN) and F1 over all labelled pairs;
- per kind: recall of each positive kind (near-copy, same-event, paraphrase, seed), false-positive
  rate of each negative kind (hard-negative);
- B-cubed precision/recall/F1 over the labelled articles: gold clusters are the connected
  components of the `same` pairs, each article's predicted cluster is the labelled articles
  with its story id. (Articles not linked by a `same` pair count as different events: the gold
  is complete only for the labelled pairs, so read B-cubed as a second view, not the main one.)

Usage (from the repository root, after the build):
  scripts/eval-stories.py [--build DIR] [--story-threshold T] [--sweep T1,T2,...]
                          [--show-errors] [--db DIR] [--keep-db DIR]
  scripts/eval-stories.py --predicted FILE [--show-errors]   # TSV id<TAB>story, no newsdex
  scripts/eval-stories.py --self-test                        # checks of the arithmetic

Prints markdown tables to stdout; exits 0 (2 on a usage or run error).
"""
import argparse
import collections
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import story_labels  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = os.path.join(ROOT, "bench/stories/labels.tsv")
INPUTS = ["corpora/reuters21578/reuters21578.jsonl.gz", "bench/stories/paraphrases.jsonl",
          "corpora/seeds/"]
POSITIVE_KINDS = ["near-copy", "same-event", "paraphrase", "seed"]
BATCH = 200


# ---------------------------------------------------------------- labels and titles

def read_labels(path):
    """(a_id, b_id, same, kind, note) rows, `same` a bool."""
    return [(a, b, label == "same", kind, note) for a, b, label, kind, note in story_labels.read_labels(path)]


def read_titles(ids):
    """Titles of the labelled articles, for the error list."""
    want, titles = set(ids), {}
    with gzip.open(os.path.join(ROOT, INPUTS[0]), "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["id"] in want:
                titles[a["id"]] = a.get("title") or (a.get("body") or "")[:60]
    with open(os.path.join(ROOT, INPUTS[1]), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                a = json.loads(line)
                if a["id"] in want:
                    titles[a["id"]] = f'{a["title"]} ({a["outlet"]})'
    with open(os.path.join(ROOT, "corpora/seeds/seeds.meta.jsonl"), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            titles.setdefault(a["id"], a.get("title") or f'seed article ({a.get("outlet")})')
    return titles


# ---------------------------------------------------------------- metrics

def components(ids, same_pairs):
    parent = {i: i for i in ids}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in same_pairs:
        parent[find(a)] = find(b)
    return {i: find(i) for i in ids}


def pairwise(pairs, story):
    """pairs: (a, b, same, kind, note); story: id -> story id. Returns counts and per-kind."""
    tp = fp = fn = tn = 0
    kinds = collections.defaultdict(lambda: [0, 0])  # kind -> [predicted same, pairs]
    wrong = []
    for a, b, same, kind, note in pairs:
        pred = story[a] == story[b]
        kinds[(kind, same)][0] += pred
        kinds[(kind, same)][1] += 1
        if same and pred:
            tp += 1
        elif same:
            fn += 1
            wrong.append(("FN", a, b, kind, note))
        elif pred:
            fp += 1
            wrong.append(("FP", a, b, kind, note))
        else:
            tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": p, "recall": r, "f1": f,
            "kinds": dict(kinds), "wrong": wrong}


def bcubed(pairs, story):
    ids = sorted({i for p in pairs for i in p[:2]})
    gold = components(ids, [(a, b) for a, b, same, _, _ in pairs if same])
    gsize = collections.Counter(gold.values())
    psize = collections.Counter(story[i] for i in ids)
    both = collections.Counter((gold[i], story[i]) for i in ids)
    p = sum(both[(gold[i], story[i])] / psize[story[i]] for i in ids) / len(ids)
    r = sum(both[(gold[i], story[i])] / gsize[gold[i]] for i in ids) / len(ids)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "articles": len(ids), "gold_clusters": len(gsize)}


def score(pairs, story):
    return pairwise(pairs, story), bcubed(pairs, story)


# ---------------------------------------------------------------- newsdex

def find_bin(build, name, sub):
    for d in (os.path.join(build, sub), os.path.join(build, "bin")):
        path = os.path.join(d, name)
        if os.access(path, os.X_OK):
            return path
    sys.stderr.write(f"no {name} in {build}/{sub} or {build}/bin: build first or give --build\n")
    sys.exit(2)


def index(indexer, db, threshold):
    cmd = [indexer, "--db", db, "--quiet"] + [os.path.join(ROOT, p) for p in INPUTS]
    if threshold is not None:
        cmd += ["--story-threshold", str(threshold)]
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 3):  # 3: indexed with items skipped (the empty Reuters article)
        tail = "\n".join(r.stderr.strip().splitlines()[-5:])
        sys.stderr.write(f"newsdex-index failed ({r.returncode}): {' '.join(cmd)}\n{tail}\n")
        sys.exit(2)


def read_stories(query, db, ids):
    story = {}
    ids = sorted(ids)
    for k in range(0, len(ids), BATCH):
        batch = ids[k:k + BATCH]
        q = " OR ".join(f"id:{i}" for i in batch)
        r = subprocess.run([query, "--db", db, "--format", "json", "--limit", "1000",
                            "--syntax", "strict", q], capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.stderr.write(f"newsdex-query failed ({r.returncode}): {r.stderr.strip()[:500]}\n")
            sys.exit(2)
        if r.returncode == 1 or not r.stdout.strip():
            continue
        for hit in json.loads(r.stdout).get("hits", []):
            if "story" not in hit:
                sys.stderr.write("newsdex-query hits have no `story` field: this build predates "
                                 "story ids\n")
                sys.exit(2)
            story[hit["id"]] = str(hit["story"])
    return story


def fill_missing(story, ids):
    """Articles the index did not return are their own story (counted and reported)."""
    missing = [i for i in ids if i not in story]
    for i in missing:
        story[i] = f"missing:{i}"
    return missing


# ---------------------------------------------------------------- report

def fmt(x):
    return f"{x:.3f}"


def summary_header():
    return ("| threshold | P | R | F1 | B3 P | B3 R | B3 F1 | TP | FP | FN | "
            + " | ".join(f"R {k}" for k in POSITIVE_KINDS) + " | FPR hard-negative |\n"
            + "|" + "---|" * (11 + len(POSITIVE_KINDS)))


def summary_row(name, pw, b3):
    cells = [name, fmt(pw["precision"]), fmt(pw["recall"]), fmt(pw["f1"]), fmt(b3["precision"]),
             fmt(b3["recall"]), fmt(b3["f1"]), str(pw["tp"]), str(pw["fp"]), str(pw["fn"])]
    for k in POSITIVE_KINDS:
        s, n = pw["kinds"].get((k, True), [0, 0])
        cells.append(f"{fmt(s / n)} ({s}/{n})" if n else "-")
    s, n = pw["kinds"].get(("hard-negative", False), [0, 0])
    cells.append(f"{fmt(s / n)} ({s}/{n})" if n else "-")
    return "| " + " | ".join(cells) + " |"


def kind_table(pw):
    lines = ["| kind | label | pairs | predicted same | measure |", "|---|---|---|---|---|"]
    for (kind, same), (s, n) in sorted(pw["kinds"].items(), key=lambda t: (not t[0][1], t[0][0])):
        what = f"recall {fmt(s / n)}" if same else f"false-positive rate {fmt(s / n)}"
        lines.append(f"| {kind} | {'same' if same else 'different'} | {n} | {s} | {what} |")
    return "\n".join(lines)


def error_list(pw, story, titles):
    lines = [f"### Wrong pairs ({len(pw['wrong'])})", "",
             "| error | kind | a | b | a title | b title | note |", "|---|---|---|---|---|---|---|"]
    for err, a, b, kind, note in sorted(pw["wrong"], key=lambda t: (t[0], t[3], t[1])):
        ta = titles.get(a, "").replace("|", "/")
        tb = titles.get(b, "").replace("|", "/")
        lines.append(f"| {err} | {kind} | {a} ({story[a]}) | {b} ({story[b]}) | {ta} | {tb} | "
                     f"{note.replace('|', '/')} |")
    return "\n".join(lines)


# ---------------------------------------------------------------- self-test

def self_test():
    # Gold: {a,b,c} (a-b, b-c same), {d}, {e}; labelled different: a-d, d-e, c-e.
    pairs = [("a", "b", True, "near-copy", ""), ("b", "c", True, "same-event", ""),
             ("a", "d", False, "hard-negative", ""), ("d", "e", False, "hard-negative", ""),
             ("c", "e", False, "hard-negative", "")]
    # Predicted: {a,b}, {c,e}, {d}
    story = {"a": "1", "b": "1", "c": "2", "d": "3", "e": "2"}
    pw, b3 = score(pairs, story)
    # pairs: a-b TP, b-c FN, a-d TN, d-e TN, c-e FP -> P 1/2, R 1/2
    assert (pw["tp"], pw["fp"], pw["fn"], pw["tn"]) == (1, 1, 1, 2), pw
    assert abs(pw["precision"] - 0.5) < 1e-12 and abs(pw["recall"] - 0.5) < 1e-12
    assert pw["kinds"][("near-copy", True)] == [1, 1]
    assert pw["kinds"][("same-event", True)] == [0, 1]
    assert pw["kinds"][("hard-negative", False)] == [1, 3]
    # B-cubed precision per article: a 2/2, b 2/2, c 1/2 (c,e predicted; gold c only), d 1/1,
    # e 1/2 -> (1+1+.5+1+.5)/5 = 0.8. Recall: a 2/3, b 2/3, c 1/3, d 1, e 1 -> (11/3)/5 = 11/15.
    assert abs(b3["precision"] - 0.8) < 1e-12, b3
    assert abs(b3["recall"] - 11 / 15) < 1e-12, b3
    assert b3["gold_clusters"] == 3
    # everything one story: pairwise recall 1, precision 2/5; B-cubed recall 1, precision
    # (3*3/5 + 1/5 + 1/5)/5 = 11/25
    one = {i: "x" for i in "abcde"}
    pw, b3 = score(pairs, one)
    assert pw["recall"] == 1.0 and abs(pw["precision"] - 0.4) < 1e-12
    assert b3["recall"] == 1.0 and abs(b3["precision"] - 11 / 25) < 1e-12
    # all singletons: pairwise precision 0 (no predicted same), B-cubed precision 1
    single = {i: i for i in "abcde"}
    pw, b3 = score(pairs, single)
    assert pw["tp"] == 0 and pw["precision"] == 0.0 and b3["precision"] == 1.0
    assert abs(b3["recall"] - (1 / 3 * 3 + 2) / 5) < 1e-12
    # the shipped labels are consistent: no `different` pair inside a `same` component
    labels = read_labels(LABELS)
    ids = {i for p in labels for i in p[:2]}
    comp = components(ids, [(a, b) for a, b, same, _, _ in labels if same])
    bad = [(a, b) for a, b, same, _, _ in labels if not same and comp[a] == comp[b]]
    assert not bad, bad
    # a perfect prediction (story = gold component) scores 1 everywhere on the shipped labels
    pw, b3 = score(labels, comp)
    assert pw["precision"] == pw["recall"] == b3["precision"] == b3["recall"] == 1.0
    print("self-test passed: pairwise and B-cubed on a hand-worked example (P 0.5, R 0.5; "
          "B3 P 0.8, R 11/15), all-one-story, all-singletons; shipped labels consistent "
          f"({len(labels)} pairs, {len(ids)} articles) and a perfect prediction scores 1.0")


# ---------------------------------------------------------------- main

def report(title, pairs, story, titles, show_errors, missing):
    pw, b3 = score(pairs, story)
    print(f"## {title}\n")
    print(summary_header())
    print(summary_row(title.split(", ")[-1] if title.startswith("newsdex") else "predicted", pw, b3))
    print()
    print(kind_table(pw))
    print()
    print(f"B-cubed over {b3['articles']} labelled articles in {b3['gold_clusters']} gold clusters. "
          f"Pairs: {len(pairs)} ({sum(1 for p in pairs if p[2])} same, "
          f"{sum(1 for p in pairs if not p[2])} different)."
          + (f" {len(missing)} labelled articles not found in the index (counted as their own "
             f"story): {', '.join(missing[:10])}" if missing else ""))
    print()
    if show_errors:
        print(error_list(pw, story, titles))
        print()
    return pw, b3


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="build folder (default build)")
    ap.add_argument("--labels", default=LABELS)
    ap.add_argument("--story-threshold", type=float, help="passed to newsdex-index")
    ap.add_argument("--sweep", help="comma-separated thresholds: re-index and score each")
    ap.add_argument("--show-errors", action="store_true", help="list FP/FN pairs with titles (default run)")
    ap.add_argument("--db", help="score this existing database instead of indexing")
    ap.add_argument("--keep-db", help="index into this folder and keep it")
    ap.add_argument("--predicted", help="TSV id<TAB>story: score it, no newsdex needed")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()

    if args.self_test:
        self_test()
        return 0
    pairs = read_labels(args.labels)
    ids = sorted({i for p in pairs for i in p[:2]})
    titles = read_titles(ids) if args.show_errors else {}

    if args.predicted:
        story = {}
        with open(args.predicted, encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) >= 2 and not line.startswith("#"):
                    story[p[0]] = p[1]
        missing = fill_missing(story, ids)
        report(f"Predicted stories from {args.predicted}", pairs, story, titles, args.show_errors,
               missing)
        return 0

    indexer = find_bin(args.build, "newsdex-index", "indexer")
    query = find_bin(args.build, "newsdex-query", "query")
    work = tempfile.mkdtemp(prefix="newsdex-stories-")
    try:
        def run(threshold, keep=None):
            if args.db and threshold is None:
                db = args.db
            else:
                db = keep or os.path.join(work, f"db-{threshold}")
                if os.path.exists(db) and keep:
                    shutil.rmtree(db)
                index(indexer, db, threshold)
            story = read_stories(query, db, ids)
            missing = fill_missing(story, ids)
            return story, missing

        story, missing = run(args.story_threshold, args.keep_db)
        name = f"threshold {args.story_threshold}" if args.story_threshold is not None else "default"
        pw, b3 = report(f"newsdex story ids, {name}", pairs, story, titles, args.show_errors, missing)
        if args.sweep:
            print("## Threshold sweep\n")
            print(summary_header())
            print(summary_row(name, pw, b3))
            for t in args.sweep.split(","):
                t = float(t)
                s, m = run(t)
                spw, sb3 = score(pairs, s)
                print(summary_row(str(t), spw, sb3) + (f" ({len(m)} missing)" if m else ""))
            print()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
