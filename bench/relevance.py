"""Graded relevance judgments for search, built from the 1998 corpus's annotation.

For each query and article, a grade (bench/README.md, "Ranking"):

* 3: the query is in the headline (the corpus's first paragraph, when it reads as one);
* 2: it occurs three or more times in the article;
* 1: once or twice;
* 0: not at all.

A person's name counts only where the corpus's tokens spell that person: adjacent ``nr``
tokens joined as the importer joins them (reporters' bylines left out), or one whole token
whatever its tag (the corpus tags 内塔尼亚胡 ``ns`` 20 times in 91). 毛泽东思想 does not name
毛泽东, 陈云林 does not name 陈云. A term counts wherever its text stands, after the text
layer's normalization. The names are the most-mentioned people of the corpus; the terms a
fixed list of topics, places and organizations a researcher of the period looks for.
"""
import math
from collections import Counter
from dataclasses import dataclass, field

from archive.importers.pku1998 import PERSON_TAG, byline_names, find_names, is_headline
from chinese.normalize import normalize
from judgments import paragraphs_by_article

TERMS = (
    "中华人民共和国", "国有企业", "扶贫", "香港", "农业", "亚洲金融危机", "下岗职工", "再就业", "科技", "春节",
    "农民", "环境保护", "邓小平理论", "精神文明", "台湾", "澳门", "金融", "教育", "腐败", "十五大",
    "人民代表大会", "全国政协", "国务院", "解放军", "共青团", "联合国", "世界银行", "欧盟", "东盟", "美元",
    "股票", "证券", "粮食", "铁路", "高速公路", "长江", "三峡工程", "西藏", "新疆", "上海",
    "北京", "足球", "奥运会", "电影", "京剧", "希望工程", "计划生育", "社会保障", "知识产权", "反腐败",
)


@dataclass
class JudgedArticle:
    external_id: str
    headline: str = ""
    text: str = ""  # headline and body, normalized
    people: Counter = field(default_factory=Counter)  # nr names, headline and body
    tokens: Counter = field(default_factory=Counter)  # other whole tokens, headline and body
    headline_names: set = field(default_factory=set)  # nr names and whole tokens of the headline

    def names(self, name):
        """How often the tokens spell ``name`` (normalized)."""
        return self.people[name] + self.tokens[name]


def read_articles(corpus_lines):
    """{external id: JudgedArticle} from the corpus's lines."""
    articles = {}
    for article_id, group in paragraphs_by_article(corpus_lines).items():
        article = JudgedArticle(article_id)
        has_headline = len(group) > 1 and is_headline(group[0].text)
        for i, paragraph in enumerate(group):
            names = find_names(paragraph.tokens)
            bylines = byline_names(paragraph.tokens, names)
            people = [normalize(n.text) for n in names if n not in bylines]
            tokens = [normalize(t.word) for t in paragraph.tokens if t.tag != PERSON_TAG]
            article.people.update(people)
            article.tokens.update(tokens)
            if i == 0 and has_headline:
                article.headline = normalize(paragraph.text)
                article.headline_names = set(people + tokens)
        article.text = normalize("\n".join(p.text for p in group))
        articles[article_id] = article
    return articles


def most_mentioned(articles, count):
    """The ``count`` names (two characters or more) tagged in the most articles, most first."""
    df = Counter(name for a in articles.values() for name in a.people if len(name) >= 2)
    return [name for name, _ in sorted(df.items(), key=lambda item: (-item[1], item[0]))[:count]]


def grade(occurrences, in_headline):
    if in_headline:
        return 3
    return 2 if occurrences >= 3 else 1 if occurrences else 0


def judge(articles, names, terms=TERMS):
    """{query: {external id: grade > 0}} and {query: "name" | "term"}."""
    judgments, kinds = {}, {}
    for name in names:
        key = normalize(name)
        judgments[name] = {
            a.external_id: grade(a.names(key), key in a.headline_names)
            for a in articles.values() if a.names(key)
        }
        kinds[name] = "name"
    for term in terms:
        key = normalize(term)
        judgments[term] = {
            a.external_id: grade(a.text.count(key), key in a.headline)
            for a in articles.values() if key in a.text
        }
        kinds[term] = "term"
    return judgments, kinds


def dcg(grades, gain):
    return sum(gain(g) / math.log2(rank + 2) for rank, g in enumerate(grades))


def linear(g):
    """The grade as gain, as trec_eval counts it."""
    return g


def exponential(g):
    """2^grade - 1: a headline hit (7) is worth more than two articles of grade 2 (3 each)."""
    return 2**g - 1


def ndcg_at(ranking, grades, k=10, gain=linear):
    """nDCG@k of a ranking (external ids, best first) against {external id: grade}."""
    ideal = dcg(sorted(grades.values(), reverse=True)[:k], gain)
    return dcg([grades.get(i, 0) for i in ranking[:k]], gain) / ideal if ideal else 1.0


def precision_at(ranking, grades, k=10):
    """Share of the first k results that are relevant (of fewer when fewer are relevant at all)."""
    shown = min(k, len(grades))
    return sum(1 for i in ranking[:k] if grades.get(i, 0) > 0) / shown if shown else 1.0
