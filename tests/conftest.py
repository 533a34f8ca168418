"""Shared test set-up: a real SQLite database with the seed fixtures, a real Whoosh index in a temp dir."""
import pytest
from django.conf import settings
from haystack import connections

from archive.fixtures_loading import load_new_fixture_objects
from archive.linking import link_mentions
from archive.models import Article
from search import indexing


def use_index(path):
    """Point haystack's default connection at a Whoosh index in ``path``."""
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(path)
    connections.reload("default")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seed archive, linked and indexed once for the whole session."""
    use_index(tmp_path_factory.mktemp("whoosh-seed"))
    with django_db_blocker.unblock():
        load_new_fixture_objects()
        with indexing.queued():
            link_mentions(Article.objects.all())
        indexing.rebuild()


@pytest.fixture
def fresh_index(tmp_path, django_db_setup):
    """A private index for a test that changes the archive, rebuilt from the database; the seed index comes back after."""
    seed_path = settings.HAYSTACK_CONNECTIONS["default"]["PATH"]
    use_index(tmp_path / "whoosh")
    indexing.rebuild()
    yield
    use_index(seed_path)
