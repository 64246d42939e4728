"""``ingest`` of saved web pages: pages/s on one core after start-up, and what start-up costs.

``.venv/bin/python -m benchmarks bench_html`` (needs the html extra). The pages are the
evaluation set of ``eval/html/pages``, copied ``COPIES`` times into a temporary folder (each copy
with its own comment, so that no two inputs are the same bytes), as written (3 to 7 KB) and
weighed down as live pages are (``eval.html.weighed_down``: about 170 KB of scripts, styles,
icons and menus added). Every measurement is a real process on one core (``newstool ingest
FOLDER``), its time the median of ``RUNS``:

1. ``ingest`` of one page and of the whole folder, for each weight: pages/s after start-up is
   the pages beyond the first over the time beyond the one-page run (wall time, and CPU time:
   on a shared machine the wall time counts the other work too);
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
from eval.html import weighed_down

PAGES = ROOT / "eval" / "html" / "pages"
SEED = ROOT / "seeds" / "000_a0fc1bd85d46184f.txt"
COPIES = int(os.environ.get("NEWSTOOL_BENCH_COPIES", "8"))
RUNS = int(os.environ.get("NEWSTOOL_BENCH_RUNS", "3"))
TARGET_PAGES_PER_SECOND = 20


def page_folder(root: Path, weigh: bool) -> list[Path]:
    """``COPIES`` copies of every evaluation page (weighed down when ``weigh``) under ``root``,
    each copy distinct bytes."""
    root.mkdir()
    written = []
    for copy in range(COPIES):
        for page in sorted(PAGES.glob("*.html")):
            data = weighed_down(page.read_bytes()) if weigh else page.read_bytes()
            target = root / f"{copy:02d}-{page.name}"
            target.write_bytes(data + f"\n<!-- copy {copy} -->\n".encode())
            written.append(target)
    return written


def median_seconds(command: list[str], out: Path) -> tuple[float, float]:
    """The median wall time and CPU time of ``RUNS`` runs of ``command`` on one core."""
    runs = [run_process(command, out, cores=first_core()) for _ in range(RUNS)]
    return (
        statistics.median(run.seconds for run in runs),
        statistics.median(run.cpu_seconds for run in runs),
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


def folder_rate(root: Path, weigh: bool) -> float:
    """Pages/s of ``newstool ingest`` over a folder of pages after start-up, printed."""
    folder = root / ("heavy" if weigh else "light")
    files = page_folder(folder, weigh)
    out = root / "out.jsonl"
    one, one_cpu = median_seconds(newstool("ingest", "-q", str(files[0])), out)
    whole, whole_cpu = median_seconds(newstool("ingest", "-q", str(folder)), out)
    written = sum(1 for _ in out.open(encoding="utf-8"))
    rate = (len(files) - 1) / (whole - one)
    cpu_rate = (len(files) - 1) / (whole_cpu - one_cpu)
    size = sum(path.stat().st_size for path in files) / len(files) / 1024
    print(f"ingest, one core, {len(files)} pages of {size:.0f} KiB on average:")
    print(f"  one page {one:.2f} s ({one_cpu:.2f} s CPU), the folder {whole:.2f} s")
    print(f"  ({whole_cpu:.2f} s CPU), {written} documents written")
    print(f"  after start-up: {rate:.1f} pages/s, {cpu_rate:.1f} pages per CPU second")
    return rate


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        rates = [folder_rate(root, weigh) for weigh in (False, True)]
        text_startup, _ = median_seconds(newstool("ingest", "-q", str(SEED)), root / "out.jsonl")

    pin_to_one_core()
    from newstool.html import ingest_html, trafilatura

    extract = trafilatura().extract
    for weigh in (False, True):
        pages = [path.read_bytes() for path in sorted(PAGES.glob("*.html"))]
        pages = [weighed_down(page) for page in pages] if weigh else pages
        ours = in_process_rate(ingest_html, pages)
        theirs = in_process_rate(lambda page: extract(page), pages)
        print(f"in-process, one core, {len(pages)} {'heavy' if weigh else 'light'} pages:")
        print(f"  newstool ingest_html {ours:.1f} pages/s; trafilatura extract {theirs:.1f}")

    imported = imports_of_text_ingest() & {"trafilatura", "lxml", "justext", "htmldate"}
    print(f"plain-text ingest of one article: {text_startup:.3f} s on one core")
    print(f"  extraction modules it imports: {', '.join(sorted(imported)) or 'none'}")

    print("targets (informative):")
    for weight, rate in zip(("light", "heavy"), rates, strict=True):
        verdict = "PASS" if rate >= TARGET_PAGES_PER_SECOND else "FAIL"
        target = f"ingest >= {TARGET_PAGES_PER_SECOND} pages/s after start-up, {weight} pages"
        print(f"  {verdict} {target}: {rate:.1f}")
    verdict = "PASS" if not imported else "FAIL"
    print(f"  {verdict} plain-text ingest imports no extraction module")


if __name__ == "__main__":
    main()
