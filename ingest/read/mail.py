"""Minutes saved as a raw e-mail: the transport headers and the body's transfer encoding.

Minutes are often posted to a mailing list, and an archive keeps the message as it was
sent: a block of header fields (``Received:``, ``DKIM-Signature:``, ``List-Help:`` ...,
long values folded over indented lines) above the body, and a body that may be
quoted-printable (``=C3=A9`` for ``é``, a line ending in ``=`` carrying on the next one).
:func:`mail_edits` returns edits that keep of the header block only the fields the
structure step reads (``From``, ``Date``, ``Subject``: the title and the day the minutes
were sent; see :func:`ingest.structure.document.mail_head`) and decode a quoted-printable
body, so its names and underlines read as written.

A header block is a raw message's only when it opens the file and holds fields that only
a mail system writes (``Received``, ``Return-Path``, ``Message-ID``, ``MIME-Version``,
``DKIM-Signature``...): a forwarded message's ``From:`` / ``Subject:`` lines, or minutes
opening with a ``Date:`` label, are left as they are.

Edits are ``(start, end, replacement)`` on the text, sorted and non-overlapping, so offsets
stay exact (a decoded character points at the ``=XX`` sequence it stands for).

>>> t = "Received: from a by b\\n\\tid 1\\nSubject: Sync\\n"
>>> t += "Content-Transfer-Encoding: quoted-printable\\n\\nAna Sol=C3=A9\\n"
>>> [r or t[s:e].split(":")[0] for s, e, r in mail_edits(t)]
['Received', 'Content-Transfer-Encoding', 'é']
"""

from __future__ import annotations

import re

from ingest.read.markup import Edit

__all__ = ["mail_edits"]

#: one header field: its name, then its value over the line and the indented lines after it
_FIELD = re.compile(r"([A-Za-z][\w-]{0,60})[ \t]*:[^\n]*\n(?:[ \t]+[^\n]*\n)*")
#: fields only a mail system writes: a message as it was stored, not minutes quoting one
_TRANSPORT = frozenset(
    "received return-path message-id mime-version delivered-to dkim-signature "
    "x-original-to content-transfer-encoding arc-seal authentication-results "
    "list-id list-unsubscribe x-mailer".split()
)
#: the fields the structure step reads: who sent the minutes, when, under which subject
_KEPT = frozenset({"from", "date", "subject"})
_MBOX_FROM = re.compile(r"From [^\n]*\n")
_QP = re.compile(r"=\n|(?:=[0-9A-F]{2})+")
_QP_ENCODING = re.compile(r"quoted-printable", re.I)


def mail_edits(text: str) -> list[Edit]:
    """Edits that drop a raw message's transport header fields and decode its
    quoted-printable body (module docstring); none for text that is no raw message."""
    pos = 0
    mbox = _MBOX_FROM.match(text)  # an mbox archive's separator line
    if mbox:
        pos = mbox.end()
    fields: list[tuple[str, int, int]] = []
    while pos < len(text) and text[pos] != "\n":
        m = _FIELD.match(text, pos)
        if m is None:
            return []  # a line that is no header field before the blank line: no header
        fields.append((m.group(1).lower(), m.start(), m.end()))
        pos = m.end()
    names = {name for name, _, _ in fields}
    if len(fields) < 3 or not names & _TRANSPORT or not names & _KEPT:
        return []
    edits: list[Edit] = []
    if mbox:
        edits.append((0, mbox.end(), ""))
    quoted_printable = False
    for name, start, end in fields:
        if name == "content-transfer-encoding" and _QP_ENCODING.search(text, start, end):
            quoted_printable = True
        if name in _KEPT:
            continue
        if edits and edits[-1][1] == start:  # one edit for a run of dropped fields
            edits[-1] = (edits[-1][0], end, "")
        else:
            edits.append((start, end, ""))
    if quoted_printable:
        edits += _decoded(text, pos)
    return edits


def _decoded(text: str, start: int) -> list[Edit]:
    """Quoted-printable sequences after ``start`` as the characters they encode."""
    edits: list[Edit] = []
    for m in _QP.finditer(text, start):
        if m.group() == "=\n":  # a soft line break: the line goes on
            edits.append((m.start(), m.end(), ""))
            continue
        raw = bytes(int(m.group()[i + 1 : i + 3], 16) for i in range(0, len(m.group()), 3))
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            value = raw.decode("latin-1")
        edits.append((m.start(), m.end(), value))
    return edits
