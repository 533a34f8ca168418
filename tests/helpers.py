"""Test helpers that read like the domain."""
from django.test import Client


def portal():
    return Client(HTTP_HOST="127.0.0.1")


def english_portal():
    """A reader who chose English in the language menu."""
    client = portal()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def search_json(client=None, **params):
    response = (client or portal()).get("/search/", {**params, "format": "json"})
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [r["title"] for r in data["results"]]


def result_ids(data):
    return sorted(r["id"] for r in data["results"])
