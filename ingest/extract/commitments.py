"""Action items said in prose, read from the dependency parse: who commits to what.

A clause is a commitment when its subject is a person, a handle or a team the document
names (or a pronoun standing for the one person named just before) and its verb looks
ahead:

- a future or a modal of intent: "Ana will write the plan", "she'll post it",
  "Bo is going to tag the release";
- a verb of commitment with an infinitive: "Ana volunteered / agreed / offered /
  promised / plans / was asked / was tasked to write it", "Bo takes an action to ...";
- work in progress said in the present: "Ana is looking into the crash".

Past-tense reports ("Ana wrote the plan"), negations ("Bo will not ..."), questions (by
their mark or their word order: "Should we discuss X") and conditions ("if Ana will ...")
are not commitments; nor are, by the words of ``data/vocab/action_words.yaml``, a role taken
on ("Ana will own the signing service": a responsibility), a body the document names
agreeing ("The TSC agreed to drop X": a decision) and a duty the meeting gives itself
inside a proposal or a judgement ("Bo suggested we need to rewrite it"). A passive gives
its subject no task ("the team can be found here"; "Bo was asked to ..." is the exception),
a changelog's author of "allow X to be used ... by @kim" is none, a feeling is no task
("developers will love it"), and "X can ..." offers X's help only where X is a person the
minutes know or label a line with (else it says what a thing can do).

The item's text is the clause (from its subject to the end of the committed verb's
phrase), so it reads as the task; its owners are the subject and the subjects coordinated
with it.

Every function reads spaCy ``Doc`` objects of single sentences parsed at a known clean-text
offset; nothing is looked up outside the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ingest.extract.relations import EntityRef
from ingest.model import Mention, RawAction
from ingest.spans import SpanIndex
from ingest.structure.dates import find_dates, find_relative_dates

__all__ = ["Commitment", "commitments_in_sentence", "find_commitments", "take_ups"]

#: verbs that commit their subject to the infinitive they govern ("volunteered to ...")
COMMIT_VERBS = frozenset(
    "agree volunteer offer promise plan intend undertake commit ask task assign go aim hope".split()
)
#: verbs of commitment whose subject commits only in the passive ("was asked to")
_PASSIVE_ONLY = frozenset({"ask", "task", "assign"})
#: auxiliaries of a future or of an intent
#: verbs whose present progressive reports work under way ("Ana is looking into it")
_WORK_VERBS = frozenset(
    "work investigate look prepare draft write organise organize coordinate review follow".split()
)
_FUTURE = frozenset({"will", "'ll", "’ll", "shall"})
#: verbs linking their subject to a state ("get complicated", "become easier")
_LINKING = frozenset("get become seem remain stay grow".split())
#: what a person offers when they offer to do something unnamed ("offered his help")
_HELP_NOUNS = frozenset("help assistance support".split())
#: verbs of an obligation said of their subject: "Ana needs to / has to rerun it"
_NEED_VERBS = frozenset({"need", "have"})
#: adjectives that offer their subject for the infinitive after them ("happy to help")
_WILLING = frozenset("happy willing glad keen eager ready available".split())
#: verbs of being somewhere: "Ana will join next week" is no task
_PRESENCE_VERBS = frozenset("join attend come arrive return leave visit miss".split())
#: verbs of saying and thinking: "we should say", "I will think about it" are talk, not tasks
_OPINION_VERBS = frozenset("say think want consider mean like argue feel know see imagine".split())
#: modals of an offer, said of a person ("Ana can send it"), never of "we"
_MODALS = frozenset({"can"})
_PRONOUNS = frozenset({"he", "she"})
_ACTION_WORDS = "action_words.yaml"


def action_words(key: str) -> frozenset[str]:
    """A list of ``data/vocab/action_words.yaml``: ``roles``, ``collective_decisions``,
    ``proposing``, ``feeling``, ``verdicts`` (read once per vocabulary folder)."""
    from ingest.resolve.vocab import word_list

    return word_list(_ACTION_WORDS, key)


def _holds_role(done: Any) -> bool:
    """Whether the committed phrase takes on a role rather than a task: "own the signing
    service", "take the lead on the migration" (``roles`` of the action words): a
    responsibility, which the relations state, not an action item."""
    doc = done.doc
    words = [done.lemma_.lower(), *(t.lower_ for t in doc[done.i + 1 : done.i + 6])]
    phrase = " ".join(words)
    return any(phrase == r or phrase.startswith(r + " ") for r in action_words("roles"))


def _collective_decision(head: Any, owners: Sequence[EntityRef]) -> bool:
    """A body the document names (a team or an organisation) that agrees as a whole
    ("The TSC agreed to drop X") decides; the decision is the meeting's, no task is given to the
    body. People named by what they do ("the mentors agreed to rank them") each take on the
    task (their ``id`` is empty: no entity of the document)."""
    return (
        bool(owners)
        and all(o.type in ("Team", "Organization") and o.id for o in owners)
        and _lemma(head) in action_words("collective_decisions")
    )


def _inverted(verb: Any) -> bool:
    """A question by its word order: an auxiliary before the subject ("Should we discuss
    X", "Can Ana take it"), whatever the sentence's final punctuation."""
    subj = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    auxes = [c.i for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"]
    return bool(subj and auxes) and min(auxes) < min(subj)


def _proposed(verb: Any) -> bool:
    """Whether a clause is what someone suggests or judges ("Bo suggested we need to
    rewrite it", "it was agreed that we need to do better"): its head, or the head of the
    clause it hangs on, is a verb of ``proposing``."""
    tok = verb
    for _ in range(3):
        if tok.dep_ not in ("ccomp", "xcomp", "conj") or tok.head is tok:
            return False
        tok = tok.head
        if _lemma(tok) in action_words("proposing"):
            return True
    return False


_FIRST_PERSON = frozenset({"i"})
_OWNER_TYPES = ("Person", "Team", "Organization")


@dataclass(frozen=True)
class Commitment:
    """A committed clause at clean span ``[start, end)`` and who committed."""

    start: int
    end: int
    owners: tuple[EntityRef, ...]


def _offered(verb: Any) -> Any:
    """The infinitive a subject offers itself for: "Ana is / would be happy to review"
    (``be`` with a willing adjective), "Graeme happy to coordinate" (the adjective as
    the root), or ``None``."""
    adjectives = [verb] if verb.pos_ == "ADJ" and verb.dep_ == "ROOT" else []
    if verb.lemma_ == "be":
        adjectives = [c for c in verb.children if c.dep_ == "acomp" and c.pos_ == "ADJ"]
    for adj in adjectives:
        if adj.lower_ not in _WILLING or _negated(adj) or _negated(verb):
            continue
        for c in adj.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB" and any(a.tag_ == "TO" for a in c.children):
                return c
    return None


def _willing_holder(
    adj: Any, offset: int, refs: Sequence[EntityRef]
) -> tuple[Any, EntityRef] | None:
    """``(task, person)`` of a willing adjective that hangs on the person's name with no
    verb between: "Tomas: always willing to help", "Lena willing to help" (the parser
    reads the name as the adjective's head)."""
    if adj.pos_ != "ADJ" or adj.lower_ not in _WILLING or adj.dep_ not in ("amod", "acomp"):
        return None
    if _negated(adj) or adj.head.i > adj.i:
        return None
    task = next(
        (
            c
            for c in adj.children
            if c.dep_ == "xcomp" and c.pos_ == "VERB" and any(a.tag_ == "TO" for a in c.children)
        ),
        None,
    )
    holder = _ref_at(adj.head, offset, refs)
    if task is None or holder is None or holder.type != "Person":
        return None
    return task, holder


def _agent_task(verb: Any) -> list[Any]:
    """The agents of a task said in the passive infinitive: "(to be opened by jnewbery)"."""
    children = list(verb.children)
    if not (
        verb.pos_ == "VERB"
        and any(c.tag_ == "TO" for c in children)
        and any(c.dep_ == "auxpass" for c in children)
    ):
        return []
    if verb.dep_ in ("ccomp", "xcomp") or any(c.dep_ == "nsubjpass" for c in children):
        return []  # "Allow the hook to be used ... by @kim": what a change allows, no task
    return [p for c in children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def _lemma(verb: Any) -> str:
    """The verb's lemma, or its present-tense stem where the tagger misread the lemma
    ("hopes" lemmatised as "hop")."""
    lemma = str(verb.lemma_)
    if lemma not in COMMIT_VERBS and verb.tag_ == "VBZ":
        for stem in (verb.lower_[:-1], verb.lower_[:-2]):
            if stem in COMMIT_VERBS:
                return stem
    return lemma


def _negated(verb: Any) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


#: words of assent a parser may take for a subject ("ana: ok, will merge it")
_ASSENT = frozenset("ok okay yes yeah sure right fine agreed".split())


def _subjects(verb: Any) -> list[Any]:
    subj = [
        c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _ASSENT
    ]
    if len(subj) > 1:  # "Rosa: fits with X, Tidal will bring ...": the label is none
        subj = [s for s in subj if not _labels_line(s)] or subj
    return [t for s in subj for t in (s, *s.conjuncts)]


def _labels_line(tok: Any) -> bool:
    """Whether a token is the label opening a line ("Daniel:" of "Daniel: lines up ...")."""
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":" and tok.i <= 2


#: verbs that give their object the task of their infinitive ("asked Bo to tag it")
_ASKING = frozenset("ask task assign request remind require need want".split())
#: of those, the verbs that say what is wanted of someone rather than ask them
_WANTING = frozenset("require need want".split())
#: tasks of talk, asked of someone in a discussion ("asked Bo to explain"): no work given
_TALK = frozenset("explain clarify elaborate comment repeat answer".split())


def _asked(verb: Any) -> tuple[Any, list[Any]] | None:
    """``(task, people)`` of a verb that gives its objects a task in the active voice: "Ana
    asked Bo to tag the release", "Ana tasked Bo and Cy with tagging it", "it requires the
    chairs to set the rules", "we need Ana to review it"; ``None`` otherwise (a negation, a
    condition, a request to explain something; ``(None, [])`` for a wanted explanation)."""
    if _lemma(verb) not in _ASKING or _negated(verb):
        return None
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "Bo was asked to ...": Bo is the subject, read by _committed
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects and _lemma(verb) in _WANTING:
        # "We need Ana to review the guide": the parser reads Ana as the clause's subject
        for clause in verb.children:
            if clause.dep_ == "ccomp" and clause.tag_ == "VB" and not _negated(clause):
                who = [c for c in clause.children if c.dep_ == "nsubj"]
                if who and any(a.tag_ == "TO" for a in clause.children):
                    if clause.lemma_ in _TALK:
                        return None, []
                    return clause, [who[0], *who[0].conjuncts]
    if not objects:
        return None
    task = next(
        (
            c
            for c in verb.children
            if c.dep_ == "xcomp" and c.pos_ == "VERB" and any(a.tag_ == "TO" for a in c.children)
        ),
        None,
    )
    if task is None:
        task = _with_task(verb)
    if task is None or task.lemma_ in _TALK or _negated(task):
        return None
    return task, [t for o in objects[:1] for t in (o, *o.conjuncts)]


def _with_task(verb: Any) -> Any:
    """The gerund of "tasked with preparing the budget", or ``None``."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            for g in c.children:
                if g.dep_ == "pcomp" and g.tag_ == "VBG":
                    return g
    return None


def _group_doer(tok: Any) -> bool:
    """A plural noun of people by what they do as a subject ("Organisers", "the chairs"):
    the group named is the doer."""
    from ingest.resolve.people import _group_noun

    return (
        tok.tag_ == "NNS"
        and tok.dep_ in ("nsubj", "nsubjpass")
        and not (tok.dep_ == "nsubjpass" and _lemma(tok.head) not in _PASSIVE_ONLY)
        and _AGENT_NOUN.fullmatch(tok.lower_) is not None
        and tok.lower_ not in _NOT_GROUPS
        and _group_noun(tok.text)
    )


#: verbs of a stance a speaker takes in their own voice ("Carla: agree with the plan"):
#: their base form after a label is no order
_STANCE = frozenset(
    "agree disagree support prefer suggest propose wonder hope guess believe expect worry note"
    " recommend object".split()
)
_LINE_BULLET = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")


#: a line addressed to a handle: "@Henrik: pursue a report for Larkspur" (board minutes)
_ADDRESSED = re.compile(r"[ \t]*@[A-Za-z][\w.-]{0,30}[ \t]*:")


def _listed(source: str, offset: int) -> bool:
    """Whether the sentence at clean ``offset`` opens a list item (after its bullet) or a
    line addressed to a handle ("@Henrik: pursue a report", the order of board minutes)."""
    if not source:
        return False
    line = source.rfind("\n", 0, offset) + 1
    b = _LINE_BULLET.match(source, line)
    if b is not None and b.end() == offset:
        return True
    at = _ADDRESSED.match(source, line)
    return at is not None and not source[line:offset].strip()


def _imperative_label(verb: Any) -> Any:
    """The label a list item gives its order to: "Alice: send the invite", "Bob - update the
    changelog", "Mentors: rank the proposals" (a name or group, a colon or dash, then a verb
    in its base form with no subject of its own); the label's head token, or ``None``."""
    doc = verb.doc
    if verb.tag_ != "VB" or verb.dep_ != "ROOT" or verb.i < 2 or _negated(verb):
        return None
    if doc[verb.i - 1].text not in (":", "-", "–", "—") or verb.lemma_ in _STANCE:
        return None
    if verb.lemma_ in _OPINION_VERBS or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    if not any(
        c.dep_ in ("dobj", "prep", "prt", "xcomp", "ccomp", "dative") for c in verb.children
    ):
        return None  # "matz: Go forward.": a go-ahead, no task
    words = doc[: verb.i - 1]
    if len(words) > 3 or not all(t.text[:1].isupper() or t.text[:1] == "@" for t in words):
        return None  # a label of a name or a group: "Ana Lima", "@bo", "Mentors"
    return words[-1]


def _group_label(tok: Any) -> bool:
    """A label naming a group by what its people do ("Mentors:", "Reviewers -")."""
    from ingest.resolve.people import _group_noun

    return (
        tok.tag_ in ("NNS", "NNP", "NNPS")
        and _AGENT_NOUN.fullmatch(tok.lower_) is not None
        and tok.lower_ not in _NOT_GROUPS
        and _group_noun(tok.text)
    )


def _binds_group(head: Any, done: Any) -> bool:
    """Whether a clause gives its group subject work: a future ("the organisers will
    publish it"), a headline's infinitive ("Reviewers to check it"), a verb of commitment
    ("Mentors agreed to rank them") or a task given ("were tasked with"); not what a group
    can do or is doing ("Type-checkers can flag it", "maintainers are working on it")."""
    children = list(head.children)
    if any(c.lower_ in _FUTURE for c in children):
        return True
    if head.dep_ == "ROOT" and head is done and any(c.tag_ == "TO" for c in children):
        return True
    return head is not done and _lemma(head) in COMMIT_VERBS and head.tag_ != "VBG"


#: a plural noun of people by what they do ("organisers", "reviewers", "editors")
_AGENT_NOUN = re.compile(r"[a-z-]{3,}(?:ers|ors|irs|ists)")
#: plurals of that shape that name no group ("others"), or no one the minutes give work to
_NOT_GROUPS = frozenset({"others", "users"})


def _headline_doers(verb: Any) -> list[Any]:
    """The names a headline's infinitive gives work to when the parser left them no subject:
    "Bob to close the issue" read with "Bob" as a modifier of "close" (``npadvmod``)."""
    if verb.dep_ != "ROOT" or not any(a.tag_ == "TO" and a.dep_ == "aux" for a in verb.children):
        return []
    lead = [
        c
        for c in verb.children
        if c.i < verb.i and c.dep_ in ("npadvmod", "dep", "nmod", "appos") and c.pos_ == "PROPN"
    ]
    return [t for c in lead[:1] for t in (c, *c.conjuncts)]


def _committed(verb: Any) -> tuple[Any, Any] | None:
    """``(subject verb, committed verb)`` when ``verb`` heads a commitment."""
    if _negated(verb):
        return None
    if verb.lemma_ in _LINKING and any(c.dep_ == "acomp" for c in verb.children):
        return None  # "it can get complicated", "Bo will become busy": a state, not a task
    if _lemma(verb) not in _PASSIVE_ONLY and any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "The team can be found here", "Bo will be told": the subject does nothing
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    able = _able_to(verb, auxes)
    if able is not None:
        return verb, able  # "Should be able to migrate in two weeks", "Bo will be able to"
    if any(a.lower_ in _FUTURE | _MODALS for a in auxes):
        return (verb, verb) if verb.lemma_ != "be" or verb.pos_ != "AUX" else None
    if verb.dep_ == "ROOT" and any(a.tag_ == "TO" for a in auxes):
        return verb, verb  # "Ana to write the plan": a headline's infinitive
    xcomp = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    if xcomp and _negated(xcomp[0]):
        return None
    lemma = _lemma(verb)
    if lemma in COMMIT_VERBS and xcomp:
        if lemma == "go" and not (verb.tag_ == "VBG" and _present(auxes)):
            return None  # "went to", "was going to": not "is going to"
        if lemma in _PASSIVE_ONLY and not any(c.dep_ == "auxpass" for c in verb.children):
            return None  # "Ana asked Bo to ...": Bo is asked, not Ana
        return verb, xcomp[0]
    if lemma in _PASSIVE_ONLY and any(c.dep_ == "auxpass" for c in verb.children):
        task = _with_task(verb)
        if task is not None:
            return verb, task  # "The chairs were tasked with setting up the repo"
    if (
        lemma in _NEED_VERBS
        and xcomp
        and xcomp[0].lemma_ not in ("be", "have")
        and any(a.tag_ == "TO" for a in xcomp[0].children)
    ):
        return verb, xcomp[0]  # "Ana needs to rerun the benchmarks", "Bo has to sign it"
    if verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP") and xcomp:
        if any(a.tag_ == "TO" for a in xcomp[0].children):
            return verb, xcomp[0]  # "Ana is to add a guard"
    if lemma in ("offer", "volunteer", "promise") and verb.tag_ in ("VBD", "VBZ", "VBP"):
        help_ = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in _HELP_NOUNS]
        if help_:
            return verb, verb  # "Ines offered the Consortium's help with ..."
    offer = _offered(verb)
    if offer is not None:
        return verb, offer  # "Ana is happy to review it", "Graeme happy to coordinate"
    if verb.lemma_ == "take" and any(c.lemma_ == "action" for c in verb.children):
        tail = [c for c in verb.subtree if c.dep_ in ("xcomp", "acl", "advcl", "relcl")]
        return (verb, tail[0]) if tail else None
    if verb.tag_ == "VBG" and verb.lemma_ in _WORK_VERBS and _present(auxes):
        return verb, verb  # "Ana is looking into it"
    return None


def _auxes_of(verb: Any) -> list[Any]:
    return [c for c in verb.children if c.dep_ == "aux"]


def _able_to(verb: Any, auxes: Sequence[Any]) -> Any:
    """The task of "will / should be able to <verb>" (a plan with a hedge), or ``None``."""
    if verb.lemma_ != "be" or not any(a.lower_ in _FUTURE | {"should"} for a in auxes):
        return None
    for adj in verb.children:
        if adj.dep_ == "acomp" and adj.lower_ == "able":
            for task in adj.children:
                if task.dep_ == "xcomp" and task.tag_ == "VB" and not _negated(task):
                    return task
    return None


#: verbs whose subjectless present participle, under a person's label, reports that
#: person's work under way ("ana: looking at adopting the CLA", "- trying to write a post")
_REPORT_VERBS = frozenset(
    "look work investigate prepare draft write organise organize try plan aim".split()
)


def _headline_infinitive(verb: Any) -> bool:
    """``PyHEP WG to discuss next steps``: an infinitive hanging on the noun that opens
    the sentence as its root (how the parser reads a headline with no verb of its own)."""
    head = verb.head
    return (
        verb.pos_ == "VERB"
        and verb.dep_ in ("acl", "advcl", "relcl")
        and head.dep_ == "ROOT"
        and head.pos_ in ("PROPN", "NOUN")
        and head.i <= 3
        and any(c.tag_ == "TO" for c in verb.children)
        and not _negated(verb)
    )


def _reported_work(verb: Any) -> Any:
    """The task of a subjectless "looking into X" / "trying to write X" that heads a line
    of a person's report, or ``None``."""
    labelled = (  # "ana: looking at X" parses "looking" as a clause of the label
        verb.dep_ in ("acl", "appos", "advcl")
        and verb.head.dep_ == "ROOT"
        and any(t.text == ":" for t in verb.doc[verb.head.i : verb.i])
    )
    if verb.tag_ != "VBG" or not (verb.dep_ == "ROOT" or labelled) or _negated(verb):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return None
    if verb.lemma_ not in _REPORT_VERBS:
        return None
    xcomp = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    return xcomp[0] if xcomp and verb.lemma_ in ("try", "plan", "aim", "look") else verb


#: words after a comma that start a remark on the task, not the task ("..., which involves")
_REMARK = frozenset("which but so as since because though although while whereas who".split())


def _task_end(verb: Any) -> int:
    """Index of the last token of the task ``verb`` heads: its phrase, up to a remark after
    a comma or a semicolon ("respond to the question, which involves ...")."""
    last = verb.i
    for t in verb.subtree:
        if t.i <= verb.i:
            continue
        if t.text in (";", "(") or (
            t.text == "," and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in _REMARK
        ):
            break
        if not t.is_punct:
            last = t.i
    return last


def _present(auxes: list[Any]) -> bool:
    """Whether a progressive is in the present: "is going to", not "was going to"."""
    return any(a.lower_ in ("is", "are", "'s", "’s", "'re", "am", "'m") for a in auxes)


def _group_duty(verb: Any) -> Any:
    """The committed verb of a duty the meeting gives itself: "we will / should / need to
    start a thread", "Need to create the entries." (no subject), or ``None``."""
    if _negated(verb):
        return None
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    auxes = {a.lower_ for a in verb.children if a.dep_ == "aux"}
    xcomp = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    we = len(subj) == 1 and subj[0].lower_ == "we"
    if we and auxes & (_FUTURE | {"should", "must"}) and verb.lemma_ != "be":
        return verb
    if we and _lemma(verb) in _GROUP_COMMITS and xcomp and not _negated(xcomp[0]):
        if auxes & {"was", "were"}:
            return None  # "We were planning to ship it last month": a plan of the past
        if any(a.tag_ == "TO" for a in xcomp[0].children):
            return xcomp[0]  # "We agree to cut a patch release", "we plan to move it"
    if (we or not subj and verb.dep_ == "ROOT") and verb.lemma_ in ("need", "have") and xcomp:
        if verb.dep_ == "relcl":
            return None  # "everything we need to publish the schedule": what a thing is for
        return xcomp[0]
    if (we or not subj) and verb.lemma_ in ("need", "want", "seek"):
        # "We need someone to update the FAQ": a task nobody has taken yet
        for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _ANYONE):
            for task in obj.children:
                if task.dep_ in ("relcl", "acl") and task.tag_ == "VB" and not _negated(task):
                    if any(a.tag_ == "TO" for a in task.children):
                        return task
    if len(subj) == 1 and subj[0].lower_ in _ANYONE and subj[0].dep_ == "nsubj":
        if auxes & {"should", "must"} and verb.tag_ == "VB":
            return verb  # "someone should update the FAQ"
        if verb.lemma_ == "need" and xcomp and not _negated(xcomp[0]):
            return xcomp[0]  # "Someone needs to update the FAQ"
    return None


#: who a task is for when nobody has taken it yet ("we need someone to ...")
_ANYONE = frozenset("someone somebody anyone anybody volunteer volunteers".split())


#: verbs by which the meeting commits itself to the infinitive after them ("we agree to")
_GROUP_COMMITS = frozenset("agree plan intend aim commit undertake".split())


def _needed(verb: Any) -> Any:
    """The task of a subjectless "need to" / "have to" anywhere in the sentence, or ``None``."""
    if _negated(verb) or verb.lemma_ not in _NEED_VERBS:
        return None
    xcomp = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    if not xcomp or xcomp[0].lemma_ in ("be", "have") or _negated(xcomp[0]):
        return None
    return xcomp[0] if any(a.tag_ == "TO" for a in xcomp[0].children) else None


def _compound(tok: Any) -> list[Any]:
    """The name a subject token ends: "Ana Lima" for "Lima" (its compound children)."""
    left = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return sorted([*left, tok], key=lambda t: t.i)


def _name_shaped(tok: Any) -> bool:
    """A proper noun that may name a person (not an organisation or a product), or a
    capitalised subject no English dictionary lists that the tagger misread ("Sayed is
    working on it" tagged as a verb). Never a part of a dotted identifier
    (``expression.Method``)."""
    if tok.i > 0 and tok.doc[tok.i - 1].text == "." and not tok.doc[tok.i - 1].whitespace_:
        return False
    if tok.whitespace_ == "" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "(":
        return False  # a call: "Method()"
    if (
        tok.pos_ != "PROPN"
        and tok.dep_ == "nsubj"
        and tok.text[:1].isupper()
        and tok.text[1:].islower()
        and tok.text.isalpha()
        and len(tok.text) >= 3
        and (tok.ent_type_ != "" or tok.text not in _english(tok.doc))
    ):
        return True
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and (tok.ent_type_ == "PERSON" or tok.ent_type_ in ("", "ORG") and not tok.text.isupper())
        and tok.text.isalpha()
        and not re.search(r"[a-z][A-Z]", _CAMEL_SURNAME.sub("", tok.text))
    )


#: the head of a surname written with an inner capital ("McCool", "MacLeod", "DeMarco",
#: "FitzGerald"): no sign of a product name ("GitHub", "OpenVDB")
_CAMEL_SURNAME = re.compile(r"^(?:Mc|Mac|Fitz|De|Di|Da|Du|La|Le|Van|Von)(?=[A-Z][a-z]+$)")


def _english(doc: Any) -> Any:
    """The English words of the pipeline that parsed ``doc``."""
    from ingest.extract.naming import load_lexicon
    from ingest.extract.nlp import load_language

    return load_lexicon(load_language())


#: lower-case particles inside a person's name ("Ludwig van Beethoven", "Ana da Silva")
_PARTICLES = frozenset("van von der den de da di du del della la le bin al ten ter".split())
#: a capitalised word of a name, hyphenated parts allowed ("Hye-jin", "O'Neil", "Nguyễn")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.]*(?:-[^\W\d_][\w'’.]*)*")
#: a handle or initials as a subject ("@rkapoor", "sipa", "HN")
_HANDLE_WORD = re.compile(r"@[\w.-]{2,39}|[a-z][a-z0-9_.-]{2,30}|[A-Z]{2,4}")


def _name_tokens(tok: Any) -> list[Any]:
    """The tokens of the name a subject token ends, as written: its proper-noun compounds
    ("Ana Lima" for "Lima") and the parts of a hyphenated given name ("Hye-jin Choi")."""
    doc = tok.doc
    best = _compound(tok)
    for k in range(tok.left_edge.i, best[0].i):
        span = doc[k : tok.i + 1]
        if any(t.pos_ == "DET" or t.dep_ in ("poss", "case", "cc", "conj") for t in span):
            continue
        words = span.text.split()
        if all(
            _NAME_WORD.fullmatch(w)
            and (w[0].isupper() or 0 < i < len(words) - 1 and w in _PARTICLES)
            for i, w in enumerate(words)
        ):
            return list(span)
    return best


def _written(doc: Any, span: Sequence[Any], offset: int, source: str) -> tuple[int, int, str]:
    """Clean offsets of a token span and its text as written (the parser's copy masks
    known names and may show a handle capitalised)."""
    start, end = offset + span[0].idx, offset + span[-1].idx + len(span[-1])
    return start, end, source[start:end] if source else doc.text[start - offset : end - offset]


def _named_subject(
    doc: Any,
    subj: Any,
    offset: int,
    name_of: Callable[[str], str | None] | None,
    known: Callable[[str], str | None] | None,
    source: str,
) -> EntityRef | None:
    """The person a subject no entity covers names: a proper noun shaped like a person's
    name or an ``@handle`` (added to the document's people), or a lower-case handle or
    initials the document already knows ("sipa will open it", "HN will send it")."""
    if name_of is not None and _name_shaped(subj):
        start, end, written = _written(doc, _name_tokens(subj), offset, source)
        return EntityRef(start, end, "", "Person") if name_of(written) else None
    start, end, written = _written(doc, [subj], offset, source)
    if not _HANDLE_WORD.fullmatch(written):
        return None
    if written[0] == "@" and name_of is not None:
        return EntityRef(start, end, "", "Person") if name_of(written) else None
    if known is not None and written.lower() not in _PRONOUNS | _FIRST_PERSON and known(written):
        return EntityRef(start, end, "", "Person")
    return None


def _antecedent(
    doc: Any,
    pronoun: Any,
    offset: int,
    refs: Sequence[EntityRef],
    before: Sequence[EntityRef],
    name_of: Callable[[str], str | None] | None,
    source: str,
) -> EntityRef | None:
    """The one person "he" / "she" stands for: the one named earlier in the sentence
    ("Mirela has the slides; she'll post them"), else the one named in the sentence
    before. Never a guess between two."""
    at = offset + pronoun.idx
    for group in ([r for r in refs if r.type == "Person" and r.end <= at], list(before)):
        people = [r for r in group if r.type == "Person"]
        if not people:
            continue
        ids = {r.id or (source[r.start : r.end] if source else str(r.start)) for r in people}
        if len(ids) != 1:
            return None
        ref = people[0]
        if ref.id == "" and (name_of is None or not name_of(source[ref.start : ref.end])):
            return None  # a name-shaped subject of the sentence before, not a person
        return ref
    return None


def named_people(doc: Any, offset: int, refs: Sequence[EntityRef], source: str) -> list[EntityRef]:
    """The people a sentence names, for a pronoun in the next one: its person entities, or
    else the subjects shaped like a person's name (ids left empty: resolved only if a
    pronoun needs them)."""
    people = [r for r in refs if r.type == "Person"]
    if people:
        return people
    out = []
    for tok in doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and _name_shaped(tok):
            start, end, _ = _written(doc, _name_tokens(tok), offset, source)
            out.append(EntityRef(start, end, "", "Person"))
    return out


def _thing_at(tok: Any, offset: int, refs: Sequence[EntityRef]) -> bool:
    """Whether the document already names the token as a thing (software, a document, a
    ticket): "meshd needs etcd to start" gives meshd no work, whatever its parse."""
    s, e = offset + tok.idx, offset + tok.idx + len(tok)
    return any(r.start < e and s < r.end and r.type not in _OWNER_TYPES for r in refs)


def _ref_at(tok: Any, offset: int, refs: Sequence[EntityRef]) -> EntityRef | None:
    s, e = offset + tok.idx, offset + tok.idx + len(tok)
    for r in refs:
        if r.start < e and s < r.end and r.type in _OWNER_TYPES:
            return r
    return None


def commitments_in_sentence(
    doc: Any,
    offset: int,
    refs: Sequence[EntityRef],
    before: Sequence[EntityRef] = (),
    speaker: EntityRef | None = None,
    name_of: Callable[[str], str | None] | None = None,
    spoken: bool = False,
    reporting: bool = False,
    source: str = "",
    known: Callable[[str], str | None] | None = None,
    labels: frozenset[str] = frozenset(),
) -> list[Commitment]:
    """The commitments of one parsed sentence at clean offset ``offset``.

    ``refs``: entities inside the sentence; ``before``: the people named in the sentence
    before it (a pronoun stands for the one person there); ``speaker``: who speaks the
    line ("ana: I will ..."), for a first-person subject. ``name_of``: the person a proper
    noun subject names (adding it to the document's people), or ``None``. ``spoken``: the
    line is a speaker's turn ("DE: we should ..."): an opinion, so neither the group's duties
    nor offers ("I can ...") count, only promises ("I will ..."). ``reporting``: the
    sentence is the speaker's own report (a line of a list under their label, or a line
    they open), where a subjectless "looking into X" is their work under way. ``source``:
    the clean text ``offset`` counts in, where names are read as written. ``known``: the
    person a name names if the document already knows them (never adding one), for subjects
    no proper noun shows: a handle in lower case ("sipa will ..."), initials ("HN will ...").
    ``labels``: names that label a line of the document ("- Fons: ..."), people who speak
    or are given work there; "X can ..." offers X's help only when X is such a name or a
    person the document knows (else it says what a thing can do: "Rich can render it").
    """
    if doc.text.rstrip().endswith("?"):
        return []
    found: list[Commitment] = []
    taken: set[int] = set()

    def _owner_of(subj: Any, adding: bool = True) -> EntityRef | None:
        """The person or team a subject (or object) token names, if any; with ``adding``
        false, only one the document already knows (never a new person)."""
        ref = _ref_at(subj, offset, refs)
        if ref is None and subj.lower_ in _PRONOUNS:
            ref = _antecedent(doc, subj, offset, refs, before, name_of, source)
        if ref is None and subj.lower_ in _FIRST_PERSON:
            ref = speaker
        if ref is None and subj.lower_ not in _FIRST_PERSON and not _thing_at(subj, offset, refs):
            adder = name_of if adding else None
            ref = _named_subject(doc, subj, offset, adder, known, source)
            if ref is None and not adding and _name_shaped(subj):
                start, end, written = _written(doc, _name_tokens(subj), offset, source)
                if written in labels and name_of is not None:  # "- Fons: ..." elsewhere
                    ref = EntityRef(start, end, "", "Person") if name_of(written) else None
                elif known is not None and known(written):
                    ref = EntityRef(start, end, "", "Person")
        return ref

    for verb in doc:
        if verb.i in taken or verb.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
            continue  # a NOUN: "I will double-check" read as a noun; an ADJ: "happy to"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in verb.children):
            continue
        if verb.lemma_ in _OPINION_VERBS or verb.lemma_ in action_words("feeling"):
            continue  # "developers will love creating it": a feeling, no task
        if _inverted(verb):
            continue  # "Should we discuss X": a question, whatever its punctuation
        duty = None if spoken else _group_duty(verb)
        own = reporting and speaker is not None and not spoken
        if duty is None and own and not _subjects(verb):
            duty = _needed(verb)  # "- [name=Ines] ... (would need to investigate)"
        if duty is not None and (_proposed(verb) or _holds_role(duty)):
            taken.update(t.i for t in verb.subtree)
            continue  # "Bo suggested we need to rewrite it": a proposal, no task
        if duty is not None:
            taken.update(t.i for t in verb.subtree)
            last = _task_end(duty)
            end = offset + doc[last].idx + len(doc[last])
            # with no subject, a line of a person's own report is that person's duty
            mine = (speaker,) if own and speaker is not None and not _subjects(verb) else ()
            found.append(Commitment(offset + duty.idx, end, mine))
            continue
        willing = _willing_holder(verb, offset, refs)
        if willing is not None:  # "Tomas: always willing to help", "Lena willing to help"
            task, holder = willing
            taken.update(t.i for t in verb.subtree)
            last = _task_end(task)
            end = offset + doc[last].idx + len(doc[last])
            found.append(Commitment(offset + task.idx, end, (holder,)))
            continue
        pair = _committed(verb)
        label = _imperative_label(verb) if pair is None and _listed(source, offset) else None
        label_ref = None if label is None else _owner_of(label)
        if label is not None and label_ref is None and _group_label(label):
            label_ref = EntityRef(offset + label.idx, offset + label.idx + len(label), "", "Team")
        # "- Sunil: ask the PMC to add them": the label asks, the PMC is not given the task
        asked = _asked(verb) if pair is None and label_ref is None else None
        if asked is not None and asked[0] is None:
            continue  # "we need Ana to explain": talk, no task
        if asked is not None:  # "Ana asked Bo to tag it": Bo is given the task
            task, objects = asked
            owners_ = [
                r
                for r in (
                    _owner_of(o)
                    or (  # "requires the chairs to set the conventions": the group does it
                        EntityRef(offset + o.idx, offset + o.idx + len(o), "", "Team")
                        if _group_label(o)
                        else None
                    )
                    for o in objects
                )
                if r is not None
            ]
            if owners_ and not (spoken and not _subjects(verb)):
                taken.update(t.i for t in verb.subtree)
                last = _task_end(task)
                end = offset + doc[last].idx + len(doc[last])
                found.append(Commitment(offset + task.idx, end, tuple(dict.fromkeys(owners_))))
            continue
        if label is not None:  # "- Alice: send the invite", "- Mentors - rank the proposals"
            ref = label_ref
            if ref is not None:
                taken.update(t.i for t in verb.subtree)
                last = _task_end(verb)
                end = offset + doc[last].idx + len(doc[last])
                found.append(Commitment(offset + verb.idx, end, (ref,)))
            continue
        agents = _agent_task(verb) if pair is None else []
        if agents:
            pair = (verb, verb)  # "(to be opened by jnewbery)": the agent does it
        headline = pair is None and _headline_infinitive(verb)
        if headline:
            pair = (verb, verb)  # "PyHEP WG to discuss next steps": the noun is the doer
        work = _reported_work(verb) if reporting and speaker is not None else None
        if pair is None and work is not None:
            pair = (verb, work)
        elif pair is None:
            continue
        head, done = pair
        if done.lemma_ in _PRESENCE_VERBS and not any(
            c.dep_ == "conj" and c.pos_ == "VERB" for c in done.children
        ):
            taken.update(t.i for t in head.subtree)
            continue  # "Crris will join us at some point": a visit, not a task
        subjects = (
            _subjects(head)
            or (_subjects(head.head) if head.dep_ == "conj" else [])
            or _headline_doers(head)
        )
        promised = (
            any(c.lower_ in _FUTURE for c in head.children)
            or (
                [t.lower_ for t in subjects] == ["i"]
                and (
                    _lemma(head) in _NEED_VERBS
                    or any(c.lower_ in _MODALS and c.dep_ == "aux" for c in head.children)
                )
            )
            or (  # the speaker's own plan: "Ana: plans to send it" (the label read as the
                # subject, or none), "Should be able to migrate in two weeks"
                all(_labels_line(t) for t in subjects)
                and (
                    _lemma(head) in COMMIT_VERBS - _PASSIVE_ONLY
                    or _able_to(head, _auxes_of(head)) is not None
                )
            )
            or _offered(head) is not None
        )  # "jd: I need to check the choices", "Bo: happy to help": the speaker's own task
        if spoken and work is None and not promised:
            continue
        if headline:
            subjects = [verb.head, *verb.head.conjuncts]
        if agents:
            subjects = [t for a in agents for t in (a, *a.conjuncts)]
        # "X can render tables": an offer of a person the minutes know, else what a thing
        # can do ("Rich can render markdown"); no new person is read from it
        can_only = any(c.lower_ in _MODALS and c.dep_ == "aux" for c in head.children) and not any(
            c.lower_ in _FUTURE for c in head.children
        )
        owners: list[EntityRef] = []
        for subj in subjects:
            ref = _owner_of(subj, adding=not can_only)
            if ref is None and _group_doer(subj) and _binds_group(head, done):
                ref = EntityRef(offset + subj.idx, offset + subj.idx + len(subj), "", "Team")
            if ref is not None:
                owners.append(ref)
        if work is not None and verb.dep_ != "ROOT":
            # "... Bo: looking at X": the label the clause hangs on, not the line's first
            label = _ref_at(verb.head, offset, refs)
            if label is not None and label.type == "Person":
                owners.append(label)
            elif speaker is not None and speaker.start == offset + _compound(verb.head)[0].idx:
                owners.append(speaker)
        elif (
            not subjects
            and speaker is not None
            and verb.dep_ == "ROOT"
            and not any(c.dep_ in ("csubj", "csubjpass", "expl") for c in verb.children)
        ):  # not "Handcrafting a dataset can make it easier": a clause is the subject
            owners.append(speaker)  # "Ana: will send the notes"
        if not owners:
            continue
        if done.lemma_ in action_words("verdicts") and not any(
            c.dep_ in ("dobj", "prep", "xcomp", "ccomp", "advcl") for c in done.children
        ):
            taken.update(t.i for t in head.subtree)
            continue  # "matz: ... Will reject.": a ruling on the proposal, no task
        if _holds_role(done) or _collective_decision(head, owners):
            taken.update(t.i for t in head.subtree)
            continue  # "Ana will own X": a responsibility; "The TSC agreed to X": a decision
        first = done  # the task itself: "write the plan" of "Ana will write the plan"
        last = _task_end(done)
        for t in head.subtree:
            taken.add(t.i)
        start = offset + first.idx
        end = offset + doc[last].idx + len(doc[last])
        found.append(Commitment(start, end, tuple(dict.fromkeys(owners))))
    return found


def _due(
    text: str, c: Commitment, meeting: str | None, upcoming: Callable[[], str | None]
) -> str | None:
    """The day the task is due: a calendar day in its clause, one said relative to the
    meeting ("by Friday", "next Tuesday"), or the next meeting's ("in the next meeting")."""
    year = int(meeting[:4]) if meeting else None
    days = [d for d in find_dates(text, c.start, c.end, year) if d.precision == "day"]
    days = days or find_relative_dates(text, c.start, c.end, meeting)
    if days:
        return days[-1].first
    return upcoming() if _AT_NEXT_MEETING.search(text, c.start, c.end) else None


def _marked_done(text: str, end: int) -> bool:
    """Whether the rest of the task's line marks it done ("Ravi to post a sample PR.
    DONE: <link>"), or a scribe's continuation line right below does ("… (merged)")."""
    from ingest.extract.actions import _DONE_WORD

    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    rest = text[end:stop]
    below = text[
        stop + 1 : text.find("\n", stop + 1) if text.find("\n", stop + 1) > 0 else len(text)
    ]
    if below.lstrip()[:1] in ("…",) or below.lstrip().startswith("..."):
        rest += " " + below
    return _DONE_WORD.search(rest) is not None and "~~" not in rest


_AT_NEXT_MEETING = re.compile(
    r"\b(?:by|before|until|for|in|at)\s+(?:the\s+)?next\s+(?:meeting|call|sync|session|telecon)\b",
    re.I,
)


_SPEAKER = re.compile(
    r"[ \t]*(?:[-*+•][ \t]+)?<?(@?[A-Za-z][\w.-]{0,30}(?: [A-Z][\w.-]{0,30}){0,2})"
    r"(>|:|[ \t]+[-–—](?=[ \t]))?[ \t]+(?=\S)"
)
#: the time a chat log stamps a turn with: "[19:08:59] ", "(01:01:10 PM) ", "[12:55] "
_CHAT_TIME = re.compile(
    r"[ \t]*(?:\[\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp][Mm])?\]"
    r"|\(\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp][Mm])?\)"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?=[ \t]+<))[ \t]+"
)
#: a line signed with HackMD's author tag: ``- [name=Ana] ...``
_NAME_TAG = re.compile(r"[ \t]*(?:[-*+•][ \t]+)?\[name=([^\]\n=]{1,40})\]")
#: line labels that are not speakers ("Action: Ana will ...")
_LABELS = frozenset("action actions ai todo note notes task tasks decision resolution next".split())


def _topic_label(label: str, doc: Any) -> bool:
    """A lower-case line label that is an English word or a plural (``release``,
    ``backports``): a topic heading the line, not a speaker's handle."""
    words = label.split()
    english = _english(doc)
    return all(w in english or (w.endswith("s") and len(w) > 4) for w in words)


def _speaks_first(doc: Any) -> bool:
    """Whether the sentence says "I ..." or opens "name: will ..." (a line of a speaker)."""
    return any(t.lower_ == "i" and t.dep_ == "nsubj" for t in doc) or any(
        t.lower_ in _FUTURE and t.i <= 5 for t in doc
    )


#: verbs a person takes a task on with, pointing back at it: "do so", "take it on"
_TAKE_UP = frozenset({"do", "take", "handle"})
#: the words that point back at the task just said
_PRO_FORMS = frozenset({"so", "it", "that", "this"})


def _taker(
    doc: Any,
    offset: int,
    refs: Sequence[EntityRef],
    before: Sequence[EntityRef],
    name_of: Callable[[str], str | None] | None,
    source: str,
) -> tuple[EntityRef, Any] | None:
    """The person who takes on the task said just before, in words that only point back
    at it ("Tomas stepped up to do so", "Ines volunteered to do it", "Bo said he will take
    it on himself"), with the verb of the taking; ``None`` when the sentence says no such
    thing (asked cheaply first: a pointing word and a verb of taking among its words)."""
    words = {t.lower_ for t in doc}
    if not words & _PRO_FORMS or not any(t.lemma_.lower() in _TAKE_UP for t in doc):
        return None
    if doc.text.rstrip().endswith("?"):
        return None
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _TAKE_UP:
            continue
        kids = list(verb.children)
        if not any(c.lower_ in _PRO_FORMS and c.dep_ in ("dobj", "advmod") for c in kids):
            continue
        if any(c.dep_ == "dobj" and c.lower_ not in _PRO_FORMS for c in kids):
            continue  # "take it to the list" is fine; "do it and the docs" is not pointing
        holder = verb
        while not _subjects(holder) and holder.dep_ in ("xcomp", "ccomp", "conj"):
            holder = holder.head  # "Tomas stepped up to do so": the subject of the step
        chain = {verb, holder, *verb.ancestors}
        if any(
            c.dep_ == "neg" or (c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless"))
            for t in chain
            for c in t.children
        ):
            return None  # "nobody will do it", "if Bo can take it on": no taker
        for subj in _subjects(holder):
            ref = _ref_at(subj, offset, refs)
            if ref is None and subj.lower_ in _PRONOUNS:
                ref = _antecedent(doc, subj, offset, refs, before, name_of, source)
            if ref is not None and ref.type == "Person":
                return ref, verb
    return None


def take_ups(
    text: str,
    parsed: Mapping[tuple[int, int], Any],
    refs: Sequence[EntityRef],
    listed: Sequence[RawAction],
    name_of: Callable[[str], str | None] | None = None,
) -> list[RawAction]:
    """The listed items, each given to the person a later sentence of it says takes the
    task on ("- Priya wanted a hand with the style guide. Tomas said he would pick it up
    himself": Tomas, not the asker)."""
    out = list(listed)
    if not out:
        return out
    ref_index = SpanIndex(refs)
    previous: list[EntityRef] = []
    for (s, e), doc in sorted(parsed.items()):
        inside = ref_index.within(s, e)
        at = next((i for i, a in enumerate(out) if a.start < s and e <= a.end + 1), None)
        if at is not None:
            taken = _taker(doc, s, inside, previous, name_of, text)
            if taken is not None:
                ref = taken[0]
                out[at] = replace(
                    out[at], assignees=(Mention(text[ref.start : ref.end], ref.start, ref.end),)
                )
        previous = named_people(doc, s, inside, text) or previous
    return out


#: a list line labelled with a name: "* [x] MRB: core team invites", "- Ana Lima: docs"
_ITEM_LABEL = re.compile(
    r"[ \t]*(?:[-*+•][ \t]+)?(?:\[[ xX]\][ \t]+)?\**([A-Za-z][\w.-]{0,30}(?: [A-Z][\w.-]{0,30})?)"
    r"\**[ \t]*:"
)


def _parent_label(text: str, line: int) -> str | None:
    """The name labelling the list item a nested line is under ("* [x] MRB: invites" over
    "    * I will open the PR today"): the speaker of the line's "I"."""
    end = text.find("\n", line)
    here = text[line : end if end >= 0 else len(text)]
    indent = len(here) - len(here.lstrip(" \t"))
    if not indent or here.lstrip(" \t")[:1] not in "-*+•":
        return None
    pos = line - 1
    for _ in range(20):  # the nearest line above that is less indented
        if pos <= 0:
            return None
        start = text.rfind("\n", 0, pos) + 1
        above = text[start:pos]
        if above.strip():
            depth = len(above) - len(above.lstrip(" \t"))
            if depth < indent:
                m = _ITEM_LABEL.match(above)
                return m.group(1) if m else None
        pos = start - 1
    return None


def _first_person_promise(doc: Any) -> bool:
    """Whether the sentence is a speaker's own promise: "I will ...", "I'll ...", "I plan
    to ..." (not "I need to", "I think")."""
    return any(
        t.lower_ == "i"
        and t.dep_ == "nsubj"
        and (
            any(c.lower_ in _FUTURE for c in t.head.children)
            or t.head.lemma_.lower() in COMMIT_VERBS - _PASSIVE_ONLY
        )
        for t in doc
    )


#: what may open a line before its owners' names: a bullet, a number, emphasis
_LINE_OPENING = re.compile(r"[ \t]*(?:(?:[-*+•]|\d{1,3}[.)])[ \t]+)?[*_]*")
#: between the owners' names and their task on a task-shaped line: "Ana and Bo to ..."
_TO_TASK = re.compile(r"[*_]*[ \t]+to[ \t]+")


def _task_line(text: str, line: int, c: Commitment) -> bool:
    """Whether a commitment is written as a task of its own: a line that opens with its
    owners (people) and "to" ("- Ivo to book the next call", "* Rhea and Omar to
    settle it by mail"), as a list of actions writes its items."""
    people = sorted((r for r in c.owners if r.type == "Person"), key=lambda r: r.start)
    if not people:
        return False
    opening = _LINE_OPENING.match(text, line, people[0].start)
    return (
        opening is not None
        and opening.end() == people[0].start
        and _TO_TASK.fullmatch(text, people[-1].end, c.start) is not None
    )


def _contentless(doc: Any, offset: int, c: Commitment) -> bool:
    """Whether a committed phrase is a few words that name nothing to work on (no noun or
    number of their own) and nobody owns it ("we need to work on it", "we should move this
    forward"), or its verb only stands for another task ("Bo: will do", "Ana willing to
    help", "I will do this"): nothing a reader could track."""
    tokens = [t for t in doc if c.start <= offset + t.idx < c.end and not t.is_punct]
    if len(tokens) > 3 or any(t.pos_ in ("NOUN", "PROPN", "NUM") for t in tokens):
        return False
    return not c.owners or tokens[0].lemma_.lower() in ("do", "help")


#: the name labelling a line: "- Fons: Marimo notebooks", "Ana Lima: will send it"
_LINE_LABEL = re.compile(r"(?m)^[ \t]*(?:[-*+•][ \t]+)?([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?)[ \t]*:")


def find_commitments(
    text: str,
    parsed: Mapping[tuple[int, int], Any],
    refs: Sequence[EntityRef],
    listed: Sequence[RawAction] = (),
    name_of: Callable[[str], str | None] | None = None,
    meeting: str | None = None,
    reports: Sequence[tuple[int, int, EntityRef]] = (),
    known: Callable[[str], str | None] | None = None,
) -> list[RawAction]:
    """Commitments of every parsed sentence as action items (status open), but for
    sentences that already hold a listed item.

    ``meeting``: the meeting's ISO date, for due dates said relative to it ("by Friday").
    ``reports``: ``(start, end, person)`` of the lists under a person's label, whose lines
    speak for that person. ``known``: the person a name names if the document already
    knows them (see :func:`commitments_in_sentence`).
    Minutes that keep a list of their actions (three listed items or more, not counting the
    lines of people's plans) record their tasks there: what people say they will do in the
    discussion is not repeated as items.
    """
    # minutes that keep a list of their actions record their tasks there: of what the
    # discussion says, only a line written as a task counts ("- Ana to send the list")
    keeps_list = sum(not a.planned for a in listed) >= 3
    out: list[RawAction] = []
    people = [r for r in refs if r.type == "Person"]
    people_at: dict[int, list[EntityRef]] = {}  # by start: a look-up, not a scan per sentence
    for r in people:
        people_at.setdefault(r.start, []).append(r)
    ref_index = SpanIndex(refs)
    labels = frozenset(m.group(1) for m in _LINE_LABEL.finditer(text))
    previous: list[EntityRef] = []
    next_day: list[str | None] = []
    recent = 0  # where the items of the sentence before begin in ``out``

    def upcoming() -> str | None:  # the next meeting's day, read once if a task needs it
        if not next_day:
            from ingest.extract.actions import _next_meeting

            next_day.append(_next_meeting(text, int(meeting[:4]) if meeting else None, meeting))
        return next_day[0]

    for (s, e), doc in sorted(parsed.items()):
        inside = ref_index.within(s, e)
        if any(a.start < e and s < a.end for a in listed):
            previous = named_people(doc, s, inside, text) or previous
            recent = len(out)
            continue
        line = text.rfind("\n", 0, s) + 1
        if text[line : line + 1] in "[(0123456789" and (clock := _CHAT_TIME.match(text, line, e)):
            line = clock.end()  # "[19:08:59] ana: i will ...": the turn opens after its time
        speaker = next(
            (r for r in people_at.get(line, ()) if text[r.end : r.end + 2].strip()[:1] == ":"),
            None,
        )
        said = _SPEAKER.match(text, line, e)
        spoken = bool(said and said.group(2) and said.group(1).lower() not in _LABELS)
        if spoken and said and said.group(1).islower() and _topic_label(said.group(1), doc):
            spoken = False  # "backports: the fix (to be opened by ...)": a topic, no speaker
        tag = _NAME_TAG.match(text, line, e)
        if speaker is None and tag and name_of and name_of(tag.group(1)):
            # HackMD's "- [name=Loïc] I'll put it in the issue": Loïc's turn
            speaker, spoken = EntityRef(tag.start(1), tag.end(1), "", "Person"), True
        if speaker is None and said and said.group(2):
            speaker = next(iter(people_at.get(said.start(1), ())), None)
        label = said.group(1) if said else ""
        if (
            spoken
            and speaker is None
            and len(label) >= 4
            and label[:1].isupper()
            and label[1:].islower()
            and _topic_label(label.lower(), doc)
        ):
            spoken = False  # "Conclusion: we will ...": a label of the line, not a speaker
        reports_work = any(_reported_work(t) is not None for t in doc)
        if (
            speaker is None
            and said
            and said.group(2) in (">", ":")
            and name_of
            and (_speaks_first(doc) or reports_work)
        ):
            if name_of(said.group(1)):  # "mk: I will ...", "<Ege> I will ..."
                speaker = EntityRef(said.start(1), said.end(1), "", "Person")
        mine = "i" in {t.lower_ for t in doc} and _first_person_promise(doc)
        if speaker is None and mine and name_of:
            # "* [x] MRB: invites" over "    * I will open the PR today": MRB's promise
            parent = _parent_label(text, line)
            if parent and parent.lower() not in _LABELS and name_of(parent):
                at = text.rfind(parent, 0, line)
                speaker, spoken = EntityRef(at, at + len(parent), "", "Person"), False
        reporting = speaker is not None
        if speaker is None:
            block = next((r for rs, re_, r in reports if rs <= s < re_), None)
            if block is not None:
                speaker, spoken, reporting = block, False, True
        found = commitments_in_sentence(
            doc, s, inside, previous, speaker, name_of, spoken, reporting, text, known, labels
        )
        taken = _taker(doc, s, inside, previous, name_of, text)
        if taken is not None:  # "We will set it up; Tomas stepped up to do so": Tomas's
            target = next(
                (i for i in range(len(out) - 1, recent - 1, -1) if not out[i].assignees), None
            )
            ref, verb = taken
            at = s + verb.idx
            same = [i for i, c in enumerate(found) if c.end <= at and not c.owners]
            if same:  # the task said earlier in the same sentence
                found[same[-1]] = replace(found[same[-1]], owners=(ref,))
            elif target is not None:
                out[target] = replace(
                    out[target], assignees=(Mention(text[ref.start : ref.end], ref.start, ref.end),)
                )
            if same or target is not None:
                found = [c for c in found if not c.start <= at < c.end]
        recent = len(out)
        for c in found:
            if _contentless(doc, s, c):
                continue  # "we need to work on it", "Bo: will do": nothing a reader could track
            if (
                keeps_list
                and not _task_line(text, line, c)
                and not (mine and c.owners == (speaker,))
            ):
                continue  # "Ana will look at it" beside a list of actions: talk
            owners = tuple(Mention(text[r.start : r.end], r.start, r.end) for r in c.owners)
            words = " ".join(text[c.start : c.end].split())
            due = _due(text, c, meeting, upcoming)
            status = "done" if _marked_done(text, c.end) else "open"
            out.append(RawAction(c.start, c.end, words, owners, due, status))
        previous = named_people(doc, s, inside, text) or previous
    return out
