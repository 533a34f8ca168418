"""The token streams that indexing, querying and highlighting share, engine-neutral.

Two streams come out of a text, each of (token, position, start, end) with offsets into the
text as written (normalization keeps length):

* words (``word_tokens``): jieba with the archive's names in its dictionary. Positions are
  word ordinals. At index time the dictionary sub-words of a long word (中华人民共和国 ->
  中华, 人民, 共和国…) are emitted at the position of the word they come from, so a
  search for a part finds the whole while phrases still line up; at query time only the
  precise words are used, so 中华人民共和国 does not match texts about 华人.
* character bigrams (``bigram_tokens``): every run of letters and digits cut into
  overlapping pairs. A phrase of bigrams is an exact substring match, so whatever a
  reader finds by eye is found, whatever jieba made of the text.

Each search backend turns these into its own engine's tokens (search.backends).
"""
from functools import lru_cache

from .normalize import is_word_char, normalize, word_runs
from .segmenter import segmenter


def word_tokens(text, index=True):
    """(word, position, start, end) for the text, normalized; stop words leave a gap."""
    norm = normalize(text)
    pos = -1
    for word, start in segmenter.words(norm):
        if not is_word_char(word[0]):
            continue
        pos += 1
        if segmenter.is_stop_word(word):
            continue
        yield word, pos, start, start + len(word)
        if index:
            for part, offset in segmenter.sub_words(word):
                yield part, pos, start + offset, start + offset + len(part)


def bigram_tokens(text, index=True):
    """(gram, position, start, end): overlapping character pairs of each run of word characters.

    At index time each run also ends with its last character alone, so that a one-character
    query (a prefix of the grams) finds characters at the end of a run. Positions continue
    across runs, so a phrase of grams is a substring match within one run.
    """
    pos = -1
    for run in word_runs(normalize(text)):
        s, e = run.span()
        word = run.group()
        for i in range(len(word) - 1):
            pos += 1
            yield word[i : i + 2], pos, s + i, s + i + 2
        if index or len(word) == 1:
            pos += 1
            yield word[-1], pos, e - 1, e


def query_words(text):
    """The precise words of a query text: what the word field is searched for."""
    return _query_words(text, segmenter.version)


@lru_cache(maxsize=4096)
def _query_words(text, dictionary_version):
    # cached per version of the dictionary: a name added since (郦若岚) is cut whole at once
    return tuple(w for w, *_ in word_tokens(text, index=False))


@lru_cache(maxsize=4096)
def query_bigrams(text):
    """One tuple of grams per run of word characters in a query: 中国经济 -> ((中国, 国经, 经济),).

    A run of one character stays a single character, which the query compiler searches as a
    prefix of the grams.
    """
    runs = []
    for run in word_runs(normalize(text)):
        word = run.group()
        runs.append((word,) if len(word) == 1 else tuple(word[i : i + 2] for i in range(len(word) - 1)))
    return tuple(runs)


@lru_cache(maxsize=4096)
def query_phrase(text):
    """A quoted phrase as the grams at consecutive positions of the text field: its runs of word
    characters in order, with nothing but spaces or punctuation between them.

    Returns (positions, tail): one tuple of alternative grams per position, and the character
    that the position after them must begin with ("" when none). Where a run ends, the text
    holds either the gram that joins it to the next run (国有企业改革: 业改) or, when spaces or
    punctuation stand between, the run's last character alone (bigram_tokens ends each run so):
    ``"国有企业 改革"`` is 国有, 有企, 企业, (业改 | 业), 改革. A last run of one character is a
    tail, as one character alone is a prefix of the grams. A text of one run gives its grams.
    """
    runs = [run.group() for run in word_runs(normalize(text))]
    positions = []
    for run, following in zip(runs, runs[1:] + [""]):
        positions += [(run[i : i + 2],) for i in range(len(run) - 1)]
        if following:
            positions.append((run[-1] + following[0], run[-1]))
    tail = runs[-1] if runs and len(runs[-1]) == 1 else ""
    return tuple(positions), tail
