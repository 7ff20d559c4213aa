"""Fix the stratified train/test split of the stance annotations (run once; the split is committed).

Stratified on language × label so both sets have the same mix; seeded so the split can be re-derived.
Usage: python scripts/split_annotations.py [--test-size 0.3] [--seed 42]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

ROOT = Path(__file__).resolve().parents[1] / "corpus" / "annotations"
COLUMNS = ["id", "lang", "text", "stance", "register", "phenomenon", "note"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--test-size", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    pool = pd.concat(
        [pd.read_csv(p, sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE) for p in sorted((ROOT / "pool").glob("stance_*.tsv"))],
        ignore_index=True,
    )[COLUMNS]
    strata = pool["lang"] + "/" + pool["stance"]
    train, test = train_test_split(pool, test_size=args.test_size, stratify=strata, random_state=args.seed)
    for name, part in (("stance_train.tsv", train), ("stance_test.tsv", test)):
        part.sort_values("id").to_csv(ROOT / name, sep="\t", index=False, quoting=csv.QUOTE_NONE, lineterminator="\n")
        print(f"{name}: {len(part)} rows; {part.groupby(['lang', 'stance']).size().to_dict()}")


if __name__ == "__main__":
    main()
