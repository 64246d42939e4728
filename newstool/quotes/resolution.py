"""Resolution: the speaker a mention stands for, in text order.

A full name (two words or more) is its own speaker (``explicit``); a surname, or a title and
surname (``Lavrov``, ``Mr Taylor``), is the longest full name earlier in the text that ends
with it (``surname``); ``he``, ``she`` and ``they`` are the last speaker named before them that
fits (``pronoun-last-speaker``): a name whose first name, title or role says otherwise is
passed over, and ``they`` prefers a group. A noun phrase (``the ministry``) is its own speaker.

>>> text = "Sergey Lavrov spoke. Lavrov said so. He left."
>>> resolver = Resolver(text)
>>> resolver.resolve(Mention(0, 13, "name", 0, 13)).speaker
'Sergey Lavrov'
>>> found = resolver.resolve(Mention(21, 27, "name", 21, 27)); found.speaker, found.resolution
('Sergey Lavrov', 'surname')
>>> found = resolver.resolve(Mention(37, 39, "pronoun", 37, 39)); found.speaker, found.resolution
('Sergey Lavrov', 'pronoun-last-speaker')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newstool import lazyre
from newstool.quotes.speakers import Mention, pronoun_for


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a mention stands for: ``text[start:end]`` (or None), and how that was decided."""

    speaker: str | None
    start: int | None
    end: int | None
    resolution: str
    pronoun: str | None = None  # he or she, when known
    group: bool = False
    written: str = ""  # the mention that named them


NOBODY = Speaker(None, None, None, "none")


# A nationality written as a noun: "the Dutchman", "the Australian", "the Portuguese".
_DEMONYM = lazyre.compile(r"^[A-Z][a-z]+(?:man|woman|ian|ean|ese|ard)$")


_PREPOSITION = lazyre.compile(r"\s(?:of|for|at|in|from|with|on|to|by)\s")


def _plural_head(phrase: str) -> bool:
    """Whether the head noun of ``phrase`` (its last word before a preposition) is plural.

    >>> _plural_head("Officials"), _plural_head("One mortgage holder in Leeds")
    (True, False)
    >>> _plural_head("some advocates of the plan"), _plural_head("the press")
    (True, False)
    >>> _plural_head("A spokeswoman for Health and Care"), _plural_head("Tom and Ann Lee")
    (False, True)
    """
    described = _PREPOSITION.split(phrase, 1)[0]
    head = described.split()[-1].rstrip(".,")
    return " and " in described or head.endswith("s") and not head.endswith("ss")


class Resolver:
    """Resolves mentions given in text order, remembering full names and the speakers so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._full_names: dict[str, list[tuple[str, int, int]]] = {}  # surname -> full names
        self._speakers: list[Speaker] = []

    def resolve(self, mention: Mention) -> Speaker:
        """The speaker ``mention`` stands for; it becomes the last speaker named."""
        if mention.kind == "pronoun":
            word = self.text[mention.start : mention.end].lower()
            found = self._last_fitting(word)
            if found is None:
                return NOBODY
            resolved = replace(found, resolution="pronoun-last-speaker", written=word)
            self._speakers.append(resolved)
            return resolved
        written = self.text[mention.start : mention.end]
        if mention.kind == "phrase":
            resolved = self._described(mention, written)
        else:
            resolved = self._named(mention, written)
        self._speakers.append(resolved)
        return resolved

    def know_name(self, start: int, end: int) -> None:
        """Take ``text[start:end]`` as a name seen (a full one is what a surname links to)."""
        name = self.text[start:end]
        words = name.split()
        if len(words) >= 2:
            for word in words:  # by the surname, or the one name some are known by (Tedros)
                self._full_names.setdefault(word, []).append((name, start, end))

    def resolve_subject(self, mention: Mention) -> Speaker | None:
        """Resolve the name opening a sentence when it names a person (a full name, a title
        and name, or a known surname): a later pronoun may stand for them."""
        name = self.text[mention.name_start : mention.name_end]
        titled = mention.name_start > mention.start
        if mention.kind != "name" or not (" " in name or titled or name in self._full_names):
            return None
        return self.resolve(mention)

    def remember(self, speaker: Speaker) -> None:
        """Take ``speaker`` (of a quotation attributed without a mention) as the last named."""
        if speaker.speaker is not None:
            self._speakers.append(speaker)

    def _named(self, mention: Mention, written: str) -> Speaker:
        name = self.text[mention.name_start : mention.name_end]
        group = " and " in name
        longer = self._longer_name(name)
        if longer is not None:
            full, start, end = longer
            return Speaker(full, start, end, "surname", pronoun_for(written, full), False, written)
        descriptor = self._descriptor(mention, name)
        if descriptor is not None:
            return descriptor
        if " " in name:
            self.know_name(mention.name_start, mention.name_end)
            pronoun = None if group else pronoun_for(written, name)
            return Speaker(
                name, mention.name_start, mention.name_end, "explicit", pronoun, group, written
            )
        earlier = self._full_names.get(name)
        if earlier:
            ending = [item for item in earlier if item[0].endswith(" " + name)] or earlier
            full, start, end = max(ending, key=lambda item: (len(item[0]), item[1]))
            return Speaker(full, start, end, "surname", pronoun_for(written, full), False, written)
        pronoun = pronoun_for(written, name)
        return Speaker(
            name, mention.name_start, mention.name_end, "explicit", pronoun, False, written
        )

    def _longer_name(self, name: str) -> tuple[str, int, int] | None:
        """The longest full name seen earlier that ends with ``name`` of two words or more,
        up to case: ``Davis Gates`` is ``Stacy Davis Gates``, ``Ten Hag`` is ``Erik ten Hag``.

        >>> resolver = Resolver("Erik ten Hag left. Ten Hag said.")
        >>> resolver.know_name(0, 12); resolver._longer_name("Ten Hag")
        ('Erik ten Hag', 0, 12)
        """
        words = name.split()
        if len(words) < 2:
            return None
        ending = " " + name.lower()
        earlier = [
            item
            for item in self._full_names.get(words[-1], [])
            if item[0].lower().endswith(ending) and len(item[0]) > len(name)
        ]
        return max(earlier, key=lambda item: (len(item[0]), item[1])) if earlier else None

    def _descriptor(self, mention: Mention, name: str) -> Speaker | None:
        """``the Dutchman``, ``the Australian``: a nationality standing for the last person
        named (a single person with a full name), or None."""
        before = self.text[max(0, mention.name_start - 4) : mention.name_start]
        if before.lower() != "the " or not _DEMONYM.search(name):
            return None
        written = self.text[mention.start : mention.end]
        for earlier in reversed(self._speakers):
            if earlier.speaker and not earlier.group and " " in earlier.speaker:
                return replace(earlier, resolution="surname", written=written)
        return None

    def _described(self, mention: Mention, written: str) -> Speaker:
        """A noun phrase: ``the minister`` links to the last speaker whose mention had the
        title (``Foreign Minister Sergey Lavrov``), ``the ministry`` to the last speaker it
        ends (``China's foreign ministry``); any other phrase is its own speaker."""
        words = written.split()
        if len(words) == 2 and words[0].lower() == "the" and words[1].islower():
            title = re.compile(rf"\b{re.escape(words[1])}s?\b", re.IGNORECASE)
            for earlier in reversed(self._speakers):
                if earlier.speaker and title.search(earlier.written):
                    return replace(earlier, resolution="surname", written=written)
        group = _plural_head(written)
        pronoun = None if group else pronoun_for(written, written)  # "a spokeswoman for …"
        return Speaker(written, mention.start, mention.end, "explicit", pronoun, group, written)

    def _last_fitting(self, pronoun: str) -> Speaker | None:
        """The last speaker ``pronoun`` can stand for."""
        if pronoun == "they":
            for speaker in reversed(self._speakers):
                if speaker.group:
                    return speaker
            return self._speakers[-1] if self._speakers else None
        for speaker in reversed(self._speakers):
            if not speaker.group and speaker.pronoun in (None, pronoun):
                return speaker
        return None


__all__ = ["NOBODY", "Resolver", "Speaker"]
