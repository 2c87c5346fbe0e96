"""A local copy shaped like openfootball's football.json repository, served over HTTP from a thread (this
machine has no internet): raw files under OWNER/REPO/BRANCH/ and GitHub's git trees listing beside them."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

RAW = "openfootball/football.json/master"
LISTING = "repos/openfootball/football.json/git/trees/master"
# Upstream records these two shoot-outs as 4-4 (../shared/data/openfootball/README.md): records 170 and 175.
SHOOT_OUTS = (170, 175)
ES_1_UPSTREAM = 370  # upstream's La Liga file stops before the last matchday


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a loopback port; yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build_upstream(shared: Path, root: Path, *, leave_out: tuple[str, ...] = ()) -> Path:
    """Under `root`: the shipped seasons as upstream holds them (two 4-4 shoot-outs, La Liga stopping before
    its last matchday), a Ligue 1 season, a competition Pressbox has no rules for, an unreadable file, a club
    list and a README, and the git trees listing of it all. Returns the raw files' folder."""
    raw = root / RAW
    for path in sorted(shared.glob("*/*.json")):
        relative = path.relative_to(shared).as_posix()
        if relative not in leave_out:
            (raw / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, raw / relative)
    if "2024-25/uefa.cl.json" not in leave_out:
        cl = json.loads((raw / "2024-25/uefa.cl.json").read_text())
        for index in SHOOT_OUTS:
            cl["matches"][index - 1]["score"]["p"] = [4, 4]
        (raw / "2024-25/uefa.cl.json").write_text(json.dumps(cl))
    if "2024-25/es.1.json" not in leave_out:
        es = json.loads((raw / "2024-25/es.1.json").read_text())
        es["matches"] = [m for m in es["matches"] if m["round"] != "Matchday 38"]
        assert len(es["matches"]) == ES_1_UPSTREAM
        (raw / "2024-25/es.1.json").write_text(json.dumps(es))
    ligue_1 = {
        "name": "Ligue 1 2024/25",
        "matches": [
            {
                "round": "Matchday 1",
                "date": "2024-08-16",
                "team1": "Le Havre AC",
                "team2": "Paris Saint-Germain FC",
                "score": {"ft": [1, 4]},
            }
        ],
    }
    (raw / "2024-25/fr.1.json").write_text(json.dumps(ligue_1))
    austria = {
        "name": "Österr. Bundesliga 2024/25",
        "matches": [
            {
                "round": "Matchday 1",
                "date": "2024-08-02",
                "team1": "SK Sturm Graz",
                "team2": "FC Red Bull Salzburg",
                "score": {"ft": [2, 2]},
            }
        ],
    }
    (raw / "2024-25/at.1.json").write_text(json.dumps(austria))
    (raw / "2022-23").mkdir(parents=True, exist_ok=True)
    (raw / "2022-23/en.1.json").write_text("{not json")
    (raw / "2024-25/en.1.clubs.json").write_text(json.dumps({"name": "Premier League", "clubs": []}))
    (raw / "README.md").write_text("football.json\n")
    files = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file())
    listing = {"sha": "0" * 40, "tree": [{"path": p, "type": "blob"} for p in files], "truncated": False}
    (root / LISTING).parent.mkdir(parents=True, exist_ok=True)
    (root / LISTING).write_text(json.dumps(listing))
    return raw
