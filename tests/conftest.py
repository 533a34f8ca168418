"""Shared test set-up: a real database with the seed fixtures, a real Whoosh index and the
collected static files in temp dirs."""
import os
from uuid import uuid4

import elasticsearch
import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from haystack import connections
from pytest_django.live_server_helper import LiveServer

from archive import changes, names
from archive.fixtures_loading import load_new_fixture_objects
from archive.linking import link_mentions
from archive.models import Article
from portal.settings import search_connection
from search import indexing

from .helpers import portal, wait_for_index

ELASTICSEARCH_URL = os.environ.get("TEST_ELASTICSEARCH_URL", "http://127.0.0.1:9200")


def use_index(path):
    """Point haystack's default connection at a Whoosh index in ``path``."""
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(path)
    connections.reload("default")


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """Static files collected as in production (hashed names, gzip copies), which pages link to."""
    settings.STATIC_ROOT = tmp_path_factory.mktemp("static")
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what another test cached was rolled back since."""
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_names():
    """Each test starts with the process's names (the name index, jieba's dictionary) reloaded
    from the database on first use: names another test added were rolled back since."""
    names.forget()


@pytest.fixture(scope="session")
def live_server(collected_static):
    """pytest-django's live server, with static files left to WhiteNoise as in production
    (its own static handler looks files up by their unhashed names, which pages no longer use)."""
    server = LiveServer("localhost", start=False)
    server.thread.static_handler = lambda handler: handler
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seed archive, linked and indexed once for the whole session.

    Tests that commit (tests.helpers.COMMITS) find it again at their start: it is kept as the
    connection's serialized contents, which serialized_rollback loads back after each flush.
    pytest-django runs those tests last, so their flushes reach no other test."""
    use_index(tmp_path_factory.mktemp("whoosh-seed"))
    with django_db_blocker.unblock():
        load_new_fixture_objects()
        with changes.in_bulk():
            link_mentions(Article.objects.all())
        indexing.rebuild()
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture
def fresh_index(tmp_path, django_db_setup):
    """A private index for a test that changes the archive, rebuilt from the database; the seed
    index comes back after, once the index writer thread has written what the test queued."""
    seed_path = settings.HAYSTACK_CONNECTIONS["default"]["PATH"]
    use_index(tmp_path / "whoosh")
    indexing.rebuild()
    yield
    if not connection.in_atomic_block:  # a test that committed: nothing of it may reach the seed index
        wait_for_index()
    use_index(seed_path)


@pytest.fixture(scope="class")
def elasticsearch_index(django_db_setup, django_db_blocker):
    """The seed archive in a throwaway index of the Elasticsearch server at TEST_ELASTICSEARCH_URL,
    as the portal's search engine; the test is skipped, with this reason, when no server answers."""
    if not elasticsearch.Elasticsearch(ELASTICSEARCH_URL, timeout=5).ping():
        pytest.skip(f"no Elasticsearch server answers at {ELASTICSEARCH_URL} (set TEST_ELASTICSEARCH_URL)")
    seed = settings.HAYSTACK_CONNECTIONS["default"]
    settings.HAYSTACK_CONNECTIONS["default"] = search_connection(f"{ELASTICSEARCH_URL}/portal-test-{uuid4().hex[:8]}")
    connections.reload("default")
    with django_db_blocker.unblock():
        indexing.rebuild()
    yield
    connections["default"].get_backend().clear()  # deletes the throwaway index
    settings.HAYSTACK_CONNECTIONS["default"] = seed
    connections.reload("default")


@pytest.fixture
def editor():
    """A client logged in as an editor (staff, in the Editors group)."""
    user = User.objects.create_user("editor", password="pw-editor-2026", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = portal()
    client.force_login(user)
    return client

