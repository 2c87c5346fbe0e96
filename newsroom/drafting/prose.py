"""A draft's text from its facts: headline, standfirst and plain paragraphs, with no database at all, so every
figure in the text is one the facts hold. Football is written as the site writes it (`matches.display`)."""

from __future__ import annotations

from dataclasses import dataclass

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
from matches.facts import race_sentence
from matches.models import Match, Stage
from newsroom.drafting.facts import DraftFacts, draft_slug
from newsroom.models import Article


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
        if len(form) == 1:
            lines.append(f"{s.club.display_name} have {tally[0].split()[0]} their only league match so far.")
            continue
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
    time.", "Porto go through on away goals, 3-3 on aggregate.", "The tie is level
    at 3-3 after the first leg." (scores with en dashes); "" before a leg is played."""
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
    if outcome.decided == "away_goals":
        after = " after extra time" if after_extra_time(state.legs[-1]) else ""
        return f"{winner} {verb} on away goals, {pair(*outcome.aggregate)} on aggregate{after}."
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
