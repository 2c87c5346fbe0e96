from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from newsroom.content_version import bump_content
        from newsroom.faults import database_outage

        connection_created.connect(database_outage.connected, dispatch_uid="database-outage-ended")

        assert self.apps is not None  # the registry sets it before it calls ready()
        for label in (
            "newsroom.Article",
            "newsroom.Quote",
            "newsroom.Correction",
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
        # Only the newsroom's own relations: an import adding clubs to a season, or a user joining a group,
        # changes nothing a cached article page shows.
        article = self.apps.get_model("newsroom.Article")
        for field in ("authors", "tags", "clubs", "people"):
            through = getattr(article, field).through
            m2m_changed.connect(bump_content, sender=through, dispatch_uid=f"content-version-m2m-{field}")
