"""Drafts written from the data: a preview before kick-off, a short report after full time.

Two halves. `draft_facts` reads everything a draft may say, once, as of a moment (a fixed number of queries,
none in a loop); `write_draft` turns those facts into a headline, a standfirst and plain paragraphs, with no
database at all, so every figure in the text is one the facts hold. The action that stores the draft is
`newsroom.actions.draft_from_match`; it escapes the paragraphs into Markdown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

from matches.display import (
    and_list,
    counted,
    figure,
    kickoff,
    long_date,
    ordinal,
    pair,
    round_label,
    score,
    words,
)
from matches.facts import SideFacts, match_facts, race_sentence, side
from matches.knockout import TieState, tie_state
from matches.models import Club, Match, Stage
from matches.standings import compute_table
from matches.tables import SeasonTable
from newsroom.models import Article, Quote
from people.models import ManagerMove, ManagerMoveUpdate, Tenure

MEETINGS_TOLD = 3
# Kick-offs a report's table counts: those before this match's, and this one's own (a final day's alongside it).
ALONGSIDE = dt.timedelta(microseconds=1)


# ---- What kind of draft, and where it is kept -----------------------------------------------------------


def draft_kind(match: Match, now: dt.datetime) -> str:
    """A preview before kick-off, a report once the match is played; anything else is refused, saying why."""
    if match.status == Match.Status.POSTPONED:
        raise ValidationError(f"{match} is postponed: there is nothing to preview or report until it is rearranged.")
    if match.is_in_play:
        raise ValidationError(f"{match} is in play: draft a preview before kick-off or a report after full time.")
    if now < match.kickoff:
        return Article.Kind.PREVIEW
    if match.is_played and match.counted_score is not None:
        return Article.Kind.REPORT
    raise ValidationError(f"{match} has kicked off but has no result yet: a report waits for full time.")


def draft_slug(match: Match, kind: str) -> str:
    """One draft per match and kind: "preview-2025-05-11-fc-barcelona-v-real-madrid-cf"."""
    return slugify(f"{kind} {match.kickoff_date.isoformat()} {match.home.slug} v {match.away.slug}")[:200]


# ---- The facts, read once -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoachWords:
    tenure: Tenure
    quote: Quote | None


@dataclass(frozen=True)
class MoveNews:
    move: ManagerMove
    latest: ManagerMoveUpdate


@dataclass(frozen=True)
class DraftFacts:
    """What a draft may say about `match`, as of `moment`. `home`/`away` are the table as of the moment
    (None for a knockout match); `tie` the knockout tie as of the moment (None for a league match)."""

    match: Match
    kind: str
    moment: dt.datetime
    home: SideFacts | None
    away: SideFacts | None
    leader: Club | None
    meetings: list[Match]
    tie: TieState | None
    other_legs: list[Match]
    coaches: list[CoachWords]
    moves: list[MoveNews]


def draft_facts(*, match: Match, now: dt.datetime) -> DraftFacts:
    """The facts of a draft about `match` (season__competition, home, away and venue loaded) as of `now`.

    A preview counts what had happened by `now`. A report is written as of full time however late it is
    drafted ("the result leaves them" where the table stood straight after, not where it stands today): it
    counts the matches kicked off up to this one's kick-off, this one and any played alongside it included,
    and the quotes and moves up to the match day. Eight queries at most, whatever the season's length.
    Raises ValidationError as `draft_kind`."""
    kind = draft_kind(match, now)
    moment = now if kind == Article.Kind.PREVIEW else min(now, match.kickoff + ALONGSIDE)
    day = timezone.localdate(min(now, match.kickoff))
    home = away = leader = None
    tie, other_legs = None, []
    facts = match_facts(match) if match.has_table else None
    if facts is not None:
        home, away, leader = standing_at(facts.table, match, moment)
    else:
        other_legs = list(Match.objects.other_legs(match).order_by("kickoff", "pk"))
        tie = tie_as_of(match, other_legs, kind)
    meetings = facts.meetings if facts is not None else list(played_meetings(match))
    return DraftFacts(
        match=match,
        kind=kind,
        moment=moment,
        home=home,
        away=away,
        leader=leader,
        meetings=[m for m in meetings if m.kickoff < match.kickoff][:MEETINGS_TOLD],
        tie=tie,
        other_legs=other_legs,
        coaches=coach_words(match, day),
        moves=moves_as_of(match, day),
    )


def standing_at(table: SeasonTable, match: Match, moment: dt.datetime) -> tuple[SideFacts, SideFacts, Club | None]:
    """Both sides in the table re-ranked over the matches kicked off and played before `moment` (no queries:
    `table` holds the season's fixtures), and the leader."""
    counted_results = [f.result() for f in table.fixtures if f.counts(as_of=None, live=False, before=moment)]
    rows = compute_table(counted_results, rules=table.rules, clubs=list(table.clubs), deductions=table.deductions)
    race = {facts.club: facts for facts in replace(table, rows=rows).race()} if rows else {}
    by_slug = {row.club: row for row in rows}
    leader = table.clubs.get(rows[0].club) if rows else None
    return side(match.home, by_slug, race), side(match.away, by_slug, race), leader


def played_meetings(match: Match) -> list[Match]:
    between = Match.objects.between(match.home, match.away).played().filter(kickoff__lt=match.kickoff)
    return list(between.with_related().order_by("-kickoff")[:MEETINGS_TOLD])


def tie_as_of(match: Match, other_legs: list[Match], kind: str) -> TieState:
    """The tie as the draft sees it: a preview the legs before this match, a report those and this one."""
    before = [leg for leg in other_legs if leg.kickoff < match.kickoff]
    return tie_state([*before, match] if kind == Article.Kind.REPORT else before)


def coach_words(match: Match, day: dt.date) -> list[CoachWords]:
    """Both head coaches on `day`, home side first, each with their latest citable words by then."""
    tenures = Tenure.objects.on(day).filter(club__in=[match.home_id, match.away_id]).head_coaches_first()
    by_club: dict[int, Tenure] = {}
    for tenure in tenures:
        by_club.setdefault(tenure.club_id, tenure)
    coaches = [by_club[club] for club in (match.home_id, match.away_id) if club in by_club]
    quotes = Quote.objects.citable().filter(speaker__in=[t.person_id for t in coaches], said_on__lte=day)
    latest: dict[int, Quote] = {}
    for quote in quotes.order_by("-said_on", "-pk")[: 20 * max(len(coaches), 1)]:
        if quote.speaker_id is not None:
            latest.setdefault(quote.speaker_id, quote)
    return [CoachWords(tenure, latest.get(tenure.person_id)) for tenure in coaches]


def moves_as_of(match: Match, day: dt.date) -> list[MoveNews]:
    """Manager moves touching either club, each at its latest update dated `day` or earlier."""
    news = []
    for move in ManagerMove.objects.touching([match.home, match.away]).with_related():
        updates = [update for update in move.updates.all() if update.date <= day]
        if updates:
            news.append(MoveNews(move, max(updates, key=lambda update: (update.date, update.pk))))
    return sorted(news, key=lambda item: (item.latest.date, item.move.pk), reverse=True)


# ---- The prose, from the facts alone --------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    kind: str
    slug: str
    headline: str
    standfirst: str
    paragraphs: list[str]


def write_draft(facts: DraftFacts) -> Draft:
    """A draft's text from `facts`: plain paragraphs for a writer to edit. No queries."""
    match = facts.match
    home, away = match.home.display_name, match.away.display_name
    situation = tie_sentence(facts) if facts.tie is not None else table_sentence(facts)
    if facts.kind == Article.Kind.PREVIEW:
        headline = f"Preview: {home} v {away}, {round_label(match)}"
        lead = preview_lead(match)
        standfirst = situation or lead
    else:
        headline = headline_result(match)
        lead = result_sentence(match)
        standfirst = f"{result_clause(match)}. {situation}".strip()
    paragraphs = [
        lead,
        *table_paragraphs(facts),
        *tie_paragraphs(facts),
        *form_paragraphs(facts),
        *meeting_paragraphs(facts),
        *coach_paragraphs(facts),
        *move_paragraphs(facts),
    ]
    return Draft(
        kind=facts.kind,
        slug=draft_slug(match, facts.kind),
        headline=headline[:200],
        standfirst=standfirst,
        paragraphs=[p for p in paragraphs if p],
    )


def where(match: Match) -> str:
    return f" at {match.venue.name}" if match.venue is not None else ""


def context(match: Match) -> str:
    return f"{match.season.competition.display_name}, {round_label(match)}"


def preview_lead(match: Match) -> str:
    return (
        f"{match.home.display_name} play {match.away.display_name}{where(match)} on {kickoff(match)} "
        f"({context(match)})."
    )


def after_extra_time(match: Match) -> bool:
    return match.status != Match.Status.AWARDED and match.home_et is not None and match.away_et is not None


def final_score(match: Match) -> tuple[int, int]:
    """The score after extra time when there was any, else the score that counts (awarded or after 90)."""
    if after_extra_time(match) and match.home_et is not None and match.away_et is not None:
        return match.home_et, match.away_et
    goals = match.counted_score
    assert goals is not None, "a report is of a played match"
    return goals


def shootout(match: Match) -> str:
    """ "Barcelona won the shoot-out 4-3" (with an en dash), or "" without one."""
    if match.home_pens is None or match.away_pens is None or match.status == Match.Status.AWARDED:
        return ""
    winner = match.home if match.home_pens > match.away_pens else match.away
    return f"{winner.display_name} won the shoot-out {pair(*sorted((match.home_pens, match.away_pens), reverse=True))}"


def headline_result(match: Match) -> str:
    """ "Barcelona 4-3 Real Madrid", "Internazionale Milano 4-3 Barcelona after extra time" (en dashes)."""
    text = f"{match.home.display_name} {pair(*final_score(match))} {match.away.display_name}"
    text += " after extra time" if after_extra_time(match) else ""
    pens = shootout(match)
    return f"{text}; {pens}" if pens else text


def result_clause(match: Match) -> str:
    """ "Barcelona beat Real Madrid 4-3", "Barcelona and Inter drew 3-3", "Inter won 2-0 away to Barcelona"."""
    home, away = match.home.display_name, match.away.display_name
    h, a = final_score(match)
    if match.status == Match.Status.AWARDED:
        return f"{home} v {away} was awarded {pair(h, a)}"
    extra = " after extra time" if after_extra_time(match) else ""
    if h == a:
        return f"{home} and {away} drew {pair(h, a)}{extra}"
    if h > a:
        return f"{home} beat {away} {pair(h, a)}{extra}"
    return f"{away} won {pair(a, h)}{extra} away to {home}"


def result_sentence(match: Match) -> str:
    """The result with where and in what, then the half-time and 90-minute scores and any shoot-out."""
    text = f"{result_clause(match)}{where(match)} ({context(match)})."
    stages = []
    if match.home_ht is not None:
        stages.append(f"{pair(match.home_ht, match.away_ht)} at half-time")
    if after_extra_time(match):
        stages.append(f"{score(match)} after 90 minutes")
    if stages:
        text += f" It was {' and '.join(stages)}."
    pens = shootout(match)
    return f"{text} {pens}." if pens else text


def table_sentence(facts: DraftFacts) -> str:
    if facts.home is None or facts.away is None:
        return ""
    return race_sentence(facts.home, facts.away) or ""


def table_paragraphs(facts: DraftFacts) -> list[str]:
    """Where both sides stand as of the moment: places, points, gaps, what they can still reach, what is settled."""
    sides = [s for s in (facts.home, facts.away) if s is not None and s.row is not None and s.race is not None]
    if len(sides) < 2:
        return []
    first, second = (
        f"{ordinal(s.row.position)} on {figure(s.row.points, 'point')} from {counted(s.row.played, 'match', 'es')}"
        for s in sides
        if s.row is not None
    )
    a, b = (s.club.display_name for s in sides)
    if facts.kind == Article.Kind.REPORT:
        text = f"The result leaves {a} {first} and {b} {second}."
    else:
        text = f"{a} are {first}, {b} {second}."
    text += f" {table_sentence(facts)}"
    leader = facts.leader
    if leader is not None and leader.pk not in (facts.match.home_id, facts.match.away_id):
        behind = [f"{s.club.display_name} {counted(s.race.gap_to_leader, 'point')} behind" for s in sides if s.race]
        text += f" {leader.display_name} lead the table, with {and_list(behind)}."
    reach = [f"{s.club.display_name} {s.race.max_points}" for s in sides if s.race and s.race.matches_left]
    if reach:
        text += f" The most each can still reach: {and_list(reach)} points."
    paragraphs = [text]
    settled = [f"{s.club.display_name}, {and_list(notable(s.decided))}" for s in sides if s.decided]
    if settled:
        paragraphs.append(f"Settled already: {'; '.join(settled)}.")
    return paragraphs


def notable(decided: list[str]) -> list[str]:
    """What is settled, less "safe from relegation" for a club that has clinched something better."""
    safe = "safe from relegation"
    return [d for d in decided if d != safe] if any(d != safe and "out of" not in d for d in decided) else decided


def form_paragraphs(facts: DraftFacts) -> list[str]:
    """Each side's last league results before the match (a preview only: a report has its own result)."""
    if facts.kind != Article.Kind.PREVIEW:
        return []
    lines = []
    for s in (facts.home, facts.away):
        if s is None or s.row is None or not s.row.form:
            continue
        form = s.row.form
        tally = [
            f"{verb} {words(form.count(letter))}"
            for letter, verb in (("W", "won"), ("D", "drawn"), ("L", "lost"))
            if form.count(letter)
        ]
        lines.append(
            f"{s.club.display_name} have {and_list(tally)} of their last "
            f"{counted(len(form), 'league match', 'es')} ({' '.join(form)}, the latest last)."
        )
    return [" ".join(lines)] if lines else []


def meeting_line(match: Match) -> str:
    return (
        f"{match.home.display_name} {score(match)} {match.away.display_name} on {long_date(match.kickoff_date)} "
        f"({match.season.competition.display_name}, {round_label(match)})"
    )


def meeting_paragraphs(facts: DraftFacts) -> list[str]:
    if not facts.meetings:
        return []
    if len(facts.meetings) == 1:
        return [f"The last time the sides met: {meeting_line(facts.meetings[0])}."]
    told = "; ".join(meeting_line(m) for m in facts.meetings)
    return [f"Their last {words(len(facts.meetings))} meetings, the latest first: {told}."]


def tie_sentence(facts: DraftFacts) -> str:
    """Where the tie stands once a leg is played: "Internazionale go through, 7-6 on aggregate after extra
    time.", "The tie is level at 3-3 after the first leg." (scores with en dashes); "" before a leg is played."""
    state, match = facts.tie, facts.match
    if state is None or state.outcome is None:
        return ""
    outcome = state.outcome
    clubs = {str(match.home_id): match.home, str(match.away_id): match.away}
    first, second = clubs[outcome.first], clubs[outcome.second]
    if outcome.winner is None:
        if outcome.first_goals == outcome.second_goals:
            return f"The tie is level at {pair(*outcome.aggregate)} after the first leg."
        leader = first if outcome.first_goals > outcome.second_goals else second
        return f"{leader.display_name} lead {pair(*sorted(outcome.aggregate, reverse=True))} after the first leg."
    winner = clubs[outcome.winner].display_name
    verb = "win the final" if match.stage == Stage.FINAL else "go through"
    if state.expected_legs < 2:  # the result sentence has told the score, extra time and shoot-out
        return f"{winner} {verb}."
    if outcome.decided == "penalties" and outcome.pens is not None:
        shoot_out = pair(*sorted(outcome.pens, reverse=True))
        return f"{winner} {verb} on penalties, {shoot_out}, after a {pair(*outcome.aggregate)} aggregate."
    after = " after extra time" if outcome.decided == "extra_time" else ""
    return f"{winner} {verb}, {pair(*sorted(outcome.aggregate, reverse=True))} on aggregate{after}."


def tie_paragraphs(facts: DraftFacts) -> list[str]:
    """The tie situation and, when one is still to come, when and where the other leg is."""
    if facts.tie is None:
        return []
    text = tie_sentence(facts)
    if not text and facts.match.leg == 1:
        text = "It is the first leg of the tie."
    elif not text and facts.tie.expected_legs == 1:
        text = "The final is a single match." if facts.match.stage == Stage.FINAL else "It is a single match."
    later = [leg for leg in facts.other_legs if leg.kickoff > facts.match.kickoff]
    if later:
        text += f" The second leg is{where(later[0])} on {kickoff(later[0])}."
    return [text] if text else []


def coach_paragraphs(facts: DraftFacts) -> list[str]:
    paragraphs = []
    for words_of in facts.coaches:
        quote, tenure = words_of.quote, words_of.tenure
        if quote is None or quote.said_on is None:
            continue
        role = f"the {tenure.club.display_name} {tenure.get_role_display().lower()}"
        paragraphs.append(f"{tenure.person.name}, {role}, on {long_date(quote.said_on)}: “{quote.text}”")
    return paragraphs


def move_paragraphs(facts: DraftFacts) -> list[str]:
    return [
        f"{news.latest.summary} ({news.latest.source_name}, {long_date(news.latest.date)})" for news in facts.moves
    ]
