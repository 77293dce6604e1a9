"""A generator of engineering minutes in the style of ``data/minutes``, for scale benchmarks.

Each document recombines the layout of the real samples (a title with dates, an
attendee list, an agenda table with tab-separated cells and ``<ul>`` fragments,
discussion sections whose sentences state ownership, dependencies, requests and
decisions, an ``Actions`` list and an action item summary table with checkboxes,
due dates and tickets) with *generated* people, teams, components and tickets,
so that extraction does real work and the graph grows with the corpus. Names are
drawn with a Zipf-like skew: a few components and people recur across many
meetings, most appear rarely, as in a real archive.

Generation is deterministic: document ``i`` of seed ``s`` is the same text
whatever the corpus size.

>>> docs = generate_documents(2, seed=1)
>>> [name for name, _ in docs]
['minutes-00000.txt', 'minutes-00001.txt']
>>> "Attendees" in docs[0][1] and docs[0][1] != docs[1][1]
True
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

__all__ = ["Cast", "make_cast", "generate_document", "generate_documents", "write_corpus"]

T = TypeVar("T")

_FIRST = (
    "Ada Amara Anika Bruno Carla Chen Dario Dalia Elena Emeka Farah Felix Greta Hamid Ines "
    "Ivan Jonas Julia Kaito Keira Lars Leila Marco Maya Nadia Nikolai Olga Omar Paula Pavel "
    "Quinn Rafael Rosa Samir Sofia Tariq Tessa Umar Vera Viktor Wanda Xavier Yara Yusuf Zofia "
    "Anders Beatriz Cyrus Delphine Esteban Fiona Gustav Helga Imani Jakob Kamala Lorenzo"
).split()
_LAST = (
    "Abara Bergstrom Castellano Dubrovnik Eklund Ferreira Galloway Hakimi Ishikawa Jovanovic "
    "Kowalczyk Lindqvist Moreau Nakamura Okonkwo Petrossian Quintero Rasmussen Szabo Tanaka "
    "Umarov Valdivia Whitcombe Xiong Yamamoto Zelenko Achebe Brandt Cervantes Delacroix "
    "Engstrom Fujimoto Gutierrez Halvorsen Iglesias Jablonski Kuznetsova Lefebvre Mbeki "
    "Novak Oyelaran Pellegrini Rahimi Sandoval Thorsen Uchida Vasquez Wojcik Zapata Ostrowski"
).split()
_TEAM_A = (
    "Archive Alert Calibration Camera Cloud Catalog Deployment Imaging Network Observatory "
    "Platform Release Survey Telemetry Scheduling Verification Workflow Storage"
).split()
_TEAM_B = (
    "Services Production Operations Engineering Infrastructure Integration Quality Systems"
).split()
_PREFIXES = ("ctrl", "daf", "pipe", "meas", "obs", "ap", "ip", "dax", "cp", "analysis")
_STEMS = (
    "tasks base config pool orca butler registry ingest mapper astrom photom deblender "
    "psf skymap coadd diffim isr source forced query cache loader export archive alerts "
    "stream broker metrics monitor scheduler transfer repo sync"
).split()
_SERVICES = (
    "Lodestar Skyway Firewatch Keystone Mosaic Ledger Beacon Harbor Quarry Lantern Orchard "
    "Compass Tideline Meridian Bastion"
).split()
_TICKET_KEYS = ("DM", "OPS", "SP", "CAP", "RFC")
_TOPICS = (
    "the release schedule|test coverage of the stack|the deployment process|memory use on "
    "large tracts|documentation of tasks|the data model|nightly regression runs|provenance "
    "capture|the interim data facility|container images|the prompt processing latency|"
    "authentication of users|the calibration pipeline|reprocessing of the test dataset|"
    "the public interfaces|the code review process|the staffing plan|the conda environment"
).split("|")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_AGENDA = (
    "Welcome|Project news|Status update|Calibration products|Plans for the interim facility|"
    "Rebaselining and schedule|Team status|Prompt processing|Wrap-up|Data model review|"
    "Operations rehearsal|Budget and staffing"
).split("|")


@dataclass(frozen=True)
class Cast:
    """The people, teams, components and ticket keys a corpus draws its names from."""

    people: tuple[str, ...]
    teams: tuple[str, ...]
    components: tuple[str, ...]
    ticket_keys: tuple[str, ...]
    usernames: tuple[str, ...]


def make_cast(seed: int = 7, people: int = 300, teams: int = 24, components: int = 250) -> Cast:
    """Generated pools of names (no real person, team or package of the samples)."""
    rng = random.Random(f"cast:{seed}")
    names = [f"{f} {last}" for f in _FIRST for last in _LAST]
    rng.shuffle(names)
    team_names = [f"{a} {b}" for a in _TEAM_A for b in _TEAM_B]
    rng.shuffle(team_names)
    packages = [f"{p}_{s}" for p in _PREFIXES for s in _STEMS]
    rng.shuffle(packages)
    comps = packages[: max(1, components - len(_SERVICES))] + list(_SERVICES)
    rng.shuffle(comps)
    users = [f"{f[0].lower()}{last.lower()}" for f, last in zip(_FIRST, _LAST, strict=False)]
    return Cast(
        people=tuple(names[:people]),
        teams=tuple(team_names[:teams]),
        components=tuple(comps[:components]),
        ticket_keys=_TICKET_KEYS,
        usernames=tuple(users),
    )


class _Writer:
    """Draws names with a Zipf-like skew and fills the sentence templates of one document."""

    def __init__(self, cast: Cast, rng: random.Random) -> None:
        self.cast = cast
        self.rng = rng

    def _zipf(self, pool: tuple[T, ...]) -> T:
        n = len(pool)
        # inverse-CDF of a Zipf(1) over ranks 1..n, cheap and deterministic
        rank = int(n ** self.rng.random()) - 1
        return pool[min(max(rank, 0), n - 1)]

    def person(self) -> str:
        return self._zipf(self.cast.people)

    def team(self) -> str:
        return self._zipf(self.cast.teams)

    def comp(self) -> str:
        return self._zipf(self.cast.components)

    def ticket(self) -> str:
        return f"{self.rng.choice(self.cast.ticket_keys)}-{self.rng.randint(100, 29999)}"

    def topic(self) -> str:
        return self.rng.choice(_TOPICS)

    def two_comps(self) -> tuple[str, str]:
        a = self.comp()
        b = self.comp()
        while b == a:
            b = self.rng.choice(self.cast.components)
        return a, b

    def sentence(self) -> str:
        """One discussion sentence: a relation, a decision, or plain talk."""
        r = self.rng
        p, t, (c, d), k, topic = self.person(), self.team(), self.two_comps(), self.ticket(), ""
        topic = self.topic()
        month = r.choice(_MONTHS)
        forms = (
            f"{p} is responsible for {c}.",
            f"{c} is maintained by the {t} team.",
            f"The {t} team owns {c} and will keep it running through {month}.",
            f"{p} will act as point of contact for the {t} team on {topic}.",
            f"{c} depends on {d}.",
            f"{c} relies on {d} for {topic}, which makes upgrades slow.",
            f"It was agreed that {c} will move to {d} by {month}.",
            f"We decided to deprecate {c} in favour of {d}.",
            f"The {t} team would like {c} to expose {topic} to users.",
            f"{p} leads the {t} team.",
            f"{p} joined the {t} team in {month}.",
            f"{p} is working on {c}; see {k}.",
            f"There was some discussion of {topic}; it's not clear that this is conclusive.",
            f"Quantum generation in {c} is slow, but {topic} is fast enough for now.",
            f"{p} asked when we will start acting on {topic}.",
            f"Not clear that adding new resources will help with {topic} before {month}.",
            f"Agreement that the {t} team will review {topic} before the next meeting.",
        )
        return r.choice(forms)

    def paragraph(self, n: int) -> str:
        return " ".join(self.sentence() for _ in range(n))

    def action(self, due: date | None) -> str:
        r = self.rng
        p, q, c, k, topic, t = (
            self.person(),
            self.person(),
            self.comp(),
            self.ticket(),
            self.topic(),
            self.team(),
        )
        forms = (
            f"{p} to review {k}",
            f"{p} look into {topic} in {c}",
            f"{p}, {q} arrange a full walkthrough of {c} with the {t} team",
            f"{p} write a technical note on {topic} ({k})",
            f"{p} prepare a complete description of the work involved in upgrading {c}.",
            f"{p} follow up with the {t} team about {c} and {topic}",
        )
        text = r.choice(forms)
        if due is not None:
            text += f" {due.day:02d} {due.strftime('%b %Y')}"
        return text


def _title(w: _Writer, start: date, days: int) -> str:
    team = w.team()
    end = start + timedelta(days=days - 1)
    forms = (
        f"{team} Weekly Sync {start.isoformat()}",
        f"{team} Joint Technical Meeting {start:%Y-%m} Meeting Notes",
        f"{team} Virtual Face-to-Face Meeting, {start.isoformat()}/{end.day:02d}",
        f"{start.isoformat()} {team} Planning Meeting",
    )
    return w.rng.choice(forms)


def _attendees(w: _Writer) -> list[str]:
    r = w.rng
    names = list(dict.fromkeys(w.person() for _ in range(r.randint(5, 14))))
    lines = []
    for name in names:
        style = r.random()
        if style < 0.45:
            lines.append(f"- [{name}](#)")
        elif style < 0.93:
            lines.append(f"- {name}")
        else:
            lines.append(f"- Unknown User ({r.choice(w.cast.usernames)})")
    return lines


def _agenda(w: _Writer, start: date, days: int) -> list[str]:
    r = w.rng
    ul = '<ul style="list-style-type: none">'
    lines = ["Agenda", ""]
    for day in range(days):
        when = start + timedelta(days=day)
        lines.append(f"Day {day + 1}: {when.isoformat()}\t\t\t\t")
        lines.append("Time (Project)\tTopic\tCoordinator\tPre-meeting notes\tRunning notes")
        lines.append(f"Moderator: {w.person()}\t\t\t\t")
        hour = 9
        for _ in range(r.randint(2, 3)):
            topic = r.choice(_AGENDA)
            coord = w.person() if r.random() < 0.7 else f"{w.person()} / {w.person()}"
            pre = f"{ul}• {w.sentence()}• {w.sentence()}"
            due = when + timedelta(days=r.randint(7, 40))
            notes = f"{ul}• {w.sentence()}• {w.sentence()} ✓ {w.action(due)} <p>{w.sentence()}</p>"
            lines.append(f"{hour:02d}:00\t{topic}\t{coord}\t{pre}\t{notes}")
            hour += 1
        lines.append(f"{hour:02d}:30 (at latest)\tClose\t\t\t")
    return lines + [""]


def _discussion(w: _Writer) -> list[str]:
    r = w.rng
    lines: list[str] = []
    for _ in range(r.randint(2, 3)):
        a, b = w.team(), w.team()
        lines += [f"{a} and {b}" if a != b else a, "", w.topic().capitalize(), ""]
        lines += [w.paragraph(r.randint(2, 4)), ""]
        glyphs = ("- ", "- · ", "- ° ", " - ")
        for _ in range(r.randint(1, 3)):
            lines.append(r.choice(glyphs) + w.sentence())
        lines.append("")
    return lines


def _actions(w: _Writer, start: date) -> list[str]:
    r = w.rng
    lines = ["Actions", ""]
    for _ in range(r.randint(3, 8)):
        due = start + timedelta(days=r.randint(7, 60)) if r.random() < 0.5 else None
        prefix = "✓\t" if r.random() < 0.15 else "- "
        lines.append(prefix + w.action(due))
    return lines + [""]


def _summary(w: _Writer, start: date, title: str) -> list[str]:
    r = w.rng
    lines = ["Action Item Summary", "", "Description\tDue date\tAssignee\tTask appears on"]
    for _ in range(r.randint(2, 6)):
        who = w.person()
        due = start + timedelta(days=r.randint(7, 90))
        stamp = f"{due.day:02d} {due.strftime('%b %Y')}"
        box = '<input type="checkbox"/>' if r.random() < 0.8 else "✓"
        what = w.action(None).split(" ", 2)[-1]
        lines.append(f"{box} {who} {what}. {stamp}\t{stamp}\t{who}\t{title}")
    return lines + [""]


def generate_document(i: int, cast: Cast, seed: int = 7) -> str:
    """The text of document ``i``: same seed and cast, same text."""
    rng = random.Random(f"doc:{seed}:{i}")
    w = _Writer(cast, rng)
    start = date(2016, 1, 4) + timedelta(days=7 * i + rng.randint(0, 4))
    days = rng.choice((1, 1, 1, 1, 2))
    title = _title(w, start, days)
    lines = [title, ""]
    if rng.random() < 0.3:
        lines += ["Error rendering macro 'toc'", ""]
    if days > 1 or rng.random() < 0.5:
        end = start + timedelta(days=days - 1)
        lines += ["Date", "", f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}", ""]
    lines += ["Attendees", "", *_attendees(w), ""]
    if rng.random() < 0.6:
        lines += _agenda(w, start, days)
    lines += _discussion(w)
    lines += _actions(w, start)
    if rng.random() < 0.5:
        lines += _summary(w, start, title)
    return "\n".join(lines)


def generate_documents(n: int, seed: int = 7, cast: Cast | None = None) -> list[tuple[str, str]]:
    """``n`` documents as ``(file name, text)`` pairs."""
    cast = cast or make_cast(seed)
    return [(f"minutes-{i:05d}.txt", generate_document(i, cast, seed)) for i in range(n)]


def write_corpus(folder: str | Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` generated documents into ``folder`` (created); returns their paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate_documents(n, seed):
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
