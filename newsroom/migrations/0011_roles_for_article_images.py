"""Writers and editors may upload the pictures a story's body embeds (newsroom/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from newsroom.roles import install_roles


def give_image_permissions(apps, schema_editor):
    # The new model's permissions exist only once every migration has run: create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    # The roles as they stood then: API tokens came later, with their own migration (0012).
    install_roles(apps, without_models=("apitoken",))


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0010_article_images"),
    ]

    operations = [migrations.RunPython(give_image_permissions, migrations.RunPython.noop)]
