"""Who a stretch of text names: cue verbs, speaker mentions, the name inside a mention.

A *mention* is the words that name a speaker next to a cue verb, as written: a pronoun
(``he``), a name with its titles (``Russian Foreign Minister Sergey Lavrov``), or a noun phrase
(``a department spokesperson``). The *name* inside it is the run of capitalised words after the
last title word (``newstool/data/speaker_titles.txt``): ``Sergey Lavrov``.

>>> text = "Pentagon press secretary Brig. Gen. Pat Ryder"
>>> mention = mention_before(text, 0, len(text))
>>> mention.kind, text[mention.name_start:mention.name_end]
('name', 'Pat Ryder')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newstool import lazyre
from newstool.datafiles import data_text
from newstool.sentences import lexicon, quote_cue_forms
from newstool.stats.terms import stopwords

PRONOUNS = frozenset({"he", "she", "they"})
# Words between a subject and its cue verb ("Chalmers has warned", "Ryder also said").
BETWEEN = r"(?:(?:has|have|had|was|is|also|later|then|again|earlier|once|previously)\s+)*"
_TOKEN = lazyre.compile(r"\S+")
# A word of a name: capitalised (O'Brien, Director-General, bin-Salman), an initial (J.), or a
# particle between capitalised words (bin, de, van, al-Nusra).
_PARTICLE = frozenset(
    [
        "bin",
        "bint",
        "ibn",
        "al",
        "el",
        "de",
        "del",
        "della",
        "der",
        "di",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "ter",
        "ten",
    ]
)
_POSSESSIVE = lazyre.compile(r"['’]s$")
# Letters after a name that are not part of it: honours, offices, degrees.
_POST_NOMINALS = frozenset(
    [
        "KC",
        "QC",
        "SC",
        "MP",
        "MEP",
        "MSP",
        "MLA",
        "MLC",
        "MHA",
        "TD",
        "MPP",
        "MBE",
        "OBE",
        "CBE",
        "KBE",
        "DBE",
        "PhD",
        "MD",
    ]
)
_EDGE_PUNCTUATION = ",;:.!?\"'“”‘’«»"
_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_WORD = rf"[{_UPPER}][\w'’.\-]*"
# Capitalised words separated by spaces (and particles between them), not starting mid-word.
_RUN = lazyre.compile(
    rf"[{_UPPER}](?<![\w'’.(\-][{_UPPER}])[\w'’.\-]*"
    rf"(?:[ \t\u00a0]+(?:(?:{'|'.join(sorted(_PARTICLE))})[ \t\u00a0]+)*{_NAME_WORD})*"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker mention at ``[start:end]``; ``kind`` is ``pronoun``, ``name`` (the name at
    ``[name_start:name_end]``) or ``phrase`` (a noun phrase without a name)."""

    start: int
    end: int
    kind: str
    name_start: int
    name_end: int


def _data_lines(name: str) -> list[str]:
    text = data_text(name)
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


@cache
def cue_pattern() -> re.Pattern[str]:
    """Any form of a cue verb of ``newstool/data/quote_cues.txt``, lower-case or capitalised
    (``Said Deputy Prime Minister ...``), ending a word; :func:`find_cues` also makes sure it
    starts one.

    >>> [m.group() for m in cue_pattern().finditer("He said, adding that she points out")]
    ['said', 'adding', 'points out']
    """
    forms = set(quote_cue_forms())
    forms |= {form[0].upper() + form[1:] for form in forms}
    return re.compile(rf"(?:{_alternation(sorted(forms))})\b")


def _alternation(words: list[str]) -> str:
    """A regex matching any of ``words``, as a tree of common prefixes, so that the engine
    rejects most places at their first letter (a flat alternation of hundreds of words tries
    each one).

    >>> _alternation(["said", "says", "told", "tell"])
    's(?:a(?:id|ys))|t(?:old|ell)'
    """
    if len(words) == 1:
        return re.escape(words[0])
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word[1:])
    branches = []
    for first, rests in groups.items():
        tail = [rest for rest in rests if rest]
        if not tail:
            branches.append(re.escape(first))
            continue
        inner = _alternation(tail)
        inner = f"(?:{inner})" if len(tail) > 1 else inner
        branches.append(re.escape(first) + (f"(?:{inner})?" if "" in rests else inner))
    return "|".join(branches)


def find_cues(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The cue verbs of ``text[start:end]`` that are whole words (not ``so-called``).

    >>> [m.group() for m in find_cues("The so-called plan, she said.", 0, 29)]
    ['said']
    """
    return [
        m
        for m in cue_pattern().finditer(text, start, end)
        if not m.start() or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_")
    ]


@cache
def titles() -> frozenset[str]:
    """Title and role words of ``newstool/data/speaker_titles.txt``, without periods.

    >>> "Minister" in titles(), "Sen" in titles(), "Lavrov" in titles()
    (True, True, False)
    """
    return frozenset(
        word.rstrip(".") for line in _data_lines("speaker_titles.txt") for word in line.split()
    )


@cache
def first_name_pronouns() -> dict[str, str]:
    """First name -> ``he`` or ``she``, from ``newstool/data/first_names.txt``.

    >>> first_name_pronouns()["Janet"], first_name_pronouns()["Sergey"]
    ('she', 'he')
    """
    table: dict[str, str] = {}
    for line in _data_lines("first_names.txt"):
        pronoun, names = line.split(":", 1)
        table.update(dict.fromkeys(names.split(), pronoun.strip()))
    return table


_GENDERED_TITLES = {
    "Mr": "he", "Sir": "he", "Lord": "he", "King": "he", "Prince": "he", "Father": "he",
    "Congressman": "he", "Councilman": "he", "Assemblyman": "he", "Chairman": "he",
    "Spokesman": "he", "Mrs": "she", "Ms": "she", "Miss": "she", "Dame": "she", "Lady": "she",
    "Queen": "she", "Princess": "she", "Baroness": "she", "Congresswoman": "she",
    "Councilwoman": "she", "Assemblywoman": "she", "Chairwoman": "she", "Spokeswoman": "she",
}  # fmt: skip
_GENDERED_ROLES = lazyre.compile(
    r"\b(?:(?P<she>wife|mother|daughter|sister|woman|spokeswoman|chairwoman|actress|"
    r"grandmother|girl)|(?P<he>husband|father|son|brother|man|spokesman|chairman|actor|"
    r"grandfather|boy))\b"
)


def pronoun_for(mention_text: str, name: str) -> str | None:
    """``he`` or ``she`` when the mention or the name says which (a title, a role, a first
    name), else None.

    >>> pronoun_for("Treasury Secretary Janet Yellen", "Janet Yellen")
    'she'
    >>> pronoun_for("Mr Taylor", "Taylor"), pronoun_for("Kremlin spokesman Dmitry Peskov", "Peskov")
    ('he', 'he')
    >>> print(pronoun_for("Ryder", "Ryder"))
    None
    """
    first = name.split(" ", 1)[0]
    known = first_name_pronouns().get(first)
    if known:
        return known
    for word in mention_text.split():
        gendered = _GENDERED_TITLES.get(word.rstrip("."))
        if gendered:
            return gendered
    role = _GENDERED_ROLES.search(mention_text)
    if role:
        return "she" if role.group("she") else "he"
    return None


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words of ``text[start:end]`` as spans, without the punctuation at their edges."""
    spans = []
    for m in _TOKEN.finditer(text, start, end):
        a, b = m.start(), m.end()
        while a < b and text[a] in _EDGE_PUNCTUATION:
            a += 1
        while b > a and text[b - 1] in ',;:!?"“”«»':
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


def name_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Runs of capitalised words in ``text[start:end]`` as ``(start, end)``, without the
    stopwords that open them (``The``, ``Its``); a comma, a bracket, a quote mark, a
    possessive (``Kenya's``) or a sentence's period (``Kirui.``) ends a run.

    >>> text = "Its chief, Nicola Ranger of the RCN. Kenya's Ali bin Said"
    >>> [text[a:b] for a, b in name_runs(text, 0, len(text))]
    ['Nicola Ranger', 'RCN.', 'Ali bin Said']
    """
    common = stopwords()
    runs = []
    for m in _RUN.finditer(text, start, end):
        run_start = None
        last_end = m.start()
        for word in _TOKEN.finditer(text, m.start(), m.end()):
            value = word.group()
            if _POSSESSIVE.search(value):
                if run_start is not None:
                    runs.append((run_start, last_end))
                run_start = None
                continue
            if run_start is None:
                if value.lower() in common or value in _PARTICLE:
                    continue
                run_start = word.start()
            last_end = word.end()
            if _ends_sentence(value):
                runs.append((run_start, last_end))
                run_start = None
        if run_start is not None:
            runs.append((run_start, last_end))
    calendar = lexicon().calendar
    return [(a, b) for a, b in runs if text[a:b].rstrip(".") not in calendar]  # "on Friday"


def _ends_sentence(word: str) -> bool:
    """A word with the period of a sentence end (``Kirui.``), not of an abbreviation."""
    return (
        word.endswith(".") and len(word) > 3 and "." not in word[:-1] and word[:-1] not in titles()
    )


def name_in_run(text: str, start: int, end: int) -> tuple[int, int]:
    """The name inside a run of capitalised words: what follows its last title word (and
    trailing periods of an abbreviated title go with the title).

    >>> text = "Saudi Energy Minister Prince Abdulaziz bin Salman"
    >>> a, b = name_in_run(text, 0, len(text)); text[a:b]
    'Abdulaziz bin Salman'

    A known first name starts the name, and a sentence's period is not part of it:

    >>> text = "Supervision Michael Barr."
    >>> a, b = name_in_run(text, 0, len(text)); text[a:b]
    'Michael Barr'

    Office letters before a name are a title (after it, they are dropped), and a title word
    that is also a first name starts a two-word name:

    >>> [text[slice(*name_in_run(text, 0, len(text)))]
    ...  for text in ("Independent MP Allegra Spender", "Dean Narramore", "Ray Lo MP")]
    ['Allegra Spender', 'Dean Narramore', 'Ray Lo']
    """
    words = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    known = titles()
    cut = 0
    first_names = first_name_pronouns()
    for index, (a, b) in enumerate(words[:-1]):
        word = text[a:b].rstrip(".")
        if word in first_names and index == len(words) - 2 and index >= cut:
            break  # "meteorologist Dean Narramore": a first name, not a title
        if word in known or word in _POST_NOMINALS:  # "Independent MP Allegra Spender"
            cut = index + 1
    for index in range(cut + 1, len(words) - 1):  # "Supervision Michael Barr": Michael Barr
        if (
            text[slice(*words[index])] in first_names
            and text[slice(*words[cut])] not in first_names
        ):
            cut = index
            break
    while len(words) > cut + 1 and text[slice(*words[-1])].rstrip(".,") in _POST_NOMINALS:
        words.pop()  # Alan Conrad KC
        end = words[-1][1]
    if _ends_sentence(text[slice(*words[-1])]):
        end -= 1
    return words[cut][0], end


def pronoun_mention(text: str, start: int, end: int) -> Mention | None:
    """A mention that is just a pronoun (``he``, ``She``), or None."""
    word = text[start:end].strip()
    if word.lower() in PRONOUNS:
        at = text.index(word, start)
        return Mention(at, at + len(word), "pronoun", at, at + len(word))
    return None


def mention_before(text: str, start: int, end: int) -> Mention | None:
    """The mention that ``text[start:end]``, the words before a cue verb, ends with: the last
    comma-separated part that is not an appositive (``Kim Ward, a Republican,``; ``Kirui,
    28,``); its name is its last run of capitalised words, when nothing but a bracket follows.

    >>> text = "Speaking in Kent, Senate President Pro Tempore Kim Ward, a Republican,"
    >>> m = mention_before(text, 0, len(text)); text[m.start:m.end], text[m.name_start:m.name_end]
    ('Senate President Pro Tempore Kim Ward', 'Kim Ward')
    """
    parts = _parts(text, start, end)
    if not parts:
        return None
    chosen = parts[-1]
    relative = False  # only a relative clause may follow a noun phrase
    for index in reversed(range(len(parts))):
        chosen = parts[index]
        if not _is_appositive(text, *chosen):
            break
        if index and _opening_clause(text, *parts[index - 1]):
            break  # "In a statement read to the court, the woman's son": the subject
        relative = _RELATIVE.match(text, chosen[0]) is not None
    a, b = chosen
    pronoun = pronoun_mention(text, a, b)
    if pronoun is not None:
        return pronoun
    if len(_tokens(text, a, b)) > 10:
        return None
    b = _without_bracket(text, a, b)
    described = _described_phrase(text, a, b)
    if described is not None:
        return described
    runs = name_runs(text, a, b)
    if runs and runs[-1][1] == b:
        name_start, name_end = _name_of_runs(text, runs)
        couple = _COUPLE.search(text, a, name_start)
        if couple and couple.end() == name_start:
            name_start = couple.start()  # Linda and Robert Paxton
        return Mention(a, b, "name", name_start, name_end)
    if chosen != parts[-1] and not relative:
        return None  # only a name has appositives after it
    return _phrase(text, a, b)


def mention_after(text: str, start: int, end: int) -> Mention | None:
    """The mention that ``text[start:end]``, the words after a cue verb, starts with: a name
    (after lower-case role words: ``state Rep. Shelby Slawson``), a name in the appositive after
    a role (``the study's lead author, Dr. Maria Ortiz``), a pronoun, or a noun phrase.

    >>> text = "the study's lead author, Dr. Maria Ortiz of the University of Arizona."
    >>> m = mention_after(text, 0, len(text)); text[m.name_start:m.name_end]
    'Maria Ortiz'
    """
    parts = _parts(text, start, end)
    if not parts:
        return None
    a, b = parts[0]
    pronoun = pronoun_mention(text, a, b)
    if pronoun is not None:
        return pronoun
    described = _described_phrase(text, a, b)
    if described is not None:
        return described
    for index, (pa, pb) in enumerate(parts[:2]):
        runs = name_runs(text, pa, pb)
        if runs:
            name_start, name_end = name_in_run(text, *runs[0])
            return Mention(a, runs[0][1], "name", name_start, name_end)
        if index == 0 and not _is_role(text, pa, pb):
            break
    return _phrase(text, a, b)


_PART_END = lazyre.compile(
    r"[,;:]|\s+(?=(?:who|which|whose|after|before|when|while|as|because)\b)|\s+-\s+|\s+[–—]\s*"
)


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at commas, dashes and relative words, trimmed, without empty
    parts."""
    parts = []
    pos = start
    for m in [*_PART_END.finditer(text, start, end), None]:
        stop = m.start() if m else end
        a, b = pos, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            parts.append((a, b))
        if m:
            pos = m.end()
    return parts


# A party and state tag after a name: "Chuck Schumer, D-N.Y.,", "Chip Roy, R-Texas,".
_PARTY_TAG = lazyre.compile(r"[DRI]-[A-Z][\w.' -]*")
_DETERMINER = lazyre.compile(r"(?:a|an|the|one|two|three|several|some|another)\b", re.IGNORECASE)
_PREPOSITION = frozenset(["of", "for", "at", "in", "from", "with", "on", "to", "by"])


def _is_appositive(text: str, start: int, end: int) -> bool:
    """A part that describes rather than names: it starts lower-case or with a number, or it
    is a party tag (``D-N.Y.``); a lower-case role before a name is no appositive
    (``parent Rochelle Washington``), but a noun phrase is (``a Republican``).

    >>> [_is_appositive(t, 0, len(t)) for t in ("a Republican", "R-Texas", "parent Ann Lee")]
    [True, True, False]
    """
    first = text[start]
    if first.isdigit() or _PARTY_TAG.fullmatch(text, start, end):
        return True
    if not first.islower() or text[start:end].lower() in PRONOUNS:
        return False
    return not _role_then_name(text, start, end)


_OPENING_WORDS = _PREPOSITION | {"after", "before", "during", "despite", "since", "while", "when"}


def _opening_clause(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens a sentence before its subject: it starts with a
    capitalised preposition or participle (``In a statement``, ``Speaking in Kent``).

    >>> _opening_clause("In a statement", 0, 14), _opening_clause("The mayor", 0, 9)
    (True, False)
    """
    first = text[start:end].split()[0]
    lowered = first.lower()
    return first[:1].isupper() and (
        lowered in _OPENING_WORDS or lowered.endswith(("ing", "ed")) and len(lowered) > 5
    )


def _role_then_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a few lower-case role words, then the name it ends with
    (``parent Rochelle Washington``, ``former United defender Gary Neville``)."""
    if _DETERMINER.match(text, start):
        return False
    runs = name_runs(text, start, end)
    if not runs or runs[-1][1] != end:
        return False
    lead = text[start : runs[-1][0]].split()
    participle = any(word.endswith("ing") for word in lead)  # "visiting Medway"
    return 0 < len(lead) <= 3 and not participle and not _PREPOSITION.intersection(lead)


def _described_phrase(text: str, start: int, end: int) -> Mention | None:
    """An unnamed speaker described with a place or an organisation, as a whole phrase
    (``A spokeswoman for the Department of Health``, ``One nurse at St Thomas' hospital``):
    a determiner, lower-case words, then a preposition before any capitalised word.

    >>> text = "A spokeswoman for the Department of Health"
    >>> m = _described_phrase(text, 0, len(text)); m.kind, text[m.name_start:m.name_end]
    ('phrase', 'A spokeswoman for the Department of Health')
    >>> print(_described_phrase("the head of the RCN", 0, 19))
    None
    >>> text = "A spokesman for the Home Office hit back"
    >>> m = _described_phrase(text, 0, len(text)); text[m.start:m.end]
    'A spokesman for the Home Office'

    """
    if not _DETERMINER.match(text, start):
        return None
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    if len(spans) < 3 or len(spans) > 10:
        return None
    words = [text[a:b] for a, b in spans]
    capitalised = [i for i, w in enumerate(words) if i and not w.islower()]
    if capitalised and capitalised[-1] < len(words) - 1:
        if capitalised[-1] < len(words) - 3:
            return None
        words = words[: capitalised[-1] + 1]  # the verb after it: "... Security pushed back"
        end = spans[capitalised[-1]][1]
    for index, word in enumerate(words[1:], 1):
        if word in _PREPOSITION:
            described = index > 1 or words[0].lower() == "one"  # "One of the officials"
            head = words[index - 1].lower()
            if described and head not in _OFFICE_HEADS:
                end -= text[end - 1] == "." and not _PHRASE_ABBREVIATION.search(text, start, end)
                return Mention(start, end, "phrase", start, end)
            return None
        if not word.islower():
            return None
    return None


_PHRASE_ABBREVIATION = lazyre.compile(r"(?:\b[A-Z]\.|\b[A-Z][a-z]?\.)$")  # "in Washington, D.C."
# Words for the holder of an office: "the head of the RCN, Pat Cullen" names them next.
_OFFICE_HEADS = frozenset(["head", "chief", "leader", "director", "chair", "president", "boss"])
# Head words of an organisation's name: "Bank of England", "Independent Office for Police
# Conduct" is one name, while "Rep. Jim Jordan of Ohio" is a person and a place.
_ORGANISATION_HEADS = frozenset([
    "Agency", "Association", "Authority", "Bank", "Board", "Bureau", "Centre", "Center",
    "Chamber", "College", "Commission", "Committee", "Confederation", "Council", "Court",
    "Department", "Federation", "Foundation", "Fund", "Institute", "League", "Ministry",
    "Office", "Organisation", "Organization", "Party", "School", "Service", "Society", "Union",
    "University",
])  # fmt: skip


def _name_of_runs(text: str, runs: list[tuple[int, int]]) -> tuple[int, int]:
    """The name a mention's runs of capitalised words end with: the last run's name, but an
    organisation's name goes on over ``of`` and ``for`` (``Confederation of British
    Industry``), a person's name stops before a place (``Rep. Jim Jordan of Ohio``), and a
    title goes on over ``of`` (``Secretary of State Adrian Fontes``).

    >>> [text[slice(*_name_of_runs(text, name_runs(text, 0, len(text))))] for text in (
    ...     "Rep. Jim Jordan of Ohio", "the Confederation of British Industry",
    ...     "Secretary of State Adrian Fontes", "Paul Johnson of the Institute for Fiscal Studies")]
    ['Jim Jordan', 'Confederation of British Industry', 'Adrian Fontes', 'Paul Johnson']
    """
    start, end = runs[-1]
    index = len(runs) - 1
    while index > 0:
        link = text[runs[index - 1][1] : runs[index][0]].split()
        if not link or link[0] not in ("of", "for", "at", "from") or link[1:] not in ([], ["the"]):
            break
        before = runs[index - 1]
        words = text[before[0] : before[1]].split()
        if words[-1].rstrip(".") in titles() and link == ["of"]:  # Secretary of State X
            run_words = [m.start() for m in _TOKEN.finditer(text, start, end)]
            if len(run_words) > 2:
                return name_in_run(text, run_words[1], end)
            break
        organisation = _ORGANISATION_HEADS.intersection(words) or (
            len(words) == 1 and len(link) == 1
        )
        if organisation and link[0] in ("of", "for"):
            start, index = before[0], index - 1  # an organisation's name goes on
            continue
        if organisation:
            break
        return name_in_run(text, *before)  # a person, then a place or where they work
    if start != runs[-1][0]:
        return start, runs[-1][1] - text[start : runs[-1][1]].endswith(".")
    return name_in_run(text, start, end)


def _is_role(text: str, start: int, end: int) -> bool:
    """A part without a name, a role (``the study's lead author``)."""
    return not name_runs(text, start, end)


_RELATIVE = lazyre.compile(r"(?:who|which|whose)\b")
_COUPLE = lazyre.compile(r"\b[A-Z][a-z]+ and ")
_BRACKETED_END = lazyre.compile(r"\s*\([^()]*\)\s*$")


def _without_bracket(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` ends without a bracketed tail such as ``(D-Wis.)``."""
    m = _BRACKETED_END.search(text, start, end)
    return m.start() if m else end


_PHRASE_START = lazyre.compile(
    r"(?:(?:the|a|an|its|his|her|their|one|two|three|several|many|some)\s|[A-Z][\w.-]*['’]s\s)",
    re.IGNORECASE,
)
_PHRASE_WORDS = 8


def _phrase(text: str, start: int, end: int) -> Mention | None:
    """A short noun phrase (``the ministry``, ``China's embassy``, ``Officials``), or None.

    >>> text = "the ministry path"
    >>> _phrase(text, 0, 12).kind, _phrase(text, 13, 17)
    ('phrase', None)
    """
    words = _tokens(text, start, end)
    if not words or len(words) > _PHRASE_WORDS:
        return None
    single = len(words) == 1 and text[start].isupper() and text[start:end].isalpha()
    if not (_PHRASE_START.match(text, start) or single):
        return None
    return Mention(start, end, "phrase", start, end)


__all__ = [
    "BETWEEN",
    "find_cues",
    "PRONOUNS",
    "Mention",
    "cue_pattern",
    "first_name_pronouns",
    "mention_after",
    "mention_before",
    "name_in_run",
    "name_runs",
    "pronoun_for",
    "pronoun_mention",
    "titles",
]
