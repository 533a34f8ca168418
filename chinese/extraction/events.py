"""Event reports: meetings, talks, inspections, conferences, signings, visits and speeches.

Read sentence by sentence (records.md): ``X（在某地）会见(了)[titles] Y（、Z）`` — X hosts,
Y and Z are guests; ``X同/与/和Y举行会谈`` — talks, X hosts; 拜会 — the subject is the guest;
视察/考察/调研 — the subject leads, 陪同 lists those who accompany; conferences — 主持
presides, 讲话 speaks, 出席 attends. A sentence that puts the thing in the future (将), denies
it, or in an earlier year is no event of that day.
"""
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .dates import sentence_date
from ..normalize import normalize, simplified
from .sentences import clauses, quote

MEETING, TALKS, INSPECTION, CONFERENCE, SIGNING, VISIT, SPEECH = (
    "meeting", "talks", "inspection", "conference", "signing", "visit", "speech",
)
FORUM, PLENARY, STUDY_SESSION = "forum", "plenary", "study_session"
#: The kinds of conference a name tells: 座谈会 is a forum, 全会 a plenary.
CONFERENCE_KINDS = ((re.compile(r"座谈会$"), FORUM), (re.compile(r"全会$|全体(?:\(扩大\))?会议$"), PLENARY),
                    (re.compile(r"学习会$"), STUDY_SESSION))
HOST, GUEST, PRESIDED, SPOKE, ATTENDED, ACCOMPANIED, LED = (
    "host", "guest", "presided", "spoke", "attended", "accompanied", "led",
)

PRINCIPAL_ROLES = {
    MEETING: (HOST, GUEST), TALKS: (HOST, GUEST), INSPECTION: (LED,), SIGNING: (ATTENDED,), VISIT: (GUEST,), SPEECH: (SPOKE,),
}

_MEETING_VERB = re.compile(r"会见|接见|拜会|拜见|会晤|会谈")
_INSPECTION_VERB = re.compile(r"视察|考察|调研")
_SIGNING_VERB = re.compile(r"签署|签订|签字")
_VISIT = re.compile(r"(?:进行|开始|结束)(?:了)?(?:为期\S{1,4}的)?(?:国事|正式|工作|友好|私人)?访问|抵达\S{0,6}访问")
_SPEECH = re.compile(r"发表(?:了)?(?:重要|新年|电视)?讲话|致辞|发表(?:了)?(?:重要)?演讲")
_CONFERENCE_NOUN = re.compile(
    r"[^\s,;:、“”()《》。]{0,30}?(?:全体会议|全会|座谈会|推进会|联席会议?|学习会|报告会|工作会议?|常委会议?|会议|大会|论坛)"
)
#: Where a conference's name begins: after the verb that holds or attends it, or 在.
_CONFERENCE_LEAD = re.compile(r".*(?:主持召开|召开|举行|主持|出席|参加|在|电)")
_ROLE_VERBS = ((PRESIDED, re.compile(r"主持")), (SPOKE, re.compile(r"讲话|作报告|致辞")),
               (ATTENDED, re.compile(r"出席|参加|在座")))
#: Words that put what follows in the future, or deny it.
_NOT_HAPPENED = re.compile(
    r"(?<![上中少大])将(?!军)|即将|定于|拟|准备|计划|打算|希望|目的|旨在|为了|未能|没有|未|不会|不能|不再|不"
)  # 上将 is a rank
_ACCOMPANYING = re.compile(r"陪同")
#: What joins names into one group (江泽民和李鹏), and what shows the first is not the second's peer.
_JOINED = re.compile(r"、|和|及|与")
_BREAKS_GROUP = re.compile(r"说|谈到|表示|指出|认为|宣布|就|对|向|是在|会见|会谈")
#: A second action after the first in one clause: 会见X并即将会见Y.
_THEN = re.compile(r"并|然后|随后|即将|接着")
#: Words that plan what a sentence goes on to tell.
_PLANNED = re.compile(r"定于|将于|即将|将要|拟于|计划于|预定|预计|行将")
#: Every word that may start a report (what the finders below look for), in one pattern.
_TRIGGER = re.compile(
    r"会见|接见|拜会|拜见|会晤|会谈|视察|考察|调研|签署|签订|签字|访问|讲话|演讲|致辞|作报告|主持|出席|参加|在座|举行|召开|开幕|闭幕"
)
#: What shows a clause recalls an act rather than reports it.
_STUDIED = re.compile(r"贯彻|落实|传达|领会|按照|根据|遵照|要学习|学习研究")
_SPEECH_SPIRIT = re.compile(r"重要讲话|讲话精神|重要指示|指示精神")
#: A conference said to take place, whose roles the next sentences give.
_HELD = re.compile(r"举行|召开|开幕|闭幕")
_VAGUE_DATE = re.compile(r"近日|日前|最近|前不久|不久前|刚刚|此前|期间")
_PRONOUN = re.compile(r"^(?:随后|接着|此后|之后|当天|同日)?\s*(?:他|她|他们|又|还)")
_TIME_WORDS = re.compile(r"^(?:今天|昨天|今日|昨日|前天|当天|日前|近日|上午|下午|晚上|中午|\d+日|本月\d+日)+")


@dataclass
class Participant:
    person_id: int
    name: str
    role: str


@dataclass
class EventReport:
    kind: str
    date: object  # datetime.date
    place: str
    title: str
    quote: str
    participants: list = field(default_factory=list)
    vague: bool = False  # dated only as "some days before": the archive looks for it among recent events

    @property
    def principals(self):
        """The people who make this event this event: hosts and guests, whoever leads it,
        signs, visits or speaks; a conference is known by its name."""
        roles = PRINCIPAL_ROLES.get(self.kind, ())
        return frozenset(p.person_id for p in self.participants if p.role in roles)

    @property
    def key(self):
        """What tells this event from another one on the same day."""
        return (self.kind, self.date, self.title if self.kind == CONFERENCE else self.principals)

    def add(self, person_id, name, role):
        if not any(p.person_id == person_id and p.role == role for p in self.participants):
            self.participants.append(Participant(person_id, name, role))


def event_reports(text, norm, people, sentence_spans, reference, dateline_place, gazetteer, body_start=0):
    """The events a text reports, each once, in text order.

    ``people`` are (name, start, person id) of the known people it names. Headlines (before
    ``body_start``) are read for people only: they restate the body without its dates.
    """
    reports, subject, conference = {}, None, [None]
    narrative = reference  # the day the text last gave: later sentences go on telling it
    starts = [start for _, start, _ in people]
    for span in sentence_spans:
        if span.start < body_start:
            continue
        here = people[bisect_left(starts, span.start):bisect_left(starts, span.end)]
        sentence = sentence_date(norm[span.start:span.end], reference) or narrative
        if sentence <= reference:
            narrative = sentence
        if _earlier_year(norm[span.start:span.end], reference):
            continue
        for clause in clauses(norm, span):
            in_clause = [p for p in here if clause.start <= p[1] < clause.end]
            if in_clause and _opens(norm[clause.start:in_clause[0][1]]):
                subject = in_clause[0]
            if not _TRIGGER.search(norm, clause.start, clause.end):
                continue  # most clauses report nothing: only these words start a report
            date = sentence_date(norm[clause.start:clause.end], reference) or sentence
            if date > reference:  # told before it happens
                continue
            context = _Context(text, norm, span, clause, in_clause, here, subject, date, dateline_place, gazetteer)
            context.conference = conference
            for report in context.reports():
                key = report.key
                if key in reports:
                    for p in report.participants:
                        reports[key].add(p.person_id, p.name, p.role)
                elif report.participants:
                    reports[key] = report
    return list(reports.values())


def _opens(lead_in):
    """Whether a person after ``lead_in`` is the subject of the clause: near its start, not after
    a pronoun or a preposition (他同恩佐的会谈: 恩佐 is not the subject)."""
    return len(lead_in) <= 24 and not re.search(r"^(?:他|她)|同|与|和|跟|对|向|给|把|被|会见|接见", lead_in)


def _earlier_year(sentence, reference):
    return any(int(y) < reference.year for y in re.findall(r"((?:19|20)\d\d)年", sentence))


class _Context:
    """One clause of one sentence, with what is known around it."""

    def __init__(self, text, norm, span, clause, people, sentence_people, subject, date, dateline_place, gazetteer):
        self.text, self.norm, self.span, self.clause = text, norm, span, clause
        self.people, self.sentence_people, self.subject = people, sentence_people, subject
        self.date, self.dateline_place, self.gazetteer = date, dateline_place, gazetteer

    def reports(self):
        clause_text = self.norm[self.clause.start:self.clause.end]
        for finder in (self._meeting, self._inspection, self._signing, self._visit, self._conference, self._speech):
            found = finder(clause_text)
            if found:
                return found if isinstance(found, list) else [found]
        return []

    # -- who stands where --------------------------------------------------------------

    def _before(self, offset):
        return [p for p in self.people if p[1] < offset]

    def _after(self, offset):
        return [p for p in self.people if p[1] >= offset]

    def _group_before(self, offset):
        """The people named last before ``offset``, with those joined to them by 、 or 和 (国家主席
        江泽民和国务院总理李鹏); not someone earlier who only talks about them (塔拉索夫谈到克林顿)."""
        before = [p for p in self._before(offset) if not _ACCOMPANYING.search(self.norm[p[1]:offset])]
        group = before[-1:]
        for previous in reversed(before[:-1]):
            gap = self.norm[previous[1] + len(previous[0]):group[0][1]]
            if len(gap) > 16 or not _JOINED.search(gap) or _BREAKS_GROUP.search(gap):
                break
            group.insert(0, previous)
        return group

    def _subjects(self, verb_at):
        """The people before the verb (not those who accompany), or the carried-over subject."""
        before = self._group_before(verb_at)
        if before:
            return before
        lead_in = self.norm[self.clause.start:verb_at]
        if self.subject is not None and (_PRONOUN.search(lead_in.strip()) or not lead_in.strip() or _TIME_WORDS.match(lead_in)):
            return [self.subject]
        return []

    def _not_happened(self, verb_at):
        """Whether the clause puts the verb in the future, denies it or gives its purpose, or
        the sentence planned it in an earlier clause (内塔尼亚胡定于20日赴华盛顿，同克林顿举行会谈),
        or the verb only qualifies a noun (会谈的中心内容将是…)."""
        return bool(
            _NOT_HAPPENED.search(self.norm, self.clause.start, verb_at)
            or _PLANNED.search(self.norm, self.span.start, verb_at)
            or self.norm.startswith("的", verb_at + 2)
        )

    def _accompanying(self):
        """People the sentence says accompany (陪同): after 陪同, or before 陪同 in 在X陪同下."""
        found = []
        sentence = self.norm[self.span.start:self.span.end]
        for match in _ACCOMPANYING.finditer(sentence):
            at = self.span.start + match.start()
            clause_start = max(self.norm.rfind(c, self.span.start, at) for c in ",;") + 1
            clause_start = max(clause_start, self.span.start)
            clause_end = min([i for i in (self.norm.find(c, at, self.span.end) for c in ",;") if i != -1] or [self.span.end])
            after = [p for p in self.sentence_people if at < p[1] < clause_end]
            if self.norm[at:at + 3] == "陪同下" or not after:  # 在X陪同下, or 佟桂莉陪同
                found += [p for p in self.sentence_people if clause_start <= p[1] < at]
            else:
                found += after
        return found

    def _place(self, after):
        """A known place the clause names after ``在``, else the dateline's."""
        clause_text = self.norm[self.clause.start:self.clause.end]
        for match in re.finditer(r"在([\u4e00-\u9fff]{2,10})", clause_text):
            run = match.group(1)
            for size in range(len(run), 1, -1):
                if run[:size] in self.gazetteer:
                    return run[:size]
        return self.dateline_place

    def _report(self, kind, title, focus, vague=False):
        return EventReport(
            kind=kind, date=self.date, place=self._place(focus), title=title,
            quote=quote(self.text, self.span, focus, focus + 1), vague=vague,
        )

    def _vague(self, verb_at, verb):
        """Whether the clause dates the thing only as some days before (日前, 最近) or refers back to
        it (在会谈时, 会谈中) rather than reporting it."""
        if _VAGUE_DATE.search(self.norm, self.clause.start, verb_at):
            return True
        return self.norm[verb_at + len(verb):verb_at + len(verb) + 1] in ("时", "中", "后")

    # -- the kinds -----------------------------------------------------------------------

    def _meeting(self, clause_text):
        match = _MEETING_VERB.search(clause_text)
        if match is None:
            return None
        verb, at = match.group(), self.clause.start + match.start()
        if self._not_happened(at):
            return None
        if verb in ("会谈", "会晤"):
            return self._talks(at, verb)
        hosts = self._subjects(at)
        guests = [p for p in self._after(at + len(verb)) if not self._escorts(p, at)]
        if guests:  # 会见X并即将会见Y: Y is not received yet (but 会见并宴请了X is one act)
            then = _THEN.search(self.norm, guests[0][1], self.clause.end)
            guests = [p for p in guests if then is None or p[1] < then.start()]
        if verb in ("拜会", "拜见"):
            hosts, guests = guests, hosts
        if not hosts or not guests:
            return None
        report = self._report(MEETING, _title(hosts, "会见", guests), at, vague=self._vague(at, verb))
        for name, _, pid in hosts:
            report.add(pid, name, HOST)
        for name, _, pid in guests:
            report.add(pid, name, GUEST)
        for name, _, pid in self._accompanying():
            if pid not in report.principals:
                report.add(pid, name, ACCOMPANIED)
        return report

    def _escorts(self, person, verb_at):
        """随同A来访的B: B is received, A is whom B came with."""
        _, start, _ = person
        following = self.norm[start:start + 12]
        return bool(re.match(r"[\u4e00-\u9fff·]{2,12}?来访的", following)) and "随同" in self.norm[verb_at:start]

    def _talks(self, at, verb):
        before = self._before(at)
        if not before and self.subject is not None:
            before = [self.subject]
        lead_in = self.norm[self.clause.start:at]
        joint = re.search(r"同|与|和|跟", lead_in)
        if joint is None:
            return None
        split = self.clause.start + joint.start()
        hosts = self._group_before(split) or ([self.subject] if self.subject and self.subject not in before else [])
        guests = [p for p in before if p[1] > split]
        if not hosts or not guests:
            return None
        # 分别与A和B举行会谈: talks with each of them
        sides = [[g] for g in guests] if "分别" in self.norm[self.clause.start:split] else [guests]
        reports = []
        for side in sides:
            report = self._report(TALKS, _title(hosts, "同", side) + "会谈", at, vague=self._vague(at, verb))
            for name, _, pid in hosts:
                report.add(pid, name, HOST)
            for name, _, pid in side:
                report.add(pid, name, GUEST)
            reports.append(report)
        return reports

    def _inspection(self, clause_text):
        match = _INSPECTION_VERB.search(clause_text)
        if match is None:
            return None
        at = self.clause.start + match.start()
        if self._not_happened(at):
            return None
        leaders = [p for p in self._subjects(at) if p not in self._accompanying()]
        if not leaders or self._recalled(leaders[0][1], at):
            return None
        report = self._report(INSPECTION, _clause_title(self.norm, self.text, leaders[0][1], self.clause.end), at)
        for name, _, pid in leaders:
            report.add(pid, name, LED)
        for name, _, pid in self._accompanying():
            if pid not in report.principals:
                report.add(pid, name, ACCOMPANIED)
        return report

    def _recalled(self, subject_at, verb_at):
        """Whether the clause recalls a past act instead of reporting one: 学习贯彻习近平总书记
        考察浙江重要讲话精神."""
        return bool(_STUDIED.search(self.norm, self.clause.start, verb_at)
                    or _SPEECH_SPIRIT.search(self.norm, verb_at, self.clause.end))

    def _signing(self, clause_text):
        match = _SIGNING_VERB.search(clause_text)
        if match is None:
            return None
        at = self.clause.start + match.start()
        signers = self._subjects(at)
        if self._not_happened(at) or not signers:
            return None
        report = self._report(SIGNING, _clause_title(self.norm, self.text, signers[0][1], self.clause.end), at)
        for name, _, pid in signers:
            report.add(pid, name, ATTENDED)
        return report

    def _visit(self, clause_text):
        match = _VISIT.search(clause_text)
        if match is None:
            return None
        at = self.clause.start + match.start()
        visitors = self._subjects(at)
        if self._not_happened(at) or not visitors:
            return None
        report = self._report(VISIT, _clause_title(self.norm, self.text, visitors[0][1], self.clause.end), at)
        for name, _, pid in visitors:
            report.add(pid, name, GUEST)
        return report

    def _conference(self, clause_text):
        """Roles at a conference the sentence names, or at the one the text named last (省长
        袁家军主持。郑栅洁出席。)."""
        noun = _CONFERENCE_NOUN.search(self.norm, self.span.start, self.span.end)
        if noun is not None:
            lead = _CONFERENCE_LEAD.match(self.norm, noun.start(), noun.end())
            start = lead.end() if lead and lead.end() < noun.end() - 4 else noun.start()
            title = simplified(self.text[start:noun.end()].strip())
            if _HELD.search(self.norm, noun.end(), self.span.end):  # 推进会今天在绍兴举行: roles may follow
                self.conference[0] = self._report(_conference_kind(title), title, noun.start())
        elif self.conference[0] is not None and self.conference[0].date == self.date:
            title = self.conference[0].title
        else:
            return None
        report = None
        for role, pattern in _ROLE_VERBS:
            for match in pattern.finditer(clause_text):
                at = self.clause.start + match.start()
                if self._not_happened(at):
                    continue
                people = self._subjects(at) if role != ATTENDED or self._before(at) else self._after(at)
                if not people:
                    continue
                if report is None:
                    if len(title) < 4:  # 出席了会议: no name; say who did what
                        title = people[0][0] + match.group() + title
                    report = self._report(_conference_kind(title), title, at)
                for name, _, pid in people:
                    report.add(pid, name, role)
        if report is not None:
            self.conference[0] = report
        return report

    def _speech(self, clause_text):
        match = _SPEECH.search(clause_text)
        if match is None:
            return None
        at = self.clause.start + match.start()
        speakers = self._subjects(at)
        if self._not_happened(at) or not speakers:
            return None
        report = self._report(SPEECH, _clause_title(self.norm, self.text, speakers[0][1], self.clause.end), at)
        for name, _, pid in speakers:
            report.add(pid, name, SPOKE)
        return report


def _conference_kind(title):
    return next((kind for pattern, kind in CONFERENCE_KINDS if pattern.search(normalize(title))), CONFERENCE)


def _title(first, joiner, second):
    return "、".join(n for n, _, _ in first) + joiner + "、".join(n for n, _, _ in second)


def _clause_title(norm, text, start, end, limit=60):
    """The clause from its first person on, in simplified characters."""
    return simplified(text[start:end].strip())[:limit]
