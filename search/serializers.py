"""The JSON form of a search page: every key always present."""
from archive.names import romanized_names

from .service import published_date

JSON_FACETS = {"source": "source", "person": "people", "place": "places", "year": "year", "kind": "kinds"}


def hit_as_json(hit):
    article = hit.article
    return {
        "id": article.pk,
        "external_id": article.external_id,
        "title": article.title,
        "url": article.get_absolute_url(),
        "published": published_date(article).isoformat(),
        "source": hit.source,
        "people": hit.people,
        "people_romanized": {name: latin or None for name, latin in hit.named},
        "snippet": hit.snippet,
    }


def page_as_json(page, query):
    people_latin, places_latin = romanized_names()
    romanized = {"person": people_latin, "place": places_latin}
    return {
        "query": query,
        "total": page.total,
        "page": page.spec.page,
        "page_size": page.spec.page_size,
        "pages": page.pages,
        "suggestion": page.suggestion,
        "results": [hit_as_json(hit) for hit in page.hits],
        "facets": {
            key: [_facet_value(value, count, romanized.get(key)) for value, count in page.facets.get(name, [])]
            for key, name in JSON_FACETS.items()
        },
    }


def _facet_value(value, count, romanized):
    """A facet's value and count; a person's or a place's also with its name in Latin letters (or null)."""
    if romanized is None:
        return {"value": value, "count": count}
    return {"value": value, "count": count, "romanized": romanized.get(value) or None}
