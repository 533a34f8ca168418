"""Judgments of positions and meetings, built from the 1998 corpus's annotation.

The corpus tags people (nr), places (ns) and organizations (nt) but not titles or events.
The rules (bench/README.md, "Extraction judgments"):

* **Positions.** A person's name (adjacent nr tokens; not a reporter's byline) right after a
  chain of tokens ``[前|原] [nt|ns|nz|j tokens, 中共/国家/中国/全国] [modifier] head`` joined by
  、 or 兼 attests each title of the chain. A head is a token that ends with a word of
  chinese.extraction.vocabulary.HEADS (外交部长 = 外交部 + 部长). A title right after another
  name is that name's honorific (江泽民主席李鹏总理), and a name after 、 following a titled
  name takes the same titles (国务院副总理李岚清、吴邦国). 前/原 or an earlier year in the
  sentence make an attestation former. The date is the dateline's (新华社北京1月5日电), else
  the article's.
* **Meetings and talks.** In one clause, nr names before 会见/接见 (tagged v) host, names after
  it are guests (but B of 随同B来访的C is not received; 拜会 swaps them); names before 会谈/会晤
  split at 同/与/和/跟 into hosts and guests (分别同A和B: one talks each). A clause with no
  name before the verb takes the sentence's subject when it starts with 他/她 or a time word.
  Not an event of that day: 将/拟/未/没有/不/目的/为了… before the verb in the clause, 定于/将于/
  即将… before it in the sentence, 的 right after it (会谈的内容), a date after the report's.

The tags decide names, bodies and boundaries; titles are read with the extractor's own
vocabulary (chinese.extraction), since a list of title words is the judgment itself.
"""
import re
from collections import defaultdict
from dataclasses import dataclass, field

from archive.importers.pku1998 import parse
from chinese.extraction.dates import find_dateline, sentence_date
from chinese.extraction.titles import head_of, normalized_title
from chinese.extraction.vocabulary import BODY_PREFIXES, FORMER, MODIFIERS
from chinese.normalize import normalize

BODY_TAGS = {"nt", "ns", "nz", "j"}
# tokens are normalized: full-width punctuation is half-width (，-> ,), 。 stays
SENTENCE_END = {"。", "!", "?"}
CLAUSE_END = SENTENCE_END | {",", ";", ":"}
PLANNED = {"定于", "将于", "即将", "将要", "拟于", "预定", "预计", "行将"}
NOT_HAPPENED = {"将", "将于", "将要", "即将", "定于", "拟", "准备", "计划", "打算", "希望", "目的", "旨在", "为了", "未",
                "没有", "不", "不会", "未能"}


@dataclass
class GoldArticle:
    external_id: str
    positions: list = field(default_factory=list)  # (name, Title, date)
    events: list = field(default_factory=list)  # (kind, date, hosts, guests)


def paragraphs_by_article(corpus_lines):
    """{article id: [its paragraphs]}, as the pku1998 parser reads them."""
    from archive.importers.pku1998 import parse_line

    articles = defaultdict(list)
    for line in corpus_lines:
        paragraph = parse_line(line)
        if paragraph is not None:
            articles[paragraph.article_id].append(paragraph)
    return articles


def judge(corpus_lines, gazetteer):
    """GoldArticle for each article of the corpus."""
    from archive.importers.pku1998 import byline_names, find_names

    lines = list(corpus_lines)
    parsed = {a.external_id: a for a in parse(lines)}
    gold = []
    for article_id, paragraphs in paragraphs_by_article(lines).items():
        article = parsed[article_id]
        text = normalize("\n".join(p.text for p in paragraphs))
        dateline = find_dateline(text, article.date)
        reference = dateline.date if dateline else article.date
        judged = GoldArticle(article_id)
        subject = None
        for paragraph in paragraphs:
            tokens = [(normalize(t.word), t.tag) for t in paragraph.tokens]
            names = [n for n in find_names(paragraph.tokens) if n not in byline_names(paragraph.tokens, find_names(paragraph.tokens))]
            judged.positions += _positions(tokens, names, reference, gazetteer)
            found, subject = _events(tokens, names, reference, subject)
            judged.events += found
        gold.append(judged)
    return gold


def _positions(tokens, names, reference, gazetteer):
    found, previous = [], None
    for name in names:
        titles = _chain(tokens, name.start, gazetteer)
        if titles is None and previous and previous[0] == name.start - 1 and tokens[name.start - 1][0] == "、":
            titles = previous[1]
        previous = (name.end, titles) if titles else None
        if not titles:
            continue
        sentence_start = max([i for i in range(name.start) if tokens[i][0] in SENTENCE_END] + [-1]) + 1
        before = "".join(w for w, _ in tokens[sentence_start:name.start])
        historical = "当时" in before or any(int(y) < reference.year for y in re.findall(r"((?:19|20)\d\d)年", before))
        for title in titles:
            found.append((normalize(name.text), title, reference, historical or title.former))
    return found


def _chain(tokens, start, gazetteer):
    titles, j = [], start - 1
    while j >= 0:
        word, tag = tokens[j]
        parsed = head_of(word) if tag not in ("nr", "w") else None
        if parsed is None:
            break
        body, title, former = parsed
        j -= 1
        if not body:
            while j >= 0 and (tokens[j][0] in MODIFIERS or (tokens[j][0].startswith("驻") and len(tokens[j][0]) > 1)):
                title, j = tokens[j][0] + title, j - 1
        parts = [body] if body else []
        while j >= 0 and (tokens[j][1] in BODY_TAGS or tokens[j][0] in BODY_PREFIXES):
            parts.insert(0, tokens[j][0])
            j -= 1
        if j >= 0 and tokens[j][0] in FORMER:
            former, j = True, j - 1
        titles.insert(0, normalized_title(parts, title, former, gazetteer))
        if j >= 1 and tokens[j][0] in ("、", "兼") and tokens[j - 1][1] not in ("nr", "w") and head_of(tokens[j - 1][0]):
            j -= 1
            continue
        break
    if not titles or (j >= 0 and tokens[j][1] == "nr"):
        return None
    return titles


def _events(tokens, names, reference, subject):
    found = []
    clause_start = 0
    sentence_start = 0
    for i, (word, tag) in enumerate(tokens + [("。", "w")]):
        if word in SENTENCE_END or word in CLAUSE_END:
            clause_names = [n for n in names if clause_start <= n.start < i]
            sentence = "".join(w for w, _ in tokens[sentence_start:i])
            lead_in = [w for w, _ in tokens[clause_start:clause_names[0].start]] if clause_names else []
            if clause_names and not (set(lead_in) & {"他", "她", "同", "与", "和", "跟", "对", "向", "会见", "接见"}):
                subject = clause_names[0]
            found += _clause_event(tokens, clause_start, i, clause_names, subject, reference, sentence, sentence_start) or []
            clause_start = i + 1
            if word in SENTENCE_END:
                sentence_start = i + 1
    return found, subject


def _clause_event(tokens, start, end, names, subject, reference, sentence, sentence_start):
    for k in range(start, end):
        word, tag = tokens[k]
        if word in ("会见", "接见", "拜会", "拜见") and tag == "v":
            kind = "meeting"
        elif word in ("会谈", "会晤") and tag in ("v", "vn"):
            kind = "talks"
        else:
            continue
        if any(tokens[m][0] in NOT_HAPPENED for m in range(start, k)):
            return None
        if k + 1 < len(tokens) and tokens[k + 1][0] == "的":  # 会谈的中心内容: a noun's modifier, no report
            return None
        if any(tokens[m][0] in PLANNED for m in range(sentence_start, k)):
            return None
        if any(int(y) < reference.year for y in re.findall(r"((?:19|20)\d\d)年", sentence)):
            return None
        clause = "".join(w for w, _ in tokens[start:end])
        date = sentence_date(clause, reference) or sentence_date(sentence, reference) or reference
        if date > reference:
            return None
        before = [n for n in names if n.end <= k and "陪同" not in "".join(w for w, _ in tokens[n.end:k])]
        after = [n for n in names if n.start > k]
        if kind == "meeting":
            hosts = before
            if not hosts and subject is not None and tokens[start][0] in ("他", "她", "随后", "接着", "今天", "昨天", "当天"):
                hosts = [subject]
            guests = [n for n in after if not _escort(tokens, k, n)]
            if word in ("拜会", "拜见"):  # the subject calls on the host
                hosts, guests = guests, hosts
        else:
            joints = [m for m in range(start, k) if tokens[m][0] in ("同", "与", "和", "跟") and tokens[m][1] in ("p", "c")]
            if not joints:
                return None
            guests = [n for n in before if n.start > joints[0]]
            hosts = [n for n in before if n.start < joints[0]] or ([subject] if subject and subject not in guests else [])
        if not (hosts and guests):
            return None
        host_names = frozenset(normalize(n.text) for n in hosts)
        if kind == "talks" and any(tokens[m][0] == "分别" for m in range(start, k)):  # 分别与A和B: talks with each
            return [(kind, date, host_names, frozenset([normalize(n.text)])) for n in guests]
        return [(kind, date, host_names, frozenset(normalize(n.text) for n in guests))]
    return None


def _escort(tokens, verb, name):
    """B of 随同B来访的C: whom C came with, not whom the host received."""
    following = "".join(w for w, _ in tokens[name.end:name.end + 3])
    return following.startswith("来访的") and any(tokens[m][0] == "随同" for m in range(verb, name.start))
