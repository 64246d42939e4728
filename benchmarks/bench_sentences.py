"""Sentence splitting: newstool against pySBD, syntok, NLTK punkt, blingfire and sentencex.

Run with ``make bench`` or ``python -m benchmarks bench_sentences``. Every splitter gets the same
~2 MB of news-like text (built deterministically from the seed article and sentences written for
this benchmark), one article at a time, on one core; the best of several runs counts. Accuracy is
measured on ``tests/data/sentence_cases.json`` (exact sentence lists, white space normalised)
and on the seed's glued paragraph (true boundaries found, boundaries invented). Peers that are
not installed are skipped (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import pin_to_one_core
from newstool.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "tests" / "data" / "sentence_cases.json"
SEED_FILE = ROOT / "tests" / "data" / "seed_sentences.json"
TARGET_CHARS = 2_000_000
REPEAT = 3

Splitter = Callable[[str], list[str]]

# Sentences written for this benchmark: the usual furniture of news copy.
SENTENCES = [
    "The minister said on Tuesday that talks with the U.S. delegation would resume next week.",
    "Shares of Harlow Co. fell 3.2% to $14.75 in early trading on the London exchange.",
    '"We are not going to accept this," Mr. Okafor told reporters outside the court.',
    "Dr. Amara Osei, who led the study, said the results were preliminary.",
    "The storm cut power to about 40,000 homes, according to the utility.",
    "Is the ceasefire holding? Officials on both sides say it is, for now.",
    "The company, based in St. Louis, employs 1,200 people in three states.",
    "Police said the suspect, 34, was arrested at 2 a.m. on Sunday.",
    "Inflation slowed to 2.9% in March from 3.1% in February, the statistics office said.",
    "The report (see p. 12) lists more than 300 incidents since Jan. 1.",
    "Gov. Hale signed the bill late on Friday, aides said.",
    "Prices of bread, milk, eggs, etc. have risen sharply this year.",
    "The agency, i.e. the regulator, has asked for more time.",
    "Sen. Ruiz vs. Rep. Tan is the race to watch in November.",
    "The vote ended at 8 p.m. Counting began at once.",
    "Residents were told to boil water until further notice!",
    "The council called the plan \u201ca serious mistake.\u201d",
    "Details are posted at https://example.org/updates/today.html for readers.",
    "Questions can be sent to press.office@example.com before noon.",
    "The novel by J. R. Tolliver sold 2.5 million copies in its first year.",
    "According to the U.N. refugee agency, 1.3 million people have fled.",
    "The firm's chief executive, Leon Marsh Jr., declined to comment.",
    "Analysts expect the central bank to hold rates at 4.25%.",
    "The bridge, closed since 2019, will reopen in the spring\u2026",
    "Why now? Because the money finally arrived, the mayor said.",
    'The talks were "constructive and frank," a spokesperson said.',
    "Climbers reached the summit of Mt. Kenya shortly after 6 a.m. local time.",
    "Trade between the two countries grew by 12% last year (to $4.1 billion).",
    "The city council approved the budget after a long debate that lasted into the night.",
    "Firefighters brought the blaze under control shortly before dawn.",
    "Several roads in the northern districts remain closed because of flooding.",
    "The museum will reopen to visitors next month after a two-year renovation.",
    "Opposition leaders accused the government of ignoring the concerns of farmers.",
    "The hospital said it had treated dozens of people for minor injuries.",
    "Negotiators from both sides met behind closed doors for most of the day.",
    "The airline cancelled hundreds of flights as the strike entered its third day.",
    "Local schools will stay shut until the water supply is restored.",
    "The court is expected to deliver its verdict in the coming weeks.",
    "Exports of grain have fallen sharply since the port was damaged.",
    "The festival drew record crowds despite the heavy rain on Saturday.",
    "Officials said the new rules would apply to all companies with more than fifty staff.",
    "The striker scored twice in the second half to secure the title for his club.",
    "Witnesses described hearing a loud explosion followed by thick black smoke.",
    "The government has promised to publish the full report before the summer recess.",
    "Rescue teams searched the collapsed building through the night.",
    "The central bank warned that growth would remain weak for the rest of the year.",
    "Thousands of people marched through the capital to demand higher wages.",
    "The minister declined to say when the talks would resume.",
    "Energy prices have doubled since the start of the winter.",
    "The company plans to cut about a tenth of its workforce over two years.",
    "Protesters gathered outside parliament as lawmakers debated the bill.",
    "The new line will link the airport with the city centre in under twenty minutes.",
]


def build_corpus(target: int = TARGET_CHARS) -> list[str]:
    """Articles of about 3,000 characters, deterministic, until ``target`` characters.

    Paragraphs mix the sentences above, the seed article and (one sentence in seven) the hard
    test cases; one join in ten is glued with no space, as scrapers leave it.
    """
    rng = random.Random(20240521)
    seed = (ROOT / json.loads(SEED_FILE.read_text())["seed"]).read_text(encoding="utf-8")
    cases = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    hard = [case["text"] for group in cases.values() for case in group]
    articles, total = [], 0
    while total < target:
        paragraphs = [seed.split("\n\n", 2)[2].strip()] if rng.random() < 0.2 else []
        while sum(map(len, paragraphs)) < 3000:
            sentences = [
                rng.choice(hard if rng.random() < 0.15 else SENTENCES)
                for _ in range(rng.randint(3, 8))
            ]
            joins = ["" if rng.random() < 0.1 else " " for _ in sentences]
            paragraphs.append("".join(j + s for j, s in zip(joins, sentences, strict=True)).strip())
        article = "\n\n".join(paragraphs)
        articles.append(article)
        total += len(article)
    return articles


# --- the splitters ------------------------------------------------------------------------------


def newstool_splitter() -> tuple[str, Splitter]:
    return "newstool", lambda text: [s.text for s in split_sentences(text)]


def pysbd_splitter() -> tuple[str, Splitter]:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return "pySBD", segmenter.segment


def syntok_splitter() -> tuple[str, Splitter]:
    from syntok import segmenter

    def split(text: str) -> list[str]:
        return [
            "".join(token.spacing + token.value for token in sentence)
            for paragraph in segmenter.analyze(text)
            for sentence in paragraph
        ]

    return "syntok", split


def nltk_splitter(training_text: str) -> tuple[str, Splitter]:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    # No punkt data can be downloaded: train on the benchmark text itself (unsupervised).
    return "NLTK punkt (trained here)", PunktSentenceTokenizer(training_text).tokenize


def blingfire_splitter() -> tuple[str, Splitter]:
    import blingfire

    return "blingfire", lambda text: blingfire.text_to_sentences(text).split("\n")


def sentencex_splitter() -> tuple[str, Splitter]:
    import sentencex

    return "sentencex", lambda text: list(sentencex.segment("en", text))


def available_splitters(training_text: str) -> tuple[list[tuple[str, Splitter]], list[str]]:
    """The splitters that import here, and the names of those that do not."""
    makers = [
        newstool_splitter,
        pysbd_splitter,
        syntok_splitter,
        lambda: nltk_splitter(training_text),
        blingfire_splitter,
        sentencex_splitter,
    ]
    found, missing = [], []
    for make in makers:
        try:
            found.append(make())
        except ImportError as exc:
            missing.append(exc.name or str(exc))
    return found, missing


# --- measures -----------------------------------------------------------------------------------


def normalised(sentences: list[str]) -> list[str]:
    """Sentences with white space collapsed and empty ones dropped, for comparison.

    >>> normalised([" A  b.\\n", "", "C."])
    ['A b.', 'C.']
    """
    return [" ".join(s.split()) for s in sentences if s.strip()]


def chars_per_second(split: Splitter, articles: list[str], repeat: int = REPEAT) -> float:
    """Characters split per second, best of ``repeat`` runs over all the articles."""
    total = sum(map(len, articles))
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for article in articles:
            split(article)
        best = min(best, time.perf_counter() - started)
    return total / best


def cases_passed(split: Splitter, cases: list[dict]) -> int:
    """How many cases the splitter gets exactly right."""
    return sum(normalised(split(c["text"])) == normalised(c["sentences"]) for c in cases)


def sentence_starts(text: str, sentences: list[str]) -> set[int]:
    """Where each sentence starts in ``text``, found in order by its first characters.

    >>> sorted(sentence_starts("A b. C d.", ["A b.", " C d."]))
    [0, 5]
    """
    starts, position = set(), 0
    for sentence in normalised(sentences):
        found = text.find(sentence.split()[0], position)
        if found >= 0:
            starts.add(found)
            position = found + 1
    return starts


def seed_boundaries(split: Splitter, body: str, openings: list[str]) -> tuple[int, int]:
    """True boundaries of the seed paragraph found, and boundaries invented."""
    truth = sentence_starts(body, openings) - {0}
    found = sentence_starts(body, split(body)) - {0}
    return len(found & truth), len(found - truth)


def main() -> None:
    pin_to_one_core()
    articles = build_corpus()
    cases = [c for group in json.loads(CASES_FILE.read_text()).values() for c in group]
    seed_info = json.loads(SEED_FILE.read_text())
    body = (ROOT / seed_info["seed"]).read_text(encoding="utf-8").split("\n\n", 2)[2].strip()
    splitters, missing = available_splitters("\n\n".join(articles[:60]))
    total = sum(map(len, articles))
    print(f"{total:,} characters in {len(articles)} articles, one core, best of {REPEAT} runs")
    rows = []
    for name, split in splitters:
        speed = chars_per_second(split, articles)
        found, invented = seed_boundaries(split, body, seed_info["openings"])
        rows.append((name, speed, cases_passed(split, cases), found, invented))
    reference = next((speed for name, speed, *_ in rows if name == "pySBD"), None)
    truth = len(seed_info["openings"]) - 1
    print()
    print(
        f"| splitter | chars/s | × pySBD | cases ({len(cases)}) | seed found/{truth} | invented |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, speed, passed, found, invented in rows:
        ratio = f"{speed / reference:.1f}×" if reference else "n/a"
        print(f"| {name} | {speed / 1e6:.2f} M | {ratio} | {passed} | {found} | {invented} |")
    if missing:
        print(f"\nnot installed, skipped: {', '.join(missing)}")


if __name__ == "__main__":
    main()
