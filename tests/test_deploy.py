"""Production settings: what the portal refuses to start without, `check --deploy`, static files."""
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from .helpers import portal

HTTPS_ONLY_WARNINGS = {"security.W004", "security.W008", "security.W012", "security.W016"}


def manage(*args, **env):
    """Run manage.py in a fresh process with ``env`` on top of a clean production environment."""
    base = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DEBUG", "HTTPS")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, "PORTAL_ENV": "production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**extra):
    return {
        "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "archive.example.org",
        "SITE_URL": "https://archive.example.org", **extra,
    }


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"])
def test_production_refuses_to_start_without_its_secret_hosts_or_public_address(missing):
    env = production_env()
    del env[missing]
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set in the environment when PORTAL_ENV=production" in result.stderr


def test_production_refuses_debug():
    result = manage("check", **production_env(DEBUG="1"))
    assert result.returncode != 0 and "DEBUG cannot be on" in result.stderr


def test_check_deploy_warns_only_about_https_settings_when_not_behind_tls():
    result = manage("check", "--deploy", **production_env())
    assert result.returncode == 0, result.stderr
    assert set(re.findall(r"\(([\w.]+)\)", result.stderr)) == HTTPS_ONLY_WARNINGS


def test_check_deploy_is_clean_behind_tls():
    result = manage("check", "--deploy", **production_env(HTTPS="1", HSTS_PRELOAD="1"))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout and "WARNINGS" not in result.stderr


@pytest.mark.django_db
def test_static_files_have_hashed_names_and_are_served_compressed_with_a_long_cache():
    html = portal().get("/").content.decode()
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the page links the hashed stylesheet"
    response = portal().get(stylesheet.group(1), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
