"""Who has an article's edit form open, kept in the cache: presence, not data, so losing it loses nothing.

Each open form polls every few seconds; an editor who has not polled for `TTL` seconds has left. With no
shared cache (a dummy one) every editor seems alone, and the forms work as before.
"""

from __future__ import annotations

import time

from django.core.cache import cache

TTL = 30


def key(article_id: int) -> str:
    return f"newsroom:presence:article:{article_id}"


def mark_open(*, article_id: int, user_id: int, name: str) -> list[str]:
    """Record that user `user_id` (called `name`) has the article open; return the others who have, by name.

    Two polls landing together may each drop the other's mark; the next poll, seconds later, puts it back.
    """
    now = time.time()
    seen: dict[int, tuple[str, float]] = cache.get(key(article_id)) or {}
    seen = {uid: (who, at) for uid, (who, at) in seen.items() if now - at < TTL and uid != user_id}
    others = sorted(who for who, _ in seen.values())
    seen[user_id] = (name, now)
    cache.set(key(article_id), seen, TTL)
    return others
