"""The ``newstool`` command line: a thin Click layer over the library stages.

Each subcommand reads documents (JSON Lines or raw articles), maps one library function over
them and writes them with the shared writers. No text processing happens here.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import click

from newstool import __version__
from newstool.config import ConfigError, load_config
from newstool.export import FORMATS, open_writer, write_document_file
from newstool.io import InputProblem, atomic_output, read_documents
from newstool.model import Document

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2

EXIT_CODES_HELP = """\b
Exit status: 0 all inputs processed; 1 some inputs failed (the others were
still written); 2 usage or configuration error."""

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UsageProblem(click.ClickException):
    """A mistake in how newstool was called or configured: exit status 2."""

    exit_code = EXIT_USAGE


@dataclass
class Settings:
    """What the group hands to every subcommand."""

    config: dict[str, dict[str, Any]] = field(default_factory=dict)

    def stage_settings(self, section: str) -> dict[str, Any]:
        """Settings of a config section that are not command-line options."""
        return self.config.get(section, {})


# ---------------------------------------------------------------------------- reporting


class Reporter:
    """Errors, warnings and progress on stderr; remembers whether any input failed."""

    def __init__(self, stage: str, quiet: bool) -> None:
        self.stage = stage
        self.quiet = quiet
        self.failed = 0
        self.written = 0
        self._console: Any = None
        self._progress: Any = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn

            self._console = Console(stderr=True)
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("newstool {task.fields[stage]}: {task.completed} documents"),
                console=self._console,
                transient=True,
                # The data goes to stdout: rich would otherwise capture it and paint it here.
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._progress.add_task("", total=None, stage=stage)
            self._progress.start()

    def error(self, message: str) -> None:
        self.failed += 1
        self._say("error", message, "red")

    def warning(self, message: str) -> None:
        if not self.quiet:
            self._say("warning", message, "yellow")

    def document_written(self) -> None:
        self.written += 1
        if self._progress is not None:
            self._progress.update(self._task, completed=self.written)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()

    def _say(self, level: str, message: str, colour: str) -> None:
        if self._console is not None:
            from rich.markup import escape

            self._console.print(
                f"[bold]newstool {self.stage}:[/] [{colour}]{level}:[/] {escape(message)}",
                highlight=False,
                soft_wrap=True,
            )
        else:
            click.echo(f"newstool {self.stage}: {level}: {message}", err=True)


def document_name(doc: Document) -> str:
    """How messages name a document: its path, else its id."""
    if doc.source is not None and doc.source.path:
        return doc.source.path
    return f"document {doc.id}"


# ---------------------------------------------------------------------------- shared options


def input_options(fn: Callable) -> Callable:
    """PATH arguments and ``--encoding``, shared by every subcommand."""
    fn = click.option(
        "--encoding",
        metavar="NAME",
        help="Decode raw input with this codec (e.g. cp1252) instead of detecting it.",
    )(fn)
    return click.argument("paths", nargs=-1, metavar="[PATH]...")(fn)


def output_options(fn: Callable, *, output_help: str | None = None) -> Callable:
    """``-f/--format``, ``-o/--output`` and ``-q/--quiet``, shared by every subcommand."""
    for option in reversed(
        [
            click.option(
                "-f",
                "--format",
                "fmt",
                type=click.Choice(FORMATS),
                default="jsonl",
                show_default=True,
                help="jsonl feeds the next stage; json is one array; markdown has front matter.",
            ),
            click.option(
                "-o",
                "--output",
                type=click.Path(dir_okay=output_help is not None),
                help=output_help
                or "Write to FILE (atomically: complete or not at all) instead of stdout.",
            ),
            click.option(
                "-q", "--quiet", is_flag=True, help="No warnings or progress; errors only."
            ),
        ]
    ):
        fn = option(fn)
    return fn


# ---------------------------------------------------------------------------- streaming


def run_stage(
    stage: str,
    paths: tuple[str, ...],
    transform: Callable[[Document], Document],
    *,
    encoding: str | None,
    fmt: str,
    output: str | None,
    quiet: bool,
    writer_options: dict[str, Any] | None = None,
) -> None:
    """Read every input, apply ``transform`` to each document, write the results; exit with
    status 1 when any input failed, after writing all the others."""
    check_stdin_is_not_a_terminal(stage, paths)
    reporter = Reporter(stage, quiet)
    try:
        with open_output(output) as out:
            writer = open_writer(fmt, out, **(writer_options or {}))
            for doc in transformed(stage, paths, encoding, transform, reporter):
                writer.write(doc)
                reporter.document_written()
            writer.close()
    finally:
        reporter.close()
    sys.exit(EXIT_INPUT_FAILED if reporter.failed else EXIT_OK)


def transformed(
    stage: str,
    paths: tuple[str, ...],
    encoding: str | None,
    transform: Callable[[Document], Document],
    reporter: Reporter,
) -> Iterator[Document]:
    """Documents after ``transform``; problems are reported and the stream goes on."""
    for item in read_documents(paths, sys.stdin.buffer, encoding=encoding):
        if isinstance(item, InputProblem):
            (reporter.warning if item.skipped else reporter.error)(str(item))
            continue
        try:
            result = transform(item)
        except Exception as exc:  # one bad document must not stop a cron job's whole batch
            if os.environ.get("NEWSTOOL_DEBUG"):
                raise
            reporter.error(
                f"{document_name(item)}: {stage} failed ({type(exc).__name__}: {exc}); "
                "the document was not written. Set NEWSTOOL_DEBUG=1 for a traceback and "
                "please report it"
            )
            continue
        for warning in result.warnings[len(item.warnings) :]:
            reporter.warning(f"{document_name(result)}: {warning}")
        yield result


def check_stdin_is_not_a_terminal(stage: str, paths: tuple[str, ...]) -> None:
    """With no PATH, stdin is read; on a terminal that would only wait, so say what to do."""
    if not paths and sys.stdin.isatty():
        raise UsageProblem(
            f"no input: give files, directories or globs, or '-' to read standard input "
            f"(e.g. newstool {stage} article.txt, or cat article.txt | newstool {stage})"
        )


@contextmanager
def open_output(output: str | None) -> Iterator[IO[str]]:
    """stdout, or a file written atomically."""
    if output is None or output == "-":
        if hasattr(sys.stdout, "reconfigure"):  # UTF-8 whatever the locale says
            sys.stdout.reconfigure(encoding="utf-8")
        yield sys.stdout
    else:
        try:
            with atomic_output(output) as handle:
                yield handle
        except OSError as exc:
            raise UsageProblem(f"cannot write {output}: {exc.strerror or exc}") from None


# ---------------------------------------------------------------------------- commands


@click.group(
    context_settings={**CONTEXT_SETTINGS, "auto_envvar_prefix": "NEWSTOOL"},
    epilog=EXIT_CODES_HELP,
)
@click.version_option(__version__, "-V", "--version", prog_name="newstool")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    envvar="NEWSTOOL_CONFIG",
    help="YAML configuration file (default: ~/.config/newstool/config.yaml if present).",
)
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """Turn raw, badly scraped news articles into clean, structured documents.

    \b
    Examples:
      newstool ingest seeds/ | newstool clean | newstool split-sentences \\
        | newstool stats | newstool export -f markdown
      newstool ingest 'archive/**/*.txt' -o docs.jsonl
      cat article.txt | newstool clean -f markdown
      newstool stats --summary docs.jsonl

    Stages pass documents as JSON Lines on stdin/stdout; every stage also reads raw
    text files. Run 'newstool COMMAND --help' for each command's options.
    """
    try:
        settings = load_config(config)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None
    ctx.default_map = {}
    for section, values in settings.items():
        command = cli.commands[section]
        params = {p.name for p in command.params}
        ctx.default_map[section] = {k: v for k, v in values.items() if k in params}
        extra = {k: v for k, v in values.items() if k not in params}
        if extra and section != "clean":
            raise UsageProblem(
                f"{config or 'config'}: section {section!r} has no setting {next(iter(extra))!r}"
            )
        settings[section] = extra
    ctx.obj = Settings(settings)


@cli.command(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
@input_options
@output_options
def ingest(
    paths: tuple[str, ...], encoding: str | None, fmt: str, output: str | None, quiet: bool
) -> None:
    """Read raw articles and write newstool documents.

    \b
    Examples:
      newstool ingest seeds/                     # every text file under seeds/
      newstool ingest 'archive/**/*.txt' -o docs.jsonl
      cat article.txt | newstool ingest
      newstool ingest --encoding cp1251 old/*.txt

    PATH is a file, a directory (walked recursively; hidden and binary files are
    passed over), a glob pattern, or '-' for standard input. Encodings are
    detected: byte-order mark, UTF-8, damaged UTF-8, then a statistical detector.
    The first line becomes the title when it looks like one, short lines alone
    become headings, and hard-wrapped lines are joined into paragraphs.
    """
    run_stage(
        "ingest", paths, lambda doc: doc, encoding=encoding, fmt=fmt, output=output, quiet=quiet
    )


def list_clean_rules(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--list-rules``: the rule table (a rich table on a terminal), then exit."""
    if not value or ctx.resilient_parsing:
        return
    from newstool.clean import rule_table

    rows = rule_table()
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table("rule", "default", "fixes", "example", title="newstool clean rules")
        for row in rows:
            example = f"{row['before']!r}\n→ {row['after']!r}"
            table.add_row(row["name"], "on" if row["default"] else "off", row["fixes"], example)
        Console().print(table)
    else:
        for row in rows:
            state = "on " if row["default"] else "off"
            click.echo(f"{row['name']:<32} {state}  {row['fixes']}")
            click.echo(f"{'':<38}{row['before']!r} -> {row['after']!r}")
    ctx.exit(EXIT_OK)


@cli.command(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
@input_options
@output_options
@click.option("--rule", "add", multiple=True, metavar="NAME", help="Also run this rule.")
@click.option("--skip", multiple=True, metavar="NAME", help="Do not run this rule.")
@click.option(
    "--keep-notes", is_flag=True, default=None, help="Leave [editorial notes] in the text."
)
@click.option(
    "--quotes",
    type=click.Choice(["keep", "straight", "typographic"]),
    help="Quote style: keep (default), straight or typographic.",
)
@click.option("--diff", is_flag=True, help="Print a readable summary of each document's edits.")
@click.option(
    "--list-rules",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=list_clean_rules,
    help="List the rules: name, on by default, what each fixes, an example; then exit.",
)
@click.pass_obj
def clean(
    settings: Settings,
    paths: tuple[str, ...],
    encoding: str | None,
    fmt: str,
    output: str | None,
    quiet: bool,
    add: tuple[str, ...],
    skip: tuple[str, ...],
    keep_notes: bool | None,
    quotes: str | None,
    diff: bool,
) -> None:
    """Repair scraping damage with named rules; every change is recorded, nothing is lost.

    \b
    Examples:
      newstool ingest seeds/ | newstool clean --diff
      newstool clean article.txt -f markdown
      newstool clean --skip separate_glued_sentences --rule curl_quotes docs.jsonl
      newstool clean --list-rules

    Each change is an edit {rule, start, end, before, after}: undoing the edits from
    last to first restores the text exactly. Editorial notes such as
    '[outlawed in Russia - TASS]' move to 'notes'. A 'clean:' section in the
    configuration file sets rule switches and boilerplate patterns.
    """
    from dataclasses import replace

    from newstool.clean import clean as clean_document
    from newstool.clean import describe_edits, options_from_config, select_rules

    try:
        options = options_from_config(settings.stage_settings("clean"))
        options = replace(options, rules=select_rules(options.rules, add, skip))
        if keep_notes is not None:
            options = replace(options, keep_editorial_notes=keep_notes)
        if quotes is not None:
            options = replace(options, quotes=quotes)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None

    def transform(doc: Document) -> Document:
        cleaned = clean_document(doc, options=options)
        if diff:
            click.echo(describe_edits(cleaned), err=True)
        return cleaned

    run_stage("clean", paths, transform, encoding=encoding, fmt=fmt, output=output, quiet=quiet)


@cli.command("split-sentences", context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
@input_options
@output_options
@click.option(
    "--abbreviations",
    type=click.Path(exists=True, dir_okay=False),
    help="Extra abbreviations, one per line ('#' starts a comment), e.g. 'Gov.' or 'Sgt.'.",
)
@click.option(
    "--lang", default="en", show_default=True, help="Language of the text; only 'en' for now."
)
def split_sentences_command(
    paths: tuple[str, ...],
    encoding: str | None,
    fmt: str,
    output: str | None,
    quiet: bool,
    abbreviations: str | None,
    lang: str,
) -> None:
    """Add sentence boundaries (exact offsets into the text) to each document.

    \b
    Examples:
      newstool ingest seeds/ | newstool clean | newstool split-sentences
      newstool split-sentences article.txt -f markdown     # one sentence per line
      newstool split-sentences --abbreviations my-abbrevs.txt docs.jsonl

    Sentences never cross a paragraph boundary and headings are not split. Glued
    boundaries of scraped text ('Idlib.On Wednesday', 'Muallem."It is') are found even
    when 'clean' has not run.
    """
    from newstool.sentences import load_abbreviations, split_document

    if lang.lower() != "en":
        raise UsageProblem(f"--lang {lang}: only English ('en') is supported for now")
    extra = None
    if abbreviations:
        try:
            extra = load_abbreviations(abbreviations)
        except (OSError, ValueError) as exc:
            raise UsageProblem(f"--abbreviations: {exc}") from None
    run_stage(
        "split-sentences",
        paths,
        lambda doc: split_document(doc, abbreviations=extra),
        encoding=encoding,
        fmt=fmt,
        output=output,
        quiet=quiet,
        writer_options={"sentences": True},
    )


@cli.command(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
@input_options
@output_options
@click.option(
    "--top", type=click.IntRange(1, 1000), default=10, show_default=True, help="Top terms kept."
)
@click.option(
    "--summary",
    is_flag=True,
    help="Print one corpus summary instead of the documents (JSON; -f markdown for a "
    "report; a table on a terminal).",
)
@click.pass_context
def stats(
    ctx: click.Context,
    paths: tuple[str, ...],
    encoding: str | None,
    fmt: str,
    output: str | None,
    quiet: bool,
    top: int,
    summary: bool,
) -> None:
    """Add statistics and readability scores to each document, or summarise a corpus.

    \b
    Examples:
      newstool ingest seeds/ | newstool clean | newstool split-sentences | newstool stats
      newstool stats -f markdown article.txt
      newstool stats --summary seeds/
      newstool stats --summary -f markdown docs.jsonl -o report.md

    Sentences come from the documents when split-sentences has run, otherwise they are
    split here. Every score sits beside the counts it is computed from.
    """
    from newstool.stats import compute_stats

    if summary:
        explicit = ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT
        summarise_corpus(paths, encoding, fmt if explicit else None, output, quiet, top)
    else:
        run_stage(
            "stats",
            paths,
            lambda doc: compute_stats(doc, top=top),
            encoding=encoding,
            fmt=fmt,
            output=output,
            quiet=quiet,
        )


def summarise_corpus(
    paths: tuple[str, ...],
    encoding: str | None,
    fmt: str | None,
    output: str | None,
    quiet: bool,
    top: int,
) -> None:
    """Fold every document into one mergeable summary and print it."""
    from newstool.stats.summary import Summary

    check_stdin_is_not_a_terminal("stats", paths)
    reporter = Reporter("stats", quiet)
    corpus = Summary(top=top)
    try:
        for doc in transformed("stats", paths, encoding, lambda d: d, reporter):
            corpus.add(doc)
            reporter.document_written()
    finally:
        reporter.close()
    if fmt is None and output is None and sys.stdout.isatty():
        from rich.console import Console

        Console().print(corpus.rich_table())
    else:
        with open_output(output) as out:
            if fmt == "markdown":
                out.write(corpus.render_markdown())
            else:
                indent = None if fmt == "jsonl" else 2
                out.write(json.dumps(corpus.to_dict(), ensure_ascii=False, indent=indent) + "\n")
    sys.exit(EXIT_INPUT_FAILED if reporter.failed else EXIT_OK)


@cli.command(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
@input_options
@functools.partial(
    output_options,
    output_help="Write to FILE, or with a directory (existing, or ending in '/') one file per "
    "document named <title-slug>-<first 8 of id>.<ext>. Writes are atomic.",
)
@click.option("--force", is_flag=True, help="Overwrite different existing files in a directory.")
@click.option(
    "--indent", type=click.IntRange(0, 16), default=2, show_default=True, help="JSON indent."
)
@click.option("--sentences", is_flag=True, help="Markdown: one sentence per line.")
def export(
    paths: tuple[str, ...],
    encoding: str | None,
    fmt: str,
    output: str | None,
    quiet: bool,
    force: bool,
    indent: int,
    sentences: bool,
) -> None:
    """Write documents as JSON, JSON Lines or Markdown with YAML front matter.

    \b
    Examples:
      newstool ingest seeds/ | newstool clean | newstool export -f markdown
      newstool export -f json --indent 4 docs.jsonl -o docs.json
      newstool export -f markdown --sentences docs.jsonl -o articles/
      newstool export -f markdown docs.jsonl -o articles/ --force

    With a directory, re-exporting the same document leaves its file untouched, and a
    different existing file is only overwritten with --force. A Markdown stream on
    stdout is one document after another, each opening with its own front matter.
    """
    options = {"indent": indent, "sentences": sentences}
    if output is not None and (os.path.isdir(output) or output.endswith(("/", os.sep))):
        export_to_directory(paths, encoding, fmt, output, quiet, force, options)
    else:
        run_stage(
            "export",
            paths,
            lambda doc: doc,
            encoding=encoding,
            fmt=fmt,
            output=output,
            quiet=quiet,
            writer_options=options,
        )


def export_to_directory(
    paths: tuple[str, ...],
    encoding: str | None,
    fmt: str,
    directory: str,
    quiet: bool,
    force: bool,
    options: dict[str, Any],
) -> None:
    """One file per document in ``directory``; a summary of what happened on stderr."""
    check_stdin_is_not_a_terminal("export", paths)
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as exc:
        raise UsageProblem(f"cannot create directory {directory}: {exc.strerror}") from None
    reporter = Reporter("export", quiet)
    outcomes: Counter[str] = Counter()
    try:
        for doc in transformed("export", paths, encoding, lambda d: d, reporter):
            try:
                outcomes[
                    write_document_file(Path(directory), doc, fmt, force=force, **options)
                ] += 1
            except OSError as exc:
                reporter.error(f"{document_name(doc)}: {exc}")
                continue
            reporter.document_written()
    finally:
        reporter.close()
    if not quiet:
        summary = ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items())) or "nothing"
        click.echo(f"newstool export: {summary} in {directory}", err=True)
    sys.exit(EXIT_INPUT_FAILED if reporter.failed else EXIT_OK)


def main() -> None:
    """Console-script entry point: ends quietly when the reader of stdout goes away."""
    try:
        cli(prog_name="newstool")
    except BrokenPipeError:
        # The reader (head, less) stopped reading: point stdout at devnull so that the final
        # flush at exit does not raise again, as the Python signal docs' SIGPIPE note shows.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_INPUT_FAILED)


__all__ = ["cli", "main"]
