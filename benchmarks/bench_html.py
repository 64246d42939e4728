"""``ingest`` of saved web pages: pages/s on one core after start-up, and what start-up costs.

``.venv/bin/python -m benchmarks bench_html`` (needs the html extra). The pages are the
evaluation set of ``eval/html/pages``, copied ``COPIES`` times into a temporary folder (each copy
with its own comment, so that no two inputs are the same bytes). Every measurement is a real
process on one core (``newstool ingest FOLDER``), its time the median of ``RUNS``:

1. ``ingest`` of one page and of the whole folder: pages/s after start-up is the pages beyond
   the first over the time beyond the one-page run;
2. in-process, for reference: newstool's ``ingest_html`` and trafilatura's own ``extract`` (its
   defaults) over the same pages, pages/s;
3. start-up of a plain-text ``ingest`` (one seed article), and whether ``trafilatura`` or
   ``lxml`` is among the modules it imports (``python -X importtime``): the extractor must be
   imported only when an HTML input is met.

Then the issue's targets with PASS/FAIL (informative only). Settings: ``NEWSTOOL_BENCH_COPIES``
(default 8), ``NEWSTOOL_BENCH_RUNS`` (default 3).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, first_core, newstool, pin_to_one_core, run_process

PAGES = ROOT / "eval" / "html" / "pages"
SEED = ROOT / "seeds" / "000_a0fc1bd85d46184f.txt"
COPIES = int(os.environ.get("NEWSTOOL_BENCH_COPIES", "8"))
RUNS = int(os.environ.get("NEWSTOOL_BENCH_RUNS", "3"))
TARGET_PAGES_PER_SECOND = 20


def page_folder(root: Path) -> list[Path]:
    """``COPIES`` copies of every evaluation page under ``root``, each copy distinct bytes."""
    written = []
    for copy in range(COPIES):
        for page in sorted(PAGES.glob("*.html")):
            target = root / f"{copy:02d}-{page.name}"
            target.write_bytes(page.read_bytes() + f"\n<!-- copy {copy} -->\n".encode())
            written.append(target)
    return written


def median_seconds(command: list[str], out: Path) -> float:
    """The median wall time of ``RUNS`` runs of ``command`` on one core."""
    return statistics.median(
        run_process(command, out, cores=first_core()).seconds for _ in range(RUNS)
    )


def in_process_rate(extract, pages: list[bytes]) -> float:
    """Pages/s of ``extract`` over ``pages`` in this process (after one warm-up page)."""
    extract(pages[0])
    start = time.perf_counter()
    for page in pages:
        extract(page)
    return len(pages) / (time.perf_counter() - start)


def imports_of_text_ingest() -> set[str]:
    """The top-level modules a plain-text ``ingest`` imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "newstool", "ingest", str(SEED)],
        capture_output=True,
        text=True,
        check=True,
    )
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        folder = root / "pages"
        folder.mkdir()
        files = page_folder(folder)
        out = root / "out.jsonl"
        one = median_seconds(newstool("ingest", "-q", str(files[0])), out)
        whole = median_seconds(newstool("ingest", "-q", str(folder)), out)
        written = sum(1 for _ in out.open(encoding="utf-8"))
        text_startup = median_seconds(newstool("ingest", "-q", str(SEED)), out)
    rate = (len(files) - 1) / (whole - one)
    print(f"ingest, one core: {len(files)} pages ({COPIES} copies of {len(files) // COPIES})")
    print(f"  one page {one:.2f} s, the folder {whole:.2f} s, {written} documents written")
    print(f"  after start-up: {rate:.1f} pages/s; overall {len(files) / whole:.1f} pages/s")

    pin_to_one_core()
    from newstool.html import ingest_html, trafilatura

    pages = [path.read_bytes() for path in sorted(PAGES.glob("*.html"))] * 2
    extract = trafilatura().extract
    ours = in_process_rate(ingest_html, pages)
    theirs = in_process_rate(lambda page: extract(page), pages)
    print(f"in-process, one core, {len(pages)} pages:")
    print(f"  newstool ingest_html {ours:.1f} pages/s; trafilatura extract {theirs:.1f} pages/s")

    imported = imports_of_text_ingest() & {"trafilatura", "lxml", "justext", "htmldate"}
    print(f"plain-text ingest of one article: {text_startup:.3f} s on one core")
    print(f"  extraction modules it imports: {', '.join(sorted(imported)) or 'none'}")

    print("targets (informative):")
    verdict = "PASS" if rate >= TARGET_PAGES_PER_SECOND else "FAIL"
    print(f"  {verdict} ingest >= {TARGET_PAGES_PER_SECOND} pages/s after start-up: {rate:.1f}")
    verdict = "PASS" if not imported else "FAIL"
    print(f"  {verdict} plain-text ingest imports no extraction module")


if __name__ == "__main__":
    main()
