"""Journalists and editors manage their own API tokens and see every page of the archive (newsroom/roles.py)."""

from django.db import migrations

from newsroom.roles import create_all_permissions, install_roles


def give_token_permissions(apps, schema_editor):
    # The new model's permissions exist only once every migration has run: create them now.
    create_all_permissions(apps)
    install_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0015_api_tokens"),
    ]

    operations = [migrations.RunPython(give_token_permissions, migrations.RunPython.noop)]
