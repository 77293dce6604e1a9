"""Roll calls in Markdown and plain text: who attended, who did not, and the tags after a name."""

from __future__ import annotations

from ingest.model import SourceText
from ingest.read.clean import clean
from ingest.structure.document import parse_structure
from ingest.structure.rollcall import absentees, role_holders, roll_call_tags


def _structure(text: str, fmt: str = "text", name: str = "m.txt"):  # type: ignore[no-untyped-def]
    return parse_structure(clean(SourceText(name, text, fmt)))


def test_markdown_roll_call_entries_with_handles_and_roles_are_attendees() -> None:
    text = (
        "# Pondweed TSC call — 2024-05-02\n\n## Roll call\n\n"
        "- Odile Marchetti (@omarch) — TSC chair\n"
        "- Kwame Asante (@kasante)\n"
        "- Rui Tavares (@rtav) — guest, Lichen Systems\n\n"
        "Regrets: Saoirse Dunne (@sdunne)\n\n## Notes\n\n- ok\n"
    )
    s = _structure(text, "markdown", "p.md")
    assert [m.text for m in s.attendees] == ["Odile Marchetti", "Kwame Asante", "Rui Tavares"]
    assert [m.text for m in absentees(s)] == ["Saoirse Dunne"]



def test_a_handle_written_after_the_name_without_brackets_is_not_part_of_it() -> None:
    text = (
        "# Larchwood TSC 2024-03-07\n\n## Present\n\n"
        "* Oskar Lindqvist @olind (TSC)\n* Amaka Obi @amaka-obi\n* Pim @pim42\n\n"
        "## Minutes\n\n* ok\n"
    )
    s = _structure(text, "markdown", "l.md")
    assert [m.text for m in s.attendees] == ["Oskar Lindqvist", "Amaka Obi", "Pim"]


def test_a_label_alone_over_its_list_labels_the_names_below_it() -> None:
    plain = "Sync\n\n__Participants__\n\n * ana\n * BoC\n * Cyril\n\nNotes\n-----\nok\n"
    s = _structure(plain)
    assert [m.text for m in s.attendees] == ["ana", "BoC", "Cyril"]
    nested = (
        "## May 2\n\n* **Attendees**\n    * Ana Lima [Acme]\n    * Bo Chen [Initech]\n"
        "* **Topics**\n    * Budget review\n"
    )
    s = _structure(nested, "markdown", "n.md")
    assert [m.text for m in s.attendees] == ["Ana Lima", "Bo Chen"]

def test_present_and_absent_lists_wrapped_over_lines_are_read_whole() -> None:
    text = (
        "Minutes of the Quillmoss PMC, 4 June 2024\n\n"
        "Present: Berit Halvorsen (Chair), Tobiah Mensah (Secretary), Lior Adler,\n"
        "  Femi Okoro, Wanda Kowal (guest, Glasswing Instruments)\n"
        "Absent: Piers Ashdown,\n"
        "  Nkechi Obi\n\n"
        "1. RELEASES\n\nLior reported progress.\n"
    )
    s = _structure(text)
    assert [m.text for m in s.attendees] == [
        "Berit Halvorsen",
        "Tobiah Mensah",
        "Lior Adler",
        "Femi Okoro",
        "Wanda Kowal",
    ]
    assert [m.text for m in absentees(s)] == ["Piers Ashdown", "Nkechi Obi"]


def test_forwarded_mail_headers_are_not_the_title_and_the_subject_is() -> None:
    text = (
        "-------- Forwarded Message --------\n"
        "Subject: Re: [quillmoss-pmc] Quillmoss PMC meeting, June 2024\n"
        "Date: Wed, 5 Jun 2024 10:02:11 +0100\n"
        "From: Tobiah Mensah <tm@quillmoss.example>\n"
        "To: private@quillmoss.example\n\n"
        "> Could someone send the notes round?\n\n"
        "QUILLMOSS PMC\nMinutes, 4 June 2024\n\nPresent: Lior Adler, Femi Okoro\n"
    )
    s = _structure(text)
    assert s.title == "Quillmoss PMC meeting, June 2024"
    assert s.start == "2024-06-04"  # the meeting's date, not the day the mail was sent
    quoted = text.index("Could someone")
    assert all(not (b.start <= quoted < b.end) for b in s.blocks)


def test_the_mail_date_is_the_meeting_date_when_nothing_else_says() -> None:
    text = (
        "Subject: Quillmoss PMC meeting\nDate: Wed, 5 Jun 2024 10:02:11 +0100\n\n"
        "Present: Lior Adler, Femi Okoro\n\nNotes follow.\n"
    )
    assert _structure(text).start == "2024-06-05"


def test_roles_are_roles_and_affiliations_are_the_capitalised_rest() -> None:
    for entry, roles, affiliation, leads in (
        ("Berit Halvorsen (Chair)", ("Chair",), None, True),
        ("Tobiah Mensah (Secretary)", ("Secretary",), None, False),
        ("Wanda Kowal (guest, Glasswing Instruments)", ("guest",), "Glasswing Instruments", False),
        ("Rui Tavares (@rtav) — guest, Lichen Systems", ("guest",), "Lichen Systems", False),
        ("Ana Pryce (Survey Operations)", (), "Survey Operations", False),
        ("Odile Marchetti (@omarch) — release manager", ("release manager",), None, False),
    ):
        name_end = entry.index(" (")
        tags = roll_call_tags(entry, name_end)
        got = entry[slice(*tags.affiliation)] if tags.affiliation else None
        assert (tags.roles, got, tags.leads) == (roles, affiliation, leads), entry


def test_a_date_label_atop_ordinary_minutes_is_not_a_mail_header() -> None:
    text = "Date: 2024-06-04\nAttendees: Lior Adler, Femi Okoro\n\nQuillmoss sync notes.\n"
    s = _structure(text)
    assert s.start == "2024-06-04"
    assert [m.text for m in s.attendees] == ["Lior Adler", "Femi Okoro"]
    assert s.title != "Attendees: Lior Adler, Femi Okoro"


def test_a_name_broken_over_two_lines_of_a_present_list_is_one_name() -> None:
    text = (
        "Quillmoss PMC, 4 June 2024\n\n"
        "Present: Berit Halvorsen (Chair), Tobiah Mensah (Secretary), Lior\n"
        "Adler, Femi Okoro\nAbsent: Nkechi Obi\nRelease planning\n\nNotes.\n"
    )
    s = _structure(text)
    assert [" ".join(m.text.split()) for m in s.attendees] == [
        "Berit Halvorsen",
        "Tobiah Mensah",
        "Lior Adler",
        "Femi Okoro",
    ]
    assert [m.text for m in absentees(s)] == ["Nkechi Obi"]


def test_a_heading_right_after_a_regrets_line_is_not_a_name() -> None:
    text = "# Sync 2024-06-04\n- Present: Lior Adler\n- Regrets: Femi Okoro\n## Notes\n- ok\n"
    s = _structure(text, "markdown", "s.md")
    assert [m.text for m in absentees(s)] == ["Femi Okoro"]


def test_a_role_after_a_comma_is_a_role_not_a_name() -> None:
    text = "# Sync 2024-06-04\n\n## Attendees\n\n- Lior Adler (@ladler), TSC chair\n- Femi Okoro\n"
    s = _structure(text, "markdown", "s.md")
    assert [m.text for m in s.attendees] == ["Lior Adler", "Femi Okoro"]
    tags = roll_call_tags(text, s.attendees[0].end)
    assert (tags.handle, tags.roles, tags.leads) == ("ladler", ("TSC chair",), True)


def test_an_indented_banner_after_the_mail_headers_is_part_of_the_minutes() -> None:
    text = (
        "Subject: Quillmoss PMC meeting, June 2024\nFrom: T M <tm@q.example>\n"
        "To: a@q.example,\n  b@q.example\n\n   QUILLMOSS PMC MINUTES\n\nPresent: Lior Adler\n"
    )
    s = _structure(text)
    lines = [s.clean.text[b.start : b.end] for b in s.blocks]
    assert "QUILLMOSS PMC MINUTES" in lines and not any("b@q.example" in x for x in lines)


def test_a_present_label_alone_on_its_line_heads_the_names_below_it() -> None:
    text = (
        "Quillmoss PMC, 4 June 2024\n\nPresent:\n  Berit Halvorsen (Chair)\n  Lior Adler\n"
        "Absent:\n  Femi Okoro\n\n1. RELEASES\n\nLior reported.\n"
    )
    s = _structure(text)
    assert [m.text for m in s.attendees] == ["Berit Halvorsen", "Lior Adler"]
    assert [m.text for m in absentees(s)] == ["Femi Okoro"]


def test_a_counted_attendee_label_and_invited_guests_are_read() -> None:
    text = (
        "Sync 2024-06-04\n\nAttendees (3): Ann Lee, Bo Chen, Cy Diaz\n"
        "Invited: Di Egan (Acme Labs)\n"
    )
    assert [m.text for m in _structure(text).attendees] == [
        "Ann Lee",
        "Bo Chen",
        "Cy Diaz",
        "Di Egan",
    ]


def test_headers_quoted_with_a_marker_still_give_the_subject_as_title() -> None:
    text = (
        "-------- Forwarded Message --------\n"
        "> Subject: Quillmoss PMC meeting, June 2024\n"
        "> Date: Wed, 5 Jun 2024 10:02:11 +0100\n> From: T M <tm@q.example>\n\n"
        "Here they are. Corrections to me by Friday please.\n\n"
        "QUILLMOSS PMC\nMinutes, 4 June 2024\n\nPresent: Lior Adler\n"
    )
    s = _structure(text)
    assert (s.title, s.start) == ("Quillmoss PMC meeting, June 2024", "2024-06-04")


def _holders(text: str, fmt: str = "text", name: str = "m.txt") -> list[str]:
    from ingest.extract.naming import load_lexicon
    from ingest.extract.nlp import load_language

    s = _structure(text, fmt, name)
    english = load_lexicon(load_language())
    return [m.text for m in role_holders(s.clean.text, s.blocks, english)]


def test_role_lines_name_their_holders_in_every_layout() -> None:
    text = (
        "# Hollyfen TSC, 2024-05-02\n\n**Chair:** Maarten de Vries\n"
        "- Scribe(s): Eun-ji Park (@ejpark), Kent\n"
        "Note taker: Dang Thi Lan\n\n| Role | Who |\n| --- | --- |\n| Moderator | 李娜 |\n\n"
        "## Notes\n\nThe meeting was chaired by Robert K. Abernathy and minuted by Ana Lima.\n"
    )
    assert _holders(text, "markdown", "h.md") == [
        "Maarten de Vries",
        "Eun-ji Park",
        "Kent",
        "Dang Thi Lan",
        "李娜",
        "Robert K. Abernathy",
        "Ana Lima",
    ]


def test_a_role_label_over_anything_but_names_names_nobody() -> None:
    text = (
        "# Hollyfen TSC, 2024-05-02\n\n"
        "Chairs: Organize the joint meetings at TPAC next week\n"
        "Notes: none\nMinutes: Approved Last Week\nScribe: TBD\n"
    )
    assert _holders(text, "markdown", "h.md") == []


def test_a_scribe_log_roll_call_present_plus_and_an_unlabelled_present_block() -> None:
    text = (
        "Tansley WG teleconference -- 2024-04-24\n\nPresent\n    Hiroshi_Sato, Clara_Jensen\n"
        "Regrets\n    Ruth_Mbeki\n\n<zakim> agenda is at the wiki\npresent+ Amani_Njoroge\n"
        "regrets+ Ezra_Goldberg\n"
    )
    s = _structure(text)
    assert [m.text for m in s.attendees] == ["Hiroshi_Sato", "Clara_Jensen", "Amani_Njoroge"]
    assert [m.text for m in absentees(s)] == ["Ruth_Mbeki", "Ezra_Goldberg"]


def test_roll_call_roles_and_organisation_endings_come_from_the_vocabulary(tmp_path) -> None:
    """A user who adds a role to ``roles.yaml`` sees roll calls read it as a role, and an
    organisation ending in ``name_rules.yaml`` makes a comma part an employer."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    vocab = tmp_path / "vocab"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data" / "vocab", vocab)
    roles = vocab / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8") + "\n# added\n"
                     "roll_call_roles: [quartermaster, chair]\n", encoding="utf-8")
    probe = (
        "from ingest.structure.rollcall import roll_call_tags\n"
        "text = 'Ana Lima, Quartermaster'\n"
        "print(roll_call_tags(text, 8).roles)\n"
    )
    env = {"KG_VOCAB_DIR": str(vocab), "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "('Quartermaster',)"
    assert roll_call_tags("Ana Lima, Quartermaster", 8).roles == ()  # the shipped list


def test_two_people_joined_on_one_roll_call_line_share_its_affiliation() -> None:
    text = "Oona Field & Rafe Kimura, Tallgrass Labs"
    tags = roll_call_tags(text, len("Oona Field"), affiliated=True)
    assert [text[s:e] for s, e in tags.affiliations] == ["Tallgrass Labs"]
    text = "Oona Field & Rafe Kimura (Tallgrass Labs)"  # brackets tag the last name only
    assert roll_call_tags(text, len("Oona Field")).affiliations == ()


def test_an_affiliation_may_open_with_a_number() -> None:
    text = "Ines Braga, 42 Robotics"
    tags = roll_call_tags(text, len("Ines Braga"), affiliated=True)
    assert [text[s:e] for s, e in tags.affiliations] == ["42 Robotics"]


def test_a_vote_tally_names_people_and_a_motion_names_nobody() -> None:
    import re

    from ingest.model import Block

    text = (
        "Motion\n\n**Votes**: In favour: Lior, Andrea, Jörg\nAbstain: Teo Brandt\n"
        "- Against: none\nOpposed: the motion as written\nIn favour of the plan: everyone\n"
    )
    blocks = [Block("paragraph", m.start(), m.end()) for m in re.finditer(".+", text)]
    assert [m.text for m in role_holders(text, blocks)] == ["Lior", "Andrea", "Jörg", "Teo Brandt"]


def test_names_closing_a_heading_after_a_dash_are_its_presenters() -> None:
    import re

    from ingest.model import Block

    text = (
        "Sync - June 2, 2025\nBudget report - Lior/Andrea/Teo\nRelease - Windows/Linux\n"
        "Roadmap - GitHub\nBoard update - Ana Lima\nQ3 - Planning\nNotes - CERN\n"
    )
    blocks = [Block("heading", m.start(), m.end()) for m in re.finditer(".+", text)]
    assert [m.text for m in role_holders(text, blocks)] == ["Lior", "Andrea", "Teo", "Ana Lima"]


def test_a_table_with_name_and_affiliation_columns_is_a_roll_call_with_affiliations() -> None:
    text = (
        "# Wrenfold interop call, 2024-03-05\n\n"
        "| Name | Employer | GitHub |\n| --- | --- | --- |\n"
        "| Ilario Conti | Pelican Data | @iconti |\n"
        "| Mirela Stan | Ostrander University | @mstan |\n\n"
        "## Notes\n\n- The fixtures were regenerated.\n"
    )
    s = _structure(text, "markdown", "w.md")
    assert [m.text for m in s.attendees] == ["Ilario Conti", "Mirela Stan"]
    cleaned = s.clean.text
    orgs = [
        cleaned[slice(*roll_call_tags(cleaned, m.end).affiliation)]  # type: ignore[misc]
        for m in s.attendees
    ]
    assert orgs == ["Pelican Data", "Ostrander University"]


def test_a_table_without_an_affiliation_column_names_no_affiliation() -> None:
    text = (
        "# Wrenfold sync\n\n## Attendees\n\n| Name | Role |\n| --- | --- |\n"
        "| Ilario Conti | Reviewer |\n"
    )
    s = _structure(text, "markdown", "w.md")
    assert [m.text for m in s.attendees] == ["Ilario Conti"]
    assert roll_call_tags(s.clean.text, s.attendees[0].end).affiliation is None


def test_an_rst_simple_table_is_read_as_rows() -> None:
    text = (
        "Attendance\n----------\n\n"
        "===============  ===================\n"
        "Name             Organisation\n"
        "===============  ===================\n"
        "Ilario Conti     Pelican Data\n"
        "Mirela Stan      Ostrander University\n"
        "===============  ===================\n\n"
        "Notes\n-----\n\nNothing else.\n"
    )
    s = _structure(text, "rst", "w.rst")
    assert [m.text for m in s.attendees] == ["Ilario Conti", "Mirela Stan"]
    rows = [b for b in s.blocks if b.kind == "row"]
    assert [[s.clean.text[a:b].strip() for a, b in r.cells] for r in rows[1:]] == [
        ["Ilario Conti", "Pelican Data"],
        ["Mirela Stan", "Ostrander University"],
    ]


def test_an_irc_meeting_lists_its_attendees_by_nick() -> None:
    text = (
        "[10:00] <ovid_r> #startmeeting Larchwood triage\n"
        "[10:00] <ovid_r> #info present: ovid_r, mkaur, t-bell, snow_j\n"
        "[10:01] <mkaur> the mirror is back\n"
        "[10:02] <t-bell> good\n"
        "[10:03] <snow_j> next item\n"
        "[10:04] <ovid_r> #endmeeting\n"
    )
    s = _structure(text, "irc", "l.txt")
    assert [m.text for m in s.attendees] == ["ovid_r", "mkaur", "t-bell", "snow_j"]


def test_a_present_line_of_words_is_no_nick_list() -> None:
    s = _structure("Sync 2024-01-02\n\nPresent: everyone from the core team\n\n- ok\n")
    assert [m.text for m in s.attendees] == []


def test_plain_text_columns_after_a_name_are_its_affiliation() -> None:
    text = (
        "Hollowmere telecon 2020-04-01\n\nAttendance\n"
        "  Corinna Vass        Tallis Institute\n"
        "  Obinna Uche         Mossgiel Data\n\nAgenda\n  1. Budget\n"
    )
    s = _structure(text)
    assert [m.text for m in s.attendees] == ["Corinna Vass", "Obinna Uche"]
    cleaned = s.clean.text
    tags = roll_call_tags(cleaned, s.attendees[1].end)
    assert tags.affiliation and cleaned[slice(*tags.affiliation)] == "Mossgiel Data"


def test_bullets_of_name_comma_two_words_are_name_and_affiliation() -> None:
    text = (
        "# Tarnbrook TSC 2025-01-07\n\n## Attendees\n"
        "- Imogen Rusk, Copperline Inc (chair)\n- Tevita Fifita, Saltbox Logic\n"
        "- Hedda Moen, Quarry Systems\n\n## Notes\n- ok\n"
    )
    s = _structure(text, "markdown", "t.md")
    assert [m.text for m in s.attendees] == ["Imogen Rusk", "Tevita Fifita", "Hedda Moen"]
    cleaned = s.clean.text
    orgs = [roll_call_tags(cleaned, m.end, True).affiliation for m in s.attendees]
    assert [cleaned[slice(*o)] for o in orgs if o] == [
        "Copperline Inc",
        "Saltbox Logic",
        "Quarry Systems",
    ]


def test_first_and_last_name_columns_make_one_name() -> None:
    text = (
        "# Harrier TC\n\n| First Name | Last Name | Company |\n| --- | --- | --- |\n"
        "| Solveig | Aune | Tindra Networks |\n| Obiora | Nnaji | Kettlebrook Inc |\n"
    )
    s = _structure(text, "markdown", "h.md")
    assert [m.text for m in s.attendees] == ["Solveig Aune", "Obiora Nnaji"]
    cleaned = s.clean.text
    tags = roll_call_tags(cleaned, s.attendees[0].end)
    assert tags.affiliation and cleaned[slice(*tags.affiliation)] == "Tindra Networks"


def test_roll_call_lines_grouped_by_organisation() -> None:
    text = (
        "# Spindle sync\n\nAttendees:\n- Calloway Labs: Renata Sousa, Bjarne Holm\n"
        "- Mistral Cloud: Ahmed Karimi\n\n## Notes\n- ok\n"
    )
    s = _structure(text, "markdown", "s.md")
    assert [m.text for m in s.attendees] == ["Renata Sousa", "Bjarne Holm", "Ahmed Karimi"]
    cleaned = s.clean.text
    orgs = [cleaned[slice(*roll_call_tags(cleaned, m.end).affiliation)] for m in s.attendees]  # type: ignore[misc]
    assert orgs == ["Calloway Labs", "Calloway Labs", "Mistral Cloud"]


def test_a_role_label_is_no_organisation_of_a_roll_call_line() -> None:
    text = "# Sync\n\nAttendees:\n- Chairs: Renata Sousa, Bjarne Holm\n- Directors: Ahmed Karimi\n"
    s = _structure(text, "markdown", "s.md")
    assert [roll_call_tags(s.clean.text, m.end).affiliation for m in s.attendees] == [None] * 3


def test_mail_addresses_and_meetbot_counts_are_not_part_of_names() -> None:
    text = (
        "Plover interim, 3 March 2013\n\nAttendees\n---------\nGisela Roth <groth@example.org>\n"
        "Nneka Eze <nneka@example.com>\n\nDiscussion\n----------\nGisela: fine.\n"
    )
    s = _structure(text)
    assert [m.text for m in s.attendees] == ["Gisela Roth", "Nneka Eze"]
    text = (
        "== Summary ==\n\n=== People present (lines said) ===\n"
        "* hvasquez (52)\n* ptran (21)\n* lampbot (3)\n"
    )
    s = _structure(text, "wiki", "m.wiki")
    assert [m.text for m in s.attendees] == ["hvasquez", "ptran"]


def test_an_attendance_label_after_a_sentence_on_the_same_line() -> None:
    s = _structure("Basalt WG\n\nDate: 2023-09-27. Present: Ilka Maas, J. Yoon. Regrets: none.\n")
    assert [m.text for m in s.attendees] == ["Ilka Maas", "J. Yoon"]


def test_unseen_roll_call_labels_and_separators() -> None:
    text = (
        "Kelp sync, 2024-02-14\n\n"
        "On the call: Sunita Rao · Piotr Zielinski and Amara Okafor\n"
        "Not present: Duncan Reid\n\n"
        "Notes follow.\n"
    )
    s = _structure(text)
    assert [m.text for m in s.attendees] == ["Sunita Rao", "Piotr Zielinski", "Amara Okafor"]


def test_table_with_an_attended_column_lists_the_rows_marked_present() -> None:
    text = (
        "# Wren SC 2024-07-02\n\n| Member | Attended |\n|---|---|\n"
        "| Hannah Okoro | yes |\n| Viktor Petrov | no |\n| Lucía Romero | ✓ |\n\n## Notes\n- ok\n"
    )
    s = _structure(text, "markdown", "w.md")
    assert [m.text for m in s.attendees] == ["Hannah Okoro", "Lucía Romero"]


def test_role_label_followed_by_a_dash() -> None:
    text = "# Plover TSC\n\n- Facilitator — Ines Carvalho\n- Note taker - Ruben Alves\n"
    s = _structure(text, "markdown", "p.md")
    assert [m.text for m in role_holders(text, s.blocks)] == ["Ines Carvalho", "Ruben Alves"]


def test_a_title_before_a_listed_name_is_not_part_of_it() -> None:
    s = _structure("Board, 2024-06-04\n\nAttendees: Dr. Hana Novak, Prof Sipho Ndlovu\n\nNotes.\n")
    assert [m.text for m in s.attendees] == ["Hana Novak", "Sipho Ndlovu"]


def test_attendance_count_label_and_titled_bullets() -> None:
    text = (
        "# Egret board 2024-09-24\n\nAttendance (3): Noa Levi, Jasper Hughes, Tuan Pham\n\n"
        "Location for in-person attendance: Hall B, Austin\n\n## Members present\n"
        "- Lerato Mokoena, Director of Engineering, Kestrel Cloud\n- Pavel Novak, CTO, Umbra Labs\n"
    )
    s = _structure(text, "markdown", "e.md")
    assert [m.text for m in s.attendees] == [
        "Noa Levi", "Jasper Hughes", "Tuan Pham", "Lerato Mokoena", "Pavel Novak"
    ]


def test_label_forms_of_unseen_minutes_list_the_attendees() -> None:
    cases = {
        "Attended: Ana Lima, Bo Chen\n\n## Notes\nok\n": ["Ana Lima", "Bo Chen"],
        "People::\n * Ana Lima\n * Bo Chen\n\n= Topic =\nok\n": ["Ana Lima", "Bo Chen"],
        ":   Members present: Ana, Bo\n:   Members remote: Cy Diaz\n": [
            "Ana",
            "Bo",
            "Cy Diaz",
        ],
        "Present [Dee away]:\n\n- Ana\n- Bo\n\n# News\nok\n": ["Ana", "Bo"],
        "Who:   Data WG:\n   - Ana Lima (KNMI)\n   - Bo Chen\n\n## Actions\n": [
            "Ana Lima",
            "Bo Chen",
        ],
        "# Call\n\n##Attendees ##\n\n- Ana Lima\n- Bo Chen\n\nWe talked.\n": [
            "Ana Lima",
            "Bo Chen",
        ],
        "Attendees: [Ana][], [Bo Chen][bc], Cy.\n\n[ana]: https://example.org\n": [
            "Ana",
            "Bo Chen",
            "Cy",
        ],
    }
    for text, names in cases.items():
        s = _structure(text, "markdown", "m.md")
        assert [m.text for m in s.attendees] == names, text


def test_a_plain_text_heading_ends_an_indented_attendee_list() -> None:
    text = "Attendees::\n\n   Ana Lima\n   Bo Chen (minutes)\n\nOpen Issues\n===========\n\n- ok\n"
    assert [m.text for m in _structure(text).attendees] == ["Ana Lima", "Bo Chen"]


def test_one_linked_name_a_paragraph_under_a_bold_label() -> None:
    text = "# Call\n\n**Attendees**\n\n[Ana Lima](/p/1)\n\n[Bo Chen](/p/2)\n\n**Next Steps**\n"
    s = _structure(text, "markdown", "m.md")
    assert [m.text for m in s.attendees] == ["Ana Lima", "Bo Chen"]


def test_nicks_after_a_role_label_in_a_grouped_roll_call() -> None:
    text = "Attending:\n* Core members: vkarlo, dmitrij, Pellegrino\n* Other: jtam, Aino K\n"
    s = _structure(text, "markdown", "m.md")
    assert [m.text for m in s.attendees] == ["vkarlo", "dmitrij", "Pellegrino", "jtam", "Aino K"]


def test_chat_log_speakers_are_handles() -> None:
    from ingest.structure.handles import speaker_handles

    irc = "<Vanta@> first item\n<   mirefox@> agreed\n<Vanta@> next\n<   mirefox@> ok\n"
    assert speaker_handles(irc, [], {"ok"}, set()) == {"vanta", "mirefox"}
    log = "".join(f"[07:0{n % 10}:00] {'quietly' if n % 2 else 'orbitz'}: x\n" for n in range(22))
    assert speaker_handles(log, [], {"quietly"}, set()) == {"quietly", "orbitz"}
    # a word opening a few lines of ordinary minutes is no handle
    notes = "quietly: a\nquietly: b\nquietly: c\norbitz: d\n"
    assert speaker_handles(notes, [], {"quietly"}, set()) == {"orbitz"}
