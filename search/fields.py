"""haystack field types for Chinese text; each backend maps them to its own analysis."""
from haystack import indexes


class ChineseTextField(indexes.CharField):
    """Words: jieba with the archive's dictionary (search.analysis.word_tokens)."""

    field_type = "chinese_words"


class ChineseBigramField(indexes.CharField):
    """Character bigrams (search.analysis.bigram_tokens): a phrase of them is a substring match."""

    field_type = "chinese_bigrams"
