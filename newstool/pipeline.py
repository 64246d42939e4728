"""The stages by name, their options from one mapping, and steps composed into one function.

This is the only place that knows which stages exist, in which order a pipeline may name them
and how each gets its options. A *step* is a stage with its options: a small immutable object
that pickles (module-level function, options dataclass), so the same step runs in a pipe, in a
process pool or on a Dask worker. Stages, steps and pipelines are named tuples: a command makes
them at start-up many times faster than frozen dataclasses.

>>> from newstool.model import Document
>>> pipeline = compose([step("clean"), step("stats", {"top": 3})])
>>> doc = pipeline(Document.from_dict({"text": "It rained.He left."}))
>>> doc.text, doc.stats["sentences"], [s.name for s in doc.steps]
('It rained. He left.', 2, ['clean', 'stats'])
>>> import pickle; pickle.loads(pickle.dumps(pipeline)) == pipeline
True
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, NamedTuple

from newstool.model import Document


class Stage(NamedTuple):
    """A document stage: ``module.function(doc, options=...)`` with ``module.options_class``,
    whose ``from_settings(mapping)`` builds its options. Modules are imported on first use, so
    listing the stages costs nothing at start-up."""

    name: str
    module: str
    function: str
    options_class: str
    summary: str

    def load(self) -> tuple[Any, Any]:
        """The stage's function and its options class (imported once, then remembered: a
        step calls this for every document)."""
        return _load(self.module, self.function, self.options_class)


@cache
def _load(module_name: str, function: str, options_class: str) -> tuple[Any, Any]:
    module = importlib.import_module(module_name)
    return getattr(module, function), getattr(module, options_class)


# The registry of stages, in pipeline order.
STAGES: dict[str, Stage] = {
    stage.name: stage
    for stage in (
        Stage(
            "clean",
            "newstool.clean",
            "clean",
            "CleanOptions",
            "repair scraping damage with named, reversible rules",
        ),
        Stage(
            "split-sentences",
            "newstool.sentences",
            "split_document",
            "SentenceOptions",
            "sentence boundaries with exact offsets",
        ),
        Stage(
            "quotes",
            "newstool.quotes",
            "extract_quotes",
            "QuoteOptions",
            "direct quotations with their speakers",
        ),
        Stage(
            "stats",
            "newstool.stats",
            "compute_stats",
            "StatsOptions",
            "per-document figures and readability scores",
        ),
    )
}
READER, WRITER = "ingest", "export"
# Every name a step record, a configuration section or a pipeline file may use.
SECTIONS = (READER, *STAGES, WRITER)


class Step(NamedTuple):
    """One stage with its options; call it on a document."""

    name: str
    options: Any

    def __call__(self, doc: Document) -> Document:
        function, _ = STAGES[self.name].load()
        return function(doc, options=self.options)


class Pipeline(NamedTuple):
    """Steps applied in order: one ``Document -> Document`` function (no JSON in between)."""

    steps: tuple[Step, ...] = ()

    def __call__(self, doc: Document) -> Document:
        for each in self.steps:
            doc = each(doc)
        return doc

    @property
    def names(self) -> tuple[str, ...]:
        """The stage names, in order."""
        return tuple(each.name for each in self.steps)


def step(name: str, settings: Mapping[str, Any] | None = None) -> Step:
    """The stage ``name`` with options from ``settings`` (keys: the option names users see).

    Raises :class:`ValueError` naming the known stages, or what is wrong with a setting.

    >>> step("stats", {"top": 5}).options.top
    5
    >>> step("tidy")
    Traceback (most recent call last):
    ...
    ValueError: unknown step 'tidy'; steps are clean, split-sentences, quotes, stats
    """
    stage = STAGES.get(name)
    if stage is None:
        raise ValueError(f"unknown step {name!r}; steps are {', '.join(STAGES)}")
    _, options_class = stage.load()
    return Step(name, options_class.from_settings(settings or {}))


def compose(steps: Iterable[Step]) -> Pipeline:
    """One function applying ``steps`` in order; an empty list passes documents through."""
    return Pipeline(tuple(steps))


__all__ = ["READER", "SECTIONS", "STAGES", "WRITER", "Pipeline", "Stage", "Step", "compose", "step"]
