"""The labelled story pairs of bench/stories/labels.tsv, as both story scripts read them."""
import sys


def read_labels(path):
    """Rows (a_id, b_id, label, kind, note), label "same" or "different"; exits on a bad row."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#") or line.startswith("a_id\t"):
                continue
            p = line.rstrip("\n").split("\t")
            if len(p) < 4 or p[2] not in ("same", "different"):
                sys.exit(f"{path}:{n}: bad row (a_id b_id same|different kind note)")
            rows.append((p[0], p[1], p[2], p[3], p[4] if len(p) > 4 else ""))
    return rows
