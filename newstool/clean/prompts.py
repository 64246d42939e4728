"""Lines in which a news site speaks to its reader about itself: "Log in or create an account
to comment.", "This article is for subscribers only.", "Subscriber exclusive". Sites word them in
endless ways, so they are known by their shape, not by a list of wordings: short, no quotation,
no reporting verb, addressed to the reader (you, we, a call, "this article") and made mostly of
the words of the site's machinery (``newstool/data/site_words.txt``).

>>> fixed(remove_site_prompts, "Rain fell.\\n\\nLog in or create an account to comment.")
'Rain fell.'
"""

from __future__ import annotations

import re
from functools import cache

from newstool import lazyre
from newstool.clean.boilerplate import LINE_CONTENT
from newstool.clean.edits import Change, fixed, removal_changes  # noqa: F401 (fixed: examples)
from newstool.datafiles import data_words

_WORD = lazyre.compile(r"[^\W\d_][\w'’-]*")
# A prompt is short: at most this many words, and a bare label at most the second number.
_MOST_WORDS = 40
_LABEL_WORDS = 6
# The share of a prompt's content words (those not in stopwords_en.txt) that are the site's.
_SITE_SHARE = 0.4
_QUOTE_MARKS = frozenset('"“”«»')
_SELF = frozenset({"article", "story", "page", "site", "website", "video", "content", "newsletter"})
_REPORTING = frozenset(
    {"said", "says", "told", "tells", "according", "announced", "reported", "urged", "urges",
     "asked", "asks", "appealed", "warned", "wrote"}
)  # fmt: skip
# Those a news story speaks of and a site's prompt does not: "Share the video with police if
# you recognise the man" is an appeal in the story.
_NEWS_ACTORS = frozenset(
    {"police", "court", "courts", "council", "government", "minister", "officials",
     "authorities", "judge", "jury", "investigators"}
)  # fmt: skip


def remove_site_prompts(text: str) -> list[Change]:
    """Remove each line that :func:`is_site_prompt`, with the line break or blank line
    around it.

    >>> fixed(remove_site_prompts, "Rain fell.\\nThis article is for subscribers only.")
    'Rain fell.'

    News about the same things, told as news, stays, and so does a headline about them:

    >>> unchanged = "Readers were offered a digital subscription.\\n\\nThe app was free."
    >>> fixed(remove_site_prompts, unchanged) == unchanged
    True
    """
    spans = [
        (line.start(), line.end())
        for index, line in enumerate(LINE_CONTENT.finditer(text))
        if is_site_prompt(line.group()) and not (index == 0 and _is_headline(line.group()))
    ]
    return removal_changes(text, spans)


def _is_headline(line: str) -> bool:
    """Whether the text's first line reads as its headline: six words or more, ending as no
    sentence does ("From the readers' editor: why we turned off comments on this story"); a
    site's prompt above the story is a short label or a sentence ("Subscriber exclusive").

    >>> _is_headline("Why we turned off comments on this story"), _is_headline("Subscriber only")
    (True, False)
    """
    return line.count(" ") >= _HEADLINE_WORDS - 1 and not _ends_as_sentence(line)


_HEADLINE_WORDS = 6


def is_site_prompt(line: str) -> bool:
    """Whether ``line`` is the site speaking about itself: no quotation mark, no reporting
    verb and none of the actors of a news story (police, a court); and either a button, a
    short label made only of the site's words, one of them a call (``Play video``), or a line
    addressed to the reader (a call such as "Subscribe ..." opening one of its sentences,
    "this article", the outlet's "our" or "us" before one of its words) whose content words
    are mostly the site's, one of them at least a strong one (see ``site_words.txt``).

    >>> [is_site_prompt(line) for line in ("Save article", "Commenting on this article "
    ...      "has been disabled.", "Send us a news tip", "We have a 20% share of the market.",
    ...      "Users of the app said it was slow.", 'Sign up, he said. "You should."',
    ...      "This story has been updated with comment from the senator's office.")]
    [True, True, True, False, False, False, False]
    """
    if line.count(" ") >= _MOST_WORDS or not _QUOTE_MARKS.isdisjoint(line):
        return False  # (most lines of an article: long, or quoting someone)
    if _CHANGE_NOTICE.search(line):
        return False  # the story's own record of a change, which its readers are owed
    if not _strong_words().search(line.lower()):
        return False  # (the quick test: every prompt holds a strong word, see below)
    words = _PHRASES.sub(_joined, " ".join(_WORD.findall(line)).lower()).split()
    if not words or len(words) > _MOST_WORDS or not _REPORTING.isdisjoint(words):
        return False
    if not _NEWS_ACTORS.isdisjoint(words):
        return False
    words_of = site_words()
    content = [w for w in words if w not in words_of["function"]]
    strong = sum(w in words_of["strong"] for w in content)
    site = strong + sum(w in words_of["weak"] for w in content)
    if not strong:
        return False  # ("Topics", "AD": a heading, an era, as well as a button)
    label = len(words) <= _LABEL_WORDS and site == len(content) and not _ends_as_sentence(line)
    if label and len(content) > 1 and not words_of["verbs"].isdisjoint(content):
        return True  # a button: "Play video", "Save article"; not a heading ("Email alerts",
        # "Comment" over an opinion page)
    calls = {words[0], *(m[1].lower() for m in _SENTENCE_START.finditer(line))}
    addressed = (
        not calls.isdisjoint(words_of["verbs"])
        or any(a == "this" and b in _SELF for a, b in zip(words, words[1:], strict=False))
        or _outlet_speaks(words, words_of)
    )
    return addressed and site >= 2 and site >= _SITE_SHARE * len(content)


# "This story has been updated with comment from the senator's office.", "This article was
# amended on 3 May": what the outlet tells its readers of the story's changes, the article's.
_CHANGE_VERBS = r"(?:updated|corrected|amended|changed|clarified|edited|revised)"
_CHANGE_NOTICE = lazyre.compile(
    r"\b(?:(?:this|the) (?:story|article|report|piece|post|video|page|blog|newsletter|episode"
    r"|transcript) (?:(?:has|had)(?: since| now| also)? been|was|is being|will be) "
    rf"{_CHANGE_VERBS}|we (?:have )?(?:since )?{_CHANGE_VERBS} (?:this|the) "
    r"(?:story|article|report|piece|post))\b",
    re.IGNORECASE,
)
# The first word of each sentence after the first ("Premium content. Subscribe or log in").
_SENTENCE_START = lazyre.compile(r"[.?!]\s+([^\W\d_]+)")
# Two words that are one of the site's ("log in", "sign up"), joined before the count.
_LOGIN_VERBS = ("log", "sign")
_PARTICLES = ("in", "on", "up", "out")
_PHRASES = lazyre.compile(rf"\b({'|'.join(_LOGIN_VERBS)}) ({'|'.join(_PARTICLES)})\b")


def _joined(phrase: re.Match[str]) -> str:
    return phrase[1] + phrase[2]


def _outlet_speaks(words: list[str], words_of: dict[str, frozenset[str]]) -> bool:
    """Whether the next content word after "our" or "us" is one of the site's ("our
    newsletter", "our free daily newsletter", "send us a tip"): the outlet speaking of itself
    ("our children's privacy" is not). "You" and "we" alone say nothing: a quotation that
    lost its marks holds them too."""
    site, function = words_of["strong"] | words_of["weak"], words_of["function"]
    for i, word in enumerate(words):
        if word in _OUTLET:
            following = next((w for w in words[i + 1 :] if w not in function), "")
            if following in site:
                return True
    return False


_OUTLET = frozenset({"our", "us"})


def _ends_as_sentence(line: str) -> bool:
    end = line.rstrip("…").rstrip(".")  # an ellipsis ends no label ("Loading video player...")
    return line.endswith(("?", "!")) or (line.endswith(".") and end == line[:-1])


@cache
def _strong_words() -> re.Pattern[str]:
    """Any strong word, or the two words of one (``log in``), in lower-case text: the words of
    a line that holds none of them are never read."""
    phrases = [f"{verb} {particle}" for verb in _LOGIN_VERBS for particle in _PARTICLES]
    words = sorted(site_words()["strong"] | set(phrases), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


@cache
def site_words() -> dict[str, frozenset[str]]:
    """The sections of ``newstool/data/site_words.txt`` (``strong``, ``weak`` and ``verbs``)
    and the ``function`` words that count for nothing (``stopwords_en.txt``).

    >>> sorted(site_words()), "newsletter" in site_words()["strong"]
    (['function', 'strong', 'verbs', 'weak'], True)
    """
    sections: dict[str, set[str]] = {}
    section = sections.setdefault("", set())
    for entry in data_words("site_words.txt"):
        if entry.startswith("["):
            section = sections.setdefault(entry.strip("[]"), set())
        else:
            section.add(entry.lower())
    sections["function"] = set(data_words("stopwords_en.txt"))
    return {name: frozenset(words) for name, words in sections.items() if name}
