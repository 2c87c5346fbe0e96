"""`python -m bench.quotes DIR`: precision, recall and speaker accuracy of the quote extractor.

Options: `[--shared DIR] [--labels FILE] [--held-out ROUND] [--show]`. Reads each labelled article from DIR (a file
named by its slug, `SLUG.txt`; the two shipped articles from ../shared/content), runs `extract_quotes` on it with no
known people, and prints one line per article and the totals. `--held-out ROUND` scores only the articles held out
in that round (0: the development set). `--show` also lists, per article, the labelled quotes missed, the predicted
quotes that match no label, and the wrong speakers. An article whose file is missing is reported and left out of the
totals; one whose text differs from the text that was labelled (another copy of the page, another cut) is scored but
flagged.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench.quotes.scoring import Label, Outcome, Predicted, Score, score, text_digest
from newsroom.quotes import extract_quotes, split_paragraphs

HERE = Path(__file__).resolve().parent
BASE_DIR = HERE.parent.parent
SHARED_CONTENT = BASE_DIR.parent / "shared" / "content"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def row(name: str, result: Score, note: str = "") -> str:
    figures = (result.labelled, result.predicted, result.matched, result.right_speaker)
    ratios = (percent(result.precision), percent(result.recall), percent(result.speaker_accuracy))
    return "| " + " | ".join([name, *map(str, figures), *ratios, note]) + " |"


def find(article: dict[str, object], corpus: Path, shared: Path) -> Path | None:
    for folder in (corpus, shared):
        path = folder / str(article["file"])
        if path.is_file():
            return path
    return None


def evaluate(article: dict[str, object], path: Path) -> tuple[Outcome, bool, float]:
    text = path.read_text(encoding="utf-8-sig")
    paragraphs = split_paragraphs(text)
    started = time.perf_counter()
    quotes = extract_quotes(text)
    elapsed = time.perf_counter() - started
    labels = [Label(q["paragraph"], q["speaker"], q["sha256"]) for q in article["quotes"]]  # type: ignore[attr-defined]
    predicted = [Predicted(q.paragraph, q.speaker, q.text) for q in quotes]
    same_text = text_digest(paragraphs) == article["text_sha256"]
    return score(labels, predicted), same_text, elapsed


def show(outcome: Outcome) -> None:
    for label in outcome.missed:
        print(f"    missed: paragraph {label.paragraph}, {label.speaker}")
    for quote in outcome.wrong:
        print(f"    no such quote: paragraph {quote.paragraph}, {quote.speaker}: {quote.text[:100]!r}")
    for label, quote in outcome.misattributed:
        print(f"    speaker: paragraph {label.paragraph}, expected {label.speaker}, got {quote.speaker}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quotes", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the folder holding the article texts, SLUG.txt")
    parser.add_argument("--shared", type=Path, default=SHARED_CONTENT, help="where the shipped articles are")
    parser.add_argument("--labels", type=Path, default=HERE / "labels.json")
    parser.add_argument("--show", action="store_true", help="list the misses, false quotes and wrong speakers")
    parser.add_argument(
        "--held-out",
        type=int,
        metavar="ROUND",
        help="score only the articles held out in that round (1, 2, …; 0: the development set)",
    )
    options = parser.parse_args(argv)
    articles = json.loads(options.labels.read_text(encoding="utf-8"))["articles"]
    if options.held_out is not None:
        articles = [article for article in articles if article.get("held_out_round", 0) == options.held_out]
    total, seconds, missing = Score(), 0.0, []
    print("| article | labelled | predicted | matched | right speaker | precision | recall | speaker accuracy | |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    outcomes = []
    for article in articles:
        path = find(article, options.corpus, options.shared)
        if path is None:
            missing.append(article["slug"])
            continue
        outcome, same_text, elapsed = evaluate(article, path)
        seconds += elapsed
        total.add(outcome.score)
        print(row(article["slug"], outcome.score, "" if same_text else "text differs from the labelled text"))
        outcomes.append((article["slug"], outcome))
    print(row("**all**", total, f"{len(outcomes)} articles, extraction {seconds * 1000:.0f} ms"))
    if options.show:
        for slug, outcome in outcomes:
            if outcome.missed or outcome.wrong or outcome.misattributed:
                print(f"\n{slug}")
                show(outcome)
    for slug in missing:
        print(f"not found: {slug} (see bench/README.md for where to fetch it)", file=sys.stderr)
    return 0 if outcomes else 1


if __name__ == "__main__":
    sys.exit(main())
