"""Decisions: what the meeting decided, agreed, resolved or approved.

A sentence is a decision when it carries a decision cue (``data/vocab/decision_words.yaml``:
"agreed", "decided", "consensus", "conclusion:", "RESOLVED:" ...) that is

- not negated ("no agreement"), not a question, not a condition ("if we decide");
- not hedged ("consensus seemed to be around ...", "almost approved", "we might");
- not one person's opinion: "Ingrid agreed that ...", "..., which Bo agreed with", or a
  speaker's turn in a transcript ("DE: we decided back then ...");
- not a decision still to be sought ("get agreement on", "seeking consensus", "after
  consensus"), and not a thing resolved in passing ("the bugs have been resolved").

Items under a heading named for decisions are decisions one by one; a vote that passed
is one (:mod:`ingest.extract.votes`). An outcome that does not say what it decides
("**Decision**: Approved", "The motion carried by unanimous vote", "Motion
carries") reads as the proposal it settles: :func:`decision_text` prefixes the
section's "Proposal:" line, or its heading. A rejected proposal is no decision.

>>> decision_text("Proposal: adopt the new logo\\n\\nDecision: Approved", 30, 48, ("Logo",))
'adopt the new logo - approved'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ingest.extract.relations import EntityRef
from ingest.resolve.vocab import word_list

if TYPE_CHECKING:
    from ingest.extract.nlp import CueMatch

__all__ = [
    "assents",
    "decision_end",
    "decision_wording",
    "topic_wording",
    "decision_span",
    "decision_text",
    "is_decision",
    "is_own_task",
    "is_outcome",
    "is_decision_section",
    "is_decision_heading",
    "table_decisions",
    "is_open",
    "is_rejection",
    "objection_polls",
    "decision_topic",
    "decision_words",
]

_WORD = re.compile(r"[\w']+")

#: the file of words the decision rules read (hedges, negations, table headers ...)
WORDS_FILE = "decision_words.yaml"


def decision_words(key: str) -> frozenset[str]:
    """The lower-case word list ``key`` of ``decision_words.yaml`` (in ``$KG_VOCAB_DIR``, else
    the repository's ``data/vocab``); a missing key is an empty list."""
    return word_list(WORDS_FILE, key)


# a speaker's turn: "DE: ...", "[name=Ana] ...", "<ana> ..."; labels are not speakers
_TURN = re.compile(
    r"^[ \t>*-]*(?:\[name=[^\]\n]+\]|<[\w.@-]+>"
    r"|[A-Za-z][\w.@-]{0,23}(?: [A-Z][\w.@-]{0,23}){0,2}[ \t]*:)[ \t]*"
)
_LABELS = re.compile(
    r"^[ \t>*-]*\**(?:conclusions?|decisions?|resolutions?|resolved|agreed|agreements?|consensus"
    r"|decided|approved|outcome|result"
    r"|summary|voting|votes?|motion)\b",
    re.I,
)
# one count of a tally: "4 yes", "0 against", "abstain: 1"
_TALLY_WORDS = (
    r"(?:\d+[ \t]*(?:yes|no|for|against|abstain\w*|abstentions?|ayes?|nays?|in favou?r)"
    r"|(?:yes|no|for|against|abstain\w*|abstentions?|ayes?|nays?)[ \t]*[:=][ \t]*\d+)\b"
)
# an outcome that names no proposal: "Decision: Approved", "The proposal was accepted",
# "Vote: 4 yes, 0 no - approved", "The poll passes"
_BARE_OUTCOME = re.compile(
    r"^[\W_]*(?:(?:decision|voting|votes?|result|outcome|tally|summary|conclusion)[\W_]*)?"
    rf"(?:{_TALLY_WORDS}[ \t,;]*(?:and[ \t]+)?)*[ \t]*[-–—:,;.]?[ \t]*"
    r"(?:the chair(?:person)? declared )?"
    r"(?:(?:the |this )?(?:proposal|motion|project|vote|resolution|poll|ballot|it)"
    r"(?: is| was| has been)? )?"
    r"(?:approved|accepted|adopted|passed|passes|carried|carries|rejected)\b"
    r"(?=[ \t*]*(?:$|[.,;!(]|:[ \t*]*$|unanimously|by\b|with\b|and\b|as\b"
    r"|[a-z]+ly[ \t*]*(?:$|[.,;!(])))",  # "Approved overwhelmingly."
    re.I,
)
_REJECTED = re.compile(r"\b(?:rejected|declined|failed|defeated|not (?:approved|accepted))\b", re.I)
_PROPOSAL = re.compile(
    r"^[ \t>*-]*\**(?:proposal|motion|resolution|poll|ballot)\**"
    r"(?:[ \t]+(?:by|from)[ \t]+[^:\n]{1,80})?[ \t]*:[ \t]*(.+)$",
    re.I | re.M,
)


_OUTCOME_WORD = re.compile(r"\b(?:passed|passes|approved|accepted)\b")


def _phrases_in(words: frozenset[str], low: str, tokens: set[str]) -> bool:
    return any((w in low) if " " in w else (w in tokens) for w in words)


def _news(sentence: str, after_text: str) -> bool:
    """Whether a "passed", "approved" or "accepted" of ``sentence`` reports news rather than
    a vote of the meeting (see ``body_words`` in ``decision_words.yaml``)."""
    low = sentence.lower()
    tokens = set(_WORD.findall(low))
    if _phrases_in(decision_words("body_words"), low, tokens):
        return False
    if _phrases_in(decision_words("status_words"), low, tokens) or _phrases_in(
        decision_words("submission_words"), low, tokens
    ):
        return True
    # "approved by the funder", "accepted at the spring conference": someone else's yes
    return bool(
        re.match(r"[ \t]+(?:by|at)[ \t]+(?!consensus|vote|acclamation)\S", after_text, re.I)
    )


# "Consensus in the room to adopt it (to be confirmed on the list)": the working group's
# process confirms the room's decision on its mailing list; the room did decide
_ON_THE_LIST = re.compile(r"[ \t]+(?:on|by|via)[ \t]+the[ \t]+(?:mailing[ \t]+)?list\b", re.I)


def is_decision(
    sentence: str,
    offset: int,
    cues: Sequence[CueMatch],
    people: Sequence[EntityRef] = (),
    line: str = "",
    after_decision: bool = False,
    organisations: Sequence[EntityRef] = (),
) -> bool:
    """Whether the sentence at clean ``offset`` states a decision (see the module doc).

    ``people``: the person mentions of the sentence. ``line``: the text line the sentence
    starts on, to tell a speaker's turn. ``after_decision``: the sentence follows one that
    states a decision in the same paragraph (so "Bo agreed to provide the budget" is part
    of what was decided, not one person's task). ``organisations``: the organisation
    mentions of the sentence ("The University of Tartu has decided ..." reports another
    body's decision, not the meeting's).
    """
    text = sentence.strip()
    if not text or text.endswith("?"):
        return False
    cues = [*cues, *_own_cues(sentence, offset)]
    people = [r for r in people if not _group_named(sentence, offset, r)]
    if any(
        c.predicate == "not_decision" and not _ON_THE_LIST.match(sentence, c.end - offset)
        for c in cues
    ):
        return False
    if _BARE_OUTCOME.match(text):
        return not _REJECTED.search(text)  # "**Decision**: Approved", "Motion carries"
    if re.fullmatch(r"[\W_]*\w+[\W_]*:[\W_]*", text):
        return False  # "Conclusion:" alone heads what follows
    if (
        text.endswith(":")
        and not _LABEL_HEAD.match(text)
        and not _AGREED_CLAUSE.search(text)
        and not _cue_heads_list(sentence, offset, cues)
    ):
        return False  # "Adopted stage requirements:" heads a list; it decides nothing
    spoken = bool(_TURN.match(line)) and not _LABELS.match(line)
    for cue in cues:
        if cue.predicate != "decision":
            continue
        before = _WORD.findall(sentence[: cue.start - offset].lower())[-3:]
        after_text = sentence[cue.end - offset :]
        after = _WORD.findall(after_text.lower())[:3]
        near = _WORD.findall(sentence[: cue.start - offset].lower())[-_HEDGE_REACH:]
        near += _WORD.findall(after_text.lower())[:_HEDGE_REACH]
        if decision_words("hedges") & set(near):
            continue  # "consensus seemed to be", "we might agree": a hedge on the cue itself
        noun_cue = cue.phrase in ("consensus", "agreement") or cue.phrase.startswith("unanimous ")
        if noun_cue and _METHOD_TALK.search(sentence):
            continue  # "consensus doesn't require unanimity", "lazy consensus": the method
        if decision_words("partial") & set(before) or re.search(
            r"\bfor[ \t]+the[ \t]+most[ \t]+part\b", sentence[: cue.start - offset], re.I
        ):
            continue  # "we largely agree", "for the most part there is agreement on it"
        if decision_words("negations") & set(before) or (
            noun_cue and decision_words("negations") & set(after)
        ):
            continue
        if (
            noun_cue
            and decision_words("sought") & set(before[-2:])
            and not _FOUND.search(sentence[: cue.start - offset])
        ):
            continue  # "get agreement on", "after consensus": still to be reached
        if noun_cue and decision_words("sought_after") & set(after[:2]):
            continue  # "agreement is needed from ...", "consensus pending": not reached yet
        if cue.phrase == "resolved" and not (
            sentence[cue.start - offset : cue.end - offset].isupper()
            or sentence[: cue.start - offset].endswith("#")
            or re.match(r"\s*(?:that|to|:)", after_text)
        ):
            continue  # "the bugs have been resolved": fixed, not decided
        if cue.phrase == "resolved" and re.search(
            r"\bbe[ \t]+it[ \t]*$", sentence[: cue.start - offset], re.I
        ):
            continue  # "NOW, THEREFORE, BE IT RESOLVED, that ...": the motion's text, not its vote
        if cue.phrase == "agreement" and _NAMED_AGREEMENT.search(sentence[: cue.start - offset]):
            continue  # "renew the fiscal sponsorship agreement": a contract, not a decision
        if cue.phrase == "agreement" and _contract(sentence, offset, cue):
            continue  # "the agreement with Acme", "the Membership Agreement": a contract
        if cue.phrase == "agreement" and _agreement_of_one(sentence, offset, cue, people):
            continue  # "Ana argued for it, with agreement from Bo": two speakers' views
        said = sentence[cue.start - offset : cue.end - offset]
        command = sentence[: cue.start - offset].endswith("#")  # MeetBot's "#agreed ..."
        if (
            spoken
            and not command
            and not cue.phrase.endswith(":")
            and cue.phrase not in decision_words("reported_outcomes")
            and not _COLLECTIVE_TURN.match(line)
            and not (said.isupper() and len(said) > 3)  # a scribe's "AGREED", "RESOLVED"
            and not (
                cue.phrase in decision_words("label_cues") and re.match(r"[ \t]*:(?!:)", after_text)
            )
        ):
            continue  # a speaker's turn: one person's view of it (but "John: it passed")
        if decision_words("conditions") & set(_clause_words(sentence[: cue.start - offset])):
            continue  # "before they are accepted", "unless agreed to in writing": a condition
        if decision_words("open_questions") & set(_clause(sentence[: cue.start - offset])):
            continue  # "Ana asked whether it was approved": a question reported, not answered
        if cue.phrase in ("passed", "approved") and re.match(_NOT_A_VOTE, after_text):
            continue  # "the value passed to the handler", "passed as an argument"
        if cue.phrase in _LETS and not _lets_decide(sentence[: cue.start - offset], after):
            continue  # "let's move on", "let's update the list": the meeting's flow or a task
        if cue.phrase == "we will" and (
            not after
            or decision_words("we_will_tasks")
            & set([w for w in after if w not in ("also", "then", "now", "first")][:1])
        ):
            continue  # "we will start a thread on the forum": the group's task, not a choice;
            # "... in Lyon. We will" cut at a line's end says nothing chosen
        if cue.phrase in _MODAL_CUES and _modal_before(sentence[: cue.start - offset]):
            continue  # "the group can agree on it", "need not be approved": may be, not is
        if cue.phrase == "we will" and _will_not_chosen(sentence[: cue.start - offset], after):
            continue  # "here's how we will ...", "By doing X, we will ...": no choice stated
        if _OUTCOME_WORD.search(cue.phrase) and _news(sentence, after_text):
            continue  # "CI passed", "PR #12 was approved by two reviewers": news, not a vote
        if _PAST_BEFORE.search(_clause_text(sentence[: cue.start - offset])) or _PAST_AFTER.match(
            after_text
        ):
            continue  # "Last week we decided to ...": an earlier meeting's decision, reported
        if before[-1:] == ["you"]:
            continue  # "you agree that your contributions ...": terms, not the meeting's
        if cue.phrase.split()[0] in decision_words("aside_verbs") and _in_aside(
            sentence, cue.start - offset
        ):
            continue  # "(the docs team agrees!)": an aside on who agrees, not the meeting's
        if cue.phrase.startswith("agree") and (
            _one_person_agrees(sentence, offset, cue, people)
            or re.match(r"\s*with\W*$", after_text)
        ):
            continue
        if (
            cue.phrase in ("agree", "agrees", "agreed")
            and not re.search(r"\w", after_text)
            and (
                _subject_person(sentence, offset, cue, people)
                or _LONE_HANDLE.search(sentence, 0, cue.start - offset)
            )
        ):
            continue  # "- Bo agrees" under a speaker's point: one person's assent, not the room's
        if (
            cue.phrase in _PARTICIPLES
            and _ATTRIBUTIVE_BEFORE.search(sentence, 0, cue.start - offset)
            and _ATTRIBUTIVE_AFTER.match(after_text)
        ):
            continue  # "the approved budget", "of agreed best practices": a thing, not a choice
        if cue.phrase.split()[0] in decision_words("aside_verbs") and _subject_is(
            sentence, offset, cue, organisations, together=True
        ):
            continue  # "Acme and Quillworks have decided to ...": others' news
        if (
            cue.phrase.startswith("agree")
            and not (after_decision and _POINTS_BACK.search(after_text))
            and re.match(r"\s*to\b", after_text)
            and _subject_person(sentence, offset, cue, people)
        ):
            continue  # "Zainab agreed to take the notes": one person's task (an action item);
            # after a decision, "Bo agreed to fund it" carries it out, "Bo agreed to check
            # the room" is Bo's own task still
        if cue.phrase.startswith("we ") and decision_words("conditions") & set(
            _WORD.findall(sentence[: cue.start - offset].lower())
        ):
            continue  # "when we will start", "once we do, we will be stuck": not a choice
        return True
    return False


#: verb cues a modal can govern ("can agree", "should be approved", "has to be decided")
_MODAL_CUES = frozenset({"agree", "agreed", "approved", "accepted", "adopted", "decided", "passed"})
_MODALS: dict[frozenset[str], re.Pattern[str]] = {}


def _modal_before(before: str) -> bool:
    """Whether the words just before a verb cue make it a possibility, a duty or a need, not
    what the meeting did: a modal of ``modals`` (``decision_words.yaml``), then at most "not",
    an adverb in -ly, "be" and one other verb joined by "or" ("the group can agree on it",
    "you do not have to agree", "this need not be overseen or approved")."""
    modals = decision_words("modals")
    if not modals:
        return False
    if modals not in _MODALS:
        words = "|".join(r"[ \t]+".join(map(re.escape, m.split())) for m in sorted(modals))
        _MODALS[modals] = re.compile(
            rf"(?<![\w'’])(?:{words})(?:[ \t]+not)?(?:[ \t]+\w+ly)?(?:[ \t]+be)?"
            r"(?:[ \t]+\w+[ \t]+or)?[ \t]*$",
            re.I,
        )
    return bool(_MODALS[modals].search(before))


def _will_not_chosen(before: str, after: Sequence[str]) -> bool:
    """Whether a "we will" states what is to come without choosing it: inside a clause that
    reports, asks or guesses ("Here's how we will ...", "it is unlikely that we will ...",
    "I think we will ..."; ``will_reported``), a clause of means or concession opening the
    sentence ("By moving the packages, we will ...", "While we are at it, we will ...";
    ``will_subordinate``), or "we will (not) be able to" (what can be, not what is chosen)."""
    if [w for w in after if w != "not"][:2] == ["be", "able"]:
        return True
    if decision_words("will_reported") & set(_clause(before)):
        return True
    words = _WORD.findall(before.lower())
    if not words or not _clause_text(before).strip(" \t*_>-") == "":
        return False
    first = words[0]
    if first == "by":
        return len(words) > 1 and words[1].endswith("ing")
    return first in decision_words("will_subordinate")


# words that point back at the decision just stated ("Bo agreed to fund it", "... to make
# this possible")
_POINTS_BACK = re.compile(r"\b(?:this|it|that|these|those|them)\b", re.I)
# one person taking a task on: "Bo volunteers to set up the wiki", "Ana offered to ..."
_TAKES_ON = re.compile(
    r"[*_]*[ \t]+(?:(?:also|then|kindly)[ \t]+)?"
    r"(?:volunteers|volunteered|offers|offered|agrees|agreed)[ \t]+to[ \t]+\w",
    re.I,
)


def is_own_task(sentence: str, offset: int, people: Sequence[EntityRef]) -> bool:
    """Whether the sentence at clean ``offset`` says one person takes a task on ("_bo_
    volunteers to set up the wiki", "Ana offered to draft it"): an action item even under a
    heading of decisions, not what the meeting decided ("Ana and Bo volunteer ..." neither)."""
    for ref in people:
        at = ref.end - offset
        if at <= 0 or not _TAKES_ON.match(sentence, at):
            continue
        if not re.search(r"[^\W_]", sentence[: max(0, ref.start - offset)]):
            return True  # the person opens the sentence: the sole subject
    # a nickname no rule read as a person ("_kestrel_ volunteers to ..."): one word that
    # opens the sentence and names no group ("Everyone volunteered to help" is the room's)
    m = _LONE_WORD.match(sentence)
    if m is None or not _TAKES_ON.match(sentence, m.end()):
        return False
    word = m.group(1).lower()
    groups = decision_words("body_words") | decision_words("group_nouns")
    return word not in groups and word not in _NOT_ONE


_LONE_WORD = re.compile(r"[ \t>*•-]*[*_]*([A-Za-z][\w.-]*?)(?=[*_]*[ \t])")
_NOT_ONE = frozenset({"we", "they", "someone", "somebody", "nobody", "all", "who", "i", "you"})


def _cue_heads_list(sentence: str, offset: int, cues: Sequence[Any]) -> bool:
    """Whether a decision cue ends just before the sentence's closing colon ("After some
    back and forth we arrived at:", "The group decided:"): what follows is what was decided."""
    end = offset + len(sentence.rstrip()) - 1
    return any(
        c.predicate == "decision" and sentence[c.end - offset : end - offset].strip(" \t*_") == ""
        for c in cues
    )


# one handle alone before the cue ("- @bo agrees"): a person, whether or not resolved
_LONE_HANDLE = re.compile(r"^[ \t>*•-]*@[\w.-]+[ \t]+$")

#: decision cues that also serve as adjectives before a noun ("the approved budget")
_PARTICIPLES = frozenset({"agreed", "approved", "accepted", "adopted", "decided"})
# a determiner or preposition just before the participle, an adverb allowed between
# ("the actual approved budget", "of agreed best practices", "the newly adopted charter")
_ATTRIBUTIVE_BEFORE = re.compile(
    r"\b(?:the|a|an|of|for|from|our|their|its|this|these|those|any|actual|current|final)"
    r"[ \t]+(?:\w+ly[ \t]+)?$",
    re.I,
)
# the noun the participle qualifies: a word that is no particle, article or pronoun
_ATTRIBUTIVE_AFTER = re.compile(
    r"[ \t]+(?!(?:to|that|on|upon|by|with|in|at|for|as|and|or|but|so|unanimously|without"
    r"|after|before|during|the|a|an|this|it|them|all|now|today|here|there|is|was|were|are"
    r"|by|via|per|if|since|when|once|earlier|previously|last)\b)[A-Za-z][\w-]*\b(?![ \t]*:)"
)


#: the room's "let's ..." ("Let's start with curation", "let's remove this point")
_LETS = frozenset({"let's", "let’s", "lets"})


def _lets_decide(before: str, after: Sequence[str]) -> bool:
    """Whether a "let's" opening its clause (or reported: "Ana and Bo said let's wait")
    says what the room settled on: not the meeting's own flow ("let's move on", "let's
    take this offline"; ``lets_flow``) nor a task for the group ("let's update the list";
    ``we_will_tasks``, though "let's start with X" picks where to start)."""
    clause = _clause_text(before).strip(" \t*_>-–—")
    if clause and not re.search(r"\b(?:said|says|agreed)$", clause, re.I):
        return False  # "it lets things settle": the verb, not the room's call
    words = [w for w in after if w not in ("just", "also", "all", "then", "now", "first")]
    if not words:
        return False
    verb, after = words[0], words
    if verb in decision_words("lets_flow"):
        return False
    if verb in decision_words("we_will_tasks"):
        return verb == "start" and after[1:2] == ["with"]
    return True


# talk about consensus as a way of deciding rather than a decision reached: what it is or
# needs ("consensus is what we aim for, not a rule", "consensus means nobody blocks",
# "consensus does not need every vote") and the method's names ("lazy consensus for small
# changes"); "the consensus is to ..." states an outcome
_METHOD_TALK = re.compile(
    r"\bconsensus[ \t]+(?:is|isn['’]t|is[ \t]+not|means|requires|doesn['’]t|does[ \t]+not"
    r"|should|would)\b(?![ \t]+(?:to|that)\b)|\b(?:lazy|modified)[ \t]+consensus\b",
    re.I,
)


# a contract named by what it covers: "the fiscal sponsorship agreement", "a contributor
# license agreement" (but "the general agreement", "a broad agreement")
_NAMED_AGREEMENT = re.compile(
    r"\b(?:the|a|an|this|that|our|their|its|his|her|new|existing)[ \t]+"
    r"(?!(?:general|broad|full|unanimous|clear|rough|total|complete|common|mutual|wide"
    r"|widespread|strong|overall|some|firm|tentative|informal|verbal|final)\b)"
    r"(?:[\w-]+[ \t]+){1,3}$",
    re.I,
)
# a contract with another party ("the agreement with Acme"; the room's is "agreement with
# the plan", no determiner) or a document's title ("the Contributor License Agreement")
_DEAL_BEFORE = re.compile(r"\b(?:the|an|a|our|their|this|that|its)[ \t]+$", re.I)
_TITLE_BEFORE = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][\w-]*[ \t]+$")


def _contract(sentence: str, offset: int, cue: CueMatch) -> bool:
    """Whether the cue "agreement" names a contract or a document, not the room's accord."""
    before = sentence[: cue.start - offset]
    said = sentence[cue.start - offset : cue.end - offset]
    if said[:1] == "A" and _TITLE_BEFORE.search(before.lstrip(" \t*-[")):
        return True
    return bool(_DEAL_BEFORE.search(before)) and bool(
        re.match(r"[ \t]+with\b", sentence[cue.end - offset :], re.I)
    )


#: how many words either side of a cue a hedge reaches ("X warned that it might not work, to
#: which everyone agreed" hedges what was agreed, not the agreement)
_HEDGE_REACH = 4
#: a list head that is itself an agreement: "Broad agreement to go ahead, and ...:"
_AGREED_CLAUSE = re.compile(r"\b(?:agreement|consensus|agreed|decided)\s+(?:to|that|on)\b", re.I)


# a clause that opens with an earlier meeting ("Last week we decided", "At the previous
# call it was agreed"), or a cue followed by one ("we agreed last time", "approved at the
# last meeting"); "Minutes of the last meeting approved" opens with the minutes, not a time
_TIME = r"(?:week|time|meeting|call|month|year|session|telecon|sync)"
_PAST_BEFORE = re.compile(
    rf"^[\W_]*(?:(?:at|in|during|on)[ \t]+(?:the[ \t]+)?)?(?:last|previous|prior)[ \t]+{_TIME}\b"
    r"|^[\W_]*(?:previously|earlier)\b|\bhad[ \t]+(?:already[ \t]+|previously[ \t]+)?$",
    re.I,
)
_PAST_AFTER = re.compile(
    rf"[ \t]*(?:(?:at|in|during|on)[ \t]+(?:the[ \t]+)?)?(?:last|previous|prior)[ \t]+{_TIME}\b"
    r"|[ \t]*previously\b",
    re.I,
)
# the chairs declaring what they found ("Chairs find rough consensus to ...")
_FOUND = re.compile(
    r"(?<!\bto )(?<!\bwill )(?<!\bcan )(?<!\bcould )(?<!\bmust )(?<!\bshould )(?<!\btry )"
    r"\b(?:finds|found|find)[ \t]+(?:\w+[ \t]+)?$",
    re.I,
)


@dataclass(frozen=True)
class _Cue:
    """A decision cue of ``decision_words.yaml`` (``cues``), shaped as the cue matcher's."""

    start: int
    end: int
    predicate: str
    voice: str
    phrase: str


def _own_cues(sentence: str, offset: int) -> list[_Cue]:
    """The ``cues`` of ``decision_words.yaml`` in ``sentence`` (at clean ``offset``), and a
    body's verb of choice (``_choice_cues``)."""
    pattern = _cue_pattern(decision_words("cues"))
    found = [
        _Cue(offset + m.start(), offset + m.end(), "decision", "", m.group(0).lower())
        for m in (pattern.finditer(sentence) if pattern is not None else ())
    ]
    return found + _choice_cues(sentence, offset)


#: the stems of ``choice_verbs`` (``decision_words.yaml``): a sentence with none of them
#: in its lower case is not walked for a body's choice
_CHOICE_STEMS = ("cho", "opt", "appoint", "elect", "select", "reaffirm", "ratif")
_CHOICES: dict[tuple[frozenset[str], frozenset[str]], re.Pattern[str]] = {}


def _choice_cues(sentence: str, offset: int) -> list[_Cue]:
    """A body of the meeting (``body_words``, ``group_nouns``, "we") just before a verb of
    choice (``choice_verbs``): "the TSC chose to vote by email", "Board appoints Ana as
    interim chair", "we opted to keep it" (but not "Bo chose to skip it", "the committee
    had selected ...")."""
    low = sentence.lower()
    if not any(stem in low for stem in _CHOICE_STEMS):
        return []
    key = (
        decision_words("choice_verbs"),
        decision_words("body_words") | decision_words("group_nouns"),
    )
    if key not in _CHOICES:
        verbs = "|".join(sorted(map(re.escape, key[0])))
        bodies = "|".join(sorted(map(re.escape, key[1])))
        _CHOICES[key] = re.compile(
            rf"(?<![\w'’])(?:{bodies})[ \t]+(?:(?:then|also|unanimously|finally)[ \t]+)?"
            rf"((?:{verbs}))(?=[ \t]+(?:to[ \t]+\w|[\w@]))",
            re.I,
        )
    if not key[0]:
        return []
    return [
        _Cue(offset + m.start(1), offset + m.end(1), "decision", "", m.group(1).lower())
        for m in _CHOICES[key].finditer(sentence)
    ]


_PATTERNS: dict[frozenset[str], re.Pattern[str] | None] = {}


def _cue_pattern(phrases: frozenset[str]) -> re.Pattern[str] | None:
    if phrases not in _PATTERNS:
        words = sorted(phrases, key=len, reverse=True)
        _PATTERNS[phrases] = (
            re.compile(
                r"(?<!\w)(?:"
                + "|".join(r"[ \t]+".join(map(re.escape, p.split())) for p in words)
                + r")(?!\w)",
                re.I,
            )
            if words
            else None
        )
    return _PATTERNS[phrases]


def _clause_text(before: str) -> str:
    """The clause that ends at ``before`` (after its last comma, semicolon, colon,
    parenthesis or dash)."""
    return re.split(r"[,;:()]|\s[-–—]\s", before)[-1]


def _group_named(sentence: str, offset: int, ref: EntityRef) -> bool:
    """Whether a person mention of ``sentence`` names a group: a body or a group noun
    ("Board agrees", "the devs agreed"; ``body_words`` and ``group_nouns``), or a word
    after "the" (no person's name follows "the")."""
    said = sentence[max(0, ref.start - offset) : ref.end - offset].lower()
    if said in decision_words("body_words") or said in decision_words("group_nouns"):
        return True
    return bool(re.search(r"\bthe[ \t]+$", sentence[: max(0, ref.start - offset)], re.I))


def _subject_person(sentence: str, offset: int, cue: CueMatch, people: Sequence[EntityRef]) -> bool:
    """Whether the cue's subject is one person ("Zainab agreed", "..., and Michael agreed",
    "she agreed"), not "we", a body, or two people together ("Ana and Bo agreed")."""
    return _subject_is(sentence, offset, cue, people) or _pronoun_subject(sentence, offset, cue)


#: one person named by a pronoun just before the cue ("Bo said he agrees with Ana")
_ONE_PRONOUN = re.compile(r"(?:^|[^\w'’])(?:he|she)$", re.I)


def _pronoun_subject(sentence: str, offset: int, cue: CueMatch) -> bool:
    head = sentence[: cue.start - offset].rstrip()
    head = re.sub(r"(?:\s+(?:also|then|just|had|has|have|now|already))+$", "", head)
    return bool(_ONE_PRONOUN.search(head))


def _agreement_of_one(
    sentence: str, offset: int, cue: CueMatch, people: Sequence[EntityRef]
) -> bool:
    """``..., with agreement from Ana``: the agreement of one person, not of the room ("with
    agreement from everyone", "from Ana and Bo" stay the room's)."""
    m = re.match(r"[ \t]+(?:from|of|by)[ \t]+", sentence[cue.end - offset :], re.I)
    if m is None:
        return False
    at = cue.end + m.end()
    ref = next((r for r in people if r.start == at), None)
    return ref is not None and not re.match(r"\s*(?:,|&|\band\b)", sentence[ref.end - offset :])


def _subject_is(
    sentence: str,
    offset: int,
    cue: CueMatch,
    refs: Sequence[EntityRef],
    together: bool = False,
) -> bool:
    """Whether the cue's subject is one of ``refs`` (``together``: or several of them joined
    by "and"), the words "also", "then", "has", "have" ... allowed between."""
    head = sentence[: cue.start - offset].rstrip()
    head = re.sub(r"(?:\s+(?:also|then|just|kindly|jointly|had|has|have|now|already))+$", "", head)
    ends = {r.end - offset for r in refs}
    ref = next((r for r in refs if r.end - offset == len(head)), None)
    if ref is None:
        return False
    before = sentence[: ref.start - offset]
    joined = re.search(r"(?:\band|&|,)\s*$", before)
    if not joined:
        return True
    if before[: joined.end()].rstrip().endswith(", and") and (
        len(before[: joined.start()].rstrip(" \t,")) not in ends
    ):
        return True  # "Ana asked for it, and Bo agreed to ...": a new clause, one subject
    return together and len(before[: joined.start()].rstrip()) in ends


def _one_person_agrees(
    sentence: str, offset: int, cue: CueMatch, people: Sequence[EntityRef]
) -> bool:
    """``Ingrid agreed that ...`` (or ``with``): the cue's subject is one person, not "we"
    or a body, and what follows is an opinion (``X agreed to provide staff`` is a
    commitment the minutes record: the samples' gold counts it a decision)."""
    if not re.match(r"\s*(?:that|with)\b", sentence[cue.end - offset :]):
        return False
    if _pronoun_subject(sentence, offset, cue):
        return True  # "Bo said he agrees with Ana"
    head = sentence[: cue.start - offset].rstrip()
    head = re.sub(r"\s+(?:also|then|just|had|has|have)$", "", head)
    for ref in people:
        if ref.end - offset == len(head):
            before = sentence[: ref.start - offset]
            return not re.search(r"(?:\band|&|,)\s*$", before)
    return False


#: what follows "passed" or "approved" when it is handed on, not voted ("passed to", "as")
_NOT_A_VOTE = r"[ \t]*(?:(?:to|as|into|in|through|via|along|around|over|separately)\b|::)"


def _clause(before: str) -> list[str]:
    """The words of the clause that ends at ``before`` (after its last comma, semicolon,
    colon, parenthesis or dash)."""
    return _WORD.findall(re.split(r"[,;:()]|\s[-–—]\s", before)[-1].lower())


def _clause_words(before: str) -> set[str]:
    """The first word of the clause that ends at ``before`` (after its last comma,
    semicolon, colon, parenthesis or dash) and its last four words: where a condition on
    what follows is said ("If approved, ...", "before they are accepted")."""
    words = _clause(before)
    return set(words[:1] + words[-4:])


#: a turn whose speaker is the room ("all: agreed", "Everyone: +1")
_COLLECTIVE_TURN = re.compile(
    r"^[ \t>*-]*(?:\[name=)?(?:all|everyone|everybody|group|room|several|many|attendees"
    r"|chairs?|chairs?[ \t]+\w+)"
    r"[ \t]*[:\]>]",
    re.I,
)


def _in_aside(sentence: str, at: int) -> bool:
    """Whether position ``at`` of ``sentence`` lies inside parentheses that leave words of
    the sentence outside them ("Coordinate with the docs team (they agree!)")."""
    open_at = sentence.rfind("(", 0, at)
    if open_at < 0:  # opened before the sentence (wrapped over lines): ") ..." closes it
        close = re.search(r"(?<![:;])\)", sentence[at:])
        return close is not None and "(" not in sentence[at : at + close.start()]
    if sentence.find(")", open_at, at) >= 0:
        return False
    close = sentence.find(")", at)
    outside = sentence[:open_at] + (sentence[close + 1 :] if close >= 0 else "")
    return len(_WORD.findall(outside)) >= 3


_LABEL_HEAD = re.compile(
    r"[ \t>*-]*\**(?:conclusions?|decisions?|resolutions?|resolved|agreed|outcome)\**[ \t]*:\**",
    re.I,
)


def decision_span(text: str, start: int, end: int, cues: Sequence[CueMatch]) -> tuple[int, int]:
    """The part of a sentence that states the decision: the list entry holding the cue
    (or the outcome) where the splitter left a list whole ("- Request a scribe\n- Minutes
    approved\n- ...")."""
    cue = next((c for c in cues if c.predicate == "decision"), None)
    at = cue.start if cue else None
    if at is None:
        m = re.search(r"\b(?:approved|accepted|adopted|passed|carried|carries)\b", text[start:end])
        at = start + m.start() if m else None
    if at is None or text.count("\n", start, end) < 2:
        return start, end
    ls = max(text.rfind("\n", start, at) + 1, start)
    if not _ENTRY.match(text, ls):
        return start, end  # wrapped prose, not a list
    le = text.find("\n", at, end)
    start, end = ls, end if le < 0 else le
    while start < end and text[start] in " \t-*•":
        start += 1
    return start, end


_ENTRY = re.compile(r"[ \t]*[-*•][ \t]")


def decision_end(text: str, start: int, end: int, block_end: int, whole: bool = False) -> int:
    """Where the decision starting at ``start`` ends: a labelled one ("Conclusion: ...") or
    a ``whole`` entry runs to the end of its paragraph or item; a sentence the splitter cut
    after a word no sentence ends with ("approved of") runs on to its full stop."""
    if text[start:end].rstrip().endswith(":"):
        below = _list_below(text, start, end)
        return below if below > end else _paragraph_below(text, start, end)
    if (whole or _LABEL_HEAD.match(text, start)) and block_end > end:
        return min(block_end, start + 800)
    if _UNFINISHED.search(text, start, end):
        blank = re.compile(r"\n[ \t]*\n").search(text, end, end + 400)
        stop = _STOP.search(text, end, blank.start() if blank else min(len(text), end + 400))
        return stop.end() if stop else end
    return end


def _list_below(text: str, start: int, end: int) -> int:
    """The end of the entries nested under the line at ``start`` that heads them
    ("- Broad agreement to go ahead with the changes:" / "    - Range checks off")."""
    line = text.rfind("\n", 0, start) + 1
    own = len(text[line:start].expandtabs()) - len(text[line:start].expandtabs().lstrip())
    own += len(text[start:end]) - len(text[start:end].lstrip())
    stop = end
    at = text.find("\n", end)
    # a line of prose ("... we arrived at:") heads the list that follows it, even at its own
    # indent and after one blank line; a list entry heads only the entries nested under it
    prose = not _ENTRY.match(text, line)
    if prose:
        own -= 1
        blank = re.compile(r"\n[ \t]*(?=\n)").match(text, at) if at >= 0 else None
        at = blank.end() if blank else at
    while 0 <= at < start + 800:
        nxt = text.find("\n", at + 1)
        row = text[at + 1 : nxt if nxt >= 0 else len(text)]
        indent = len(row.expandtabs()) - len(row.expandtabs().lstrip())
        if not row.strip() or indent <= own or not _ENTRY.match(row):
            break
        stop = at + 1 + len(row.rstrip())
        at = nxt
    return min(stop, start + 800) if stop > end else end


# a line that cannot be what a bare "Agreed that:" settles: a heading, a label, a list entry
_NOT_PROSE = re.compile(r"[ \t]*(?:[#=>|]|[-*•+][ \t]|\d+[.)][ \t]|[^\n]*:[ \t]*$)")


def _paragraph_below(text: str, start: int, end: int) -> int:
    """The end of the paragraph that a bare cue ending its own line in a colon heads
    ("Unanimously agreed that:" / blank line / "The logo stays blue."): what was decided
    stands below it; ``end`` when the cue says more than that or no prose paragraph follows."""
    line = text.rfind("\n", 0, start) + 1
    if (
        len(text[start:end].split()) > 4
        or text[line:start].strip(" \t*_")
        or _ENTRY.match(text, line)
    ):
        return end
    nl = text.find("\n", end)
    if nl < 0 or text[end:nl].strip():
        return end
    blank = re.compile(r"\n[ \t]*(?=\n)").match(text, nl)
    at = (blank.end() if blank else nl) + 1
    if at >= len(text) or text[at] in " \t\n" or _NOT_PROSE.match(text, at):
        return end
    stop = re.compile(r"\n[ \t]*\n|$").search(text, at)
    para_end = stop.start() if stop else len(text)
    return min(para_end, at + 800)


_STOP = re.compile(r"[.!?](?=\s|$)")
# a sentence cut after a word that cannot end one ("the board approved of")
_UNFINISHED = re.compile(
    r"\b(?:of|the|a|an|to|and|or|with|for|in|on|at|by|as|that|from|is|are|was|were)[ \t]*$"
    r"|[-,][ \t]*$",
    re.I,
)


def is_outcome(sentence: str) -> bool:
    """Whether the sentence only states an outcome ("Decision: Approved", "Vote passed.")."""
    return bool(_BARE_OUTCOME.match(sentence.strip()))


def is_rejection(sentence: str) -> bool:
    """Whether an outcome says the proposal failed ("Decision: Rejected")."""
    return bool(_BARE_OUTCOME.match(sentence.strip())) and bool(_REJECTED.search(sentence))


def decision_text(text: str, start: int, end: int, section: Sequence[str] = ()) -> str:
    """The decision at clean ``text[start:end]`` as a reader would state it.

    A bare outcome ("Decision: Approved") is prefixed to the proposal it settles: the
    last "Proposal:" line between the section's start and the outcome, else the
    section's heading (``section``, outermost first).
    """
    sentence = " ".join(text[start:end].split())
    if not _BARE_OUTCOME.match(sentence):
        return sentence
    outcome = re.search(r"approved|accepted|adopted|passed|passes|carried|carries", sentence, re.I)
    word = outcome.group(0).capitalize() if outcome else "Decided"
    word = {"Carries": "Carried", "Passes": "Passed"}.get(word, word)
    window = text[max(0, start - 2000) : start]
    heading = section[-1].strip("*#= ") if section else ""
    if heading:  # the proposal stands after the heading, in this section
        at = window.rfind(heading)
        window = window[at + len(heading) :] if at >= 0 else window
    proposals = _PROPOSAL.findall(window)
    before = window[window.rfind("\n\n") + 1 :] if "\n\n" in window else window
    what = proposals[-1] if proposals else before.strip() or heading
    what = _motion(what)
    what = re.sub(r"[:,]+(?=\s)", "", " ".join(what.split()).split(";")[0]).strip(" .*-–—")
    if not proposals and heading and (why := _rationale(window)):
        # a resolution record ("Rationale: ... / Votes: ... / Decision: Approved"): the
        # record's heading names it, its rationale says what was approved
        return f"{heading}: {why} - {word.lower()}"
    if not what:
        return sentence
    return f"{what} - {word.lower()}"


# the procedure around a motion: who moved and seconded it, the tally ("Moved: Ana.",
# "Ayes: 5. Nays: 0.", "seconded by Bo"), and the framing of the motion itself ("Motion to
# adopt ...", "Ana moved that ...")
_MOTION_PROCEDURE = re.compile(
    r"^[ \t>*-]*\**(?:moved|seconded|second|proposer|proposed[ \t]+by|ayes?|nays?|yes|no|for"
    r"|against|abstentions?|abstain(?:ed|ing)?|in[ \t]+favou?r|votes?|tally)\b\**[ \t]*[:=(]"
    r"|\bsecond(?:ed|ing)[ \t]+by\b|^[ \t]*seconded\b",
    re.I,
)
_MOTION_LEAD = re.compile(
    r"^[ \t>*-]*(?:(?:a[ \t]+)?(?:motion|proposal)(?:[ \t]+(?:to|that))?[ \t]*:?[ \t]+"
    r"|[^.;:]{0,60}?\bmoved[ \t]+(?:that|to)[ \t]+)",
    re.I,
)


def _motion(what: str) -> str:
    """The motion a bare outcome settles, without its procedure: lines and sentences that
    say who moved or seconded it and how the vote went, and the framing "Motion to" or
    "Ana moved that" (``"Motion to adopt X.\nMoved: Ana.\nAyes: 5."`` -> ``"adopt X."``)."""
    parts = [
        p
        for line in what.splitlines()
        for p in _SENTENCES.split(line.strip())
        if p.strip() and not _MOTION_PROCEDURE.search(p)
    ]
    said = " ".join(parts) if parts else what
    lead = _MOTION_LEAD.match(said)
    return said[lead.end() :] if lead and said[lead.end() :].strip() else said


# the labelled field of a resolution record that says what is proposed, and the fields
# after it that do not ("Votes: In favour: ...", "Notes: none")
_RATIONALE = re.compile(
    r"^[ \t>*-]*\**(?:rationale|description|summary|background|details)\**[ \t]*:\**[ \t]*",
    re.I | re.M,
)
_RECORD_FIELD = re.compile(
    r"^[ \t>*-]*\**(?:votes?|voting|tally|in favou?r|result|outcome|notes?|date|proponents?)"
    r"\b[^\n:]{0,20}:",
    re.I | re.M,
)


def _rationale(window: str) -> str:
    """The last rationale field of ``window`` with the list under it, up to the next
    record field, in one line (at most 800 characters); "" when there is none."""
    found = list(_RATIONALE.finditer(window))
    if not found:
        return ""
    body = window[found[-1].end() :]
    stop = _RECORD_FIELD.search(body)
    body = " ".join((body[: stop.start()] if stop else body).split())
    return body[:800].strip(" *")


def decision_topic(
    structure: Any, k: int, decision_sections: Sequence[str] = (), generic: Sequence[str] = ()
) -> str | None:
    """What a list entry ("- Reviewed with no actions", "- Conclusion: approved") settles:
    the one-line label just above its list ("##module_x", "**Budget**"), else the innermost
    heading of its section, unless that heading only says the section holds decisions
    ("## Decisions", "Resolutions") or names no topic (``generic``: "AOB", "Agenda")."""
    text, blocks = structure.clean.text, structure.blocks
    block = blocks[k]
    for j in range(k - 1, max(-1, k - 30), -1):
        above = blocks[j]
        if above.kind == "item":
            continue  # an earlier entry of the same list
        if above.kind == "paragraph" and tuple(above.section) == tuple(block.section):
            label = text[above.start : above.end].strip()
            if "\n" not in label and len(label.split()) <= 6 and not label.endswith("."):
                label = label.strip("*#=:_- \t")
                if label and not re.fullmatch(r"(?:https?://|www\.)\S*", label):
                    return label  # (a link alone above the list names nothing)
        break
    if not block.section:
        return None
    heading = block.section[-1].strip("*#=:- \t")
    first = _WORD.findall(heading.lower())[:1]
    if not first or first[0] in {w.rstrip(":") for w in (*decision_sections, *generic)}:
        return None
    if is_decision_heading(heading):
        return None  # "## Outcomes" says only that decisions follow
    return heading[:300]


def is_decision_section(heading: str, decision_sections: Sequence[str]) -> bool:
    """Whether a heading names a section of decisions: its first word ("Decisions",
    "Conclusion/Resolution", "Decision: ...") is one of ``decision_sections``."""
    head = heading.lower().split()[:1]
    first = _WORD.findall(heading.lower())[:1]
    return (
        bool(head)
        and head[0] in decision_sections
        or bool(first)
        and first[0] in decision_sections
        or is_decision_heading(heading)
    )


def is_decision_heading(heading: str) -> bool:
    """Whether a heading says only that decisions follow: "## Outcomes", "### Agreed",
    "Decisions made", "Key decisions" (``section_heads`` of ``decision_words.yaml``, with
    ``section_fillers``); "Outcomes and next steps" names more than decisions."""
    words = _WORD.findall(heading.lower().replace("&", " and "))
    heads = decision_words("section_heads")
    return (
        bool(words)
        and any(w in heads for w in words)
        and all(w in heads or w in decision_words("section_fillers") for w in words)
    )


def is_open(sentence: str) -> bool:
    """Whether an entry of a decisions section says the matter is still open ("Stage 3
    pending final review", "Venue: TBD"): no decision yet."""
    words = set(_WORD.findall(sentence.lower()))
    if decision_words("open_words") & words - {"open"}:
        return True
    return "open" in words and bool(_STILL_OPEN.search(sentence))


# "open" as a status ("still open", "Venue: open", "open question"), not in a name or a
# phrase ("joins the Open Source Initiative", "an open governance model")
_STILL_OPEN = re.compile(
    r"\b(?:still|remains?|remained|left|stays?|stayed)[ \t]+open\b"
    r"|\bopen[ \t]+(?:questions?|issues?|points?|items?)\b|\(open\)"
    r"|^[\W_]*open[ \t]*(?:[:(–-]|$)|:[ \t]*open[ \t.]*$",
    re.I,
)


# ------------------------------------------------------------------ the decision's wording
#
# Minutes wrap what was decided in framing that says *that* it was decided: a label
# ("Resolved:", "**Conclusion:**", "Outcome -"), a collective subject and its verb ("We
# agreed that", "The group decided to", "It was agreed that", "Consensus to"), the speaker
# of a transcript turn ("ana: will reject"), motion procedure ("Bo seconding."), a tally
# ("(+1)", "(5 for, 1 against)") and Markdown markup. :func:`decision_wording` keeps the
# decided clause; the topic a decision is prefixed with loses its agenda numbering and
# time box ("3.ii Logo - 10 min").

_MD_LINK = re.compile(r"\[{1,2}([^\[\]\n]+)\]{1,2}\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_MARK = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`")
_LABEL_WORDS = (
    r"decisions?|resolutions?|resolved|agreed|decided|approved|agreements?|conclusions?|outcomes?"
    r"|results?"
    r"|consensus|votes?|voting"
)
# "Resolved:", "Outcome -", "Preliminary result of discussions:", "VOTE -" at the start
_LEAD_LABEL = re.compile(
    rf"^(?:[^\w\s]+[ \t]*)?(?:[A-Za-z]+[ \t]+)?(?:{_LABEL_WORDS})\b"
    r"(?:[ \t]+(?:of|on|for|from)(?:[ \t]+[\w'-]+){1,2})?[ \t]*(?::|[ \t]-[ \t])[ \t]*",
    re.I,
)
# a MeetBot command ("#agreed retire the mirror") and a summary's stamp ("(ana, 15:09:44)")
_COMMAND = re.compile(
    r"^(?:#|\[|\()(?:agreed|agree|decided|decision|resolved|accepted)\b[\])]?[ \t:]*", re.I
)
_MEETBOT_STAMP = re.compile(r"[ \t]+\([\w.@-]+,[ \t]*\d{1,2}:\d\d(?::\d\d)?\)[ \t]*$")
# a collective subject and its decision verb: "We agreed that", "The group decided to",
# "It was generally agreed that", "General agreement to", "RESOLVED that"
_FRAMING = re.compile(
    r"^(?i:(?:so|then|also|and|finally|overall),?[ \t]+)?(?:"
    r"(?i:(?:it[ \t]+(?:was|is|has[ \t]+been)|it's)[ \t]+(?:\w+ly[ \t]+)?"
    r"(?:agreed|decided|resolved|concluded))"
    r"|(?:(?i:we|they|all|everyone|everybody|(?:the[ \t]+)?(?:\w+[ \t]+)?"
    r"(?:group|team|meeting|committee|board|council|members|participants|attendees|room))"
    r"|(?i:the)[ \t]+[A-Z][A-Za-z]{1,7}|[A-Z]{2,7})"
    r"[ \t]+(?i:(?:(?:\w+ly|also|then|have|has|all)[ \t]+)?"
    r"(?:agreed|agree|agrees|decided|decide|decides|resolved|resolve|resolves|concluded"
    r"|voted(?:[ \t]+unanimously)?))"
    r"|(?i:(?:(?:the[ \t]+)?chairs?[ \t]+(?:finds?|found|declared?|declares|noted)[ \t]+)?"
    r"(?:there[ \t]+(?:was|is)[ \t]+)?(?:an?[ \t]+)?(?:(?:general|broad|unanimous|full|clear"
    r"|rough)[ \t]+)?(?:agreement|consensus)"
    r"(?:[ \t]+(?:in|of)[ \t]+the[ \t]+(?:room|group|meeting))?)"
    r"|(?i:resolved,?|(?:unanimously[ \t]+)?(?:agreed|decided))"
    r")[ \t]+(?:(?i:that|to)[ \t]+|(?=(?i:not[ \t]+to)[ \t]))"
)
# the same inside a sentence: "Support is strong and we agree that X" -> "... and X"
_INNER_FRAMING = re.compile(
    r"(?:(?<=\band )|(?<=\bso )|(?<=, ))(?:we|they)[ \t]+(?:(?:all|also)[ \t]+)?"
    r"(?:agree|agreed|decided|decide)[ \t]+that[ \t]+",
    re.I,
)
# what the meeting settled on, said as a noun after an opening clause ("All things considered,
# the conclusion is to ...", "After some back and forth, consensus is to ...", "Q? -> the
# answer is to ..."), or what a discussion led to ("Talk went on, leading to the outcome that")
_SETTLED_IS = re.compile(
    r"(?:(?:^|(?<=, )|(?<=→ )|(?<=> ))(?:the[ \t]+|our[ \t]+)?(?:final[ \t]+)?"
    r"(?:consensus|decision|conclusion|agreement|outcome|resolution|answer)"
    r"[ \t]+(?:is|was)[ \t]+(?:to|that)"
    r"|\b(?:leading|led)[ \t]+to[ \t]+the[ \t]+(?:outcome|conclusion|decision)[ \t]+that)"
    r"[ \t]+(?=\S)",
    re.I,
)
# a time stamp opening a log line ("14:06:02 ", "[14:06] ")
_STAMP = re.compile(r"^\[?\d{1,2}:\d\d(?::\d\d)?\]?[ \t]+")
# a tally or a show of hands at the end: "(+1)", "+1", "(5 for, 0 against, 1 abstain)"
_TALLY_END = re.compile(
    r"[ \t:]*(?:\(?[ \t]*[+]1s?(?:[ \t]+(?:from|by)?[ \t]*(?:all|everyone|everybody|the room"
    r"|all present|the group)(?:[ \t]+(?:round|around|present))?)?[ \t]*\)?"
    r"|\((?=[^()]*\d)[^()]*\b(?:for|against|abstain\w*|yes|no"
    r"|yay|nay|ayes?|in favou?r)\b[^()]*\))[ \t.!]*$",
    re.I,
)
# motion procedure, said in a sentence of its own: "Bo seconding.", "Seconded by Ana."
_PROCEDURE = re.compile(
    r"\b(?:second(?:ed|ing|s)?[ \t]+by|second(?:ed|ing|s)|calling[ \t]+for[ \t]+(?:the|a)[ \t]+vote"
    r"|called[ \t]+for[ \t]+(?:the|a)[ \t]+vote|moved[ \t]+by)\b",
    re.I,
)
_SENTENCES = re.compile(r"(?<=[.!?])[ \t]+(?=\S)")
# agenda numbering ("3.", "15.iv", "2)", "IV.") and time boxes ("_10min_", "(15 min)")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*(?:\.[ivx]+)?|[ivx]+|[a-z])[.)]?[ \t]+(?=\S)", re.I)
_TIME_BOX = re.compile(
    r"[ \t]*[-–—]?[ \t]*[_*(\[]*[ \t]*\d+[ \t]*(?:min|mins|minutes|m)(?![A-Za-z])"
    r"[ \t]*[_*)\]]*[ \t]*",
    re.I,
)


def _plain(text: str) -> str:
    """``text`` in one line without Markdown links, emphasis and code marks."""
    text = _MD_LINK.sub(r"\1", " ".join(text.split()))
    return " ".join(_MD_MARK.sub("", text).split())


def _speaker(text: str, speakers: Sequence[str]) -> re.Match[str] | None:
    """The speaker prefix of a transcript turn at the start of ``text``: ``[name=Ana]``,
    ``<ana>``, ``ana:`` (a lower-case handle) or ``Ana Lima:`` (a person named in it)."""
    m = re.match(r"(?:\[name=[^\]]+\]|<[\w.@-]+>)[ \t]*:?[ \t]*", text)
    if m:
        return m
    m = re.match(r"([\w.@-]{1,24}(?:[ \t]+[\w.@-]{1,24}){0,2})[ \t]*:[ \t]+(?=\S)", text)
    if m is None or re.match(rf"(?:{_LABEL_WORDS})\b", m.group(1), re.I):
        return None
    name = m.group(1)
    if (
        name in speakers
        or (name.islower() and " " not in name and len(name) <= 12)
        or name.lower() in ("chair", "chairs", "all", "everyone")
    ):
        return m
    return None


def decision_wording(text: str, speakers: Sequence[str] = ()) -> str:
    """The decided clause of a decision's ``text``: labels, collective framing, a speaker
    prefix, motion procedure, tallies and Markdown stripped (``speakers``: the people named
    in it, whose ``Name:`` prefix marks a turn).

    >>> decision_wording("**Resolved:** We agreed that the call moves to Thursdays. (+1)")
    'the call moves to Thursdays'
    """
    said = _plain(text)
    for _ in range(3):  # "Conclusion: ana: We agreed that ..." peels in turn
        before = said
        said = _STAMP.sub("", said)
        if (m := _SETTLED_IS.search(said)) and len(said[: m.start()].split()) <= 8:
            said = said[m.end() :]
        if m := _speaker(said, speakers):
            said = said[m.end() :]
        if (m := _COMMAND.match(said)) and said[m.end() :].strip():
            said = said[m.end() :]
        if (m := _LEAD_LABEL.match(said)) and said[m.end() :].strip():
            said = said[m.end() :]
        if (m := _FRAMING.match(said)) and said[m.end() :].strip():
            said = said[m.end() :]
        if said == before:
            break
    said = _INNER_FRAMING.sub("", said)
    parts = _SENTENCES.split(said)
    # motion procedure ("Bo seconding.") and a question asked beside it decide nothing
    kept = [p for p in parts if not _PROCEDURE.search(p) and not p.rstrip().endswith("?")]
    if kept and len(kept) < len(parts):
        said = " ".join(kept)
    said = _TALLY_END.sub("", said) or said
    said = _MEETBOT_STAMP.sub("", said) or said
    return said.strip(" \t-–—:;,.") or _plain(text)


def topic_wording(topic: str) -> str:
    """A topic a decision is prefixed with, without agenda numbering, time box or markup
    (``"15.iv Logo refresh - _10min_"`` -> ``"Logo refresh"``)."""
    said = _plain(topic)
    said = _CHECKBOX.sub("", said)
    said = _NUMBERING.sub("", said)
    said = _BOXED_SLOT.sub(" ", said)
    said = _TIME_BOX.sub(" ", said)
    said = _PRESENTER.sub("", said)
    return said.strip(" \t-–—:;,.") or _plain(topic)


# an agenda entry's decorations: a checkbox ("[x] "), a presenter's initials before it
# ("CHL: ", "JL/JRG: "), and a slot in brackets that holds its time box and presenter
# ("(15m, Uri)", "(ehuss Time: 2 minutes)")
_CHECKBOX = re.compile(r"^[ \t]*\[[ xX✓]\][ \t]*")
_PRESENTER = re.compile(r"^(?:[A-Z]{2,4}(?:/[A-Z]{2,4})*|\([A-Z]{2,4}\))[ \t]*:?[ \t]+(?=\S)")
_BOXED_SLOT = re.compile(
    r"[ \t]*\((?=[^()]*\b\d+[ \t]*(?:m|min|mins|minutes|h|hr|hrs|hours?)\b)[^()]*\)"
)


# ---------------------------------------------------------------- the room's assent
#
# Shared notes record the room's answer to an item beside it: "- Drop the old viewer,
# point people to the new one +1", "- Adopt the new formatter (+1)". A "+1" that nobody is
# named for is the room's; one with a name before it ("[name=Ana] +1", "Ana +1", "<ana> +1")
# is one person's vote.

_ASSENT_END = re.compile(r"(?<=\S)[ \t]+\(?\+1\)?[ \t.!]*$")
# "... : +1 from all", "... (+1 from everyone)": the room said so, whatever stands before it
_ASSENT_ALL = re.compile(
    r"(?<=\S)[ \t:,;-]+\(?\+1s?[ \t]+(?:from|by)?[ \t]*"
    r"(?:all|everyone|everybody|the[ \t]+room|all[ \t]+present|the[ \t]+group)"
    r"(?:[ \t]+(?:round|around|present))?\)?[ \t.!]*$",
    re.I,
)
_NAMED_BEFORE = re.compile(r"(?:\]|>|@[\w.-]+|[:,])[ \t]*$")
_OPENS_TURN = re.compile(r"^[ \t>*+-]*(?:\[name=[^\]\n]+\]|<[\w.@-]+>|[\w.@-]{1,24}[ \t]*:)")


def assents(text: str, blocks: Sequence[Any], people: Sequence[EntityRef] = ()) -> list[int]:
    """Indices of the list entries and one-line paragraphs of ``blocks`` that end in the
    room's "+1" (see above): each is a decision of the meeting."""
    found = []
    person_ends = {r.end for r in people if r.type == "Person"}
    for k, block in enumerate(blocks):
        if block.kind not in ("item", "paragraph"):
            continue
        line = text[block.start : block.end]
        everyone = _ASSENT_ALL.search(line)
        m = everyone or _ASSENT_END.search(line)
        if m is None or "\n" in line.strip() or _OPENS_TURN.match(line):
            continue
        before = line[: m.start()]
        if not everyone and (
            _NAMED_BEFORE.search(before) or block.start + len(before.rstrip()) in person_ends
        ):
            continue
        if len(_WORD.findall(before)) >= 3:
            found.append(k)
    return found


# ---------------------------------------------------------------- tables of resolutions
#
# A log of decisions is often a table: "| Topic | Decision | Owner |", "| # | Resolution |
# Vote |". Each body row with a filled decision cell is a decision, unless its vote or
# status cell says the motion failed or the cell says the matter is still open.


@dataclass(frozen=True)
class TableDecision:
    """A decision read from a table row: the row's span, the decision cell, its topic."""

    row: tuple[int, int]
    cell: tuple[int, int]
    text: str


def _cell_text(text: str, cell: tuple[int, int]) -> str:
    return _plain(text[cell[0] : cell[1]]).strip(" |")


def _motion_table(header: Sequence[str]) -> bool:
    """A table of motions and how each vote went ("| Motion | For | Against | Result |")."""
    return any(h in decision_words("motion_headers") for h in header) and any(
        h in decision_words("status_headers") for h in header
    )


_PASSED = re.compile(r"\b(?:passed|carried|approved|accepted|adopted|agreed|unanimous\w*)\b", re.I)


def _typed_table(header: Sequence[str]) -> bool:
    """A table whose rows are typed ("| Type | Item | Owner |")."""
    return any(h in decision_words("type_headers") for h in header)


def _typed_row(text: str, block: Any, header: Sequence[str]) -> TableDecision | None:
    """The decision of a typed table's row whose type says decision: its first other cell
    with words (not an owner's, a date's ...)."""
    kind = next(n for n, h in enumerate(header) if h in decision_words("type_headers"))
    typed = _cell_text(text, block.cells[kind]).lower().strip(" :*")
    if typed not in decision_words("decision_types"):
        return None
    for n, h in enumerate(header):
        said = _cell_text(text, block.cells[n])
        if n != kind and h not in decision_words("not_topic_headers") and _WORD.search(said):
            if is_open(said) or _REJECTED.search(said):
                return None
            return TableDecision((block.start, block.end), block.cells[n], decision_wording(said))
    return None


def _motion_row(text: str, block: Any, header: Sequence[str]) -> TableDecision | None:
    """The decision of a row of a motions table whose result cell says it passed."""
    column = next(n for n, h in enumerate(header) if h in decision_words("motion_headers"))
    results = [
        _cell_text(text, block.cells[n])
        for n, h in enumerate(header)
        if h in decision_words("status_headers")
    ]
    said = _cell_text(text, block.cells[column])
    outcome = next((m for r in results if (m := _PASSED.search(r))), None)
    if outcome is None or not _WORD.search(said) or any(_REJECTED.search(r) for r in results):
        return None
    word = outcome.group(0).lower()
    return TableDecision((block.start, block.end), block.cells[column], f"{_motion(said)} - {word}")


def table_decisions(text: str, blocks: Sequence[Any]) -> list[TableDecision]:
    """The decisions of the tables of ``blocks`` whose header names a decision column."""
    found: list[TableDecision] = []
    header: list[str] | None = None
    for block in blocks:
        if block.kind != "row":
            header = None
            continue
        cells = [_cell_text(text, c).lower().strip(":*") for c in block.cells]
        if header is None:
            header = cells if any(c in decision_words("decision_headers") for c in cells) else []
            if not header and (_motion_table(cells) or _typed_table(cells)):
                header = cells
            continue
        if not header or len(block.cells) != len(header) or set("".join(cells)) <= set("-: "):
            continue
        if not any(h in decision_words("decision_headers") for h in header):
            if _typed_table(header):
                row = _typed_row(text, block, header)
            else:
                row = _motion_row(text, block, header)
            if row is not None:
                found.append(row)
            continue
        column = next(n for n, h in enumerate(header) if h in decision_words("decision_headers"))
        said = _cell_text(text, block.cells[column])
        status = [
            _cell_text(text, block.cells[n])
            for n, h in enumerate(header)
            if h in decision_words("status_headers") and n != column
        ]
        if (
            not _WORD.search(said)
            or said.lower() in ("none", "n/a", "na", "no decision")
            or is_open(said)
            or any(_REJECTED.search(s) or is_open(s) for s in (said, *status))
        ):
            continue
        topic = next(
            (
                _cell_text(text, block.cells[n])
                for n, h in enumerate(header)
                if n != column
                and h not in decision_words("not_topic_headers")
                and h not in decision_words("status_headers")
                and _WORD.search(re.sub(r"\d+", "", _cell_text(text, block.cells[n])))
            ),
            "",
        )
        if is_outcome(said):
            words = said.split()
            said = f"{topic} - {words[-1].lower() if len(words) == 1 else said.lower()}"
        elif topic:
            said = f"{topic} - {decision_wording(said)}"
        else:
            said = decision_wording(said)
        found.append(TableDecision((block.start, block.end), block.cells[column], said))
    return found


# ---------------------------------------------------------------- polls without objection
#
# Chairs of community groups and working groups decide by asking for objections: "Any
# objections? None. Great, stack switching is at phase 2!", "<chair> any objections to
# closing issue 57?" / "<chair> hearing none, closing issue 57". A question for objections
# answered by none is a decision; what follows the answer says what was decided (else the
# question does). An objection raised ("Tomás objects") leaves it open.

_POLL = re.compile(
    r"\b(?:(?:are[ \t]+there[ \t]+)?any[ \t]+objections?|does[ \t]+anyone[ \t]+object"
    r"|objections?)\b(?P<what>[^?\n]{0,160})\?",
    re.I,
)
_TURN_START = re.compile(
    r"[ \t]*(?:\[?\d{1,2}:\d\d(?::\d\d)?\]?[ \t]+)?(?:<[\w.@|-]+>|\*\*[^*\n]{1,40}:?\*\*:?"
    r"|[\w.@-]{1,24}:)?[ \t]*"
)
_NONE = re.compile(
    r"(?:[\[(]?(?:none|no|nobody|silence|crickets|none heard|no objections?)[\])]?[ \t]*[.?!,;]*"
    r"|(?:hearing|seeing)[ \t]+(?:none|no[ \t]+objections?)[ \t]*[.,;:]*)(?=\s|$)",
    re.I,
)
_INTERJECTION = re.compile(r"^(?:great|good|ok|okay|so|excellent|perfect|then)\b[ \t,!.]*", re.I)


@dataclass(frozen=True)
class Poll:
    """A question for objections answered by none: its span and what it decided."""

    start: int
    end: int
    text: str


def objection_polls(text: str) -> list[Poll]:
    """Every question for objections of ``text`` that an answer of none follows."""
    found: list[Poll] = []
    for m in _POLL.finditer(text):
        pos = m.end()
        nl = text.find("\n", pos)
        if nl >= 0 and not text[pos:nl].strip():  # the answer on the next line, another turn
            if text[nl + 1 : nl + 2] == "\n":
                continue
            pos = _TURN_START.match(text, nl + 1).end()  # type: ignore[union-attr]
        else:
            pos += len(text[pos:]) - len(text[pos:].lstrip(" \t"))
        answer = _NONE.match(text, pos)
        if answer is None:
            continue
        stop = re.compile(r"[.!?](?=\s|$)|\n").search(text, answer.end())
        end = stop.end() if stop else len(text)
        after = text[answer.end() : end].strip()
        if re.search(r"\bobject|-1\b|\bconcerns?\b|\bbut\b", after, re.I):
            continue  # "No, but I object to the name": an objection after all
        after = _INTERJECTION.sub("", after).strip(" .!")
        said = after if len(_WORD.findall(after)) >= 3 else m.group("what").strip()
        said = re.sub(r"^(?:to|on|for|about)[ \t]+", "", said)
        if len(_WORD.findall(said)) < 2:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        found.append(Poll(start, end, said))
    return found
