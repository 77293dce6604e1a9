"""What cleaning keeps of Markdown, Pluto notebooks and MediaWiki pages: only the minutes."""

from __future__ import annotations

from pathlib import Path

from ingest.read.clean import clean
from ingest.read.source import read_source
from ingest.structure.document import date_in_path, parse_structure


def _clean(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return clean(read_source(str(path)))


def test_fenced_code_is_not_minutes_text(tmp_path: Path) -> None:
    c = _clean(
        tmp_path, "m.md", "# Sync\n\n```python\nclass Owner:\n    pass\n```\n\nAna will fix it.\n"
    )
    assert "class Owner" not in c.text
    assert "Ana will fix it." in c.text
    i = c.text.index("Ana")
    assert c.source.text[c.offsets[i] : c.offsets[i] + 3] == "Ana"


def test_front_matter_gives_title_and_date_only(tmp_path: Path) -> None:
    text = (
        '---\ntags: community, minutes\ntitle: "Larch steering council"\n'
        "date: 2024-01-02\n---\n\nAna will fix it.\n"
    )
    c = _clean(tmp_path, "m.md", text)
    assert "tags" not in c.text
    s = parse_structure(c)
    assert (s.title, s.start) == ("Larch steering council", "2024-01-02")


def test_pluto_notebook_keeps_only_its_markdown_cells(tmp_path: Path) -> None:
    text = (
        "### A Pluto.jl notebook ###\n# v0.19.27\n\nusing Markdown\n\n"
        '# ╔═╡ 11111111-0000-0000-0000-000000000001\nmd"""\n'
        '## Topics\n\n - Ines: release notes\n"""\n\n'
        "# ╔═╡ 11111111-0000-0000-0000-000000000002\nx = plot(1:10)\n\n"
        "# ╔═╡ Cell order:\n# ╠═11111111-0000-0000-0000-000000000001\n"
    )
    c = _clean(tmp_path, "notes.jl", text)
    assert c.source.format == "markdown"
    assert "Ines: release notes" in c.text
    for gone in ("using Markdown", "plot(1:10)", "Cell order", '"""', "╔═╡"):
        assert gone not in c.text


def test_mediawiki_markup_becomes_headings_items_and_rows(tmp_path: Path) -> None:
    text = (
        "= Storage SIG, 3 March 2024 =\n{{Infobox|x=1}}\n== Attendees ==\n"
        "* [[User:Ana|Ana Lima]] (chair)\n* '''Bo Chen''', [https://example.org ExampleCorp]\n"
        '{| class="wikitable"\n|-\n! Name !! Role\n|-\n| Ana Lima || Chair\n'
        "|-\n| Bo Chen\n| Notetaker\n|}\n"
    )
    c = _clean(tmp_path, "sig.wiki", text)
    assert c.source.format == "wiki"
    lines = [line.strip() for line in c.text.splitlines() if line.strip()]
    assert "## Attendees" in lines
    assert "- Ana Lima (chair)" in lines
    assert "- Bo Chen, ExampleCorp" in lines
    assert [cell.strip() for cell in lines[-1].split("\t")] == ["Bo Chen", "Notetaker"]
    assert "{{" not in c.text and "'''" not in c.text and "[[" not in c.text
    s = parse_structure(c)
    assert (s.title, s.start) == ("Storage SIG, 3 March 2024", "2024-03-03")


def test_meeting_date_from_the_file_name_when_the_text_gives_none() -> None:
    assert date_in_path("minutes/2024-05-07/README.md") == "2024-05-07"
    assert date_in_path("tsc-20240507.txt") == "2024-05-07"
    assert date_in_path("notes/v2.txt") is None


def test_asciidoc_table_with_one_cell_a_line_is_rows_of_cells() -> None:
    from ingest.model import SourceText

    text = "= M\n\n|===\n|Name |Role\n\n|Paz Herrera\n|maintainer\n\n|Oren Shapiro\n|chair\n|===\n"
    out = clean(SourceText("m.adoc", text, "asciidoc")).text
    assert "Name\tRole\nPaz Herrera\tmaintainer\nOren Shapiro\tchair\n" in out


def test_a_mail_reply_quoting_the_minutes_reads_the_quoted_lines() -> None:
    from ingest.model import SourceText

    text = "Subject: Re: minutes\n\nFine by me.\n\n> Present: Ana Lima, Bo Chen\n> Notes\n"
    s = parse_structure(clean(SourceText("m.txt", text, "text")))
    assert [m.text for m in s.attendees] == ["Ana Lima", "Bo Chen"]
    quoted_only = "Subject: Re: minutes\n\nPresent: Cy Diaz\n\n> Present: Ana Lima\n"
    s = parse_structure(clean(SourceText("m.txt", quoted_only, "text")))
    assert [m.text for m in s.attendees] == ["Cy Diaz"]


def test_the_irc_user_who_starts_the_meeting_chairs_it() -> None:
    from ingest.model import SourceText
    from ingest.structure.rollcall import role_holders

    text = "<hollis> #startmeeting godwit\n<hollis> #topic x\n<ana> hi\n<bo> ok\n<ana> bye\n"
    s = parse_structure(clean(SourceText("m.txt", text, "irc")))
    assert s.title == "godwit"
    assert [m.text for m in role_holders(s.clean.text, s.blocks)] == ["hollis"]


def test_a_fenced_chat_log_is_read_as_speaker_lines(tmp_path: Path) -> None:
    log = "".join(
        f"(10:0{i}:00 AM) {nick}: point {i}\n" for i, nick in enumerate(["ana", "bo"] * 3)
    )
    c = _clean(tmp_path, "m.md", "```\n" + log + "(10:09:00 AM) ***bo waves\n```\n")
    assert c.text.splitlines()[:2] == ["ana: point 0", "bo: point 1"]
    assert "bo waves" in c.text and "```" not in c.text and "AM)" not in c.text
    code = _clean(tmp_path, "c.md", "```python\n" + log + "```\nAna will fix it.\n")
    assert code.text.strip() == "Ana will fix it."  # a fence that names a language is code


def test_a_log_pasted_with_escaped_angle_brackets_is_read_as_speaker_lines(
    tmp_path: Path,
) -> None:
    log = "".join(f"21:0{i} &lt;{n}&gt; line {i}\n" for i, n in enumerate(["+ana", "bo"] * 3))
    c = _clean(tmp_path, "m.md", '## Log\n\n<div class="log">\n' + log + "</div>\n")
    assert "ana: line 0\nbo: line 1" in c.text
    for i in range(len(c.text)):  # every copied character is the source's own
        if c.text[i] not in "\n":
            src = c.source.text[c.offsets[i]]
            assert src == c.text[i] or c.text[i] == ":"


def test_toml_front_matter_leaves_only_its_title(tmp_path: Path) -> None:
    text = '+++\ntype = "blog"\nauthor = "kwillis"\ntitle = "Board sync, May 2019"\n+++\n\nHi.\n'
    c = _clean(tmp_path, "m.md", text)
    s = parse_structure(c)
    assert s.title == "Board sync, May 2019"
    assert "kwillis" not in c.text and "+++" not in c.text


def test_front_matter_atop_an_html_page_leaves_its_title_on_a_line_of_its_own(
    tmp_path: Path,
) -> None:
    text = '---\ntitle: "April 2021 Minutes"\nauthor: "mp"\ndate: 2021-05-02\n---\n\n<p>Hi.</p>\n'
    c = _clean(tmp_path, "m.html", text)
    assert c.text.split("\n")[:2] == ["April 2021 Minutes", "Hi."]
    assert parse_structure(c).title == "April 2021 Minutes"
