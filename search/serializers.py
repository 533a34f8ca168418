"""The JSON form of a search page: every key always present."""
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
        "source": article.source.name,
        "people": hit.people,
        "snippet": hit.snippet,
    }


def page_as_json(page, query):
    return {
        "query": query,
        "total": page.total,
        "page": page.spec.page,
        "page_size": page.spec.page_size,
        "pages": page.pages,
        "suggestion": page.suggestion,
        "results": [hit_as_json(hit) for hit in page.hits],
        "facets": {
            key: [{"value": value, "count": count} for value, count in page.facets.get(name, [])]
            for key, name in JSON_FACETS.items()
        },
    }
