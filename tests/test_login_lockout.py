"""The admin login is throttled (django-axes): five failures lock that account from that address, and as many
from one address lock the address, until the cool-off; other addresses are not locked."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "the-right-password-42"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def attempt(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_right_password_logs_in(client, editor):
    assert logged_in(attempt(client, "editor", PASSWORD))


def test_five_bad_passwords_lock_the_account_from_that_address_until_the_cool_off(client, editor, settings):
    for _ in range(4):
        assert attempt(client, "editor", "wrong").status_code == 200  # the form again, with its error
    locked = attempt(client, "editor", "wrong")

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    refused = attempt(client, "editor", PASSWORD)
    assert refused.status_code == 429 and "_auth_user_id" not in client.session

    later = timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        assert logged_in(attempt(client, "editor", PASSWORD))


def test_another_address_is_not_locked(client, editor):
    for _ in range(5):
        attempt(client, "editor", "wrong")

    assert attempt(client, "editor", PASSWORD).status_code == 429
    assert logged_in(attempt(client, "editor", PASSWORD, address="198.51.100.20"))


def test_one_address_trying_many_accounts_is_locked(client, editor):
    for number in range(5):
        attempt(client, f"guess{number}", "wrong")

    assert attempt(client, "editor", PASSWORD).status_code == 429
    assert logged_in(attempt(client, "editor", PASSWORD, address="198.51.100.20"))


def test_a_success_forgets_the_earlier_failures(client, editor):
    for _ in range(4):
        attempt(client, "editor", "wrong")
    assert logged_in(attempt(client, "editor", PASSWORD))
    client.logout()

    for _ in range(4):
        assert attempt(client, "editor", "wrong").status_code == 200
    assert logged_in(attempt(client, "editor", PASSWORD))


def test_a_locked_attempt_does_not_hash_the_password(client, editor, monkeypatch):
    for _ in range(5):
        attempt(client, "editor", "wrong")
    hashed = []
    monkeypatch.setattr("django.contrib.auth.base_user.check_password", lambda *a, **k: hashed.append(a) or False)

    assert attempt(client, "editor", PASSWORD).status_code == 429
    assert hashed == []


def test_force_login_is_unaffected(client):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200


def test_an_attempt_that_is_not_locked_does_hash_the_password(client, editor, monkeypatch):
    """The check above would pass vacuously if nothing were ever hashed through this path."""
    hashed = []
    monkeypatch.setattr("django.contrib.auth.base_user.check_password", lambda *a, **k: hashed.append(a) or False)

    attempt(client, "editor", PASSWORD)
    assert len(hashed) == 1
