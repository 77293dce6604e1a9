"""Reading minutes files: decoding, format detection, and refusing what is not minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import IngestError, InputError
from ingest.read.source import read_source


def test_newlines_are_kept_as_in_the_file(tmp_path: Path) -> None:
    p = tmp_path / "sync.txt"
    p.write_bytes(b"Weekly sync\r\n\r\n- Ana to review DM-1\r\n")
    src = read_source(p)
    assert src.text == "Weekly sync\r\n\r\n- Ana to review DM-1\r\n"
    assert src.encoding == "utf-8"
    assert src.format == "text"


def test_utf8_bom_is_left_out_of_the_text_and_offsets_count_from_after_it(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeffZeljko Ivezić".encode())
    src = read_source(p)
    assert src.text == "Zeljko Ivezić"
    assert src.encoding == "utf-8-sig"


def test_legacy_windows_export_falls_back_to_cp1252(tmp_path: Path) -> None:
    p = tmp_path / "old.txt"
    p.write_bytes("Cristián Silva — review".encode("cp1252"))
    src = read_source(p)
    assert src.text == "Cristián Silva — review"
    assert src.encoding == "cp1252"


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    p = tmp_path / "word.txt"
    p.write_bytes("\ufeffAttendees: Ana".encode("utf-16-le"))
    assert read_source(p).text == "Attendees: Ana"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.md", "# Sync\n", "markdown"),
        ("a.markdown", "Sync\n", "markdown"),
        ("a.html", "<p>Sync</p>", "html"),
        ("a.HTM", "<p>Sync</p>", "html"),
        ("export.txt", "<!DOCTYPE html>\n<html><body>Sync</body></html>", "html"),
        ("export", "  <html lang='en'><body>x</body></html>", "html"),
        ("a.txt", "Sync <b>bold</b> inside text", "text"),
    ],
)
def test_format_comes_from_suffix_then_content(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    assert read_source(p).format == expected


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty"),
        (b" \n\t\r\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        (b"PK\x03\x04" + b"\x00" * 40, "binary"),
        (b"minutes\x00\x00\x00", "binary"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16]) * 20, "binary"),
    ],
)
def test_empty_and_binary_files_are_refused_with_one_clear_line(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    p = tmp_path / "in.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_source(p)
    message = str(err.value)
    assert fragment in message and "accepted" in message and "\n" not in message


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 2001)
    with pytest.raises(InputError, match="limit of 2000"):
        read_source(p, max_bytes=2000)
    assert read_source(p, max_bytes=5000).text == "a" * 2001


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_source(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="directory"):
        read_source(tmp_path)


def test_input_error_is_a_value_error_and_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        read_source(tmp_path / "gone.txt")
    with pytest.raises(IngestError):
        read_source(tmp_path / "gone.txt")


def test_a_fifty_megabyte_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(InputError, match="over the limit"):
        read_source(p)


def test_a_short_irc_log_is_read_as_one() -> None:
    from ingest.read.irc import looks_like_irc

    log = (
        "[15:00] <mkoval> let's start\n[15:01] <tbright> the tarball is up\n"
        "[15:02] <mkoval> thanks\n"
    )
    assert looks_like_irc(log)
    agenda = "10:00 Welcome: opening\n10:15 Talks: the release\n10:45 Break: coffee\n"
    assert not looks_like_irc(agenda)


def test_a_chat_client_log_with_a_12_hour_clock_is_an_irc_log() -> None:
    from ingest.read.source import detect_format

    log = "".join(f"[0{i}:00:1{i} PM] {n}: said {i}\n" for i, n in enumerate("ab" * 3))
    log += "[07:00:00 PM] c has left (Disconnected: closed)\n"
    assert detect_format("m.txt", log) == "irc"
    from ingest.model import SourceText
    from ingest.read.clean import clean

    text = clean(SourceText("m.txt", log, "irc")).text
    assert text.splitlines() == [f"{n}: said {i}" for i, n in enumerate("ab" * 3)]


RAW_MAIL = (
    "Return-Path: <devel-bounces@lists.example.org>\n"
    "Received: from mx.example.org (mx.example.org [192.0.2.7])\n"
    "\tby lists.example.org; Tue, 14 May 2024 10:02:11 +0000\n"
    "MIME-Version: 1.0\n"
    "From: Jonas <jonas@example.org>\n"
    "Date: Tue, 14 May 2024 10:01:58 +0000\n"
    "Subject: Kestrel minutes\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Attendees: Ren=C3=A9e Fournier, Jonas\n"
    "\n"
    "Ren=C3=A9e will tag the release before the next mee=\n"
    "ting.\n"
)


def test_a_raw_mail_keeps_from_date_and_subject_and_decodes_its_body() -> None:
    from ingest.model import SourceText
    from ingest.read.clean import clean
    from ingest.structure.document import parse_structure

    c = clean(SourceText("m.txt", RAW_MAIL, "text"))
    assert "Received" not in c.text and "MIME" not in c.text
    assert "Renée Fournier" in c.text and "before the next meeting." in c.text
    s = parse_structure(c)
    assert s.title == "Kestrel minutes"
    assert [m.text for m in s.attendees] == ["Renée Fournier", "Jonas"]
    at = c.text.index("Renée")
    assert RAW_MAIL[c.offsets[at] : c.offsets[at + 5]] == "Ren=C3=A9e"  # offsets stay exact


def test_minutes_opening_with_mail_like_labels_are_no_raw_mail() -> None:
    from ingest.read.mail import mail_edits

    text = "From: the board\nDate: 2024-05-14\nSubject: budget\n\nAna will pay.\n"
    assert mail_edits(text) == []  # no field only a mail system writes
