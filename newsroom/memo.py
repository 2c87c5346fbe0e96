"""What one process remembers between requests, bounded."""

from __future__ import annotations


class ProcessMemo[K, V](dict[K, V]):
    """A dict of at most `limit` entries, emptied when full: the things kept are cheap to read again, so no
    eviction order is worth keeping. Each process has its own; nothing here is shared or needed for
    correctness."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: K, value: V) -> None:
        if len(self) >= self.limit and key not in self:
            self.clear()
        self[key] = value
