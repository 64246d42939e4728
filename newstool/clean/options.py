"""Which rules run and how: :class:`CleanOptions`, and reading it from the YAML ``clean:`` section.

>>> options_from_config({"rules": {"curl_quotes": True}, "keep_editorial_notes": True})
... # doctest: +ELLIPSIS
CleanOptions(rules=(...), keep_editorial_notes=True, quotes='keep', boilerplate=(...))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from newstool.clean.boilerplate import (
    check_patterns,
    compile_patterns,
    default_boilerplate_patterns,
)
from newstool.clean.registry import DEFAULT_RULES, RULES, RULES_BY_NAME

QUOTE_STYLES = {"keep": (), "straight": ("straighten_quotes",), "typographic": ("curl_quotes",)}


@dataclass(frozen=True)
class CleanOptions:
    """Settings for :func:`newstool.clean.clean`.

    - ``rules``: names of the rules to run (they run in registry order, whatever order given);
    - ``keep_editorial_notes``: leave bracketed notes in the text (the rule does not run);
    - ``quotes``: ``keep`` (default: as the rules say), ``straight`` or ``typographic``
      (runs that quote rule and not the other);
    - ``boilerplate``: regular expressions for whole boilerplate lines.

    Raises :class:`ValueError` for an unknown rule, quote style or a bad pattern.

    >>> CleanOptions(rules=("separate_glued_sentences",), quotes="straight").active_rules()
    ('separate_glued_sentences', 'straighten_quotes')
    >>> CleanOptions(rules=("tidy",))
    Traceback (most recent call last):
    ...
    ValueError: unknown clean rule 'tidy'; see `newstool clean --list-rules`
    """

    rules: tuple[str, ...] = DEFAULT_RULES
    keep_editorial_notes: bool = False
    quotes: str = "keep"
    boilerplate: tuple[str, ...] = field(default_factory=default_boilerplate_patterns)

    def __post_init__(self) -> None:
        check_rule_names(self.rules)
        check_quote_style(self.quotes)
        compile_patterns(tuple(self.boilerplate))

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None = None) -> CleanOptions:
        """Options from one mapping, keyed by the names users see: the command-line options
        ``rule`` and ``skip`` (lists of rule names), ``keep_notes`` and ``quotes``, and the
        configuration settings of :data:`CONFIG_KEYS`. The command line, the configuration
        file and a pipeline file all build clean's options here.

        >>> options = CleanOptions.from_settings({"rule": ["curl_quotes"], "keep-notes": True})
        >>> "curl_quotes" in options.active_rules(), options.keep_editorial_notes
        (True, True)
        >>> CleanOptions.from_settings({"rule": ["fix_mojibake"], "skip": ["fix_mojibake"]})
        Traceback (most recent call last):
        ...
        ValueError: --rule fix_mojibake and --skip fix_mojibake contradict: give one of them
        """
        settings = {key.replace("-", "_"): value for key, value in (settings or {}).items()}
        unknown = sorted(set(settings) - SETTINGS_KEYS)
        if unknown:
            raise ValueError(
                f"unknown clean setting {unknown[0]!r}; valid keys: "
                + ", ".join(sorted(SETTINGS_KEYS))
            )
        rule = _rule_names(settings.pop("rule", ()), "clean.rule")
        skip = _rule_names(settings.pop("skip", ()), "clean.skip")
        keep_notes = settings.pop("keep_notes", None)
        quotes = settings.pop("quotes", None)
        check_choices(rule, skip, quotes)
        options = options_from_config(settings)
        options = replace(options, rules=select_rules(options.rules, rule, skip))
        if keep_notes is not None:
            options = replace(options, keep_editorial_notes=_bool(keep_notes, "clean.keep_notes"))
        if quotes is not None:
            options = replace(options, quotes=quotes)
        return options

    @cached_property
    def fingerprint(self) -> str:
        """A digest of everything that changes what clean writes with these options (see
        :mod:`newstool.fingerprint`): the rules that run and every boilerplate pattern.

        >>> CleanOptions().fingerprint == CleanOptions(boilerplate=("^Ads$",)).fingerprint
        False
        """
        from newstool.fingerprint import fingerprint

        settings = {"rules": self.active_rules(), "boilerplate": self.boilerplate}
        return fingerprint("clean", settings)

    def active_rules(self) -> tuple[str, ...]:
        """The rules that run, in registry order, once the switches are applied."""
        wanted = set(self.rules)
        if self.keep_editorial_notes:
            wanted.discard("extract_editorial_notes")
        if self.quotes != "keep":
            wanted -= {name for names in QUOTE_STYLES.values() for name in names}
            wanted.update(QUOTE_STYLES[self.quotes])
        return tuple(rule.name for rule in RULES if rule.name in wanted)


def check_rule_names(names: Iterable[str]) -> None:
    """Raise :class:`ValueError` for the first name that is not a rule."""
    for name in names:
        if name not in RULES_BY_NAME:
            raise ValueError(f"unknown clean rule {name!r}; see `newstool clean --list-rules`")


def check_quote_style(style: str) -> None:
    """Raise :class:`ValueError` when ``style`` is not a quote style."""
    if style not in QUOTE_STYLES:
        raise ValueError(f"unknown quote style {style!r}; use one of: {', '.join(QUOTE_STYLES)}")


def select_rules(
    base: Iterable[str] = DEFAULT_RULES, add: Iterable[str] = (), skip: Iterable[str] = ()
) -> tuple[str, ...]:
    """``base`` plus ``add`` minus ``skip``, in registry order: for ``--rule`` and ``--skip``.

    >>> select_rules(add=["curl_quotes"], skip=["remove_repeated_paragraphs"])[-3:]
    ('curl_quotes', 'remove_boilerplate_lines', 'remove_site_prompts')
    """
    add, skip = tuple(add), tuple(skip)
    check_rule_names((*add, *skip))
    wanted = (set(base) | set(add)) - set(skip)
    return tuple(rule.name for rule in RULES if rule.name in wanted)


_STYLE_OF_RULE = {names[0]: style for style, names in QUOTE_STYLES.items() if names}


def check_choices(
    rule: Iterable[str] = (), skip: Iterable[str] = (), quotes: str | None = None
) -> None:
    """Raise :class:`ValueError` when the values of ``--rule``, ``--skip`` and ``--quotes``
    name an unknown rule or style, or contradict each other (rather than let one silently win).

    >>> check_choices(rule=["straighten_quotes"], skip=["fix_mojibake"], quotes="straight")
    >>> check_choices(rule=["curl_quotes", "straighten_quotes"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: --rule straighten_quotes and --rule curl_quotes contradict: choose one quote ...
    >>> check_choices(rule=["fix_mojibake"], skip=["fix_mojibake"])
    Traceback (most recent call last):
    ...
    ValueError: --rule fix_mojibake and --skip fix_mojibake contradict: give one of them
    """
    rule, skip = tuple(rule), tuple(skip)
    check_rule_names((*rule, *skip))
    if quotes is not None:
        check_quote_style(quotes)
    problem = _contradiction(rule, skip, quotes)
    if problem is not None:
        raise ValueError(problem)


def _contradiction(rule: tuple[str, ...], skip: tuple[str, ...], quotes: str | None) -> str | None:
    """What is wrong with these choices, or None when they agree.

    >>> _contradiction(("curl_quotes",), (), "keep")  # doctest: +ELLIPSIS
    '--quotes keep and --rule curl_quotes contradict: --quotes keep leaves quotes as they are; ...'
    >>> _contradiction((), ("straighten_quotes",), "straight")  # doctest: +ELLIPSIS
    '--quotes straight and --skip straighten_quotes contradict: --quotes straight runs ...'
    >>> _contradiction(("curl_quotes",), ("straighten_quotes",), "typographic") is None
    True
    """
    for name in rule:
        if name in skip:
            return f"--rule {name} and --skip {name} contradict: give one of them"
    styles = [name for name in _STYLE_OF_RULE if name in rule]
    if len(styles) > 1:
        return (
            f"--rule {styles[0]} and --rule {styles[1]} contradict: choose one quote style "
            "(or use --quotes straight|typographic)"
        )
    if quotes == "keep" and styles:
        name = styles[0]
        return (
            f"--quotes keep and --rule {name} contradict: --quotes keep leaves quotes as they "
            f"are; give one of them (--rule {name} is --quotes {_STYLE_OF_RULE[name]})"
        )
    if quotes in (None, "keep"):
        return None
    own = QUOTE_STYLES[quotes]
    for name in styles:
        if name not in own:
            return (
                f"--quotes {quotes} and --rule {name} contradict: choose one quote style "
                f"(--quotes {quotes} runs {own[0]})"
            )
    for name in own:
        if name in skip:
            return (
                f"--quotes {quotes} and --skip {name} contradict: --quotes {quotes} runs {name}; "
                "give one of them"
            )
    return None


# The keys options_from_config reads from the ``clean:`` section.
CONFIG_KEYS = frozenset(
    {"rules", "keep_editorial_notes", "quotes", "boilerplate", "default_boilerplate"}
)
# Every key CleanOptions.from_settings reads: the command-line options and the settings above.
SETTINGS_KEYS = CONFIG_KEYS | {"rule", "skip", "keep_notes"}


def options_from_config(section: Mapping[str, Any] | None) -> CleanOptions:
    """:class:`CleanOptions` from the ``clean:`` section of the YAML configuration::

        clean:
          rules: {curl_quotes: true, remove_repeated_paragraphs: false}  # on top of the defaults
          keep_editorial_notes: false
          quotes: keep            # keep | straight | typographic
          boilerplate: ['Listen to this article']  # added to the default patterns
          default_boilerplate: true                # false: only the patterns above

    Raises :class:`ValueError` with a message naming the bad key or value (a bad pattern by
    its place in ``boilerplate``, the patterns shipped being checked by the tests).

    >>> options_from_config({"rules": {"decode_html_entities": False}}).active_rules()[0]
    'fix_mojibake'
    >>> options_from_config({"quotes": "fancy"})
    Traceback (most recent call last):
    ...
    ValueError: unknown quote style 'fancy'; use one of: keep, straight, typographic
    >>> options_from_config({"rule": {}})
    Traceback (most recent call last):
    ...
    ValueError: unknown key 'rule' in the clean: section; valid keys: boilerplate, ...
    >>> options_from_config({"boilerplate": ["Listen", "(unclosed"]})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: clean.boilerplate item 2 '(unclosed' is not a valid regular expression: ...
    """
    section = dict(section or {})
    unknown = sorted(set(section) - CONFIG_KEYS)
    if unknown:
        raise ValueError(
            f"unknown key {unknown[0]!r} in the clean: section; valid keys: "
            + ", ".join(sorted(CONFIG_KEYS))
        )
    switches = _mapping_of_bools(section.get("rules"), "clean.rules")
    rules = select_rules(
        add=[name for name, on in switches.items() if on],
        skip=[name for name, on in switches.items() if not on],
    )
    extra = _list_of_strings(section.get("boilerplate"), "clean.boilerplate")
    check_patterns(extra, "clean.boilerplate item")
    defaults = _bool(section.get("default_boilerplate", True), "clean.default_boilerplate")
    return CleanOptions(
        rules=rules,
        keep_editorial_notes=_bool(
            section.get("keep_editorial_notes", False), "clean.keep_editorial_notes"
        ),
        quotes=str(section.get("quotes", "keep")),
        boilerplate=(*(default_boilerplate_patterns() if defaults else ()), *extra),
    )


def _bool(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false, not {value!r}")
    return value


def _mapping_of_bools(value: Any, key: str) -> dict[str, bool]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"{key} must be a mapping of rule names to true/false, not {value!r}")
    return {str(name): _bool(on, f"{key}.{name}") for name, on in value.items()}


def _rule_names(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{key} must be a list of rule names, not {value!r}")
    return tuple(value)


def _list_of_strings(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{key} must be a list of regular expressions (strings)")
    return tuple(value)
