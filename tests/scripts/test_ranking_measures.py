#!/usr/bin/env python3
"""scripts/ranking_measures.py against values worked out by hand with trec_eval's definitions."""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../scripts"))
import ranking_measures as rm  # noqa: E402


class TrecEvalDefinitions(unittest.TestCase):
    # d1 grade 2, d2 and d3 grade 1 (d3 never retrieved), d4 judged not relevant, d5 unjudged.
    QRELS = {"q1": {"d1": 2, "d2": 1, "d3": 1, "d4": 0}, "q2": {"x": 1}}
    # d1 and d4 tie: trec_eval puts the greater doc id first, so d4 ranks 2 and d1 rank 3,
    # whatever ranks the run states.
    RUN = {"q1": [("d5", 3.0), ("d1", 2.0), ("d4", 2.0), ("d2", 1.0)]}

    def test_order_breaks_ties_by_doc_id_descending_as_strings(self):
        self.assertEqual(rm.trec_order([("d1", 2.0), ("d4", 2.0), ("d5", 3.0)]), ["d5", "d4", "d1"])
        self.assertEqual(rm.trec_order([("d10", 1.0), ("d9", 1.0)]), ["d9", "d10"])

    def test_one_query(self):
        m = rm.query_measures(self.RUN["q1"], self.QRELS["q1"])
        # Relevant at ranks 3 and 4, R = 3 (d3 counts though it was not retrieved).
        self.assertAlmostEqual(m["map"], (1 / 3 + 2 / 4) / 3)
        self.assertAlmostEqual(m["P_10"], 0.2)  # 2 of 10, though only 4 were retrieved
        self.assertAlmostEqual(m["recall_100"], 2 / 3)
        self.assertAlmostEqual(m["recip_rank_10"], 1 / 3)
        self.assertEqual(m["success_1"], 0.0)
        self.assertEqual(m["success_10"], 1.0)
        dcg = 2 / math.log2(4) + 1 / math.log2(5)  # linear gains, as ndcg_cut.10
        ideal = 2 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)
        self.assertAlmostEqual(m["ndcg_cut_10"], dcg / ideal)

    def test_cutoffs(self):
        run = [(f"n{i:02d}", 100.0 - i) for i in range(10)] + [("r", 1.0)]
        m = rm.query_measures(run, {"r": 1})
        self.assertEqual(m["recip_rank_10"], 0.0)  # rank 11
        self.assertEqual(m["ndcg_cut_10"], 0.0)
        self.assertEqual(m["success_10"], 0.0)
        self.assertAlmostEqual(m["map"], 1 / 11)  # MAP goes the run's whole depth
        self.assertEqual(m["recall_100"], 1.0)

    def test_a_query_the_run_does_not_answer_counts_as_zero(self):
        per_query = rm.run_measures(self.RUN, self.QRELS)
        self.assertEqual(set(per_query), {"q1", "q2"})
        self.assertEqual(per_query["q2"]["map"], 0.0)
        self.assertAlmostEqual(rm.means(per_query)["map"], (1 / 3 + 2 / 4) / 3 / 2)


class PairedComparisons(unittest.TestCase):
    def test_sign_test(self):
        self.assertEqual(rm.sign_test(0, 0), 1.0)
        self.assertAlmostEqual(rm.sign_test(5, 5), 1.0)
        self.assertAlmostEqual(rm.sign_test(10, 0), 2 / 2**10)
        self.assertAlmostEqual(rm.sign_test(8, 2), 2 * (1 + 10 + 45) / 2**10)

    def test_randomization_test(self):
        self.assertEqual(rm.randomization_test([0.0, 0.0]), 1.0)
        self.assertLess(rm.randomization_test([0.5] * 20), 0.001)
        self.assertGreater(rm.randomization_test([0.5, -0.5] * 10), 0.9)

    def test_paired_counts(self):
        a = {"q1": {"m": 0.5}, "q2": {"m": 0.2}, "q3": {"m": 0.1}}
        b = {"q1": {"m": 0.4}, "q2": {"m": 0.3}, "q3": {"m": 0.1}}
        wins, losses, ties, _, _ = rm.paired(a, b, "m", rounds=100)
        self.assertEqual((wins, losses, ties), (1, 1, 1))


if __name__ == "__main__":
    unittest.main()
