"""python manage.py load_demo: the demo newsroom, ready to browse and edit."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from newsroom import roles
from newsroom.demo import loader

ROLE_DUTIES = {
    roles.EDITOR: "reviews, publishes, verifies quotes",
    roles.WRITER: "drafts stories and their quotes, cannot publish",
    roles.DATA_DESK: "fixtures, scores, people and manager moves",
    roles.JOURNALIST: "reads and cites the quote archive",
    "superuser": "everything",
}


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: the shipped seasons (from ../shared, or downloaded from openfootball), "
        "the managers and moves of the Clasico preview, and the preview itself with its quotes. Idempotent."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--shared", type=Path, default=None, help="Where shared/ is (default: ../shared).")
        parser.add_argument(
            "--addrport",
            default="127.0.0.1:8000",
            help="Where the site will be served, as given to runserver, for the closing message "
            "(default: 127.0.0.1:8000; `make run` passes its HOST and PORT).",
        )

    def handle(self, *args: object, **options: Any) -> None:
        started = time.perf_counter()
        shared = options["shared"] or Path(settings.SHARED_DIR)
        self.stdout.write("Results:")
        loader.load_results(shared, self.stdout.write)
        loader.load_venues()
        loader.load_people()
        loader.load_moves()
        editor = loader.load_staff()
        self.stdout.write("Newsroom:")
        # The drafts from the data sit beside the reference story: without it, the demo has no stories at all.
        if loader.load_clasico_preview(shared, editor, self.stdout.write) is not None:
            loader.load_drafts(self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready in {time.perf_counter() - started:.1f} s."))
        site = site_url(str(options["addrport"]))
        if settings.DEBUG:
            self.stdout.write(f"Admin: {site}admin/ — every login's password is {loader.DEMO_PASSWORD!r}:")
            for username, role in [*loader.DEMO_LOGINS.items(), ("admin", "superuser")]:
                self.stdout.write(f"  {username:<11} {role}: {ROLE_DUTIES[role]}")
            self.stdout.write(f"Site: {site}")
        else:
            self.stdout.write("Demo accounts have no password outside DEBUG: use `manage.py createsuperuser`.")


def site_url(addrport: str) -> str:
    """`0.0.0.0:8001` -> `http://0.0.0.0:8001/`; an IPv6 host gets its brackets, a bare port the default host."""
    host, _, port = addrport.rpartition(":")
    host = host or "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/"
