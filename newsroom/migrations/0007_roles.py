"""The four newsroom roles as groups (newsroom/roles.py says which permissions each holds)."""

from django.db import migrations

from newsroom.roles import create_all_permissions, install_roles, remove_roles


def add_roles(apps, schema_editor):
    # On a fresh database the permissions are created only after every migration has run: create them now.
    create_all_permissions(apps)
    # The roles as they stood then: article images (0011) and API tokens (0015) came later.
    install_roles(apps, without_models=("articleimage", "apitoken"))


def drop_roles(apps, schema_editor):
    remove_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("matches", "0002_blank_slug_filled_from_name"),
        ("people", "0002_blank_slug_filled_from_name"),
        ("newsroom", "0006_preview_links"),
    ]

    operations = [migrations.RunPython(add_roles, drop_roles)]
