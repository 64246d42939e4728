"""The pipeline file of ``newstool run``: which inputs, which steps, which outputs.

::

    inputs: ["incoming/**/*.txt"]            # paths, directories, globs
    steps: [clean, split-sentences, quotes, stats]   # an item may be {clean: {skip: [...]}}
    outputs: {jsonl: out/docs.jsonl, markdown: out/md, summary: out/summary.json}
    clean: {boilerplate: ['^Listen to this article']}   # stage sections: defaults of a step

Ingest is implicit (an ``ingest: {encoding: NAME}`` section sets its encoding); an ``export:
{sentences: true}`` section breaks the Markdown output's lines at sentences, ``{quotes: true}``
adds the table of each document's quotations. Paths are relative
to the file's own folder. Every mistake is a :class:`PipefileError` naming ``file:line`` and
the key.

>>> spec = load_pipefile_text("inputs: [a.txt]\\nsteps: [stats]\\noutputs: {jsonl: o.jsonl}\\n",
...                           "/srv/newstool.yaml")
>>> spec.inputs, spec.pipeline.names, str(spec.outputs.jsonl)
(('/srv/a.txt',), ('stats',), '/srv/o.jsonl')
>>> try:
...     load_pipefile_text("inputs: [a]\\nsteps: [tidy]\\noutputs: {jsonl: o}\\n", "p.yaml")
... except PipefileError as exc:
...     print(exc)
p.yaml:2: unknown step 'tidy'; steps are clean, split-sentences, quotes, stats
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstool.config import read_yaml_text, yaml_problem
from newstool.pipeline import READER, SECTIONS, STAGES, WRITER, Pipeline, compose, step
from newstool.readers import DEFAULT_MAX_DOC_BYTES, parse_byte_size

TOP_KEYS = ("inputs", "steps", "outputs")
OUTPUT_KINDS = ("jsonl", "markdown", "summary")


def _of_type(wanted: type) -> Callable[[Any], Any]:
    """A setting's check: ``wanted`` values pass as they are."""

    def check(value: Any) -> Any:
        if not isinstance(value, wanted):
            raise ValueError(f"must be a {wanted.__name__}, not {value!r}")
        return value

    return check


# Settings of the implicit reader and of the Markdown output, each with its check.
_READER_KEYS = {"encoding": _of_type(str), "max-doc-bytes": parse_byte_size}
_WRITER_KEYS = {"sentences": _of_type(bool), "quotes": _of_type(bool)}


class PipefileError(ValueError):
    """A pipeline file that cannot be used: ``file:line: what is wrong``."""


@dataclass(frozen=True)
class Outputs:
    """Where the documents go (absolute paths; None when not wanted)."""

    jsonl: Path | None = None
    markdown: Path | None = None
    summary: Path | None = None
    sentences: bool = False  # Markdown: one sentence per line
    quotes: bool = False  # Markdown: the table of quotations after the text

    def paths(self) -> list[Path]:
        """The outputs given, in the order jsonl, markdown, summary."""
        return [p for p in (self.jsonl, self.markdown, self.summary) if p is not None]


@dataclass(frozen=True)
class PipelineSpec:
    """A checked pipeline file."""

    name: str
    inputs: tuple[str, ...]
    pipeline: Pipeline
    outputs: Outputs
    encoding: str | None = None
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES

    @property
    def state_dir(self) -> Path:
        """Where the state and the lock live: the folder of the first output.

        >>> PipelineSpec("p", (), Pipeline(), Outputs(markdown=Path("/o/md"))).state_dir
        PosixPath('/o')
        """
        return self.outputs.paths()[0].parent


def load_pipefile(path: str | os.PathLike[str]) -> PipelineSpec:
    """Read and check a pipeline file."""
    if not str(path):
        raise PipefileError("--config: the file name is empty (is the variable you used unset?)")
    return load_pipefile_text(read_yaml_text(path, "pipeline file", PipefileError), str(path))


def load_pipefile_text(text: str, name: str) -> PipelineSpec:
    """Parse and check pipeline-file YAML; ``name`` is the file (messages, relative paths)."""
    import yaml

    try:
        root = yaml.compose(text)
        yaml.safe_load(text)  # every value can be built: a tag such as !!python/... cannot
    except yaml.YAMLError as exc:
        raise PipefileError(yaml_problem(exc, name)) from None
    if not isinstance(root, yaml.MappingNode):
        raise PipefileError(f"{name}:1: expected keys inputs, steps and outputs at the top level")
    base = Path(os.path.abspath(name)).parent
    keys = _mapping(root, name, "the pipeline file")
    for key, (key_node, _) in keys.items():
        if key not in (*TOP_KEYS, *SECTIONS):
            raise PipefileError(
                f"{_at(name, key_node)}: unknown key {key!r}; keys are "
                f"{', '.join((*TOP_KEYS, *SECTIONS))}"
            )
    for key in ("inputs", "outputs"):
        if key not in keys:
            raise PipefileError(f"{name}: the key {key!r} is missing")
    sections = {
        section: _section(name, section, *keys[section]) for section in SECTIONS if section in keys
    }
    reader = _typed(name, READER, sections.get(READER, {}), _READER_KEYS)
    writer = _typed(name, WRITER, sections.get(WRITER, {}), _WRITER_KEYS)
    outputs = _outputs(
        name,
        base,
        *keys["outputs"],
        sentences=writer.get("sentences", False),
        quotes=writer.get("quotes", False),
    )
    steps = _steps(name, base, keys.get("steps"), sections)
    inputs = _inputs(name, base, *keys["inputs"])
    limit = reader.get("max-doc-bytes", DEFAULT_MAX_DOC_BYTES)
    return PipelineSpec(name, inputs, steps, outputs, reader.get("encoding"), limit)


def _at(name: str, node: Any) -> str:
    return f"{name}:{node.start_mark.line + 1}"


def _value(node: Any) -> Any:
    import yaml

    return yaml.safe_load(yaml.serialize(node))


def _mapping(node: Any, name: str, what: str) -> dict[str, tuple[Any, Any]]:
    """``{key: (key node, value node)}`` of a YAML mapping node."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise PipefileError(f"{_at(name, node)}: {what} must be a mapping")
    return {str(k.value).replace("_", "-"): (k, v) for k, v in node.value}


def _section(name: str, section: str, key_node: Any, node: Any) -> dict[str, tuple[Any, Any]]:
    import yaml

    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return {}
    return _mapping(node, name, f"section {section!r}")


def _typed(
    name: str,
    section: str,
    settings: dict[str, tuple[Any, Any]],
    checks: dict[str, Callable[[Any], Any]],
) -> dict[str, Any]:
    """The settings of ``ingest:`` or ``export:``, each checked (and converted) by its check."""
    values = {}
    for key, (key_node, node) in settings.items():
        check = checks.get(key)
        if check is None:
            raise PipefileError(
                f"{_at(name, key_node)}: section {section!r} has no setting {key!r} in a "
                f"pipeline file; valid keys: {', '.join(checks)}"
            )
        try:
            values[key] = check(_value(node))
        except ValueError as exc:
            raise PipefileError(f"{_at(name, key_node)}: {section}.{key}: {exc}") from None
    return values


def _inputs(name: str, base: Path, key_node: Any, node: Any) -> tuple[str, ...]:
    value = _value(node)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise PipefileError(
            f"{_at(name, key_node)}: inputs must be a non-empty list of paths, directories or globs"
        )
    return tuple(os.path.normpath(base / os.path.expanduser(v)) for v in value)


def _outputs(
    name: str, base: Path, key_node: Any, node: Any, *, sentences: bool, quotes: bool
) -> Outputs:
    paths: dict[str, Path] = {}
    for kind, (kind_node, value_node) in _mapping(node, name, "outputs").items():
        if kind not in OUTPUT_KINDS:
            raise PipefileError(
                f"{_at(name, kind_node)}: unknown output {kind!r}; outputs are "
                f"{', '.join(OUTPUT_KINDS)}"
            )
        value = _value(value_node)
        if not isinstance(value, str) or not value:
            raise PipefileError(f"{_at(name, kind_node)}: outputs.{kind} must be a path")
        paths[kind] = Path(os.path.normpath(base / os.path.expanduser(value)))
    if not paths:
        raise PipefileError(f"{_at(name, key_node)}: outputs names no output")
    return Outputs(**paths, sentences=sentences, quotes=quotes)


def _steps(
    name: str, base: Path, entry: tuple[Any, Any] | None, sections: dict[str, dict]
) -> Pipeline:
    """The steps, each from its section's settings overlaid with the item's own."""
    import yaml

    if entry is None:
        return compose([])
    key_node, node = entry
    if not isinstance(node, yaml.SequenceNode):
        raise PipefileError(f"{_at(name, key_node)}: steps must be a list")
    steps = []
    for item in node.value:
        if isinstance(item, yaml.ScalarNode):
            stage, own = str(item.value), {}
        elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            ((stage_node, settings_node),) = item.value
            stage = str(stage_node.value)
            own = _section(name, stage, stage_node, settings_node)
        else:
            raise PipefileError(
                f"{_at(name, item)}: a step is a name or {{name: {{settings}}}}, e.g. "
                "clean or {clean: {skip: [remove_repeated_paragraphs]}}"
            )
        if stage not in STAGES:
            raise PipefileError(
                f"{_at(name, item)}: unknown step {stage!r}; steps are {', '.join(STAGES)}"
            )
        order = list(STAGES)
        if steps and order.index(stage) <= order.index(steps[-1].name):
            raise PipefileError(
                f"{_at(name, item)}: step {stage!r} after {steps[-1].name!r}: each step at most "
                f"once, in the order {', '.join(STAGES)}"
            )
        settings = {**sections.get(stage, {}), **own}
        values = {key.replace("-", "_"): _value(v) for key, (_, v) in settings.items()}
        if isinstance(values.get("abbreviations"), str):
            values["abbreviations"] = str(base / values["abbreviations"])
        try:
            steps.append(step(stage, values))
        except ValueError as exc:
            where = _where_of_problem(name, item, settings, str(exc))
            raise PipefileError(f"{where}: {stage}: {exc}") from None
    return compose(steps)


def _where_of_problem(
    name: str, item: Any, settings: dict[str, tuple[Any, Any]], problem: str
) -> str:
    """The line of the setting a stage's message names, else the step's own line."""
    for key, (key_node, _) in settings.items():
        if key in problem or key.replace("-", "_") in problem:
            return _at(name, key_node)
    return _at(name, item)


__all__ = ["Outputs", "PipefileError", "PipelineSpec", "load_pipefile", "load_pipefile_text"]
