"""The behavioural checklist: small hand-written minutes, each checking one capability.

Cases live in ``cases/<capability>.yaml``::

    capability: actions
    cases:
      - id: will_plain            # unique within the capability
        format: md                # md | txt | html | rst | wiki (the file's suffix)
        text: |
          # Release sync, 2024-05-06
          Alice Smith will write the release plan.
        expect:                   # checks, see tests.ingest.checklist.checks
          actions: [{assignee: Alice Smith, text_contains: release plan}]

:func:`run_suite` writes every case to a file named after it, extracts all of them in
one batch (``ingest.pipeline.extract_files``) and checks each extraction.
``bars.json`` holds, per capability, the ratchet (the pass rate measured when it was
last raised, rounded down to 5%) and the issue's target.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.ingest.checklist.checks import CHECKS, run_checks

__all__ = [
    "CASES_DIR",
    "BARS_PATH",
    "FORMATS",
    "Case",
    "Result",
    "load_cases",
    "load_bars",
    "run_suite",
    "pass_rates",
    "format_report",
    "raise_ratchets",
]

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
BARS_PATH = HERE / "bars.json"
#: case format -> file suffix
FORMATS = {
    "md": ".md",
    "txt": ".txt",
    "html": ".html",
    "rst": ".rst",
    "wiki": ".wiki",
    "adoc": ".adoc",
    "org": ".org",
}
OVERALL = "overall"


class CaseError(ValueError):
    """A case file that does not follow the layout in this module's docstring."""


@dataclass(frozen=True)
class Case:
    """One minimal minutes document and what extraction must find in it."""

    capability: str
    id: str
    format: str
    text: str
    expect: dict[str, Any]

    @property
    def file_name(self) -> str:
        return f"{self.capability}__{self.id}{FORMATS[self.format]}"


@dataclass
class Result:
    """How one case fared: ``failures`` is empty when it passed."""

    case: Case
    failures: list[str] = field(default_factory=list)
    extraction: dict[str, Any] | None = None  # the ``kg extract`` JSON, None if it failed

    @property
    def passed(self) -> bool:
        return not self.failures


def _case(capability: str, raw: dict[str, Any], where: str) -> Case:
    for key in ("id", "format", "text", "expect"):
        if key not in raw:
            raise CaseError(f"{where}: a case needs {key!r} (keys: id, format, text, expect)")
    if raw["format"] not in FORMATS:
        raise CaseError(
            f"{where} {raw['id']}: format {raw['format']!r}; accepted: {sorted(FORMATS)}"
        )
    unknown = set(raw["expect"]) - set(CHECKS)
    if unknown or not raw["expect"]:
        raise CaseError(
            f"{where} {raw['id']}: checks {sorted(unknown) or 'none'}; accepted: {sorted(CHECKS)}"
        )
    return Case(capability, str(raw["id"]), raw["format"], raw["text"], dict(raw["expect"]))


def load_cases(cases_dir: Path = CASES_DIR, only: str | None = None) -> list[Case]:
    """Every case of ``cases_dir``, ids checked unique.

    ``only`` keeps one capability (``actions``) or one case (``actions/will_plain``).
    """
    cases: list[Case] = []
    seen: set[str] = set()
    for path in sorted(cases_dir.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise CaseError(f"{path.name}: not valid YAML: {exc}") from exc
        capability = data.get("capability")
        if capability != path.stem:
            raise CaseError(f"{path.name}: 'capability' must be {path.stem!r}, is {capability!r}")
        if only and capability != only.split("/")[0]:
            continue
        for raw in data.get("cases", []):
            case = _case(capability, raw, path.name)
            if case.file_name in seen:
                raise CaseError(f"{path.name}: case id {case.id!r} used twice")
            seen.add(case.file_name)
            if not only or only in (capability, f"{capability}/{case.id}"):
                cases.append(case)
    return cases


def load_bars(path: Path = BARS_PATH) -> dict[str, dict[str, float]]:
    """``{capability: {"ratchet": r, "target": t}}`` (``"overall"`` included)."""
    return json.loads(path.read_text(encoding="utf-8"))["bars"]


def run_suite(cases: list[Case], workdir: Path | None = None) -> list[Result]:
    """Write the cases into ``workdir`` (a temporary folder if None), extract, check."""
    from ingest.pipeline import extract_files

    with tempfile.TemporaryDirectory(prefix="checklist-") as tmp:
        folder = workdir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        by_path: dict[str, Case] = {}
        for case in cases:
            path = folder / case.file_name
            path.write_text(case.text, encoding="utf-8")
            by_path[str(path)] = case
        results: list[Result] = []
        for path, extraction in extract_files(list(by_path)):
            case = by_path[str(path)]
            if isinstance(extraction, Exception):
                results.append(Result(case, [f"extraction failed: {extraction!r}"]))
                continue
            found = extraction.to_dict()
            results.append(Result(case, run_checks(found, case.text, case.expect), found))
    return results


def pass_rates(results: list[Result]) -> dict[str, tuple[int, int]]:
    """``{capability: (passed, total)}`` plus ``"overall"``."""
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    for r in results:
        total[r.case.capability] += 1
        passed[r.case.capability] += r.passed
    rates = {c: (passed[c], total[c]) for c in sorted(total)}
    rates[OVERALL] = (sum(passed.values()), sum(total.values()))
    return rates


def format_report(
    results: list[Result],
    bars: dict[str, dict[str, float]],
    show_failures: bool = True,
    flag_below: bool = True,
) -> str:
    """The pass rate per capability against its ratchet and target, then the failures.

    ``flag_below`` marks capabilities under their ratchet (off when a subset was run).
    """
    lines = [f"{'capability':<24}{'cases':>6}{'passed':>8}{'rate':>8}{'ratchet':>9}{'target':>8}"]
    for capability, (ok, n) in pass_rates(results).items():
        bar = bars.get(capability, {})
        rate = ok / n if n else 0.0
        flag = "  BELOW RATCHET" if flag_below and rate < bar.get("ratchet", 0.0) else ""
        lines.append(
            f"{capability:<24}{n:>6}{ok:>8}{rate:>8.0%}{bar.get('ratchet', 0):>9.0%}"
            f"{bar.get('target', 0):>8.0%}{flag}"
        )
    failed = [r for r in results if not r.passed]
    by_check = Counter(f.split(":", 1)[0] for r in failed for f in r.failures)
    if by_check:
        lines += [
            "",
            "failed checks by kind: " + ", ".join(f"{k} {n}" for k, n in by_check.most_common()),
        ]
    if show_failures and failed:
        lines += ["", f"failing cases ({len(failed)}):"]
        for r in failed:
            lines.append(f"- {r.case.capability}/{r.case.id} ({r.case.format})")
            lines += [f"    {f}" for f in r.failures]
    return "\n".join(lines)


def raise_ratchets(
    results: list[Result], path: Path = BARS_PATH, lower: bool = False
) -> dict[str, float]:
    """Raise each ratchet to the measured rate rounded down to 5% (``lower``: also lower).

    Lowering is for the commit that adds cases (new cases may fail today); extraction
    changes only ever raise. Returns the ratchets that moved, ``{capability: new}``.
    New capabilities get the issue's target (75%; 90% overall).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    bars = data["bars"]
    moved: dict[str, float] = {}
    for capability, (ok, n) in pass_rates(results).items():
        bar = bars.setdefault(
            capability, {"ratchet": 0.0, "target": 0.9 if capability == OVERALL else 0.75}
        )
        measured = math.floor(ok / n * 20 + 1e-9) / 20 if n else 0.0
        if measured > bar["ratchet"] or (lower and measured != bar["ratchet"]):
            bar["ratchet"] = moved[capability] = measured
    data["bars"] = dict(sorted(bars.items(), key=lambda kv: (kv[0] == OVERALL, kv[0])))
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return moved
