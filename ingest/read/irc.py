"""IRC logs (and MeetBot meetings held on IRC) as the plain lines cleaning reads.

Minutes are often the log of the chat the meeting was held in: one line per message,
``[16:05] <ana> I'll fix it`` or ``16:05:12 ana: I'll fix it``, with MeetBot commands
(``#topic``, ``#action``, ``#agreed``, ``#info``) marking what the meeting wants kept.
:func:`looks_like_irc` tells such a log by its lines, whatever the file's suffix;
:func:`irc_edits` returns edits that make each message a labelled line:

- the time stamp goes; ``<ana>`` (with any ``@``/``+`` mode sign) reads ``ana:``;
- ``#topic X`` is a heading ``## X``; ``#action X`` an ``ACTION: X`` line, ``#agreed X``
  an ``AGREED: X`` line, ``#info X`` / ``#idea`` / ``#link`` just ``X``;
  ``#startmeeting X`` names the meeting (``Meeting: X``); commands that only steer the
  bot (``#chair``, ``#endmeeting`` ...) and the bot's list of commands go;
- a scribe's ``Topic: X`` is a heading too, and the speaker before ``ACTION:``,
  ``RESOLUTION:``, ``RESOLVED:``, ``AGREED:``, ``DECISION:`` goes, so the line opens with
  its label as written minutes do;
- ``present+ Name`` lines lose their speaker, so the roll call reads them;
- joins, parts, quits and mode changes go, and so does what bots say (a nick ending in
  ``bot``, by the convention of IRC bots: "Meeting started ...", their command lists).

Edits are ``(start, end, replacement)`` on the text, sorted, so offsets stay exact.

>>> t = "[16:00] <ana> #topic Mirror\\n[16:01] <bo> it is down\\n"
>>> [(t[s:e], r) for s, e, r in irc_edits(t)]
[('[16:00] <ana> #topic ', '## '), ('[16:01] ', ''), ('<', ''), ('>', ':')]
"""

from __future__ import annotations

import re

from ingest.read.markup import Edit

__all__ = ["looks_like_irc", "irc_edits", "chat_edits", "chat_runs"]

#: a message's time: ``16:05``, ``[16:05:12]``, ``2024-05-07 16:05``, and a chat client's
#: 12-hour clock in brackets or parentheses (``[07:04:43 PM]``, ``(01:01:10 PM)``)
_STAMP = (
    r"(?:[\[(][ \t]*(?:\d{4}-\d\d-\d\d[ T])?\d{1,2}:\d\d(?::\d\d)?(?:[ \t]?[AaPp][Mm])?[ \t]*[\])]"
    r"|(?:\d{4}-\d\d-\d\d[ T])?\d{1,2}:\d\d(?::\d\d)?(?:[ \t]?[AaPp][Mm])?)"
)
_NICK = r"[A-Za-z\[\]\\`^{}|_][\w\[\]\\`^{}|.-]{0,30}"
#: one message: an optional time stamp, then ``<nick>`` or (after a stamp) ``nick:``
#: (the angle brackets may be written as HTML entities: a log pasted into a web page)
_MESSAGE = re.compile(
    rf"[ \t]*(?P<stamp>{_STAMP}[ \t]+)?"
    rf"(?:(?P<open><|&lt;)[@+%&~ ]?(?P<angled>{_NICK})(?P<close>>|&gt;)"
    rf"|(?<=[ \t\])])(?P<colon>{_NICK}):)(?=[ \t]|$)"
)
#: joins, parts, quits, nick and mode changes, with or without a stamp
_EVENT = re.compile(
    rf"(?:{_STAMP}[ \t]+)?(?:-!-|\*\*\*|-->|<--)[ \t]+\S"
    rf"|{_STAMP}[ \t]+{_NICK}[ \t]+has[ \t]+(?:joined|left|quit)\b",
    re.I,
)
#: a chat client's action line: ``(01:03:05 PM) ***ana waves``, what ``/me`` writes
_ME = re.compile(rf"[ \t]*{_STAMP}[ \t]+\*\*\*(?=[A-Za-z])")
_COMMAND = re.compile(r"[ \t]*#([a-z]+)\b[ \t]*", re.I)
_LABEL = re.compile(
    r"[ \t]*(?:(topic)|action|resolution|resolved|agreed|decision|decided)[ \t]*:[ \t]*", re.I
)
_HEADING_COMMANDS = frozenset({"topic", "subtopic"})
_ACTION_COMMANDS = frozenset({"action"})
_AGREED_COMMANDS = frozenset({"agreed", "agree", "accepted", "resolved"})
_TEXT_COMMANDS = frozenset({"info", "idea", "link", "help", "note"})
_MEETING_COMMANDS = frozenset({"startmeeting"})
_BOT_COMMAND = re.compile(r"#[a-z]+\b", re.I)
#: a scribe bot's roll call line, read by the roll call as it is: ``present+ Ana_Lima``
_PLUS = re.compile(r"[ \t]*(?:present|regrets)\+", re.I)
_SNIFF_LINES = 300


def _lines(text: str):
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        yield pos, end
        pos = end + 1


def looks_like_irc(text: str) -> bool:
    """Whether ``text`` is a chat log: most of its first lines are time-stamped messages
    or ``<nick>`` lines (a few header lines above them are allowed)."""
    lines = messages = angled = 0
    for s, e in _lines(text):
        if not text[s:e].strip():
            continue
        lines += 1
        m = _MESSAGE.match(text, s, e)
        if (m and (m.group("stamp") or m.group("angled"))) or _EVENT.match(text, s, e):
            messages += 1
            angled += bool(m and m.group("stamp") and m.group("angled"))
        if lines >= _SNIFF_LINES:
            break
    # a short log: every line but one a time-stamped ``<nick>`` message
    return (messages >= 5 and messages * 2 >= lines) or (angled >= 3 and angled + 1 >= lines)


def irc_edits(text: str) -> list[Edit]:
    """Edits that make every message of an IRC log a labelled line (module docstring)."""
    edits: list[Edit] = []
    for s, e in _lines(text):
        m = _MESSAGE.match(text, s, e)
        if m is None or not (m.group("stamp") or m.group("angled")):
            if _EVENT.match(text, s, e):
                edits.append((s, min(e + 1, len(text)), ""))
            elif me := _ME.match(text, s, e):
                edits.append((s, me.end(), ""))  # "ana waves": the stamp and stars go
            continue
        said = m.end()
        while said < e and text[said] in " \t":
            said += 1
        command = _COMMAND.match(text, said, e)
        if command:
            name = command.group(1).lower()
            if name in _HEADING_COMMANDS:
                edits.append((s, command.end(), "## "))
            elif name in _ACTION_COMMANDS:
                edits.append((s, command.end(), "ACTION: "))
            elif name in _AGREED_COMMANDS:
                edits.append((s, command.end(), "AGREED: "))
            elif name in _TEXT_COMMANDS:
                edits.append((s, command.end(), ""))
            elif name in _MEETING_COMMANDS and m.group("angled"):
                # MeetBot makes whoever starts the meeting its chair: "Chair: ana"
                nick_start, nick_end = m.start("angled"), m.end("angled")
                edits.append((s, nick_start, "Chair: "))
                edits.append((nick_end, command.end(), "\nMeeting: "))
            elif name in _MEETING_COMMANDS:
                edits.append((s, command.end(), "Meeting: "))
            else:  # #chair, #endmeeting, #undo ...: steer the bot
                edits.append((s, min(e + 1, len(text)), ""))
            continue
        nick = m.group("angled") or m.group("colon")
        if nick.lower().endswith("bot") or len(_BOT_COMMAND.findall(text, said, e)) >= 3:
            # what a bot says ("Meeting started", "Useful Commands: #action #agreed ...")
            edits.append((s, min(e + 1, len(text)), ""))
            continue
        if _PLUS.match(text, said, e):  # "<ana> present+ Bo_Chen": the roll call's line
            edits.append((s, said, ""))
            continue
        label = _LABEL.match(text, said, e)
        if label and label.group(1):  # "ana: Topic: Mirror outage"
            edits.append((s, label.end(), "## "))
            continue
        if label:  # "ana: ACTION: bo to ...": the line opens with its label
            edits.append((s, said, ""))
            continue
        if m.group("stamp"):
            edits.append((s, m.end("stamp"), ""))
        if m.group("angled"):
            edits.append((m.start("open"), m.start("angled"), ""))
            edits.append((m.start("close"), m.end("close"), ":"))
    return edits


def chat_edits(text: str, start: int, end: int) -> list[Edit]:
    """:func:`irc_edits` of ``text[start:end]`` when that part is a chat log (a log pasted
    into a wiki page's preformatted block), as edits on ``text``; else none."""
    region = text[start:end]
    if not looks_like_irc(region):
        return []
    return [(s + start, e + start, r) for s, e, r in irc_edits(region)]


#: the fewest messages in a row that make a pasted chat log
_RUN_MESSAGES = 5


def chat_runs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` that are a chat log pasted into other minutes (a
    Markdown page's log section, an HTML block of it): runs of :data:`_RUN_MESSAGES` or more
    lines in a row that are time-stamped or ``<nick>`` messages, joins and parts, blank
    lines between them allowed.

    >>> t = "# Sync\\n\\n" + "".join(f"10:0{i} <ana> point {i}\\n" for i in range(5)) + "Done.\\n"
    >>> [t[s:e].count("<ana>") for s, e in chat_runs(t)]
    [5]
    """
    stop = len(text) if end is None else end
    runs: list[tuple[int, int]] = []
    run_start = run_end = -1
    count = 0
    for s, e in _lines(text[:stop]):
        if s < start:
            continue
        if not text[s:e].strip():
            continue
        m = _MESSAGE.match(text, s, e)
        if (m and (m.group("stamp") or m.group("angled"))) or _EVENT.match(text, s, e):
            if run_start < 0:
                run_start, count = s, 0
            run_end = e
            count += 1
            continue
        if run_start >= 0 and count >= _RUN_MESSAGES:
            runs.append((run_start, run_end))
        run_start = -1
    if run_start >= 0 and count >= _RUN_MESSAGES:
        runs.append((run_start, run_end))
    return runs
