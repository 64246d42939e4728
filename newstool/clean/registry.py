"""The ordered registry of repair rules: what each fixes, whether it runs by default.

Order matters, and one pass must leave nothing for a second: HTML's character references
are read first (``&#226;&#128;&#153;`` may be mojibake in disguise); the encoding is repaired
before anything else reads the characters (it may yield non-breaking spaces); a space before a
full stop goes after glued sentences are separated (``He .Then`` -> ``He . Then`` -> ``He. Then``);
boilerplate lines and repeated paragraphs are judged last, on tidied text.

>>> [rule.name for rule in RULES][:3]
['decode_html_entities', 'fix_mojibake', 'normalise_unicode_spaces']
>>> "curl_quotes" in DEFAULT_RULES
False
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newstool.clean.boilerplate import remove_boilerplate_lines, remove_repeated_paragraphs
from newstool.clean.editorial import extract_editorial_notes
from newstool.clean.edits import Change, fixed
from newstool.clean.entities import decode_html_entities
from newstool.clean.fragments import remove_orphan_punctuation
from newstool.clean.glued import separate_glued_sentences
from newstool.clean.markup import remove_template_leftovers
from newstool.clean.mojibake import fix_mojibake
from newstool.clean.prompts import remove_site_prompts
from newstool.clean.quotes import curl_quotes, straighten_quotes
from newstool.clean.whitespace import (
    collapse_space_runs,
    normalise_unicode_spaces,
    remove_space_before_punctuation,
)

if TYPE_CHECKING:
    from newstool.clean.options import CleanOptions


def _no_arguments(options: CleanOptions) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Rule:
    """A named rule: its function, whether it runs by default, and a one-line description.

    ``arguments`` picks what the function needs from :class:`CleanOptions`; ``title`` says
    whether the rule cleans the title too (rules about lines and paragraphs do not: a title is
    one line, and a title matching a boilerplate pattern is still the title).
    """

    name: str
    function: Callable[..., list[Change]]
    default: bool
    fixes: str
    example: str
    arguments: Callable[[CleanOptions], dict[str, Any]] = _no_arguments
    title: bool = True

    def run(self, text: str, options: CleanOptions) -> list[Change]:
        """The changes this rule proposes for ``text``."""
        return self.function(text, **self.arguments(options))


RULES: tuple[Rule, ...] = (
    Rule("decode_html_entities", decode_html_entities, True,
         "HTML character references copied as text (&amp; &nbsp; &#8220;)", "AT&amp;T"),
    Rule("fix_mojibake", fix_mojibake, True,
         "UTF-8 text decoded as cp1252, Latin-1 or cp1251", "donâ€™t"),
    Rule("normalise_unicode_spaces", normalise_unicode_spaces, True,
         "non-breaking and other Unicode spaces, tabs, zero-width spaces", "10\u00a0000"),
    Rule("collapse_space_runs", collapse_space_runs, True,
         "runs of spaces; spaces at line ends", "two  spaces "),
    Rule("remove_template_leftovers", remove_template_leftovers, True,
         "markup of a page's templates: {{name}}, {% tag %}, %NAME%, shortcodes, HTML comments, "
         "[object Object]", "Roads shut. {{AUTHOR_BOX}}"),
    Rule("extract_editorial_notes", extract_editorial_notes, True,
         "[editorial notes] and [placeholders] moved to notes; alterations stay",
         "the group [banned in Narnia - ABC], try"),
    Rule("remove_orphan_punctuation", remove_orphan_punctuation, True,
         "stray , ; : after a full stop where text was lost (warns)", "Lavrov said., fighting"),
    Rule("separate_glued_sentences", separate_glued_sentences, True,
         "missing space between sentences", 'Idlib.On Monday he said."It is'),
    Rule("remove_space_before_punctuation", remove_space_before_punctuation, True,
         "a space before , . ; : ! ?", "rose , they said ."),
    Rule("straighten_quotes", straighten_quotes, False,
         "curly quotes and dashes to ASCII (config quotes: straight)", "“It’s” — so"),
    Rule("curl_quotes", curl_quotes, False,
         "straight quotes and dashes to typographic (config quotes: typographic)",
         "\"It's\" -- so"),
    Rule("remove_boilerplate_lines", remove_boilerplate_lines, True,
         "lines such as 'Read more: ...', 'Follow us on ...' (patterns: config)",
         "Talks ended.\nFollow us on Twitter",
         lambda options: {"patterns": options.boilerplate}, title=False),
    Rule("remove_site_prompts", remove_site_prompts, True,
         "lines in which the site speaks to its reader about itself (log in, subscribe, the "
         "app, comments), known by their shape",
         "Talks ended.\nLog in or create an account to comment.", title=False),
    Rule("remove_repeated_paragraphs", remove_repeated_paragraphs, True,
         "a paragraph, or a run of paragraphs, repeating an earlier one",
         "Polls close at eight.\n\nPolls close at eight.",
         title=False),
)  # fmt: skip

RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}
DEFAULT_RULES: tuple[str, ...] = tuple(rule.name for rule in RULES if rule.default)


def rule_table() -> list[dict[str, Any]]:
    """One row per rule, in the order they run, for ``newstool clean --list-rules``.

    >>> row = rule_table()[7]
    >>> row["name"], row["default"], row["title"], row["after"]
    ('separate_glued_sentences', True, True, 'Idlib. On Monday he said. "It is')
    >>> rule_table()[-1]["fixes"]
    'a paragraph, or a run of paragraphs, repeating an earlier one (text only, not the title)'
    """
    return [
        {
            "name": rule.name,
            "default": rule.default,
            "title": rule.title,
            "fixes": rule.fixes + ("" if rule.title else " (text only, not the title)"),
            "before": rule.example,
            "after": fixed(rule.function, rule.example),
        }
        for rule in RULES
    ]
