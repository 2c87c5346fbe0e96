"""Journalists and editors manage their own API tokens and see every page of the archive (newsroom/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from newsroom.roles import install_roles


def give_token_permissions(apps, schema_editor):
    # The new model's permissions exist only once every migration has run: create them now.
    # A historical app config has no models module, which create_permissions takes as "no models": lend it one,
    # and give back what was there (a live registry's own, when a test calls this with django.apps).
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module
    install_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0015_api_tokens"),
    ]

    operations = [migrations.RunPython(give_token_permissions, migrations.RunPython.noop)]
