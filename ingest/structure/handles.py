"""Lower-case handles a document uses for people, and the parser's view of them.

Developer and scribe minutes name people by handle: ``sipa:`` opens a status report,
``<ege>`` a line of an IRC log, ``nehan`` stands in a roll call. The statistical parser
reads an unknown lower-case word as a verb or a common noun ("sdaftuar plans to pick it
up" parses *sdaftuar* as a verb and *plans* as its object), so what a person said they
will do is lost. A handle the document itself uses as a speaker's label or lists in its
roll call is therefore shown to the parser capitalised, as the proper noun it is; the
text, quotes and offsets are unchanged (the parser's copy has the same length).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

__all__ = ["NAME_TAG", "speaker_handles", "capitalise_handles"]

#: HackMD's signature of a line's author: ``[name=Chiara]``
NAME_TAG = re.compile(r"\[name=([^\]\n=]{1,40})\]")

#: a line opened by a lower-case label: ``sipa: ...``, ``- nehan: ...``, ``<ege> ...``; a
#: chat log's time stamp may come first (``[07:04:43 PM] ege: ...``, ``[12:55] <ege> ...``),
#: and an IRC log's angle brackets may hold a capitalised nick with its channel mode
#: (``<@Ege_K> ...``, ``<   ege@> ...``)
_LABEL = re.compile(
    r"^[ \t]*(?:[-*+•][ \t]+)?"
    r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp][Mm])?[\])]?[ \t]+)?(?:\*\*)?"
    r"(?:<[ \t]*[@+%]?(?P<nick>[A-Za-z][\w|^`-]{1,24})[@+]?[ \t]*>"
    r"|<?(?P<h>[a-z][a-z0-9_-]{1,24})(?:\*\*)?(?::|>))(?:\*\*)?(?=[ \t]|$)",
    re.MULTILINE,
)


#: endings of abstract nouns, never of a handle ("discoverability", "packaging")
_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ing", "ism", "ship")


def _handle_like(word: str, english: Container[str], not_names: Container[str]) -> bool:
    low = word.lower()
    if low in not_names or low in english:
        return False
    if low.endswith("s") and (low[:-1] in english or low[:-2] in english):
        return False  # "backports:", "updates:" head lists (a plural noun, not a handle)
    if low.endswith(_NOUN_ENDINGS) and len(low) > 7:
        return False  # "discoverability:", "onboarding:": a topic
    parts = [p for p in re.split(r"[-_]", low) if p]
    if len(parts) > 1 and all(p in english and len(p) > 1 for p in parts):
        return False  # "future-proofing:": a compound of English words; not "kestrel_j"
    return len(low) >= 2 and not low.isdigit()


def speaker_handles(
    text: str,
    listed: Iterable[str],
    english: Container[str],
    not_names: Container[str],
) -> set[str]:
    """The lower-case handles ``text`` uses for people: line-opening labels and ``listed``
    one-word names (a roll call's) that no English dictionary lists."""
    counts: dict[str, int] = {}
    turns: dict[str, int] = {}  # lines a label opens with something said
    for m in _LABEL.finditer(text):
        said = text[m.end() : text.find("\n", m.end()) % (len(text) + 1)].strip()
        # a speaker says something on the line, or speaks more than once; a lone
        # "backports:" heads a list
        handle = (m.group("h") or m.group("nick")).lower()
        counts[handle] = counts.get(handle, 0) + (2 if said else 1)
        turns[handle] = turns.get(handle, 0) + bool(said)
    found = {h for h, n in counts.items() if n >= 2}
    found |= {w for w in listed if re.fullmatch(r"[a-z][a-z0-9_-]{1,24}", w)}
    # in a chat log (twenty turns or more) a speaker of three turns is a person even when
    # the nick is a word ("anonym", "jokey"); elsewhere a label must be no word ("notes:")
    chat = sum(turns.values()) >= 20
    return {
        h
        for h in found
        if _handle_like(h, english, not_names)
        or (chat and turns.get(h, 0) >= 3 and h not in not_names and not h.isdigit())
    }


def capitalise_handles(text: str, handles: Iterable[str]) -> str:
    """``text`` with every whole-word occurrence of a handle capitalised (same length).

    >>> capitalise_handles("sdaftuar plans to pick it up; sdaftuar_x stays", {"sdaftuar"})
    'Sdaftuar plans to pick it up; sdaftuar_x stays'
    """
    words = sorted(set(handles), key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile(
        r"(?<![\w@./#-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w/#-])"
    )
    return pattern.sub(lambda m: m.group(0)[0].upper() + m.group(0)[1:], text)
