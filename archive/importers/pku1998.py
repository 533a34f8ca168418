"""Parser for the PKU-annotated People's Daily corpus of January 1998 (``199801.txt``).

The corpus has one paragraph per line::

    19980101-01-001-004/m  １２月/t  ３１日/t  ，/w  ...  江/nr  泽民/nr  发表/v ...

The first token is the paragraph id ``YYYYMMDD-PP-AAA-SSS/m``; the article id is its first
three fields. The rest are ``word/TAG`` tokens separated by whitespace; bracketed compounds
such as ``[中央/n  人民/n  广播/vn  电台/n]nt`` name one organization (``nt``), place (``ns``)
or other proper noun. Blank lines carry no meaning.

:func:`parse` streams over the lines and yields one :class:`CorpusArticle` per article.
The module has no Django dependency; the caller maps the records onto models.

Decisions worth knowing:

* **Title.** The first paragraph is the headline when more paragraphs follow and it reads
  like one (see :func:`is_headline`); otherwise ``title`` is ``""`` and every paragraph is
  body. Callers may fill empty titles with :func:`archive.importers.records.derive_title`.
* **People.** Adjacent ``nr`` tokens are joined into names by :func:`person_spans`.
  Offsets in :class:`NameHit` index into ``body``; names in the title are not reported
  (a headline's names nearly always recur in the body). Names inside a bracketed compound
  (``[李/nr  宁/nr  集团/n]nt``) are part of that compound, not person mentions.
* **Authors.** Names in a byline go to ``authors`` instead of ``people`` (see
  :func:`byline_names`): after 记者/通讯员/编辑..., before 摄 (photo credit), in parentheses
  after a dateline, or signing a paragraph -- ``（王琤）`` at the end of a short item, the
  author line under a headline. The same name elsewhere in the text stays a person mention.
* **Places, organizations.** Distinct top-level ``ns``/``nt`` tokens and compounds of title
  and body, in order of first appearance; the parts of a compound are not listed separately.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Iterator, NamedTuple

from chinese.surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES

#: Words that introduce a byline name: （记者 张三）, 本报记者 张三, 责任编辑 李四 ...
BYLINE_WORDS = frozenset(
    {"记者", "本报记者", "特约记者", "摄影记者", "通讯员", "特约通讯员", "摄影", "编辑", "责任编辑"}
)
#: Words that follow a photographer's name: （新华社记者 兰红光 摄）.
PHOTO_CREDIT_WORDS = frozenset({"摄", "摄影"})
#: Last words of a dateline, which a parenthesized byline may follow: ...电（江涛、曹斌）.
DATELINE_WORDS = frozenset({"电", "讯"})
#: Tags of the words that may precede a signature: work unit, place, title (no verbs).
SIGNATURE_PREFIX_TAGS = frozenset({"n", "ns", "nt", "nz", "nr", "j", "r", "b", "m", "q", "s", "f"})

#: Longest first paragraph still taken for a headline (the longest seen is 45 characters).
MAX_HEADLINE_CHARS = 50

PERSON_TAG = "nr"
PLACE_TAG = "ns"
ORGANIZATION_TAG = "nt"
PUNCTUATION_TAG = "w"

#: The id that opens every line: ``YYYYMMDD-PP-AAA-SSS/m`` (date, page, article, paragraph).
PARAGRAPH_ID = re.compile(r"\d{8}-\d{2}-\d{3}-\d{3}/m")
_RARE_CHARACTER = re.compile(r"[（〈][^（〈）〉]+[）〉]")


class NameHit(NamedTuple):
    """One mention of a person: the joined name, its offset in the body and its tag."""

    name: str
    offset: int
    tag: str = PERSON_TAG


@dataclass
class CorpusArticle:
    """One article of the corpus, with text and named entities ready for import."""

    external_id: str
    date: datetime.date
    page: int
    title: str
    body: str
    people: list[NameHit] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)


class Token(NamedTuple):
    """A top-level token of a paragraph; a bracketed compound is one token with its closing tag."""

    word: str
    tag: str


@dataclass(frozen=True)
class Paragraph:
    """One corpus line: its paragraph id (without ``/m``) and its top-level tokens."""

    paragraph_id: str
    tokens: tuple[Token, ...]

    @property
    def article_id(self) -> str:
        return self.paragraph_id[:15]

    @cached_property
    def text(self) -> str:
        return "".join(token.word for token in self.tokens)


class NameSpan(NamedTuple):
    """A person name found in a paragraph: its char offset and token span ``[start, end)``."""

    text: str
    offset: int
    start: int
    end: int


def parse(lines: Iterable[str]) -> Iterator[CorpusArticle]:
    """Yield the articles of the corpus, reading ``lines`` (e.g. an open file) once.

    Raises ValueError on a non-blank line that does not start with a paragraph id.
    """
    paragraphs = (parse_line(line, number) for number, line in enumerate(lines, start=1))
    return articles_of(p for p in paragraphs if p is not None)


def articles_of(paragraphs: Iterable[Paragraph]) -> Iterator[CorpusArticle]:
    """Group parsed paragraphs into articles by article id; yield each when the next begins.

    A paragraph identical to the previous one (same id, same tokens) is dropped; paragraphs
    that merely share a number but differ in text are both kept, in file order. (Articles
    are contiguous in the corpus; an id that came back later would make a second record.)
    """
    group: list[Paragraph] = []
    for paragraph in paragraphs:
        if group and paragraph.article_id != group[0].article_id:
            yield build_article(group)
            group = []
        if not group or paragraph != group[-1]:
            group.append(paragraph)
    if group:
        yield build_article(group)


def opens_paragraph(line: str) -> bool:
    """Whether ``line`` starts with a paragraph id (the first line of a corpus file does)."""
    fields = line.lstrip("\ufeff").split(None, 1)
    return bool(fields) and PARAGRAPH_ID.fullmatch(fields[0]) is not None


def article_id_of(line: str) -> str:
    """The article id (``YYYYMMDD-PP-AAA``) of a line that opens a paragraph."""
    return line.lstrip("\ufeff")[:15]


def parse_line(line: str, line_number: int = 0) -> Paragraph | None:
    """Parse one corpus line into a :class:`Paragraph`; ``None`` for a blank line."""
    fields = line.lstrip("\ufeff").split(None, 1)
    if not fields:
        return None
    if not PARAGRAPH_ID.fullmatch(fields[0]):
        raise ValueError(f"line {line_number}: no paragraph id at start: {line[:40]!r}")
    return Paragraph(fields[0][:-2], tokenize(fields[1] if len(fields) > 1 else ""))


def tokenize(text: str) -> tuple[Token, ...]:
    """Split tagged text into top-level tokens, folding each ``[...]xx`` compound into one.

    A word may itself contain ``/``, so a token is split on its last ``/``.
    """
    tokens: list[Token] = []
    compound: list[str] | None = None
    for raw in text.split():
        word, _, tag = raw.rpartition("/")
        if compound is None and word.startswith("[") and len(word) > 1:
            compound, word = [], word[1:]
        if compound is None:
            tokens.append(Token(word, tag))
            continue
        compound.append(word)
        _, bracket, compound_tag = tag.partition("]")
        if bracket:
            tokens.append(Token("".join(compound), compound_tag))
            compound = None
    if compound is not None:
        raise ValueError(f"unclosed compound in {text[:40]!r}")
    return tuple(tokens)


def build_article(paragraphs: list[Paragraph]) -> CorpusArticle:
    """Assemble one article from its paragraphs (all with the same article id)."""
    article_id = paragraphs[0].article_id
    has_headline = len(paragraphs) > 1 and is_headline(paragraphs[0].text)
    head = paragraphs[:1] if has_headline else []
    body = paragraphs[1:] if has_headline else paragraphs

    people: list[NameHit] = []
    authors: list[str] = []
    base = 0
    for paragraph in body:
        names = find_names(paragraph.tokens)
        bylines = byline_names(paragraph.tokens, names)
        for name in names:
            if name in bylines:
                authors.append(name.text)
            else:
                people.append(NameHit(name.text, base + name.offset))
        base += len(paragraph.text) + 1

    all_tokens = [token for paragraph in head + body for token in paragraph.tokens]
    return CorpusArticle(
        external_id=article_id,
        date=datetime.date(int(article_id[:4]), int(article_id[4:6]), int(article_id[6:8])),
        page=int(article_id[9:11]),
        title=head[0].text if head else "",
        body="\n".join(paragraph.text for paragraph in body),
        people=people,
        authors=_distinct(authors),
        places=_distinct(t.word for t in all_tokens if t.tag == PLACE_TAG),
        organizations=_distinct(t.word for t in all_tokens if t.tag == ORGANIZATION_TAG),
    )


def is_headline(text: str) -> bool:
    """Tell whether an article's first paragraph is a headline (the caller checks that
    more paragraphs follow).

    A headline is short and holds no full stop 。. It may end in ！ or ？ -- the corpus has
    headlines like 煤挖完了怎么办？ -- while every first paragraph with a 。 is news text
    (本报讯..., 新华社...电...) or a photo caption.
    """
    return 0 < len(text) <= MAX_HEADLINE_CHARS and "。" not in text


def person_spans(words: list[str]) -> list[tuple[int, int]]:
    """Split a run of adjacent ``nr`` words into person names, as ``[start, end)`` spans.

    Reading left to right:

    * two one-character surnames and a two-character word make a Hong Kong married name
      (陈 方 安生 = 陈方安生, 范 徐 丽泰);
    * a one-character word followed by a word of one or two characters is surname plus
      given name (江 泽民, 鹿 永建): the corpus tags a Chinese surname as a token of its
      own, so rare surnames missing from :data:`SINGLE_SURNAMES` still join;
    * a compound surname followed by such a word is a name too (欧阳 中石, 司马 迁);
    * any other word of two or more characters is a name by itself (克林顿, or a full
      name in one token); a leftover one-character word is not a person.

    So 李 鹏 朱 镕基 gives 李鹏 and 朱镕基, and 雪村 守仁 gives two names.
    """
    lengths = [name_length(word) for word in words]
    spans = []
    i = 0
    while i < len(words):
        if _is_married_name(words[i : i + 3], lengths[i : i + 3]):
            size = 3
        elif i + 1 < len(words) and lengths[i + 1] <= 2 and (
            lengths[i] == 1 or words[i] in COMPOUND_SURNAMES
        ):
            size = 2
        else:
            size = 1
        if size > 1 or lengths[i] >= 2:
            spans.append((i, i + size))
        i += size
    return spans


def name_length(word: str) -> int:
    """Length of a name part in characters, counting a rare-character note like
    ``（君音）`` or ``（上均＋下金）`` (the corpus spells out characters GBK lacks) as one character."""
    return len(_RARE_CHARACTER.sub("_", word))


def _is_married_name(words: list[str], lengths: list[int]) -> bool:
    """Tell whether three name parts read surname, surname, two-character given name."""
    return lengths == [1, 1, 2] and words[0] in SINGLE_SURNAMES and words[1] in SINGLE_SURNAMES


def find_names(tokens: tuple[Token, ...]) -> list[NameSpan]:
    """Find person names among a paragraph's top-level tokens, with char offsets."""
    names: list[NameSpan] = []
    offsets: list[int] = []
    i = 0
    while i < len(tokens):
        if tokens[i].tag != PERSON_TAG:
            i += 1
            continue
        offsets = offsets or _char_offsets(tokens)
        end = i
        while end < len(tokens) and tokens[end].tag == PERSON_TAG:
            end += 1
        words = [token.word for token in tokens[i:end]]
        for start, stop in person_spans(words):
            text = "".join(words[start:stop])
            names.append(NameSpan(text, offsets[i + start], i + start, i + stop))
        i = end
    return names


def byline_names(tokens: tuple[Token, ...], names: list[NameSpan]) -> set[NameSpan]:
    """Return the names of ``names`` that stand in a byline rather than in the text.

    Names are taken in chains (adjacent, or separated by 、). A chain is a byline when it

    * follows a byline word: 记者 张三, 本报记者 张三、李四, 摄影：徐烨 谢奇;
    * precedes a photo credit: （新华社记者 兰红光 摄）, 姜伟 尚占 摄影报道;
    * fills the parentheses after a dateline: 新华社北京１月１日电（江涛、曹斌）;
    * signs the paragraph: ends it, or ends the parentheses that close it, after nothing
      but nouns -- the signature of a short news item, （王琤）, of a reader's letter,
      （河南 开封市 牛建海）, or the author line under a headline, 邢曙东.
    """
    bylines: set[NameSpan] = set()
    for chain in _chains(tokens, names):
        start, end = chain[0].start, chain[-1].end
        if (
            _follows_byline_word(tokens, start)
            or _word_at(tokens, end) in PHOTO_CREDIT_WORDS
            or _follows_dateline(tokens, start, end)
            or _signs_paragraph(tokens, start, end)
        ):
            bylines.update(chain)
    return bylines


def _follows_byline_word(tokens: tuple[Token, ...], start: int) -> bool:
    """Tell whether a byline word (maybe with a colon) precedes token ``start``."""
    before = _word_at(tokens, start - 1)
    if before == "：":
        before = _word_at(tokens, start - 2)
    return before in BYLINE_WORDS


def _follows_dateline(tokens: tuple[Token, ...], start: int, end: int) -> bool:
    """Tell whether tokens ``[start, end)`` are parenthesized right after 电 or 讯."""
    return (
        _word_at(tokens, start - 1) == "（"
        and _word_at(tokens, end) == "）"
        and _word_at(tokens, start - 2) in DATELINE_WORDS
    )


def _signs_paragraph(tokens: tuple[Token, ...], start: int, end: int) -> bool:
    """Tell whether names ``[start, end)`` sign the paragraph.

    They must end the paragraph, or end a parenthetical that ends it, with only nouns
    (a work unit, a place) before them on that line or in that parenthetical:
    粒砂, 山东烟台市委宣传部 赵巍巍, （王琤）, （河南 开封市 牛建海）.
    """
    in_parentheses = end == len(tokens) - 1 and tokens[end].word == "）"
    if not (in_parentheses or end == len(tokens)):
        return False
    i = start - 1
    while i >= 0 and tokens[i].tag in SIGNATURE_PREFIX_TAGS:
        i -= 1
    return _word_at(tokens, i) == "（" if in_parentheses else i < 0


def _word_at(tokens: tuple[Token, ...], index: int) -> str:
    """The word at ``index``, or "" outside the paragraph."""
    return tokens[index].word if 0 <= index < len(tokens) else ""


def _chains(tokens: tuple[Token, ...], names: list[NameSpan]) -> list[list[NameSpan]]:
    """Group names that follow each other directly or with only 、 between them."""
    chains: list[list[NameSpan]] = []
    for name in names:
        if chains:
            gap = tokens[chains[-1][-1].end : name.start]
            if all(token.word == "、" for token in gap):
                chains[-1].append(name)
                continue
        chains.append([name])
    return chains


def _char_offsets(tokens: tuple[Token, ...]) -> list[int]:
    """Character offset of each token in the paragraph text."""
    offsets = []
    position = 0
    for token in tokens:
        offsets.append(position)
        position += len(token.word)
    return offsets


def _distinct(items: Iterable[str]) -> list[str]:
    """Items without repeats, in order of first appearance."""
    return list(dict.fromkeys(items))
