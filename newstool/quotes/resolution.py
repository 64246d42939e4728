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

from dataclasses import dataclass

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


NOBODY = Speaker(None, None, None, "none")


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
            resolved = Speaker(
                found.speaker, found.start, found.end, "pronoun-last-speaker", found.pronoun,
                found.group,
            )  # fmt: skip
            self._speakers.append(resolved)
            return resolved
        written = self.text[mention.start : mention.end]
        if mention.kind == "phrase":
            group = " and " in written or written.rstrip().endswith("s")
            resolved = Speaker(written, mention.start, mention.end, "explicit", None, group)
        else:
            resolved = self._named(mention, written)
        self._speakers.append(resolved)
        return resolved

    def remember(self, speaker: Speaker) -> None:
        """Take ``speaker`` (of a quotation attributed without a mention) as the last named."""
        if speaker.speaker is not None:
            self._speakers.append(speaker)

    def _named(self, mention: Mention, written: str) -> Speaker:
        name = self.text[mention.name_start : mention.name_end]
        words = name.split()
        group = " and " in written
        if len(words) >= 2:
            self._full_names.setdefault(words[-1], []).append((name, mention.name_start, mention.name_end))
            pronoun = None if group else pronoun_for(written, name)
            return Speaker(name, mention.name_start, mention.name_end, "explicit", pronoun, group)
        earlier = self._full_names.get(name)
        if earlier:
            full, start, end = max(earlier, key=lambda item: (len(item[0]), item[1]))
            pronoun = pronoun_for(written, full)
            return Speaker(full, start, end, "surname", pronoun)
        return Speaker(name, mention.name_start, mention.name_end, "explicit", pronoun_for(written, name))

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
