"""What the duplicate suggestions and the opinion groups cost at workshop scale.

Duplicate suggestions: N proposals (default 300) of 60-280 characters in English, French and Urdu,
compared all against all (domain/similar.py): from scratch (a fresh process), and the way the
moderators' queue does it when one more proposal arrives (the others' n-grams already cut).
Opinion groups: P participants voting on M of those proposals (domain/opinion.py),
the way the results do it after votes arrive. Each is timed R times; the median and the worst are
printed in milliseconds, with the machine's Python and scikit-learn versions.

    .venv/bin/python benchmarks/similar.py [--proposals 300] [--participants 300] [--repeat 5]
"""

import argparse
import platform
import random
import statistics
import sys
import time
from pathlib import Path

import sklearn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.domain.opinion import opinion_groups
from facilitator.domain.similar import ngrams, similar_proposals

WORDS = {
    "en": "joint crisis hotline student exchange water study group border trade visas media "
    "journalists observers ministries defence dialogue trust regular meetings data sharing",
    "fr": "échanges étudiants ligne directe crise ministères défense frontière commerce visas "
    "journalistes observateurs dialogue confiance réunions régulières partage données",
    "ur": "دونوں ممالک یونیورسٹیوں طلبہ تبادلے پروگرام سرحد تجارت ویزا صحافی مبصرین وزارت دفاع "
    "مکالمہ اعتماد باقاعدہ ملاقاتیں معلومات",
}


def proposals(n: int, rng: random.Random) -> dict[int, str]:
    """n proposal texts of 60 to 280 characters, a third in each language."""
    texts = {}
    for i in range(n):
        words = WORDS[("en", "fr", "ur")[i % 3]].split()
        text = ""
        target = rng.randint(60, 280)
        while len(text) < target:
            text += rng.choice(words) + " "
        texts[i] = text[:target].strip()
    return texts


def votes(participants: int, ids: list[int], rng: random.Random) -> dict:
    """Two camps voting on about half of the proposals each, with some noise."""
    result = {}
    for p in range(participants):
        camp = p % 2
        result[f"p{p}"] = {
            pid: ("agree" if (pid % 2 == camp) != (rng.random() < 0.1) else "disagree")
            for pid in ids
            if rng.random() < 0.5
        }
    return result


def timed(function, repeat: int) -> tuple[float, float]:
    """(median, worst) of repeat runs in milliseconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), max(runs)


def main() -> None:
    """Run both measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=300)
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--voted-proposals", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(20261204)
    texts = proposals(args.proposals, rng)
    print(f"Python {platform.python_version()}, scikit-learn {sklearn.__version__}")
    arrivals = iter(range(10**6, 10**7))

    def arrive():
        texts[next(arrivals)] = texts[0] + " " + str(len(texts))  # one new proposal
        similar_proposals(texts)

    ngrams.cache_clear()
    median, worst = timed(lambda: (ngrams.cache_clear(), similar_proposals(texts)), args.repeat)
    print(
        f"duplicate suggestions, {args.proposals} proposals, from scratch: "
        f"{median:.1f} ms median, {worst:.1f} ms worst"
    )
    median, worst = timed(arrive, args.repeat)
    print(
        f"duplicate suggestions, one more proposal arrives: "
        f"{median:.1f} ms median, {worst:.1f} ms worst"
    )
    ids = list(range(args.voted_proposals))
    cast = votes(args.participants, ids, rng)
    median, worst = timed(lambda: opinion_groups(cast, ids, 5), args.repeat)
    print(
        f"opinion groups, {args.participants} participants x {len(ids)} proposals: "
        f"{median:.1f} ms median, {worst:.1f} ms worst"
    )


if __name__ == "__main__":
    main()
