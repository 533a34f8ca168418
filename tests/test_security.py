"""What every response promises: security headers, the interface language, health, login throttling."""
import pytest
from django.contrib.auth.models import User

from .helpers import portal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/search/?q=车俊", "/articles/1/", "/no/such/page/", "/admin/login/"])
def test_security_headers_on_every_response(path):
    response = portal().get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    if not path.startswith("/admin/"):
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_pages_carry_no_inline_script_or_style_that_the_policy_would_block():
    for path in ["/", "/search/?q=车俊", "/articles/1/", "/people/che-jun/"]:
        html = portal().get(path).content.decode()
        assert "<script>" not in html and " style=" not in html, path


def test_chinese_first_whatever_the_browser_and_english_on_request():
    client = portal()
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-Hans">' in page
    client.get("/language/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()


def test_forms_that_change_state_carry_a_csrf_token_and_public_pages_have_none():
    assert "csrfmiddlewaretoken" in portal().get("/admin/login/").content.decode()
    home = portal().get("/")
    # the language switch is a GET of a preference: pages stay the same for every reader (cacheable)
    assert "csrfmiddlewaretoken" not in home.content.decode() and not home.cookies
    assert 'action="/language/" method="get"' in home.content.decode()


def test_the_language_switch_goes_nowhere_but_this_site():
    response = portal().get("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["django_language"].value == "en"
    unknown = portal().get("/language/", {"language": "xx", "next": "/people/"})
    assert unknown["Location"] == "/people/" and "django_language" not in unknown.cookies


def test_healthz_answers_200_when_database_and_index_work():
    response = portal().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_healthz_names_the_index_when_it_fails(monkeypatch):
    from portal import health

    def broken():
        raise OSError("index directory is gone")

    monkeypatch.setitem(health.CHECKS, "index", broken)
    response = portal().get("/healthz")
    assert response.status_code == 503
    assert list(response.json()["failed"]) == ["index"]


def test_admin_login_is_throttled_after_repeated_failures():
    User.objects.create_superuser("chief", password="correct-horse-battery")
    client = portal()
    for _ in range(4):
        assert client.post("/admin/login/", {"username": "chief", "password": "wrong"}).status_code == 200
    assert client.post("/admin/login/", {"username": "chief", "password": "wrong"}).status_code == 429  # the 5th
    locked = client.post("/admin/login/", {"username": "chief", "password": "correct-horse-battery"})
    assert locked.status_code == 429
    assert not client.get("/admin/").wsgi_request.user.is_authenticated


def fail_logins(client, times, forwarded_for):
    return [
        client.post("/admin/login/", {"username": "chief", "password": "wrong"}, HTTP_X_FORWARDED_FOR=forwarded_for).status_code
        for _ in range(times)
    ]


def test_the_login_throttle_ignores_a_forwarded_for_header_it_was_not_told_to_trust():
    User.objects.create_superuser("chief", password="correct-horse-battery")
    client = portal()
    assert fail_logins(client, 4, "203.0.113.1") == [200] * 4
    # a new made-up address per try changes nothing: the connection's address is counted
    assert fail_logins(client, 1, "203.0.113.2") == [429]


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_apart(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    User.objects.create_superuser("chief", password="correct-horse-battery")
    client = portal()
    # a client's own X-Forwarded-For entries come first; the proxy appends the address it saw
    assert fail_logins(client, 5, "198.51.100.7, 203.0.113.1") == [200] * 4 + [429]
    assert fail_logins(client, 1, "198.51.100.7, 203.0.113.2") == [200]  # another reader, not locked out
    assert fail_logins(client, 1, "203.0.113.2, 203.0.113.1") == [429]  # the locked one, whatever it claims first


def test_healthz_is_not_ok_when_pages_cannot_find_their_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # hashed names expected, nothing collected there
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        portal().get("/")  # what every page does then (its error page too)
    health = portal().get("/healthz")
    assert health.status_code == 503 and list(health.json()["failed"]) == ["static"]
