"""The newsroom's four roles, as Django groups, and exactly the permissions each one holds.

Installed by the migration `newsroom/0007_roles` (through the migration's own historical models) and topped up by
the demo loader where a database was emptied after migrating. A permission is named `app_label.codename`.
"""

from __future__ import annotations

from typing import Any

WRITER = "Writer"
EDITOR = "Editor"
DATA_DESK = "Data desk"
JOURNALIST = "Journalist"


def crud(app_label: str, *models: str, verbs: tuple[str, ...] = ("view", "add", "change", "delete")) -> list[str]:
    return [f"{app_label}.{verb}_{model}" for model in models for verb in verbs]


# What a story is attached to: the writer and the editor look these up, never change them.
ATTACHABLE = [
    *crud("matches", "match", "club", "competition", verbs=("view",)),
    *crud("people", "person", verbs=("view",)),
]

# Personal API tokens (their own only: the admin and the actions refuse anyone else's) and what they, or a
# login, unlock: every page of a search, whole exports, the higher rate limits (newsroom/access.py).
ARCHIVE_ACCESS = [
    *crud("newsroom", "apitoken", verbs=("view", "add", "change")),
    "newsroom.see_everything",
]

ROLES: dict[str, list[str]] = {
    # Drafts articles and their quotes; the admin and the actions refuse them anything already live.
    WRITER: [
        *crud("newsroom", "article", "quote", "articleimage", verbs=("view", "add", "change")),
        *crud("newsroom", "section", "tag", "author", verbs=("view",)),
        "newsroom.add_tag",
        *ATTACHABLE,
    ],
    EDITOR: [
        *crud("newsroom", "article", "quote", "articleimage", "tag", "section", "author"),
        "newsroom.publish_article",
        *ATTACHABLE,
        *ARCHIVE_ACCESS,
    ],
    DATA_DESK: [
        *crud("matches", "competition", "season", "club", "venue", "match", "tie", "pointdeduction"),
        *crud("people", "person", "tenure", "managermove", "managermoveupdate", "honour"),
        "newsroom.view_article",
    ],
    # Reads, cites and exports the archive; writes nothing but their own API tokens.
    JOURNALIST: [
        *crud("newsroom", "quote", "article", verbs=("view",)),
        *crud("matches", "match", "club", verbs=("view",)),
        *crud("people", "person", verbs=("view",)),
        *ARCHIVE_ACCESS,
    ],
}


def create_all_permissions(apps: Any) -> None:
    """Create every model's permissions now, as Django does only after the last migration: for a migration that
    hands them to roles. A historical app config has no models module, which create_permissions takes for "no
    models": each is lent one for the call and given back what it had (the live registry's own, when a test
    calls a migration with django.apps)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module


def install_roles(apps: Any, *, reset: bool = True, without_models: tuple[str, ...] = ()) -> None:
    """Create the four groups; with `reset`, give each exactly its permissions, otherwise only fill new groups.

    `apps` is a migration's historical registry or `django.apps.apps`. Precondition: the permissions exist
    (after migrating, or after `create_permissions`); a missing one is an error rather than a silent gap.
    `without_models` leaves out the permissions of models a migration runs before ("articleimage", "apitoken").
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, all_names in ROLES.items():
        names = [n for n in all_names if model_of(n) not in without_models]
        group, created = group_model.objects.get_or_create(name=name)
        if created or reset:
            group.permissions.set(find_permissions(permission_model, names))


# The permissions a model declares itself (Meta.permissions), by the model they come with.
OWN_PERMISSIONS = {"newsroom.publish_article": "article", "newsroom.see_everything": "apitoken"}


def model_of(name: str) -> str:
    """The model whose migration creates the permission `name` ("newsroom.add_tag" → "tag")."""
    return OWN_PERMISSIONS.get(name) or name.rpartition("_")[2]


def find_permissions(permission_model: Any, names: list[str]) -> list[Any]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(permission_model.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def remove_roles(apps: Any) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()
