"""Safe by default: files for Aftercast's own user only, Django's deployment check clean with
the documented production settings, and a Content-Security-Policy no page needs to break."""

import os
import re
import stat
import subprocess
import sys

from django.urls import reverse

from aftercast.core.middleware import CONTENT_SECURITY_POLICY


def _aftercast(*args: str, home, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(AFTERCAST_HOME=str(home), **extra)
    return subprocess.run([sys.executable, "-m", "aftercast", *args], env=env, text=True,
                          capture_output=True, timeout=600)  # fmt: skip


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_home_database_and_key_are_the_owners_only(tmp_path):
    home = tmp_path / "fresh" / "home"
    done = _aftercast("migrate", "-v0", home=home)
    assert done.returncode == 0, done.stderr
    assert _mode(home) == 0o700
    assert _mode(home / "aftercast.sqlite3") == 0o600
    assert _mode(home / "secret_key") == 0o600


def test_the_deployment_check_is_clean_with_the_documented_settings(tmp_path):
    production = {"HTTPS": "1", "BEHIND_PROXY": "1", "ALLOWED_HOSTS": "aftercast.example.com"}
    done = _aftercast("check", "--deploy", "--fail-level", "WARNING", home=tmp_path, **production)
    assert done.returncode == 0, done.stdout + done.stderr
    plain = _aftercast("check", "--deploy", "--fail-level", "WARNING", home=tmp_path)
    assert plain.returncode != 0 and "SECURE_SSL_REDIRECT" in plain.stdout + plain.stderr


def test_every_page_runs_under_the_policy(client, bob, campaign):
    client.force_login(bob)
    pages = [("campaigns:list", []), ("campaigns:detail", [campaign.slug]), ("core:members", []),
             ("imports:upload", [campaign.slug])]  # fmt: skip
    for url in ["/", *(reverse(name, args=args) for name, args in pages)]:
        response = client.get(url)
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        html = response.content.decode()
        inline = [tag for tag in re.findall(r"<script\b[^>]*>", html)
                  if "src=" not in tag and "application/json" not in tag]  # fmt: skip
        assert not inline, (url, inline)
        assert not re.search(r"<[^>]+\son[a-z]+=", html), url  # no inline handlers
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY  # only a page with charts allows it
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY


def test_only_a_page_with_charts_allows_eval(client, bob, campaign):
    from aftercast.core.middleware import CHARTS_POLICY

    client.force_login(bob)
    health = client.get(reverse("checkins:market", args=[campaign.slug, "RU"]))
    assert health.status_code == 200
    assert health["Content-Security-Policy"] == CHARTS_POLICY
    assert "script-src 'self' 'unsafe-eval';" in CHARTS_POLICY
