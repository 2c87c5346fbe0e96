"""Writers and editors may upload the pictures a story's body embeds (newsroom/roles.py)."""

from django.db import migrations

from newsroom.roles import create_all_permissions, install_roles


def give_image_permissions(apps, schema_editor):
    # The new model's permissions exist only once every migration has run: create them now.
    create_all_permissions(apps)
    # The roles as they stood then: API tokens came later, with their own migration (0015).
    install_roles(apps, without_models=("apitoken",))


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0010_article_images"),
    ]

    operations = [migrations.RunPython(give_image_permissions, migrations.RunPython.noop)]
