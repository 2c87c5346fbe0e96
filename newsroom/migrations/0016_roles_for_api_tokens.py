"""Journalists and editors manage their own API tokens and see every page of the archive (newsroom/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from newsroom.roles import install_roles


def give_token_permissions(apps, schema_editor):
    # The new model's permissions exist only once every migration has run: create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    install_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0015_api_tokens"),
    ]

    operations = [migrations.RunPython(give_token_permissions, migrations.RunPython.noop)]
