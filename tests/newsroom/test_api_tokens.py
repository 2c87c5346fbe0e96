"""Personal API tokens: made and revoked through the actions and the admin, by their owner only, secret shown once."""

import datetime
import hashlib
import importlib
import re

import pytest
import time_machine
from django.apps import apps as django_apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from newsroom.actions import create_api_token, note_api_token_use, revoke_api_token
from newsroom.models import ApiToken
from newsroom.roles import ARCHIVE_ACCESS, EDITOR, JOURNALIST
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:newsroom_apitoken_changelist")
ADD = reverse("admin:newsroom_apitoken_add")
SECRET = re.compile(r"pbx_[A-Za-z0-9_-]{43}")


def change_url(token: ApiToken) -> str:
    return reverse("admin:newsroom_apitoken_change", args=[token.pk])


@pytest.fixture
def other_journalist(django_user_model):
    from tests.conftest import staff_in_role

    return staff_in_role(django_user_model, "another", JOURNALIST)


@pytest.fixture
def theirs(other_journalist):
    token, _ = create_api_token(owner=other_journalist, name="Their notebook", created_by=other_journalist)
    return token


# Making one


def test_a_token_is_stored_as_the_sha256_of_its_secret_and_a_prefix(journalist):
    token, secret = create_api_token(owner=journalist, name="  Quotes\x00 notebook ", created_by=journalist)

    assert SECRET.fullmatch(secret)
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:12]
    assert token.name == "Quotes notebook"
    assert (token.owner, token.created_by) == (journalist, journalist)
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert not any(secret in str(value) for value in stored.values())
    assert ApiToken.objects.for_secret(secret).get() == token


def test_every_token_is_different(journalist):
    secrets = {create_api_token(owner=journalist, name=f"T{n}", created_by=journalist)[1] for n in range(20)}

    assert len(secrets) == 20


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_only_a_superuser_makes_a_token_for_someone_else(request, other_journalist, role):
    with pytest.raises(PermissionDenied):
        create_api_token(owner=other_journalist, name="For them", created_by=request.getfixturevalue(role))
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("role", ["writer", "data_desk"])
def test_writers_and_the_data_desk_cannot_make_tokens(request, role):
    user = request.getfixturevalue(role)

    with pytest.raises(PermissionDenied):
        create_api_token(owner=user, name="Mine", created_by=user)
    assert not ApiToken.objects.exists()


def test_a_superuser_makes_a_token_for_anyone(admin_user, journalist):
    token, _ = create_api_token(owner=journalist, name="For Jo", created_by=admin_user)

    assert (token.owner, token.created_by) == (journalist, admin_user)


@pytest.mark.parametrize(
    ("name", "expires_in", "message"),
    [
        ("   ", None, "Give the token a name"),
        ("x" * 101, None, "at most 100"),
        ("Notebook", datetime.timedelta(seconds=-1), "in the past"),
    ],
)
def test_a_token_is_validated_before_it_is_saved(journalist, name, expires_in, message):
    expires_at = timezone.now() + expires_in if expires_in else None

    with pytest.raises(ValidationError, match=message):
        create_api_token(owner=journalist, name=name, created_by=journalist, expires_at=expires_at)
    assert not ApiToken.objects.exists()


def test_no_token_for_a_deactivated_account(admin_user, journalist):
    journalist.is_active = False
    journalist.save()

    with pytest.raises(ValidationError, match="deactivated"):
        create_api_token(owner=journalist, name="Notebook", created_by=admin_user)


# Revoking one


def test_the_owner_revokes_their_token_and_it_is_recorded(journalist):
    token, _ = create_api_token(owner=journalist, name="Notebook", created_by=journalist)

    revoked = revoke_api_token(token=token, revoked_by=journalist)
    first = revoked.revoked_at
    again = revoke_api_token(token=token, revoked_by=journalist)

    assert first is not None
    assert (again.revoked_at, again.revoked_by) == (first, journalist)


@pytest.mark.parametrize("role", ["other_journalist", "writer", "editor", "data_desk"])
def test_nobody_else_revokes_a_journalists_token_by_calling_the_action(request, journalist, role):
    token, _ = create_api_token(owner=journalist, name="Notebook", created_by=journalist)

    with pytest.raises(PermissionDenied):
        revoke_api_token(token=token, revoked_by=request.getfixturevalue(role))
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_superuser_revokes_anyones_token(admin_user, theirs):
    assert revoke_api_token(token=theirs, revoked_by=admin_user).revoked_by == admin_user


def test_use_is_noted_at_most_once_a_minute(journalist, django_assert_num_queries):
    token, _ = create_api_token(owner=journalist, name="Notebook", created_by=journalist)
    now = timezone.now()

    with django_assert_num_queries(1):
        note_api_token_use(token=token, at=now)
    with django_assert_num_queries(0):
        note_api_token_use(token=token, at=now + datetime.timedelta(seconds=59))
    note_api_token_use(token=token, at=now + datetime.timedelta(seconds=61))

    token.refresh_from_db()
    assert token.last_used_at == now + datetime.timedelta(seconds=61)


def test_expiry_is_a_moment(journalist):
    with time_machine.travel(datetime.datetime(2025, 5, 9, 12, tzinfo=datetime.UTC), tick=False):
        token, _ = create_api_token(
            owner=journalist,
            name="Notebook",
            created_by=journalist,
            expires_at=datetime.datetime(2025, 5, 11, 16, 15, tzinfo=datetime.UTC),
        )
        assert not token.is_expired()
        assert ApiToken.objects.active(timezone.now()).filter(pk=token.pk).exists()
    with time_machine.travel(datetime.datetime(2025, 5, 11, 16, 15, tzinfo=datetime.UTC), tick=False):
        assert token.is_expired()
        assert ApiToken.objects.expired(timezone.now()).filter(pk=token.pk).exists()


# The admin


def test_a_journalist_makes_a_token_in_the_admin_and_sees_its_secret_once(client, journalist):
    client.force_login(journalist)

    page = client.post(ADD, {"name": "Quotes notebook", "expires_at_0": "", "expires_at_1": ""})

    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    secret = SECRET.search(page.content.decode()).group()
    token = ApiToken.objects.get()
    assert (token.owner, token.name) == (journalist, "Quotes notebook")
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert "shown only this once" in page.content.decode()
    # Nowhere afterwards: not in the list, the token's page, the admin's log, the session or the cookies.
    for later in (client.get(CHANGELIST), client.get(change_url(token))):
        assert later.status_code == 200
        assert secret not in later.content.decode()
        assert token.digest not in later.content.decode()
        assert token.prefix in later.content.decode()
    assert not any(secret in entry.change_message for entry in LogEntry.objects.all())
    assert not any(secret in str(value) for value in client.session.values())
    assert not any(secret in cookie.value for cookie in client.cookies.values())


def test_a_journalist_cannot_make_a_token_for_someone_else_in_the_admin(client, journalist, other_journalist):
    client.force_login(journalist)

    client.post(ADD, {"name": "For them", "owner": other_journalist.pk, "expires_at_0": "", "expires_at_1": ""})

    assert ApiToken.objects.get().owner == journalist
    assert 'name="owner"' not in client.get(ADD).content.decode()


def test_the_admin_refuses_an_expiry_in_the_past(client, journalist):
    client.force_login(journalist)

    page = client.post(ADD, {"name": "Notebook", "expires_at_0": "2020-01-01", "expires_at_1": "12:00"})

    assert page.status_code == 200
    assert "Choose a time in the future" in page.content.decode()
    assert not ApiToken.objects.exists()


def test_a_journalist_sees_only_their_own_tokens(client, journalist, theirs):
    mine, _ = create_api_token(owner=journalist, name="My notebook", created_by=journalist)
    client.force_login(journalist)

    listed = client.get(CHANGELIST).content.decode()

    assert "My notebook" in listed
    assert "Their notebook" not in listed
    assert client.get(change_url(mine)).status_code == 200
    elsewhere = client.get(change_url(theirs))
    assert elsewhere.status_code == 302  # the admin's "does not exist": nothing of it is shown
    assert "Their notebook" not in client.get(elsewhere["Location"], follow=True).content.decode()


def test_a_journalist_cannot_revoke_someone_elses_token_through_the_admin(client, journalist, theirs):
    mine, _ = create_api_token(owner=journalist, name="My notebook", created_by=journalist)
    client.force_login(journalist)

    client.post(CHANGELIST, {"action": "revoke_selected", "_selected_action": [theirs.pk, mine.pk]})

    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.revoked_at is None
    assert (mine.revoked_at is not None, mine.revoked_by) == (True, journalist)


def test_a_token_cannot_be_edited_or_deleted_by_its_owner(client, journalist):
    token, _ = create_api_token(owner=journalist, name="My notebook", created_by=journalist)
    client.force_login(journalist)

    assert 'name="_save"' not in client.get(change_url(token)).content.decode()
    client.post(change_url(token), {"name": "Renamed", "revoked_at": "", "expires_at_0": "2099-01-01"})
    deleting = client.post(reverse("admin:newsroom_apitoken_delete", args=[token.pk]), {"post": "yes"})

    assert deleting.status_code == 403
    token.refresh_from_db()
    assert (token.name, token.expires_at) == ("My notebook", None)


@pytest.mark.parametrize("role", ["writer", "data_desk"])
def test_writers_and_the_data_desk_have_no_tokens_page(client, request, role, theirs):
    client.force_login(request.getfixturevalue(role))

    assert client.get(CHANGELIST).status_code == 403
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"name": "Mine", "expires_at_0": "", "expires_at_1": ""}).status_code == 403
    assert not ApiToken.objects.exclude(pk=theirs.pk).exists()
    assert client.get(change_url(theirs)).status_code in {302, 403}
    client.post(CHANGELIST, {"action": "revoke_selected", "_selected_action": [theirs.pk]})
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_an_editor_manages_their_own_tokens_only(client, editor, theirs):
    client.force_login(editor)

    assert client.post(ADD, {"name": "Desk", "expires_at_0": "", "expires_at_1": ""}).status_code == 200
    assert "Their notebook" not in client.get(CHANGELIST).content.decode()
    client.post(CHANGELIST, {"action": "revoke_selected", "_selected_action": [theirs.pk]})
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_someone_without_a_login_is_sent_to_log_in(client, theirs):
    for url in (CHANGELIST, ADD, change_url(theirs)):
        assert client.get(url)["Location"].startswith(reverse("admin:login"))


def test_a_superuser_sees_and_revokes_everyones_tokens_and_makes_them_for_others(admin_client, theirs, journalist):
    assert "Their notebook" in admin_client.get(CHANGELIST).content.decode()

    admin_client.post(CHANGELIST, {"action": "revoke_selected", "_selected_action": [theirs.pk]})
    page = admin_client.post(ADD, {"name": "For Jo", "owner": journalist.pk, "expires_at_0": "", "expires_at_1": ""})

    theirs.refresh_from_db()
    assert theirs.revoked_at is not None
    assert page.status_code == 200
    assert ApiToken.objects.get(name="For Jo").owner == journalist
    assert "Revoked" in admin_client.get(CHANGELIST, {"state": "revoked"}).content.decode()


# The roles


def test_the_tokens_migration_gives_journalists_and_editors_their_permissions():
    migration = importlib.import_module("newsroom.migrations.0016_roles_for_api_tokens")
    Group.objects.filter(name__in=[JOURNALIST, EDITOR]).delete()

    migration.give_token_permissions(django_apps, None)
    migration.give_token_permissions(django_apps, None)

    for role in (JOURNALIST, EDITOR):
        held = {f"newsroom.{p.codename}" for p in Group.objects.get(name=role).permissions.all()}
        assert set(ARCHIVE_ACCESS) <= held


def test_the_factory_makes_a_token_that_authenticates():
    token = factories.ApiTokenFactory(secret="pbx_" + "B" * 43)

    assert ApiToken.objects.for_secret("pbx_" + "B" * 43).get() == token
