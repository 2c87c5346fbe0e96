"""Which season files openfootball's football.json repository (or a copy of it) holds, found rather than assumed.

For a GitHub address (`https://github.com/OWNER/REPO`, `.../tree/BRANCH`, or `https://raw.githubusercontent.com/
OWNER/REPO/BRANCH`) the files are listed by one request to GitHub's git trees API, which answers without a token
(60 requests an hour from one address; one import uses one), and read from raw.githubusercontent.com, which is
not rate-limited that way. Where that listing is not available (another server, a mirror, the API's limit
reached), a fixed list of candidates is probed instead: every season folder from FIRST_SEASON to the current
one, times every code Pressbox has rules for and the other codes openfootball publishes; a 404 there only means the
file is not in the copy.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from matches.importer import KNOWN_COMPETITIONS, ImportFailed, Unreachable, fetch, is_url
from matches.openfootball import is_season

GITHUB_API = "https://api.github.com"
RAW_GITHUB = "https://raw.githubusercontent.com"
DEFAULT_BRANCH = "master"
# openfootball's football.json starts with the 2010-11 season.
FIRST_SEASON = 2010
# Competitions openfootball publishes that Pressbox has no rules for (those it has are KNOWN_COMPETITIONS): probed
# too, and imported when a copy holds them (ranked by points, goal difference and goals scored, with a note).
OTHER_CODES = (
    "at.1",
    "br.1",
    "ch.1",
    "de.2",
    "de.3",
    "en.3",
    "en.4",
    "es.2",
    "fr.2",
    "gr.1",
    "it.2",
    "mx.1",
    "ru.1",
)
_SEASON_FILE = re.compile(r"^(?P<season>\d{4}-\d{2})/(?P<code>[a-z0-9]+(?:\.[a-z0-9]+)*)\.json$")
_GITHUB = re.compile(r"^https://github\.com/(?P<owner>[^/]+)/(?P<repo>[^/]+?)(?:\.git)?(?:/tree/(?P<ref>[^/]+))?/?$")
_RAW = re.compile(r"^https://raw\.githubusercontent\.com/(?P<owner>[^/]+)/(?P<repo>[^/]+)/(?P<ref>[^/]+)/?$")


@dataclass(frozen=True)
class Listing:
    """The season files to read: `base`/`path` for each path (SEASON/CODE.json). `probed` when the paths are
    candidates (a 404 means absent), not a listing; `ignored` counts the listing's other files (club lists,
    READMEs); `how` says how the files were found, for the command's output."""

    base: str
    paths: tuple[str, ...]
    probed: bool
    ignored: int
    how: str


def is_repository(location: str) -> bool:
    """A URL that names a repository or a folder of season files, not one file (a GitHub repository's own
    name may end in .json, as football.json does)."""
    if not is_url(location):
        return False
    return github_parts(location) is not None or not location.split("?")[0].endswith(".json")


def raw_base(url: str) -> str:
    """Where a repository's files are read from: a GitHub repository's raw-file address; any other base as it is."""
    github = github_parts(url)
    if github is None:
        return url.rstrip("/")
    owner, repo, ref = github
    return f"{RAW_GITHUB}/{owner}/{repo}/{ref}"


def github_parts(url: str) -> tuple[str, str, str] | None:
    """(owner, repository, branch) of a GitHub repository's address or of its raw-file base, else None."""
    match = _GITHUB.match(url) or _RAW.match(url)
    if match is None:
        return None
    return match["owner"], match["repo"], match["ref"] or DEFAULT_BRANCH


def list_repository(url: str, *, say: Callable[[str], None] = lambda line: None) -> Listing:
    """The season files a repository holds (see the module docstring for how they are found). Raises
    Unreachable when GitHub does not answer at all (no network): probing would not fare better."""
    github = github_parts(url)
    if github is not None:
        owner, repo, ref = github
        listing_url = f"{GITHUB_API}/repos/{owner}/{repo}/git/trees/{ref}?recursive=1"
        try:
            paths, ignored = season_files(fetch(listing_url), listing_url)
            return Listing(raw_base(url), paths, False, ignored, f"listed by {listing_url}")
        except Unreachable:
            raise
        except ImportFailed as error:
            say(f"{error}; probing the usual season files instead.")
    candidates = candidate_paths(dt.date.today())
    return Listing(raw_base(url), candidates, True, 0, f"probed {len(candidates)} possible season files")


def season_files(body: bytes, source: str) -> tuple[tuple[str, ...], int]:
    """The SEASON/CODE.json paths in a git trees API answer, in season order, and how many other files it lists."""
    try:
        tree = json.loads(body)["tree"]
        paths = [item["path"] for item in tree if item.get("type") == "blob"]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ImportFailed(f"{source}: not a listing of the repository's files") from None
    found = [path for path in paths if isinstance(path, str) and is_results_file(path)]
    return tuple(sorted(found)), len(paths) - len(found)


def is_results_file(path: str) -> bool:
    """SEASON/CODE.json, and not one of the club lists (CODE.clubs.json) kept beside the results."""
    match = _SEASON_FILE.match(path)
    return match is not None and is_season(match["season"]) and not match["code"].endswith(".clubs")


def candidate_paths(today: dt.date) -> tuple[str, ...]:
    """Every season from FIRST_SEASON to the one under way `today`, times every known and published code."""
    codes = sorted({*KNOWN_COMPETITIONS, *OTHER_CODES})
    last = today.year if today.month >= 7 else today.year - 1
    seasons = [f"{year}-{(year + 1) % 100:02d}" for year in range(FIRST_SEASON, last + 1)]
    return tuple(f"{season}/{code}.json" for season in seasons for code in codes)
