"""The check the database pool runs on each connection it hands out (DATABASES OPTIONS "pool" "check").

psycopg_pool's own check finds a connection a PostgreSQL restart killed; but when the next idle connection is
dead too, the pool sleeps a second before trying it (its back-off for a busy loop), longer than a request may
wait. A restart kills them all at once: so on the first dead one, every idle connection is checked at once
and the dead ones replaced, and the request takes the first fresh connection, in milliseconds.

No Django here: the settings import it.
"""

from __future__ import annotations

from typing import Any

from psycopg import Connection
from psycopg_pool import ConnectionPool


def check_connection(conn: Connection[Any]) -> None:
    try:
        ConnectionPool.check_connection(conn)
    except Exception:
        pool = getattr(conn, "_pool", None)  # the pool sets it on a connection it is handing out
        if isinstance(pool, ConnectionPool):
            pool.check()
        raise
