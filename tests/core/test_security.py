"""The accounts and security baseline: passwords, lockout, idle timeout, headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password",
    [
        "short1!A",
        "alllowercase123!",
        "ALLUPPERCASE123!",
        "NoDigitsHere!!",
        "NoSpecial1234Ab",
    ],
)
def test_weak_passwords_are_refused_in_chinese(password, people):
    with pytest.raises(ValidationError) as exc:
        validate_password(password, user=people["staff"])
    assert any("密码" in message for message in exc.value.messages), exc.value.messages


@pytest.mark.django_db
def test_a_strong_password_passes(people):
    validate_password("Gx7#procurate-2026", user=people["staff"])


@pytest.mark.django_db
def test_account_is_locked_after_repeated_failures(client, people):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "t.staff", "password": "wrong"})
        assert response.status_code == 200
        assert "请输入一个正确的" in response.content.decode()
    # The last allowed failure locks the account.
    response = client.post(url, {"username": "t.staff", "password": "wrong"})
    assert response.status_code == 429
    # Even the right password is refused now, with the lockout page.
    response = client.post(url, {"username": "t.staff", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "账户已锁定" in response.content.decode()
    # Another account is not affected by this one's lockout.
    response = client.post(url, {"username": "t.head", "password": TEST_PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_successful_login_resets_the_failure_count(client, people):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(url, {"username": "t.staff", "password": "wrong"})
    assert (
        client.post(url, {"username": "t.staff", "password": TEST_PASSWORD}).status_code
        == 302
    )
    client.post(reverse("logout"))
    client.post(url, {"username": "t.staff", "password": "wrong"})
    assert (
        client.post(url, {"username": "t.staff", "password": TEST_PASSWORD}).status_code
        == 302
    )


def test_idle_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    # Every request renews the expiry, so the age measures idleness, not session length.
    assert settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.django_db
def test_idle_session_is_signed_out(client, people):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(people["staff"])
    assert client.get(reverse("todos:inbox")).status_code == 200
    Session.objects.update(expire_date=timezone.now())
    response = client.get(reverse("todos:inbox"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_security_headers_and_content_security_policy(client, people):
    client.force_login(people["staff"])
    response = client.get(reverse("todos:inbox"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_load_nothing_from_the_internet():
    offenders = []
    for folder in ("templates", "apps", "static/css", "static/js"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".html", ".css", ".js"} or "vendor" in path.parts:
                continue
            text = path.read_text(encoding="utf-8", errors="ignore")
            for marker in (
                'src="http',
                "src='http",
                'href="http',
                'src="//',
                'href="//',
                "url(http",
                "url(//",
                "@import url(http",
            ):
                if marker in text:
                    offenders.append(f"{path.relative_to(ROOT)}: {marker}")
    assert not offenders, offenders


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "procuratorate.settings.production",
        "DJANGO_SECRET_KEY": "a" * 20
        + "-production-like-secret-key-for-the-check-"
        + "b" * 20,
        "DJANGO_ALLOWED_HOSTS": "oa.jcy.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_security_admin_unlocks_an_account(client, people):
    from axes.models import AccessAttempt

    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "t.staff", "password": "wrong"})
    attempt = AccessAttempt.objects.get(username="t.staff")
    for role in ("system_admin", "audit_admin"):
        client.force_login(people[role])
        changelist = reverse("admin:axes_accessattempt_changelist")
        assert client.get(changelist).status_code == 403, role
    client.force_login(people["security_admin"])
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    client.logout()
    response = client.post(url, {"username": "t.staff", "password": TEST_PASSWORD})
    assert response.status_code == 302
