"""``minutes_decisions``: what the meeting decided, sentence by sentence, and votes that passed."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.blocks import is_item, parent_item
from ingest.components.document import document_of, resources_of, set_group
from ingest.extract.decisions import (
    assents,
    decision_end,
    decision_span,
    decision_text,
    decision_topic,
    decision_wording,
    is_decision,
    is_decision_heading,
    is_decision_section,
    is_open,
    is_outcome,
    is_own_task,
    is_rejection,
    objection_polls,
    table_decisions,
    topic_wording,
)
from ingest.extract.votes import find_votes
from ingest.model import Decision
from ingest.spans import SpanIndex
from ontology.ids import decision_iri

__all__ = ["DecisionsComponent"]

#: what a decision is not "about": who took it and the meeting it was taken in
_NOT_ABOUT = ("Person", "Meeting")


class DecisionsComponent:
    """Reads ``doc._.sentences``, ``doc._.structure`` (blocks and their sections),
    ``doc._.cues`` and ``doc._.refs``; writes ``doc._.decisions`` (span group ``decisions``,
    label: ``decision``, or ``vote`` for a vote that passed)."""

    def __call__(self, doc: Doc) -> Doc:
        vocabulary = resources_of(doc).vocabulary
        structure = doc._.structure
        clean = structure.clean
        text = clean.text
        refs = doc._.refs
        doc_id = document_of(doc)
        ref_index = SpanIndex(refs)
        cue_index = SpanIndex(doc._.cues)
        decisions: list[Decision] = []
        decided: list[tuple[int, int]] = []
        spans: list[tuple[int, int, str]] = []
        sections = vocabulary.decision_sections
        generic = vocabulary.generic_sections
        votes = find_votes(text)
        decided_index = SpanIndex(tuples=True)
        for row in table_decisions(text, structure.blocks):  # "| Logo | Adopt the blue logo |"
            about = [r.id for r in ref_index.within(*row.row) if r.type not in _NOT_ABOUT]
            decided.append(row.row)
            decided_index.add(row.row)
            decisions.append(
                Decision(
                    decision_iri(doc_id, len(decisions) + 1),
                    row.text,
                    tuple(dict.fromkeys(about)),
                    (clean.evidence(*row.row),),
                )
            )
            spans.append((*row.row, "decision"))
        for s, e, k in doc._.sentences:
            inside = ref_index.within(s, e)
            cues = cue_index.within(s, e)
            block = structure.blocks[k] if k >= 0 else None
            heading = block.section[-1].lower() if block is not None and block.section else ""
            in_section = (  # "## Decisions" lists one decision per item
                block is not None
                and block.kind == "item"
                and is_decision_section(heading, sections)
                and not text[s:e].rstrip().endswith(("?", ":"))
            )
            persons = [r for r in inside if r.type == "Person"]
            organisations = [r for r in inside if r.type == "Organization"]
            line = text[text.rfind("\n", 0, s) + 1 : e]
            concluded = (  # "Conclusion:" heads the items that settle the topic above it
                block.section[-2]
                if in_section and heading.startswith("conclusion") and len(block.section) >= 2
                else None
            )
            if (
                block is not None
                and block.kind in ("heading", "title")
                and is_decision_heading(text[s:e])
            ):
                continue  # "### Agreed" heads the decisions below it; it is none itself
            if decided_index.overlaps(s, s + 1) or (
                is_outcome(text[s:e]) and any(v.start <= s < v.end for v in votes)
            ):
                continue  # the rest of a labelled decision, or a vote's outcome (read below)
            in_section = (
                in_section
                and not is_open(text[s:e])
                and not is_own_task(text[s:e], s, [r for r in inside if r.type == "Person"])
            )
            after_decision = bool(decided) and _same_paragraph(text, decided[-1][1], s)
            if (
                is_decision(text[s:e], s, cues, persons, line, after_decision, organisations)
                or in_section
            ) and not is_rejection(text[s:e]):
                s, e = decision_span(text, s, e, cues)
                e = decision_end(
                    text, s, e, block.end if block is not None else e, concluded is not None
                )
                about = [r.id for r in inside if r.type not in _NOT_ABOUT]
                speakers = [text[r.start : r.end] for r in persons]
                decided.append((s, e))
                decided_index.add((s, e))
                said = decision_text(text, s, e, block.section if block is not None else ())
                if concluded is None and is_item(structure, k) and len(text[s:e].split()) <= 8:
                    # "Vote on X. Bill seconding. Approved." in one entry: the entry says what;
                    # "3. Agreement." alone under its question: the question does
                    before = " ".join(text[block.start : s].split()).lstrip("-*•0123456789.) ")
                    concluded = (
                        before[:300]
                        or parent_item(structure, k)
                        or decision_topic(structure, k, sections, generic)
                    )
                elif (
                    concluded is None
                    and is_item(structure, k)
                    and said == " ".join(text[s:e].split())
                ):
                    concluded = decision_topic(structure, k, sections, generic)
                wording = (
                    decision_wording(said, speakers)
                    if concluded is None
                    else f"{topic_wording(concluded)} - {decision_wording(text[s:e], speakers)}"
                )
                if is_outcome(text[s:e]) and _restated(wording, decisions):
                    continue  # "Summary: Approved." under its topic restating "Topic: approved"
                decisions.append(
                    Decision(
                        decision_iri(doc_id, len(decisions) + 1),
                        wording,
                        tuple(dict.fromkeys(about)),
                        (clean.evidence(s, e),),
                    )
                )
                spans.append((s, e, "decision"))
        for k in assents(text, structure.blocks, refs):  # "- Drop the old viewer +1"
            s, e = structure.blocks[k].start, structure.blocks[k].end
            if decided_index.overlaps(s, e):
                continue
            s += len(text[s:e]) - len(text[s:e].lstrip(" \t-*•"))
            about = [r.id for r in ref_index.within(s, e) if r.type not in _NOT_ABOUT]
            decided.append((s, e))
            decisions.append(
                Decision(
                    decision_iri(doc_id, len(decisions) + 1),
                    decision_wording(text[s:e]),
                    tuple(dict.fromkeys(about)),
                    (clean.evidence(s, e),),
                )
            )
            spans.append((s, e, "decision"))
        for poll in objection_polls(text):  # "Any objections? None. Great, X is at phase 2"
            if any(s < poll.end + 300 and poll.start - 100 < e for s, e in decided):
                continue  # the decision near it already says it ("RESOLVED: ...")
            about = [
                r.id for r in ref_index.within(poll.start, poll.end) if r.type not in _NOT_ABOUT
            ]
            decided.append((poll.start, poll.end))
            decisions.append(
                Decision(
                    decision_iri(doc_id, len(decisions) + 1),
                    decision_wording(poll.text),
                    tuple(dict.fromkeys(about)),
                    (clean.evidence(poll.start, poll.end),),
                )
            )
            spans.append((poll.start, poll.end, "decision"))
        # a vote that passed is a decision, unless a sentence of it already said what was decided
        for vote in votes:
            if not vote.passed or any(s < vote.end and vote.start < e for s, e in decided):
                continue
            ms, me = vote.motion
            about = [
                r.id for r in refs if ms <= r.start and r.end <= me and r.type not in _NOT_ABOUT
            ]
            decisions.append(
                Decision(
                    decision_iri(doc_id, len(decisions) + 1),
                    vote_wording(text[ms:me], vote.text),
                    tuple(dict.fromkeys(about)),
                    (clean.evidence(vote.start, vote.end),),
                )
            )
            spans.append((vote.start, vote.end, "vote"))
        doc._.decisions = decisions
        set_group(doc, "decisions", spans)
        return doc


def vote_wording(motion: str, said: str) -> str:
    """A vote that passed as its motion and outcome ("move to Git - passed")."""
    outcome = re.findall(r"passed|passes|carried|carries|approved|adopted", said, re.I)
    word = (
        {"passes": "passed", "carries": "carried"}.get(outcome[-1].lower(), outcome[-1].lower())
        if outcome
        else "passed"
    )
    return f"{decision_wording(motion).rstrip('. ')} - {word}"


def _restated(wording: str, decisions: Sequence[Decision]) -> bool:
    """Whether a decision already found says the same words as ``wording`` (a bare outcome
    under its topic's heading, worded as the topic, restating the summary above)."""
    words = re.findall(r"\w+", wording.lower())
    return bool(words) and any(re.findall(r"\w+", d.text.lower()) == words for d in decisions)


def _same_paragraph(text: str, end: int, start: int) -> bool:
    """Whether ``start`` follows ``end`` within the same paragraph (only spaces, or one
    line break, between them)."""
    between = text[end:start] if end <= start else "\n\n"
    return not between.strip() and between.count("\n") <= 1


@Language.factory("minutes_decisions")
def make_decisions(nlp: Language, name: str) -> DecisionsComponent:
    return DecisionsComponent()
