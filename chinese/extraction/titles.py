"""Title chains: the posts written before a name, read into (organization, title) pairs.

``[前|原] [organization] [modifier] head (、|兼 title)* name`` (records.md): 国务院副总理兼
外交部长钱其琛 is (国务院, 副总理) and (外交部, 部长); 中共中央总书记、国家主席、中央军委主席
江泽民 is three posts of three bodies. The chain is read backwards from the name over the
segmenter's words, so a title is only ever made of words that stand right before the name.
"""
from dataclasses import dataclass

from ..segmenter import segmenter
from .vocabulary import (
    BODY_ENDINGS,
    BODY_OF_HEAD,
    BODY_PREFIXES,
    FORMER,
    HEADS,
    HEADS_OF_BODY,
    MODIFIERS,
    PARTY_COMMITTEES,
    PLACE_BODIES,
    SHORT_FORMS,
)

_LONGEST_HEAD = max(map(len, HEADS))
#: How far before a name a chain may begin, in characters.
WINDOW = 48
#: Characters that end a chain: nothing before them belongs to the title.
BOUNDARIES = set("。！？；：，,.!?;:“”‘’\"'（）()《》〈〉【】[]\n\t 　…—")
_SEPARATORS = ("、", "兼")
_OUR_COUNTRY = {"我国": "中国", "我": "中国"}
#: The state's own bodies, which the press also writes with the country first (中国国务院).
STATE_BODIES = frozenset({"国务院", "外交部", "国防部", "全国人大常委会", "全国人大", "全国政协", "中共中央", "中央军委"})


@dataclass(frozen=True)
class Title:
    """One post of a chain. ``organization`` is "" when the text names no body; then ``hint``
    keeps a body written without its place (省委 of 省委书记), for the archive to resolve."""

    organization: str
    title: str
    former: bool = False
    hint: str = ""

    @property
    def label(self):
        return label(self.organization, self.hint + self.title if not self.organization else self.title)


@dataclass(frozen=True)
class Chain:
    titles: tuple
    start: int  # offset of the chain's first character in the text


def label(organization, title):
    """How a post reads: 中共浙江省委书记, 外交部长, 国务院副总理; never a body twice."""
    title = without_restated_body(organization, title)
    if organization and title and organization[-1] == title[0] and title[0] in "部省市区县州镇乡":
        return organization + title[1:]
    return organization + title


def without_restated_body(organization, title):
    """``title`` without a restatement of its body: (中共浙江省委, 省委书记) -> 书记,
    (拱墅区人民法院, 区法院院长) -> 院长, (中共杭州市委组织部, 组织部部长) -> 部长."""
    if not organization:
        return title
    plain = organization.replace("人民", "")
    for k in range(len(title) - 1, 1, -1):
        prefix = title[:k]
        if organization.endswith(prefix) or plain.endswith(prefix):
            return title[k:]
    return title


def head_of(word):
    """(body written in the word, modifiers + head, former) for a word that ends with a head, else None.

    外交部长 -> (外交部, 部长); 驻华大使 -> ("", 驻华大使); 常务副区长 -> ("", 常务副区长)."""
    if word in SHORT_FORMS:
        body, head = SHORT_FORMS[word]
        return body, head, False
    head = next((word[-n:] for n in range(min(len(word), _LONGEST_HEAD), 0, -1) if word[-n:] in HEADS), None)
    if head is None:
        return None
    rest, modifiers = word[: -len(head)], ""
    while rest:
        modifier = next((m for m in MODIFIERS if rest.endswith(m)), None)
        if modifier is None:
            break
        modifiers, rest = modifier + modifiers, rest[: -len(modifier)]
    former = False
    for marker in FORMER:
        if rest.startswith(marker):
            former, rest = True, rest[len(marker):]
            break
    if rest.startswith("驻"):  # 驻华大使: the posting is part of the title
        return "", rest + modifiers + head, former
    if rest and head in BODY_OF_HEAD and not rest.endswith(BODY_OF_HEAD[head]):
        rest += BODY_OF_HEAD[head]
    return rest, modifiers + head, former


def is_body_word(word, gazetteer):
    """Whether a word names a body or a place a post belongs to."""
    return (
        word in gazetteer
        or word in _OUR_COUNTRY
        or word in BODY_PREFIXES
        or (len(word) >= 2 and word.endswith(BODY_ENDINGS))
    )


def chain_before(text, end, gazetteer, names=()):
    """The title chain that ends right before ``text[end]`` (a name), or None.

    ``text`` is normalized. ``gazetteer`` holds the known places and organizations;
    ``names`` the known people's names: a chain right after a name is that name's
    honorific (江泽民总书记李鹏总理), not a title of the next.
    """
    begin = max(0, end - WINDOW)
    for i in range(end - 1, begin - 1, -1):
        if text[i] in BOUNDARIES:
            begin = i + 1
            break
    words = [w for w, _ in segmenter.words(text[begin:end])]
    offsets, at = [], begin
    for w in words:
        offsets.append(at)
        at += len(w)
    titles, i = [], len(words) - 1
    while i >= 0:
        parsed = _title_ending_at(words, i, gazetteer)
        if parsed is None:
            break
        title, i = parsed
        titles.insert(0, title)
        if i >= 0 and words[i] in _SEPARATORS and i > 0 and _title_ending_at(words, i - 1, gazetteer):
            i -= 1
            continue
        break
    if not titles:
        return None
    if i >= 0 and words[i] in names:  # the chain is the previous name's honorific
        return None
    return Chain(titles=_carry_over(tuple(titles)), start=offsets[i + 1])


def _title_ending_at(words, i, gazetteer):
    """(Title, index of the word before it) for the title whose head is ``words[i]``.

    A dictionary that knows 南非外交部 cuts 南非外交部长 as 南非外交部 / 长: the head is then read
    from the two words together, so that what the archive learns never changes what it reads."""
    parsed = head_of(words[i])
    if parsed is None and i > 0 and head_of(words[i - 1] + words[i]) is not None:
        words = [*words[:i - 1], words[i - 1] + words[i]]
        i -= 1
        parsed = head_of(words[i])
    if parsed is None:
        return None
    body, title, former = parsed
    i -= 1
    if not body:
        while i >= 0 and (words[i] in MODIFIERS or (words[i].startswith("驻") and len(words[i]) > 1)):
            title, i = words[i] + title, i - 1
    elif not is_body_word(body, gazetteer):
        return Title("", title, former), i  # 老部长: not a body; the chain ends here
    parts = [body] if body else []
    while i >= 0 and is_body_word(words[i], gazetteer) and words[i] not in _SEPARATORS:
        parts.insert(0, words[i])
        i -= 1
    if i >= 0 and words[i] in FORMER:
        former, i = True, i - 1
    return normalized_title(parts, title, former, gazetteer), i


def normalized_title(parts, title, former, gazetteer):
    """The Title of a post written as body ``parts`` + ``title``, in the archive's canonical form:
    中共 before a party committee, 国家主席 as one title, the country's name dropped before
    the state's own bodies (中国国务院 is 国务院)."""
    organization = "".join(_OUR_COUNTRY.get(p, p) for p in parts)
    if organization.startswith("中国") and organization[2:] in STATE_BODIES:
        organization = organization[2:]
    if organization == "国家":  # 国家主席 is one title
        return Title("", "国家" + title, former)
    if organization in PARTY_COMMITTEES or _without_place(organization):  # 省委书记, 区政协副主席: for the archive to resolve
        return Title("", without_restated_body(organization, title), former, hint=organization)
    if organization.endswith(PARTY_COMMITTEES) and not organization.startswith("中共"):
        organization = "中共" + organization
    elif organization.startswith("中央") and organization != "中央军委":
        organization = "中共" + organization
    return Title(organization, without_restated_body(organization, title), former)


def _without_place(organization):
    """Whether a body is named without its place: 政协, 区人大常委会 (but not 浙江省政协)."""
    body = organization[1:] if organization[:1] in "省市区县州镇乡" else organization
    return body in PLACE_BODIES


def _carry_over(titles):
    """Give a title without a body the body of the title before it, when it is one of that
    body's heads: 国务院总理、副总理 share 国务院; 区委副书记、区长 do not share 区委."""
    carried = [titles[0]]
    for title in titles[1:]:
        previous = carried[-1]
        if not title.organization and not title.hint and _same_body(previous, title.title):
            title = Title(previous.organization, title.title, title.former, previous.hint)
        carried.append(title)
    return tuple(carried)


def _same_body(previous, title):
    head = title.lstrip("副").removeprefix("常务")
    body = previous.organization or previous.hint
    if not body:
        return False
    if body.endswith(PARTY_COMMITTEES) or body.startswith("中共"):
        return head in HEADS_OF_BODY["party"]
    if body == "国务院":
        return head in HEADS_OF_BODY["国务院"]
    if body.endswith("部"):
        return head in HEADS_OF_BODY["ministry"]
    return False
