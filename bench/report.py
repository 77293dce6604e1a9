"""BENCHMARKS.md from the JSON the cases wrote: machine, summary against targets, details.

Every figure is a median of repetitions with its spread (min-max) or, for latency,
p50/p99 over all requests; each target of issue 7 is compared and marked PASS or
MISS, a miss with by how much and the likely cause found in the measurements.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["SECTIONS", "evaluate_targets", "render"]

#: the headings every report has (the smoke test checks them)
SECTIONS = (
    "## Machine",
    "## Summary against the targets",
    "## Ingest throughput",
    "## Where ingest spends its time",
    "## Query latency",
    "## Graph page",
    "## Cold start of the query path",
    "## Why targets were missed",
    "## Hostile inputs to kg extract",
    "## Reads while documents are posted",
    "## Shared deployment: the API over Oxigraph server",
)


def _f(value: Any, digits: int = 1, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value}{unit}"


def _spread(s: dict[str, Any] | None, digits: int = 1, scale: float = 1.0) -> str:
    if not s or s.get("median") is None:
        return "n/a"
    med, lo, hi = (s[k] * scale for k in ("median", "min", "max"))
    if s.get("n", 0) <= 1:
        return f"{med:,.{digits}f} (1 run)"
    return f"{med:,.{digits}f} [{lo:,.{digits}f}-{hi:,.{digits}f}]"


def _variant(ingest: dict[str, Any], name: str) -> dict[str, Any]:
    variants: dict[str, Any] = ingest.get("variants", {})
    return variants.get(name, {})


def _wps(ingest: dict[str, Any], name: str) -> float | None:
    value = _variant(ingest, name).get("words_per_s", {}).get("median")
    return float(value) if value is not None else None


def _verdict(ok: bool | None, how: str) -> str:
    if ok is None:
        return f"not measured: {how}"
    return "PASS" if ok else f"MISS ({how})"


def evaluate_targets(res: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each target of issues 7 and 11."""
    rows: list[tuple[str, str, str]] = []
    ingest = res.get("ingest", {})
    main_size = max(ingest, key=lambda k: int(k), default=None) if ingest else None
    multi = ingest.get(main_size, {}) if main_size else {}
    raw1, kg1 = _wps(multi, "raw spaCy, 1 process"), _wps(multi, "kg ingest, 1 process")
    kg2 = _wps(multi, "kg ingest, 2 process")
    # issue 11: the model parses every sentence now, so ingest is measured against 0.5x raw
    # spaCy (issue 7's 0.8x held when only cued sentences were parsed); two processes are
    # held to scaling ingest itself, 1.5x its own one-process rate on two cores
    if raw1 and kg1:
        r = kg1 / raw1
        rows.append(
            (
                f"ingest >= 0.5x raw spaCy words/s, 1 process ({main_size} docs)",
                f"{r:.2f}x ({kg1:,.0f} vs {raw1:,.0f} words/s)",
                _verdict(r >= 0.5, f"{r / 0.5:.0%} of the target"),
            )
        )
    else:
        rows.append(("ingest >= 0.5x raw spaCy, 1 process", "n/a", _verdict(None, "no run")))
    if kg1 and kg2:
        r = kg2 / kg1
        rows.append(
            (
                f"ingest with 2 processes >= 1.5x its own 1-process words/s ({main_size} docs)",
                f"{r:.2f}x ({kg2:,.0f} vs {kg1:,.0f} words/s)",
                _verdict(r >= 1.5, f"{r / 1.5:.0%} of the target"),
            )
        )
    else:
        rows.append(("ingest 2 processes >= 1.5x 1 process", "n/a", _verdict(None, "no run")))
    queries = res.get("queries", {})
    big = max(queries, key=lambda k: queries[k].get("triples", 0), default=None)
    q = queries.get(big, {}) if big else {}
    owners = q.get("questions", {}).get("/owners", {}).get("server", {})
    p50, p99 = owners.get("p50_ms"), owners.get("p99_ms")
    at = f"at {q.get('triples', 0):,} triples"
    if p50 is not None:
        ok = p50 <= 2 and p99 <= 5
        rows.append(
            (
                f"/owners p50 <= 2 ms, p99 <= 5 ms {at}",
                f"p50 {p50:,.1f} ms, p99 {p99:,.1f} ms",
                _verdict(ok, f"p50 {p50 / 2:,.0f}x the target"),
            )
        )
    else:
        err = owners.get("error", "no answer")
        rows.append((f"/owners p50 <= 2 ms, p99 <= 5 ms {at}", "no answer", f"MISS ({err[:120]})"))
    # issue 13: who owned it on a day, and open actions from their latest state
    for label, p99_target in (("/owners?as_of=", 10), ("/actions?status=open", 10)):
        found = q.get("questions", {}).get(label, {}).get("server", {})
        p50, p99 = found.get("p50_ms"), found.get("p99_ms")
        if p50 is None:
            continue
        rows.append(
            (
                f"{label} p50 <= 2 ms, p99 <= {p99_target} ms {at}",
                f"p50 {p50:,.1f} ms, p99 {p99:,.1f} ms",
                _verdict(p50 <= 2 and p99 <= p99_target, f"p50 {p50 / 2:,.0f}x the target"),
            )
        )
    ratios = [
        (label, sides.get("ratio_p50"))
        for label, sides in q.get("questions", {}).items()
        if label.startswith("sparql")
    ]
    measured = [r for _, r in ratios if r]
    if measured:
        worst = max(measured)
        rows.append(
            (
                f"SPARQL through /sparql <= 1.5x bare store (p50, {at})",
                ", ".join(f"{r:.2f}x" for r in measured),
                _verdict(worst <= 1.5, f"worst {worst:.1f}x"),
            )
        )
    else:
        rows.append(("SPARQL through /sparql <= 1.5x bare", "n/a", _verdict(None, "no run")))
    cold = res.get("cold", {})
    secs = cold.get("seconds", {}).get("median")
    if secs is not None:
        ok = secs <= 0.5 and not cold.get("spacy_imported")
        rows.append(
            (
                "cold `kg owners` <= 0.5 s, spaCy not imported",
                f"{secs:.2f} s, spaCy imported: {cold.get('spacy_imported')}",
                _verdict(ok, f"{secs / 0.5:.1f}x the target"),
            )
        )
    for row in (res.get("extract") or {}).values():
        if not isinstance(row, dict) or "default" not in row:
            continue
        d = row["default"]
        clean = d.get("exit_code") in (0, 1) and not d.get("traceback")
        ok = clean and d["seconds"] < 60 and d["peak_rss_mb"] < 1024
        rows.append(
            (
                f"`kg extract` of {row['what']}: done or refused cleanly, < 60 s, < 1 GB",
                f"{d['seconds']:.1f} s, {d['peak_rss_mb']:,.0f} MB, exit {d.get('exit_code')}",
                _verdict(ok, "slow, large or unclean"),
            )
        )
    soak = res.get("soak") or {}
    if soak.get("p99_ms") is not None:
        p99 = soak["p99_ms"]
        rows.append(
            (
                f"`/owners` p99 < 100 ms while {soak.get('documents')} documents are posted",
                f"{p99:.0f} ms (p50 {soak.get('p50_ms') or 0:.0f} ms, {soak.get('reads')} reads, "
                f"{soak.get('read_errors')} errors)",
                _verdict(p99 < 100 and not soak.get("read_errors"), f"{p99 / 100:.1f}x"),
            )
        )
    ident = res.get("identity", {})
    secs = ident.get("seconds", {}).get("median")
    if secs is not None:
        rows.append(
            (
                f"identity resolution over {ident.get('documents')} documents < 10 s",
                f"{secs:.2f} s ({ident.get('links')} links, {ident.get('ambiguous')} ambiguous)",
                _verdict(secs < 10, f"{secs / 10:.2f}x the target"),
            )
        )
    big_ingest = res.get("ingest_1000", {})
    rss = [
        v.get("peak_rss_mb", {}).get("max")
        for v in big_ingest.get("variants", {}).values()
        if v.get("peak_rss_mb")
    ]
    if rss:
        peak = max(r for r in rss if r is not None)
        rows.append(
            (
                f"{big_ingest.get('documents')}-document ingest under 2 GB RSS",
                f"{peak:,.0f} MB peak",
                _verdict(peak < 2048, f"{peak / 2048:.1f}x"),
            )
        )
    elif big_ingest.get("failed_runs"):
        part = max(big_ingest["failed_runs"].values(), key=lambda r: r["peak_rss_mb"])
        rows.append(
            (
                f"{big_ingest.get('documents')}-document ingest under 2 GB RSS",
                f"{part['peak_rss_mb']:,.0f} MB peak when stopped at the run's time budget "
                f"({part['seconds']:.0f} s, not finished)",
                _verdict(None, "partial run") if part["peak_rss_mb"] < 2048 else "MISS",
            )
        )
    else:
        rows.append(("1,000-document ingest under 2 GB RSS", "n/a", _verdict(None, "no run")))
    graph = res.get("graph", {}).get("sizes", {})
    top = max(graph, key=int, default=None)
    draw = graph.get(top, {}).get("draw_s", {}).get("median") if top else None
    if draw is not None:
        nodes = graph[top].get("nodes")
        rows.append(
            (
                "a 2,000-node graph page drawn in under 2 s",
                f"{draw:.2f} s for {nodes} nodes",
                _verdict(draw < 2, f"{draw / 2:.1f}x"),
            )
        )
    else:
        why = graph.get(top, {}).get("draw_error") or "no browser run" if top else "no run"
        rows.append(("a 2,000-node graph page drawn in under 2 s", "n/a", _verdict(None, why)))
    total = res.get("total_seconds")
    if total is not None and not res.get("smoke"):
        rows.append(
            (
                "`make bench` under 20 minutes",
                f"{total / 60:.1f} min",
                _verdict(total < 1200, f"{total / 1200:.1f}x"),
            )
        )
    return rows


def _ingest_section(res: dict[str, Any]) -> list[str]:
    out = [SECTIONS[2], ""]
    out.append(
        "Whole child processes timed from outside (start, model load, work); words are "
        "whitespace words of the cleaned text (`ingest.read.source` + `ingest.read.clean`), "
        "the same for both sides. Median [min-max] of the repetitions."
    )
    runs = [(k, v) for k, v in sorted(res.get("ingest", {}).items(), key=lambda kv: int(kv[0]))]
    if res.get("ingest_1000"):
        runs.append(("1000 (once)", res["ingest_1000"]))
    for size, data in runs:
        out += [
            "",
            f"### {size} documents, {data.get('words', 0):,} words, {data.get('reps')} reps",
            "",
        ]
        out.append("| variant | words/s | seconds | peak RSS (MB) | model load s | nlp.pipe s |")
        out.append("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, v in data.get("variants", {}).items():
            out.append(
                f"| {name} | {_spread(v.get('words_per_s'), 0)} | {_spread(v.get('seconds'), 2)}"
                f" | {_spread(v.get('peak_rss_mb'), 0)} | {_spread(v.get('load_seconds'), 2)}"
                f" | {_spread(v.get('pipe_seconds'), 2)} |"
            )
        for name, err in data.get("errors", {}).items():
            out.append(f"\n**{name}:** {err[:70]} ... `{err[-300:]}`")
    return out


def _profile_table(prof: dict[str, Any]) -> list[str]:
    out = ["| phase or module | s | share |", "| --- | ---: | ---: |"]
    for name, secs, share in prof["modules"]:
        out.append(f"| `{name}` | {secs:.2f} | {share:.0%} |")
    out += ["", "Heaviest functions of ours:", ""]
    out += ["| function | s | share |", "| --- | ---: | ---: |"]
    for name, secs, share in prof["functions"][:10]:
        out.append(f"| `{name}` | {secs:.2f} | {share:.0%} |")
    return out


def _profile_section(res: dict[str, Any]) -> list[str]:
    out = [SECTIONS[3], ""]
    prof = res.get("profile") or {}
    if not prof.get("modules"):
        return out + [f"not measured: {prof.get('error', 'no profile run')}"]
    out.append(
        f"pyinstrument over `kg ingest` of the {res.get('profile_docs')}-document corpus, one "
        f"process ({_f(prof.get('seconds'), 1)} s). Each sample is charged to imports, the "
        "model load, spaCy's pipeline, or else the innermost module of ours on the stack:"
    )
    out += ["", *_profile_table(prof)]
    two = res.get("profile_2") or {}
    if two.get("modules"):
        out += [
            "",
            f"The same with `--processes 2`, the parent process only "
            f"({_f(two.get('seconds'), 1)} s): what it does while the spaCy workers parse.",
            "",
            *_profile_table(two),
        ]
    return out


def _query_section(res: dict[str, Any]) -> list[str]:
    out = [SECTIONS[4], ""]
    out.append(
        "Server: `kg serve` on loopback, client in this harness's process, httpx keep-alive, "
        "sequential requests (req/s = 1 / mean latency), asked nothing until `/healthz` says "
        "its indexes are built. Bare: the same question as plain pyoxigraph queries on the "
        "same store folder, in process (for /owners: the claims in one query, then the three "
        "newest quotes per owner, as the API answers). Bare and server rounds alternate, so "
        "both sides see the same machine. Targets cycle through components of mention ranks "
        "0, 3, 10, 30, 100."
    )
    for _, q in sorted(res.get("queries", {}).items(), key=lambda kv: kv[1].get("triples", 0)):
        warm = q.get("warmup", {}).get("seconds")
        warm_note = f" ({q['warmup']['error']})" if q.get("warmup", {}).get("error") else ""
        out += [
            "",
            f"### {q.get('triples', 0):,} triples",
            "",
            f"Server start {_f(q.get('server_start_s'), 1)} s; indexes (names, text, ownership) "
            f"ready {_f(warm, 1)} s later{warm_note}; targets: {', '.join(q.get('targets', []))}.",
            "",
            "| question | server p50 ms | p99 ms | req/s | n | bare p50 ms | bare p99 ms "
            "| server/bare p50 | note |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for label, sides in q.get("questions", {}).items():
            s, b = sides.get("server", {}), sides.get("bare", {})
            note = s.get("error") or b.get("error") or ""
            if s.get("budget_hit"):
                note = (note + " time budget hit").strip()
            out.append(
                f"| {label} | {_f(s.get('p50_ms'), 2)} | {_f(s.get('p99_ms'), 2)} | "
                f"{_f(s.get('rps'), 1)} | {s.get('n', 0)} | {_f(b.get('p50_ms'), 2)} | "
                f"{_f(b.get('p99_ms'), 2)} | {_f(sides.get('ratio_p50'), 1, 'x')} | "
                f"{note[:160].replace('|', '/')} |"
            )
    return out


def _graph_section(res: dict[str, Any]) -> list[str]:
    g = res.get("graph", {})
    out = [SECTIONS[5], ""]
    if not g.get("sizes"):
        return out + [f"not measured: {g.get('error', 'no run')}"]
    out.append(
        f"Whole-graph page (`/graph`, no focus) with `KG_MAX_GRAPH_NODES` = the cap, on the "
        f"{g.get('triples', 0):,}-triple store. Browser: {g.get('browser') or 'none'} "
        "(navigation to vis-network's first `afterDrawing`)."
    )
    out += [
        "",
        "| cap | nodes | edges | HTML KB | first request s | cached s | draw s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for cap, row in sorted(g["sizes"].items(), key=lambda kv: int(kv[0])):
        draw = _spread(row.get("draw_s"), 2) if row.get("draw_s") else row.get("draw_error", "")
        out.append(
            f"| {cap} | {row.get('nodes', 'n/a')} | {row.get('edges', 'n/a')} | "
            f"{_f((row.get('html_bytes') or 0) / 1024, 0)} | {_f(row.get('cold_s'), 2)} | "
            f"{_spread(row.get('cached_s'), 3)} | {draw} |"
        )
    return out


def _cold_section(res: dict[str, Any]) -> list[str]:
    c = res.get("cold", {})
    out = [SECTIONS[6], ""]
    if not c:
        return out + ["not measured"]
    heavy = ", ".join(f"{m} {ms:.0f} ms" for m, ms in c.get("heaviest_imports_ms", []))
    return out + [
        f"`{c.get('command')}` on the {c.get('triples', 0):,}-triple store, a new process each "
        f"time: {_spread(c.get('seconds'), 3)} s (exit code {c.get('exit_code')}).",
        "",
        f"spaCy imported: **{c.get('spacy_imported')}**; `ingest` imported: "
        f"**{c.get('ingest_imported')}** (from `python -X importtime`). Heaviest imports: "
        f"{heavy}.",
    ]


def _soak_section(res: dict[str, Any]) -> list[str]:
    soak = res.get("soak") or {}
    out = [SECTIONS[9], ""]
    if not soak:
        return [*out, "not run"]
    if "error" in soak:
        return [*out, f"error: {soak['error'][:300]}"]
    return [
        *out,
        f"`GET /owners?of=X` from {soak.get('readers')} clients in a loop while "
        f"{soak.get('documents')} documents are posted to `POST /documents` one after the "
        f"other, store of {soak.get('triples', 0):,} triples (issue 16: p99 < 100 ms).",
        "",
        "| reads | p50 ms | p99 ms | max ms | read errors | posts failed | writing s | "
        "s per post |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| {soak.get('reads')} | {_f(soak.get('p50_ms'))} | {_f(soak.get('p99_ms'))} | "
        f"{_f(soak.get('max_ms'))} | {soak.get('read_errors')} | {soak.get('failed_posts')} | "
        f"{_f(soak.get('writing_seconds'))} | {_f(soak.get('post_seconds_median'))} |",
    ]


def _extract_section(res: dict[str, Any]) -> list[str]:
    ext = res.get("extract") or {}
    out = [
        SECTIONS[8],
        "",
        "Issue 16: each must finish or fail cleanly (one line, no traceback) in under 60 s and "
        "1 GB. `default`: `kg extract FILE` with the default per-document budget; `tenth`: a "
        "tenth of the input with the size limit off (`--max-bytes 0`), the extraction itself; "
        "`growth`: the tenth's seconds over a twentieth's (about 2 when extraction is linear "
        "in the input, less with the fixed start-up; well over 2 is a super-linear step). "
        "RSS is the peak summed over the process tree.",
        "",
        "| input | bytes | default: s | MB | exit | tenth: bytes | s | MB | exit | growth | "
        "message |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    if "error" in ext:
        return [*out, f"| error: {ext['error'][:200]} |"]
    for row in ext.values():
        d, t = row.get("default", {}), row.get("tenth_no_size_limit", {})
        h = row.get("twentieth_no_size_limit", {})
        growth = t["seconds"] / h["seconds"] if t.get("seconds") and h.get("seconds") else None
        msg = (d.get("message") or "").replace("|", "/")[:90]
        out.append(
            f"| {row.get('what')} | {row.get('bytes', 0):,} | {_f(d.get('seconds'))} | "
            f"{_f(d.get('peak_rss_mb'), 0)} | {d.get('exit_code')} | "
            f"{row.get('tenth_bytes', 0):,} | {_f(t.get('seconds'))} | "
            f"{_f(t.get('peak_rss_mb'), 0)} | {t.get('exit_code')} | {_f(growth)} | {msg} |"
        )
    return out


def _shared_section(res: dict[str, Any]) -> list[str]:
    """The shared deployment (issue 14): the API over Oxigraph server beside the embedded store."""
    sh = res.get("shared", {})
    out = [SECTIONS[10], ""]
    if not sh or "error" in sh:
        return out + [f"not measured: {sh.get('error', 'not run')}"]
    owners, ingest, ready = sh.get("owners", {}), sh.get("ingest", {}), sh.get("ready_s", {})
    out += [
        f"`bench/shared_case.py`: store of {sh.get('triples', 0):,} triples (the documents' "
        "graphs; their merged graph besides), loaded into "
        "`oxigraph serve` with "
        f"`oxigraph load` in {_f(sh.get('load', {}).get('seconds'), 0)} s.",
        "",
        "| backend | /owners p50 ms | /owners p99 ms | first /owners s | indexes ready s "
        "| ingest docs/s |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in ("embedded", "oxigraph-server"):
        o, i = owners.get(name, {}), ingest.get(name, {})
        out.append(
            f"| {name} | {_f(o.get('p50_ms'), 1)} | {_f(o.get('p99_ms'), 1)} | "
            f"{_f(o.get('first_s'), 2)} | {_f(ready.get(name), 1)} | {_f(i.get('docs_per_s'), 2)} |"
        )
    load = sh.get("load_average", {})
    if load:
        out += [
            "",
            "Load average (1, 5, 15 min) when the /owners rounds began: "
            f"{load.get('owners', 'n/a')}; when the ingests began: {load.get('ingest', 'n/a')} "
            "(2 cores shared with other work).",
        ]
    return out


def render_section_alone(report: str, res: dict[str, Any]) -> str:
    """``report`` (a BENCHMARKS.md) with its shared-deployment section replaced by the one of
    ``res``, measured alone (``bench.run --only shared``) and said to be; the section goes
    before the graph page's when the report has none."""
    m = res.get("machine", {})
    section = _shared_section(res)
    section += [
        "",
        f"Measured alone (`python -m bench.run --only shared`, {m.get('date')}, "
        f"{_f((res.get('total_seconds') or 0) / 60, 1)} min; load average at its start "
        f"{res.get('load_average', 'n/a')}); the other sections come from the whole run dated "
        "under Machine.",
    ]
    lines = report.splitlines()
    header = SECTIONS[10]
    if header in lines:
        start = lines.index(header)
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        lines[start:end] = [*section, ""]
    else:
        at = lines.index(SECTIONS[5]) if SECTIONS[5] in lines else len(lines)
        lines[at:at] = [*section, ""]
    return "\n".join(lines) + "\n"


def render(res: dict[str, Any]) -> str:
    """The whole Markdown report."""
    m = res.get("machine", {})
    versions = ", ".join(f"{k} {v}" for k, v in m.get("versions", {}).items())
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`python -m bench.run`); do not edit by hand. Smoke run: "
        f"{bool(res.get('smoke'))}. Whole run: {_f((res.get('total_seconds') or 0) / 60, 1)} min.",
        "",
        SECTIONS[0],
        "",
        f"- date: {m.get('date')}",
        f"- {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gb')} GB; {m.get('platform')}",
        f"- Python {m.get('python')}; {versions}",
        f"- load average at start: {res.get('load_average', 'n/a')} (other work on the machine "
        "slows absolute figures; ratios hold better)",
        *[f"- note: {r}" for r in res.get("remarks", [])],
        "",
        SECTIONS[1],
        "",
        "| target (issue 7) | measured | result |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {t} | {m_} | {v} |" for t, m_, v in evaluate_targets(res)]
    lines += ["", *_ingest_section(res), "", *_profile_section(res), "", *_query_section(res)]
    lines += ["", *_shared_section(res)]
    lines += ["", *_graph_section(res), "", *_cold_section(res), "", *_extract_section(res)]
    lines += ["", *_soak_section(res)]
    lines += ["", SECTIONS[7], ""]
    from bench.notes import explain

    notes = explain(res) or ["no target missed"]
    lines += [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"
