from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from matches.live import results_changed
        from matches.models import Match
        from newsroom import live_polls, page_invalidation
        from newsroom.faults import database_outage

        # An outage of the database is logged once, and its end once: the first connection made after it.
        connection_created.connect(database_outage.connected, dispatch_uid="database-outage-ended")

        # Cached pages follow every write that changes what they show (newsroom/page_invalidation.py). Deletes
        # are seen before they happen, while the row's relations can still be read.
        for receiver, senders in page_invalidation.RECEIVERS:
            for sender in senders:
                label = f"{sender._meta.label}-{receiver.__name__}"
                post_save.connect(receiver, sender=sender, dispatch_uid=f"page-versions-save-{label}")
                pre_delete.connect(receiver, sender=sender, dispatch_uid=f"page-versions-delete-{label}")
        assert self.apps is not None  # the registry sets it before it calls ready()
        article = self.apps.get_model("newsroom.Article")
        # A story moved to another match or section leaves pages that listed it: read before the save.
        pre_save.connect(page_invalidation.article_moving, sender=article, dispatch_uid="page-versions-moving")
        # Only the newsroom's own relations: an import adding clubs to a season, or a user joining a group,
        # changes nothing a cached page shows.
        for field in ("authors", "tags", "clubs", "people"):
            through = getattr(article, field).through
            m2m_changed.connect(
                page_invalidation.article_relation_changed, sender=through, dispatch_uid=f"page-versions-m2m-{field}"
            )
        results_changed.connect(page_invalidation.results_changed, sender=Match, dispatch_uid="page-versions-results")
        results_changed.connect(live_polls.forget_etags, sender=Match, dispatch_uid="live-polls-results")
