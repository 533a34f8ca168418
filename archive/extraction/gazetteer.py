"""The places and organizations the extractor may read a title's body from, by normalized name."""
from chinese.normalize import normalize

from ..models import Organization, Place


def gazetteer():
    """{normalized name: Place id or None} of every known place and organization."""
    known = {normalize(name): None for name in Organization.objects.values_list("name", flat=True)}
    known.update((normalize(name), pk) for pk, name in Place.objects.values_list("pk", "name"))
    return known
