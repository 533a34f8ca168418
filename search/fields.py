"""haystack field types for Chinese text; each backend maps them to its own analysis."""
from haystack import indexes

from archive import names


class ChineseTextField(indexes.CharField):
    """Words: jieba with the archive's dictionary (chinese.tokens.word_tokens)."""

    field_type = "chinese_words"

    def prepare(self, obj):
        # The words depend on the archive's names being in jieba's dictionary; a process that
        # indexes before it has searched or linked anything (drain_index_queue, rebuild_index)
        # would otherwise cut 陈云林 into 陈云 / 林.
        names.current()
        return super().prepare(obj)


class ChineseBigramField(indexes.CharField):
    """Character bigrams (chinese.tokens.bigram_tokens): a phrase of them is a substring match."""

    field_type = "chinese_bigrams"


class NamesField(indexes.CharField):
    """The names of known people as they stand in a text, one per line and occurrence, only
    where a name is a word of its own (毛泽东, not 毛泽东思想): how often a text names someone."""

    field_type = "names"

    def prepare(self, obj):
        return "\n".join(name for name, _ in names.current().matcher.find(super().prepare(obj), whole_words=True))
