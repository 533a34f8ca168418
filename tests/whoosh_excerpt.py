"""The corpus excerpt written into a Whoosh index in several segments, for the tests that
compare a part of the Whoosh backend with Whoosh's own."""
from pathlib import Path

from whoosh import index as whoosh_index

from archive.importers.pku1998 import parse
from search.backends.whoosh_codec import PortalCodec

EXCERPT = Path(__file__).parent / "data" / "pd199801_excerpt.txt"


def write_in_segments(path, schema, documents, segments=3):
    """An index at ``path`` of ``schema``: the excerpt's articles dealt to ``segments``
    segments in turn, each article written as the documents (dicts of fields) that
    ``documents(segment, n, article)`` gives for the nth article of the segment."""
    with EXCERPT.open(encoding="utf-8") as lines:
        articles = list(parse(lines))
    ix = whoosh_index.create_in(path, schema)
    for segment in range(segments):
        writer = ix.writer(codec=PortalCodec())
        for n, article in enumerate(articles[segment::segments]):
            for fields in documents(segment, n, article):
                writer.add_document(**fields)
        writer.commit(merge=False)
    return ix
