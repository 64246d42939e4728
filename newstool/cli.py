"""The ``newstool`` command line: a thin Click layer over the library stages.

Each subcommand reads documents (JSON Lines or raw articles), maps one library function over
them and writes them with the shared writers. No text processing happens here.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import gc
import os
import signal
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

import click

from newstool.engines import WorkerDied, resolve_jobs
from newstool.export import DATABASE_FORMAT, EXPORT_FORMATS, FORMATS
from newstool.version import __version__

# Everything else is imported by the command that needs it: a stage process starts faster, and
# `newstool --help` needs none of it.
if TYPE_CHECKING:
    from newstool.model import Document
    from newstool.pipeline import Step
    from newstool.runner import Message
    from newstool.sinks import Sink

EXIT_OK, EXIT_USAGE = 0, 2  # 1, some inputs failed, is what Report.exit_status says
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE, EXIT_TERMINATED = 130, 141, 143  # 128 + signal, as shells say

EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; cron tries again next time

EXIT_CODES_HELP = """\b
Exit status: 0 all inputs processed; 1 some inputs failed (the others were
still written); 2 usage or configuration error; 75 another 'newstool run'
holds the lock (run only); 130 interrupted (Ctrl-C); 141 the reader of stdout
went away (broken pipe); 143 terminated (SIGTERM)."""

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UsageProblem(click.ClickException):
    """A mistake in how newstool was called or configured: exit status 2, one line on stderr
    in the form every other message has (``newstool clean: error: ...``)."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        ctx = click.get_current_context(silent=True)
        self.command = ctx.info_name if ctx is not None and ctx.parent is not None else None

    def show(self, file: IO[str] | None = None) -> None:
        where = f"newstool {self.command}" if self.command else "newstool"
        click.echo(f"{where}: error: {self.format_message()}", err=True)


def plural(n: int, noun: str) -> str:
    """``1 document``, ``2 documents``.

    >>> plural(1, "document"), plural(0, "document")
    ('1 document', '0 documents')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------------------- reporting


class Reporter:
    """Errors, warnings, side output and progress on stderr, as the run goes: the listener of
    :func:`newstool.runner.process`."""

    def __init__(self, stage: str, quiet: bool) -> None:
        self.stage = stage
        self.quiet = quiet
        self.written_count = 0
        self._console: Any = None
        self._progress: Any = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn

            self._console = Console(stderr=True)
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("newstool {task.fields[stage]}: {task.fields[count]}"),
                console=self._console,
                transient=True,
                # The data goes to stdout: rich would otherwise capture it and paint it here.
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._progress.add_task(
                "", total=None, stage=stage, count=plural(0, "document")
            )
            self._progress.start()

    def message(self, message: Message) -> None:
        if message.kind == "error":
            self._say("error", message.text, "red")
        elif message.kind == "warning":
            if not self.quiet:
                self._say("warning", message.text, "yellow")
        else:
            self.report(message.text)

    def written(self, doc: Document | None = None) -> None:
        self.written_count += 1
        if self._progress is not None:
            self._progress.update(self._task, count=plural(self.written_count, "document"))

    def report(self, text: str) -> None:
        """Side output such as ``clean --diff``: above the progress line, never on it."""
        if self._console is not None:
            from rich.text import Text

            self._console.print(Text(text), soft_wrap=True)
        else:
            click.echo(text, err=True)

    def info(self, message: str) -> None:
        """A closing summary line; not with ``--quiet``."""
        if not self.quiet:
            self.report(f"newstool {self.stage}: {message}")

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


# ---------------------------------------------------------------------------- shared options


def check_encoding(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """``--encoding``: a text codec Python knows, checked once before any input is read."""
    if value is None:
        return None
    try:
        info = codecs.lookup(value)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise click.BadParameter(
            f"{value!r} is not a text encoding Python knows; use a name such as utf-8, "
            "cp1252, cp1251, latin-1 or utf-16"
        )
    return value


class ByteSize(click.ParamType):
    """A size in bytes, or with a K, M or G suffix (:func:`newstool.readers.parse_byte_size`)."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        from newstool.readers import parse_byte_size

        try:
            return parse_byte_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def jobs_option(help: str) -> Callable:
    """``-j/--jobs N``: worker processes, 0 for one per core (see :mod:`newstool.engines`)."""
    return click.option(
        "-j", "--jobs", type=click.IntRange(0), default=1, show_default=True, metavar="N", help=help
    )


def input_options(fn: Callable) -> Callable:
    """PATH arguments, ``--encoding``, ``--max-doc-bytes`` and ``--jobs``, shared by every
    subcommand."""
    fn = jobs_option(
        "Read and process documents in N worker processes (0: one per core); the output is "
        "the same, in the same order, written in batches."
    )(fn)
    fn = click.option(
        "--max-doc-bytes",
        type=ByteSize(),
        default="16M",
        show_default=True,
        metavar="SIZE",
        help="Skip, with an error, any document bigger than SIZE (a raw file, a JSON line, or "
        "a JSON array or Markdown file read whole); K, M, G suffixes; 0 = no limit.",
    )(fn)
    fn = click.option(
        "--encoding",
        metavar="NAME",
        callback=check_encoding,
        help="Decode raw input with this codec (e.g. cp1252) instead of detecting it.",
    )(fn)
    return click.argument("paths", nargs=-1, metavar="[PATH]...")(fn)


def output_options(fn: Callable, formats: tuple[str, ...] = FORMATS) -> Callable:
    """``-f/--format`` (one of ``formats``), ``-o/--output``, ``--force`` and ``-q/--quiet``,
    shared by every subcommand, and ``--config`` so that it may follow the subcommand too."""
    database = " sqlite is a database file (-o FILE.db)." if "sqlite" in formats else ""
    for option in reversed(
        [
            click.option(
                "-f",
                "--format",
                type=click.Choice(formats),
                default="jsonl",
                show_default=True,
                help="jsonl feeds the next stage; json is one array; markdown has front matter."
                + database,
            ),
            click.option(
                "-o",
                "--output",
                metavar="FILE|DIR/",
                help="Write to FILE (atomically: complete or not at all) instead of stdout; "
                "with a directory (existing, or ending in '/') one file per document named "
                "<title-slug>-<first 8 of id>.<ext>.",
            ),
            click.option(
                "--force",
                is_flag=True,
                help="With -o DIR/: overwrite existing files whose content differs.",
            ),
            click.option(
                "-q", "--quiet", is_flag=True, help="No warnings or progress; errors only."
            ),
            config_option,
        ]
    ):
        fn = option(fn)
    return fn


# ---------------------------------------------------------------------------- configuration

_NOT_CONFIGURABLE = {"paths", "help", "list_rules", "version", "config"}


def stage_setting_keys(command: str) -> frozenset[str]:
    """Keys a command's config section may hold beyond its options."""
    if command == "clean":
        from newstool.clean import CONFIG_KEYS

        return CONFIG_KEYS
    return frozenset()


_CONFIG_META = "newstool.config"


def apply_config(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """``--config``: on the group it names the file; on a subcommand (before any other option
    is read) it loads the file and makes its section this command's defaults."""
    if value is not None:
        ctx.meta[_CONFIG_META] = value
    if ctx.parent is None or ctx.resilient_parsing:
        return
    from newstool.config import ConfigError, load_config

    try:
        config = load_config(ctx.meta.get(_CONFIG_META))
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None
    group = ctx.find_root().command
    for section in config.sections:
        checked = checked_section(ctx, group.commands[section], config, section)
        if section == ctx.info_name:
            ctx.default_map = checked
            ctx.meta["newstool.settings"] = {
                k: v for k, v in config.section(section).items() if k not in checked
            }
            ctx.meta["newstool.settings_from"] = config


def checked_section(ctx: click.Context, command: click.Command, config, section: str) -> dict:
    """The option values of one config section, converted as if typed; an unknown key or a bad
    value names the file, the line and the key."""
    params = {p.name: p for p in command.params if p.name not in _NOT_CONFIGURABLE}
    settings = stage_setting_keys(section)
    values = {}
    for key, value in config.section(section).items():
        param = params.get(key)
        if param is None:
            if key in settings:  # checked by the stage itself
                continue
            valid = sorted(k.replace("_", "-") for k in {*params, *settings})
            raise UsageProblem(
                f"{config.where(section, key)}: section {section!r} has no setting {key!r}; "
                f"valid keys: {', '.join(valid)}"
            )
        try:
            values[key] = param.type_cast_value(ctx, value)
        except click.BadParameter as exc:
            raise UsageProblem(
                f"{config.where(section, key)}: {section}.{key.replace('_', '-')}: {exc.message}"
            ) from None
    return values


def build_step(ctx: click.Context, **options: Any) -> Step:
    """This command's step, from its configuration settings that are not options (checked
    first, so that their errors name the file and line) and its option values (which hold the
    configuration's values for the options already). ``None`` means not given."""
    from newstool.pipeline import step

    settings = ctx.meta.get("newstool.settings", {})
    if settings:
        config = ctx.meta["newstool.settings_from"]
        try:
            step(ctx.info_name, settings)
        except ValueError as exc:
            raise UsageProblem(f"{config.where(ctx.info_name)}: {exc}") from None
    given = {key: value for key, value in options.items() if value is not None}
    try:
        return step(ctx.info_name, {**settings, **given})
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None


config_option = click.option(
    "--config",
    type=click.Path(dir_okay=False),
    envvar="NEWSTOOL_CONFIG",
    is_eager=True,
    expose_value=False,
    callback=apply_config,
    help="YAML configuration file (default: ~/.config/newstool/config.yaml if present).",
)


def refuse_if_given(ctx: click.Context, option: str, why: str) -> None:
    """Exit 2 when ``option`` was given on the command line or in the environment: a
    setting that cannot apply is a mistake to point out, not to ignore."""
    given = (click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT)
    if ctx.get_parameter_source(option) in given:
        raise UsageProblem(why)


# ---------------------------------------------------------------------------- streaming


def run_stage(
    stage: str,
    paths: tuple[str, ...],
    step: Callable[[Document], Document],
    *,
    encoding: str | None,
    max_doc_bytes: int,
    jobs: int,
    format: str,
    output: str | None,
    quiet: bool,
    force: bool = False,
    writer_options: dict[str, Any] | None = None,
    explain: Callable[[Document, Document], str] | None = None,
) -> None:
    """Read every input, apply ``step`` to each document, write the results (to stdout, a
    file, or one file per document in a directory); exit with status 1 when any input failed,
    after writing all the others."""
    from newstool.io import input_flushing_before_wait
    from newstool.readers import read_documents, read_units
    from newstool.runner import process, process_units
    from newstool.sinks import DatabaseSink, DirectorySink, OutputUnusable, StreamSink

    check_stdin_is_not_a_terminal(stage, paths)
    reading = {
        "encoding": encoding,
        "max_doc_bytes": max_doc_bytes,
        "outputs": [output] if output and output != "-" else [],
    }
    reporter = Reporter(stage, quiet)
    jobs = resolve_jobs(jobs)
    freeze_loaded_objects()
    running = {
        "stage": stage,
        "explain": explain,
        "listener": reporter,
        "debug": bool(os.environ.get("NEWSTOOL_DEBUG")),
    }
    try:
        with open_sink(output, format, force, writer_options or {}) as sink:
            stdin = sys.stdin.buffer
            if isinstance(sink, StreamSink):  # what is done goes out before waiting for more
                stdin = input_flushing_before_wait(stdin, sink.flush)
            if jobs == 1:  # one document at a time
                source = read_documents(paths, stdin, **reading)
                report = process(source, step, sink, **running)
            else:
                units = read_units(paths, stdin, **reading)
                report = process_units(units, step, sink, jobs=jobs, **running)
    except OutputUnusable as exc:
        if output in (None, "-"):
            abandon_stdout()
        raise UsageProblem(str(exc)) from None
    finally:
        reporter.close()
    if isinstance(sink, DirectorySink | DatabaseSink):
        outcomes = ", ".join(f"{n} {what}" for what, n in sorted(report.outcomes.items()))
        reporter.info(f"{outcomes or 'nothing'} in {output}")
    sys.exit(report.exit_status)


@contextmanager
def open_sink(
    output: str | None, format: str, force: bool, options: dict[str, Any]
) -> Iterator[Sink]:
    """Where ``-o`` sends the documents: stdout, a file, a directory (``DIR/``), or, with
    ``-f sqlite``, a database file."""
    from newstool.io import is_directory_output
    from newstool.sinks import DatabaseSink, DirectorySink, StreamSink

    if format == DATABASE_FORMAT and output is not None:
        yield DatabaseSink(output)
        return
    if output is not None and is_directory_output(output):
        yield DirectorySink(output, format, force=force, **options)
        return
    with open_output(output) as out:
        yield StreamSink(format, out, name=output or "stdout", **options)


def freeze_loaded_objects() -> None:
    """Take every object made so far (modules, the stage's compiled patterns and word lists)
    out of the cyclic garbage collector's sight, just before documents stream through: they
    live as long as the process, and each full collection would walk them all again (2-7% of
    a stage's time on the bench's sample). Workers forked for ``--jobs`` then also leave
    those pages shared with the parent."""
    gc.freeze()


def check_stdin_is_not_a_terminal(stage: str, paths: tuple[str, ...]) -> None:
    """With no PATH, stdin is read. On a terminal that would only wait; from a device such as
    /dev/null (cron, systemd, ``newstool ingest $UNSET_VARIABLE``) it would silently read
    nothing. Both are mistakes: say what to do. ``-`` reads stdin whatever it is."""
    if paths or sys.stdin is None:
        return
    try:
        is_device = stat.S_ISCHR(os.fstat(sys.stdin.fileno()).st_mode)
    except (OSError, ValueError):  # no real file descriptor (an embedding, a test runner)
        is_device = False
    if sys.stdin.isatty() or is_device:
        where = "a terminal" if sys.stdin.isatty() else "a device such as /dev/null"
        raise UsageProblem(
            f"no input: no PATH was given and standard input is {where}; give files, "
            f"directories or globs, or '-' to read standard input "
            f"(e.g. newstool {stage} article.txt, or cat article.txt | newstool {stage})"
        )


@contextmanager
def open_output(output: str | None) -> Iterator[IO[str]]:
    """stdout, or the file named by ``-o`` (atomic; FIFOs and devices written through)."""
    if output is None or output == "-":
        from newstool.io import document_stdout

        if sys.stdout is None:  # started with stdout closed (newstool ... >&-)
            raise UsageProblem(
                "cannot write stdout: it is closed; redirect it (> docs.jsonl) or give -o FILE"
            )
        with document_stdout() as out:
            yield out
        return
    if not output:
        raise UsageProblem("-o: the file name is empty (is the variable you used unset?)")
    from newstool.io import output_file

    try:
        with output_file(output) as handle:
            yield handle
    except OSError as exc:
        raise UsageProblem(f"cannot write {output}: {exc.strerror or exc}") from None


# ---------------------------------------------------------------------------- commands


def abandon_stdout() -> None:
    """Point stdout at devnull after a write to it failed, so that the final flush at exit does
    not fail again over what is still buffered (the Python signal docs' SIGPIPE note)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class NewstoolGroup(click.Group):
    """Exit statuses a shell understands for a reader that went away and for Ctrl-C."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            abandon_stdout()  # the reader (head, less) stopped reading
            sys.exit(EXIT_BROKEN_PIPE)
        except KeyboardInterrupt:
            click.echo("\nnewstool: interrupted; no partial output was kept", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except WorkerDied as exc:
            click.echo(f"newstool {ctx.invoked_subcommand}: error: {exc}", err=True)
            sys.exit(1)


def check_environment() -> None:
    """Settings from the environment that every command relies on, checked once (by
    :mod:`newstool.ingest`, imported only when there is a setting to check)."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        return
    from newstool.ingest import source_date_epoch

    try:
        source_date_epoch()
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None


@click.group(
    cls=NewstoolGroup,
    context_settings={**CONTEXT_SETTINGS, "auto_envvar_prefix": "NEWSTOOL"},
    epilog=EXIT_CODES_HELP,
)
@click.version_option(__version__, "-V", "--version", prog_name="newstool")
@config_option
def cli() -> None:
    """Turn raw, badly scraped news articles into clean, structured documents.

    \b
    Examples:
      newstool ingest seeds/ | newstool clean | newstool split-sentences \\
        | newstool stats | newstool export -f markdown
      newstool ingest 'archive/**/*.txt' -o docs.jsonl
      cat article.txt | newstool clean -f markdown
      newstool stats --summary docs.jsonl

    Stages pass documents as JSON Lines on stdin/stdout; every stage also reads raw
    text files, JSON arrays and newstool Markdown. Run 'newstool COMMAND --help' for
    each command's options.
    """
    check_environment()


@cli.command(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
@input_options
@output_options
def ingest(paths: tuple[str, ...], **common: Any) -> None:
    """Read raw articles and write newstool documents.

    \b
    Examples:
      newstool ingest seeds/                     # every text file under seeds/
      newstool ingest 'archive/**/*.txt' -o docs.jsonl
      cat article.txt | newstool ingest
      newstool ingest --encoding cp1251 old/*.txt
      newstool ingest seeds/ -f markdown -o articles/
      newstool ingest saved-pages/               # .html/.htm/.xhtml(.gz): the article

    PATH is a file, a directory (walked recursively; hidden and binary files are
    passed over with a warning), a glob pattern, or '-' for standard input. Encodings
    are detected: byte-order mark, UTF-8, damaged UTF-8, then a statistical detector.
    The first line becomes the title when it looks like one, short lines alone
    become headings, and hard-wrapped lines are joined into paragraphs.

    A saved web page (by its name or its first bytes, gzipped too) is decoded by its
    <meta charset> and its article extracted (needs: pip install 'newstool[html]'):
    headline as title, headings and paragraphs as blocks, the page's metadata in
    "meta". A page without an article is an error for that input.
    """
    from newstool.pipeline import Pipeline

    run_stage("ingest", paths, Pipeline(), **common)


def list_clean_rules(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--list-rules``: the rule table (a rich table on a terminal), then exit."""
    if not value or ctx.resilient_parsing:
        return
    from newstool.clean import rule_table

    rows = rule_table()
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Column, Table
        from rich.text import Text

        name = Column("rule", no_wrap=True)  # a name to type in --rule or --skip: never cut
        example = Column("example", overflow="fold")  # a long word folds, never cut either
        table = Table(name, "default", "fixes", example, title="newstool clean rules")
        for row in rows:
            change = f"{row['before']!r}\n→ {row['after']!r}"
            cells = (row["name"], "on" if row["default"] else "off", row["fixes"], change)
            table.add_row(*(Text(cell) for cell in cells))  # Text: brackets are not markup
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
@click.option("--rule", multiple=True, metavar="NAME", help="Also run this rule.")
@click.option("--skip", multiple=True, metavar="NAME", help="Do not run this rule.")
@click.option(
    "--keep-notes/--no-keep-notes",
    default=None,
    help="Leave [editorial notes] in the text, or move them to 'notes' (the default).",
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
@click.pass_context
def clean(
    ctx: click.Context,
    paths: tuple[str, ...],
    rule: tuple[str, ...],
    skip: tuple[str, ...],
    keep_notes: bool | None,
    quotes: str | None,
    diff: bool,
    **common: Any,
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
    from newstool.clean import describe_edits

    clean_step = build_step(ctx, rule=rule, skip=skip, keep_notes=keep_notes, quotes=quotes)
    explain = describe_edits if diff else None
    run_stage("clean", paths, clean_step, explain=explain, **common)


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
@click.pass_context
def split_sentences_command(
    ctx: click.Context, paths: tuple[str, ...], abbreviations: str | None, lang: str, **common: Any
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
    split_step = build_step(ctx, abbreviations=abbreviations, lang=lang)
    writer_options = {"sentences": True}
    run_stage("split-sentences", paths, split_step, writer_options=writer_options, **common)


@cli.command(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
@input_options
@output_options
@click.pass_context
def quotes(ctx: click.Context, paths: tuple[str, ...], **common: Any) -> None:
    """Add direct quotations and their speakers (exact offsets into the text) to each document.

    \b
    Examples:
      newstool ingest seeds/ | newstool clean | newstool quotes
      newstool quotes article.txt -f markdown       # the text, then a table of quotations
      newstool quotes docs.jsonl | jq -c '.quotes[] | [.speaker, .text]'

    Each quotation is {start, end, text, kind, cue, speaker_mention, speaker, resolution,
    rule, ...}: kind is 'direct', or 'fragment' when the opening mark was lost; speaker is
    the full name ('Lavrov said' and a later 'he said' both give 'Sergey Lavrov'), or null.
    Scare quotes and titles of works are not quotations.
    """
    quotes_step = build_step(ctx)
    writer_options = {"quotes": True}
    run_stage("quotes", paths, quotes_step, writer_options=writer_options, **common)


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
    ctx: click.Context, paths: tuple[str, ...], top: int, summary: bool, **common: Any
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
    stats_step = build_step(ctx, top=top)
    if not summary:
        run_stage("stats", paths, stats_step, **common)
    from newstool.io import is_directory_output

    output = common["output"]
    if output is not None and is_directory_output(output):
        raise UsageProblem(f"--summary writes one report: give -o a file, not {output}")
    explicit = ctx.get_parameter_source("format") is not click.core.ParameterSource.DEFAULT
    format = common["format"] if explicit else None
    refuse_if_given(ctx, "jobs", "--jobs does not apply to --summary yet; drop it")
    reading = {"encoding": common["encoding"], "max_doc_bytes": common["max_doc_bytes"]}
    summarise_corpus(paths, reading, format, output, common["quiet"], top)


def summarise_corpus(
    paths: tuple[str, ...],
    reading: dict[str, Any],
    format: str | None,
    output: str | None,
    quiet: bool,
    top: int,
) -> None:
    """Fold every document into one mergeable summary and print it."""
    from newstool.export import json_text
    from newstool.pipeline import Pipeline
    from newstool.readers import read_documents
    from newstool.runner import process
    from newstool.sinks import SummarySink

    check_stdin_is_not_a_terminal("stats", paths)
    source = read_documents(paths, sys.stdin.buffer, **reading)
    reporter = Reporter("stats", quiet)
    freeze_loaded_objects()
    sink = SummarySink(top)
    try:
        report = process(source, Pipeline(), sink, stage="stats", listener=reporter)
    finally:
        reporter.close()
    corpus = sink.summary
    if format is None and output is None and sys.stdout.isatty():
        from rich.console import Console

        Console().print(corpus.rich_table())
    else:
        with open_output(output) as out:
            if format == "markdown":
                out.write(corpus.render_markdown())
            else:
                indent = None if format == "jsonl" else 2
                out.write(json_text(corpus.to_dict(), indent=indent) + "\n")
    sys.exit(report.exit_status)


@cli.command(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
@input_options
@functools.partial(output_options, formats=EXPORT_FORMATS)
@click.option(
    "--indent", type=click.IntRange(0, 16), default=2, show_default=True, help="-f json: indent."
)
@click.option("--sentences", is_flag=True, help="-f markdown: one sentence per line.")
@click.option(
    "--quotes",
    "quote_table",
    is_flag=True,
    help="-f markdown: a table of the quotations (speaker, quotation, how found) after the text.",
)
@click.pass_context
def export(
    ctx: click.Context,
    paths: tuple[str, ...],
    indent: int,
    sentences: bool,
    quote_table: bool,
    **common: Any,
) -> None:
    """Write documents as JSON, JSON Lines, Markdown with YAML front matter, or a SQLite
    database with full-text search.

    \b
    Examples:
      newstool ingest seeds/ | newstool clean | newstool export -f markdown
      newstool export -f json --indent 4 docs.jsonl -o docs.json
      newstool export -f markdown --sentences docs.jsonl -o articles/
      newstool export -f markdown docs.jsonl -o articles/ --force
      newstool quotes docs.jsonl | newstool export -f markdown --quotes
      newstool export -f sqlite docs.jsonl -o corpus.db
      sqlite3 corpus.db "SELECT title FROM documents_fts WHERE documents_fts MATCH 'Idlib'"

    With a directory, re-exporting the same document leaves its file untouched, and a
    different existing file is only overwritten with --force. A Markdown stream on
    stdout is one document after another, each opening with its own front matter.
    A database takes each document by id: the same one again changes nothing, a changed
    one replaces its rows in every table (-o is required: a database is never written to
    standard output).
    """
    from newstool.io import is_directory_output
    from newstool.pipeline import Pipeline

    format = common["format"]
    if format == DATABASE_FORMAT:
        output = common["output"]
        if output in (None, "-") or is_directory_output(output):
            raise UsageProblem(
                "-f sqlite writes a database file, never standard output or a directory: "
                "give -o FILE (e.g. -o corpus.db)"
            )
        refuse_if_given(
            ctx,
            "force",
            "--force applies to -o DIR/, not to -f sqlite (a "
            "database takes changed documents without it)",
        )
    if format != "json":
        refuse_if_given(ctx, "indent", f"--indent applies to -f json, not to -f {format}")
    if format != "markdown":
        refuse_if_given(ctx, "sentences", f"--sentences applies to -f markdown, not to -f {format}")
        refuse_if_given(ctx, "quote_table", f"--quotes applies to -f markdown, not to -f {format}")
    writer_options = {"indent": indent, "sentences": sentences, "quotes": quote_table}
    run_stage("export", paths, Pipeline(), writer_options=writer_options, **common)


class RunLocked(UsageProblem):
    """Another ``newstool run`` holds the lock: exit status 75 (EX_TEMPFAIL)."""

    exit_code = EXIT_LOCKED


class RunReporter:
    """Messages of ``newstool run`` on stderr (errors only with ``--quiet``), appended with a
    timestamp to ``--log-file``, and a progress bar with a total and an ETA when stderr is a
    terminal (never with ``--quiet`` or ``NO_COLOR``): the listener of ``run_pipeline``."""

    def __init__(self, quiet: bool, log_file: IO[str] | None) -> None:
        self.quiet = quiet
        self.log_file = log_file
        self._progress: Any = None
        self._task: Any = None
        self._fancy = not quiet and sys.stderr.isatty() and not os.environ.get("NO_COLOR")

    def planned(self, total: int) -> None:
        if not self._fancy or not total:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._progress = Progress(
            "newstool run:",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task = self._progress.add_task("", total=total)
        self._progress.start()

    def advanced(self, path: str) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)

    def message(self, message: Message) -> None:
        if message.kind == "error":
            self.say(f"error: {message.text}", error=True)
        elif message.kind == "warning":
            self.say(f"warning: {message.text}")

    def say(self, text: str, *, error: bool = False) -> None:
        """One line on stderr (unless ``--quiet`` and not an error) and in the log file."""
        line = f"newstool run: {text}"
        if self.log_file is not None:
            import datetime

            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            self.log_file.write(f"{stamp} {line}\n")
            self.log_file.flush()
        if error or not self.quiet:
            if self._progress is not None:
                self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
            else:
                click.echo(line, err=True)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


@cli.command(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
@click.option(
    "--config",
    "pipefile",
    type=click.Path(dir_okay=False),
    help="The pipeline file (default: newstool.yaml in the current directory).",
)
@click.option("--full", is_flag=True, help="Process every input again, changed or not.")
@click.option("--prune", is_flag=True, help="Remove the documents of inputs that are gone.")
@click.option("--dry-run", is_flag=True, help="List what would be done; change nothing.")
@click.option("--retry-failed", is_flag=True, help="Process failed inputs again, even unchanged.")
@click.option("--report", metavar="FILE", help="Write what the run did as JSON to FILE.")
@click.option("--log-file", metavar="FILE", help="Append timestamped messages to FILE.")
@click.option("-q", "--quiet", is_flag=True, help="Errors only: cron mails only on trouble.")
@jobs_option("Process inputs in N worker processes (0: one per core); same state and outputs.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where inputs are processed: here (see --jobs), or as Dask tasks (extra: dask).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: the cluster's scheduler (default: a local cluster, one worker per "
    "core, for this run).",
)
@click.pass_context
def run(
    ctx: click.Context,
    pipefile: str | None,
    full: bool,
    prune: bool,
    dry_run: bool,
    retry_failed: bool,
    report: str | None,
    log_file: str | None,
    quiet: bool,
    jobs: int,
    engine: str,
    scheduler: str | None,
) -> None:
    """Run a pipeline file: its inputs through its steps into its outputs, incrementally.

    \b
    Examples:
      newstool run                               # ./newstool.yaml
      newstool run --config /srv/news/newstool.yaml --quiet
      newstool run --dry-run
      newstool run --full --report last-run.json --log-file run.log
      newstool run --engine dask --scheduler tcp://10.0.0.5:8786

    Only new or changed inputs are processed; a changed input replaces its document
    in every output. The state (.newstool-state.sqlite) and a lock live beside the
    first output; a second run on the same outputs exits at once with status 75.
    Killed at any instant, the next run finishes the job. With --engine dask, every
    worker needs the same newstool version as this machine.
    """
    from newstool.dask_engine import EngineProblem
    from newstool.export import json_text
    from newstool.run import Locked, PipefileError, run_pipeline

    if engine == "dask":
        refuse_if_given(ctx, "jobs", "--jobs is for --engine local: the workers are Dask's")
    else:
        refuse_if_given(ctx, "scheduler", "--scheduler applies to --engine dask; add it")

    # `newstool --config FILE run` names the pipeline file too; $NEWSTOOL_CONFIG, the stage
    # commands' configuration, does not.
    typed = click.core.ParameterSource.COMMANDLINE
    from_group = ctx.parent is not None and ctx.parent.get_parameter_source("config") is typed
    path = pipefile or (ctx.meta.get(_CONFIG_META) if from_group else None) or "newstool.yaml"
    with contextlib.ExitStack() as stack:
        log = None
        if log_file:
            try:
                log = stack.enter_context(open(log_file, "a", encoding="utf-8"))
            except OSError as exc:
                raise UsageProblem(f"--log-file {log_file}: {exc.strerror or exc}") from None
        reporter = RunReporter(quiet, log)
        stack.callback(reporter.close)
        cluster = stack.enter_context(dask_engine(scheduler)) if engine == "dask" else None
        freeze_loaded_objects()
        try:
            done = run_pipeline(
                path,
                full=full,
                prune=prune,
                dry_run=dry_run,
                retry_failed=retry_failed,
                listener=reporter,
                jobs=resolve_jobs(jobs),
                engine=cluster,
            )
        except (PipefileError, EngineProblem) as exc:
            raise UsageProblem(str(exc)) from None
        except Locked as exc:
            if log is not None:
                reporter.say(f"error: {exc}", error=True)
            raise RunLocked(str(exc)) from None
        reporter.close()
        for action, name in done.actions:
            click.echo(f"{action} {name}")
        for reason in done.reasons:
            reporter.say(reason)
        if report:
            with open_output(report) as out:
                out.write(json_text(done.to_dict(), indent=2) + "\n")
        would = "would process" if dry_run else "processed"
        pruned = f", {'would prune' if dry_run else 'pruned'} {done.pruned}" if prune else ""
        reporter.say(
            f"{would} {done.processed}, unchanged {done.unchanged}, failed {done.failed}{pruned}"
        )
    sys.exit(done.exit_status)


def dask_engine(scheduler: str | None) -> Any:
    """The Dask engine (:mod:`newstool.dask_engine`), or a usage error saying how to install it."""
    import importlib.util

    if importlib.util.find_spec("distributed") is None:  # not imported: a run may need no cluster
        raise UsageProblem(
            "--engine dask needs Dask: pip install 'newstool[dask]' (on every worker too)"
        )
    from newstool.dask_engine import DaskEngine

    return DaskEngine(scheduler)


def main() -> None:
    """Console-script entry point: SIGTERM ends the run as cleanly as Ctrl-C (no half file)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(EXIT_TERMINATED))
    sys.unraisablehook = interrupt_again_if_lost
    cli(prog_name="newstool")


def interrupt_again_if_lost(unraisable: Any) -> None:
    """``sys.unraisablehook``: a Ctrl-C whose KeyboardInterrupt came while Python ran a
    finaliser or a weak reference's callback (``__del__``, ``WeakSet``'s ``_remove``: a
    process pool's and a Dask run's objects go all the time) is one Python would print as
    ignored, and the run would go on to its end: it is raised again 10 ms later (``SIGALRM``),
    out of there. Anything else is reported as Python reports it."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        signal.signal(signal.SIGALRM, _interrupt)
        signal.setitimer(signal.ITIMER_REAL, 0.01)
        return
    sys.__unraisablehook__(unraisable)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


__all__ = ["cli", "main"]
