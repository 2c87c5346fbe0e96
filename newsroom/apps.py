from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from newsroom.content_version import bump_content

        for label in (
            "newsroom.Article",
            "newsroom.Quote",
            "newsroom.Author",
            "newsroom.Tag",
            "newsroom.Section",
            "people.Person",
            "people.Tenure",
            "people.ManagerMove",
            "people.ManagerMoveUpdate",
        ):
            model = self.apps.get_model(label)
            post_save.connect(bump_content, sender=model, dispatch_uid=f"content-version-save-{label}")
            post_delete.connect(bump_content, sender=model, dispatch_uid=f"content-version-delete-{label}")
        m2m_changed.connect(bump_content, dispatch_uid="content-version-m2m")
