"""The real files, parsed and ranked, against the officially published final tables.

Each expected table is the league's published final standing, line by line: position, club (as the
openfootball files name it), played, won, drawn, lost, goals for, goals against, points. They were written
from the official record, not from this code's output. Every figure agrees with the data; the notes say
where that needed something beyond counting (an awarded match) and how each tied group was broken.
"""

import pytest

from matches.importer import KNOWN_COMPETITIONS
from matches.standings import compute_table, rule_set

Line = tuple[str, int, int, int, int, int, int, int]

# La Liga 2024-25. Tied groups, broken on the meetings between the clubs: Athletic over Villarreal on 70
# (2-0 and 0-0); Rayo over Osasuna on 52 (3-1 and 1-1); Real Sociedad over Valencia on 46 (3-0 and 0-1);
# Getafe, Espanyol, Alavés on 42 (mini-league: Alavés lost all four meetings, 15th; Getafe and Espanyol won
# one each 1-0, so overall goal difference, -5 to -11); Girona over Sevilla on 41 (2-0 and 1-2).
LA_LIGA_2024_25: list[Line] = [
    ("FC Barcelona", 38, 28, 4, 6, 102, 39, 88),
    ("Real Madrid CF", 38, 26, 6, 6, 78, 38, 84),
    ("Club Atlético de Madrid", 38, 22, 10, 6, 68, 30, 76),
    ("Athletic Club", 38, 19, 13, 6, 54, 29, 70),
    ("Villarreal CF", 38, 20, 10, 8, 71, 51, 70),
    ("Real Betis Balompié", 38, 16, 12, 10, 57, 50, 60),
    ("RC Celta de Vigo", 38, 16, 7, 15, 59, 57, 55),
    ("Rayo Vallecano de Madrid", 38, 13, 13, 12, 41, 45, 52),
    ("CA Osasuna", 38, 12, 16, 10, 48, 52, 52),
    ("RCD Mallorca", 38, 13, 9, 16, 35, 44, 48),
    ("Real Sociedad de Fútbol", 38, 13, 7, 18, 35, 46, 46),
    ("Valencia CF", 38, 11, 13, 14, 44, 54, 46),
    ("Getafe CF", 38, 11, 9, 18, 34, 39, 42),
    ("RCD Espanyol de Barcelona", 38, 11, 9, 18, 40, 51, 42),
    ("Deportivo Alavés", 38, 10, 12, 16, 38, 48, 42),
    ("Girona FC", 38, 11, 8, 19, 44, 60, 41),
    ("Sevilla FC", 38, 10, 11, 17, 42, 55, 41),
    ("CD Leganés", 38, 9, 13, 16, 39, 56, 40),
    ("UD Las Palmas", 38, 8, 8, 22, 40, 61, 32),
    ("Real Valladolid CF", 38, 4, 4, 30, 26, 90, 16),
]

# Premier League 2024-25. Ties (Newcastle over Villa on 66, Bournemouth over Brentford on 56, Manchester
# United over Wolves on 42) are all settled by goal difference.
PREMIER_LEAGUE_2024_25: list[Line] = [
    ("Liverpool FC", 38, 25, 9, 4, 86, 41, 84),
    ("Arsenal FC", 38, 20, 14, 4, 69, 34, 74),
    ("Manchester City FC", 38, 21, 8, 9, 72, 44, 71),
    ("Chelsea FC", 38, 20, 9, 9, 64, 43, 69),
    ("Newcastle United FC", 38, 20, 6, 12, 68, 47, 66),
    ("Aston Villa FC", 38, 19, 9, 10, 58, 51, 66),
    ("Nottingham Forest FC", 38, 19, 8, 11, 58, 46, 65),
    ("Brighton & Hove Albion FC", 38, 16, 13, 9, 66, 59, 61),
    ("AFC Bournemouth", 38, 15, 11, 12, 58, 46, 56),
    ("Brentford FC", 38, 16, 8, 14, 66, 57, 56),
    ("Fulham FC", 38, 15, 9, 14, 54, 54, 54),
    ("Crystal Palace FC", 38, 13, 14, 11, 51, 51, 53),
    ("Everton FC", 38, 11, 15, 12, 42, 44, 48),
    ("West Ham United FC", 38, 11, 10, 17, 46, 62, 43),
    ("Manchester United FC", 38, 11, 9, 18, 44, 54, 42),
    ("Wolverhampton Wanderers FC", 38, 12, 6, 20, 54, 69, 42),
    ("Tottenham Hotspur FC", 38, 11, 5, 22, 64, 65, 38),
    ("Leicester City FC", 38, 6, 7, 25, 33, 80, 25),
    ("Ipswich Town FC", 38, 4, 10, 24, 36, 82, 22),
    ("Southampton FC", 38, 2, 6, 30, 26, 86, 12),
]

# Bundesliga 2024-25. Union Berlin v Bochum (14 December 2024) ended 1-1 but was awarded 0-2 to Bochum
# after a lighter hit Bochum's goalkeeper; the official table counts the award -- Union 10 wins, 10 draws
# and 35-51; Bochum 6 wins and 33-67 -- and so does the data. Ties: Leipzig over Bremen on 51, Wolfsburg
# over Augsburg on 43, St. Pauli over Hoffenheim on 32, Kiel over Bochum on 25, all on goal difference.
BUNDESLIGA_2024_25: list[Line] = [
    ("FC Bayern München", 34, 25, 7, 2, 99, 32, 82),
    ("Bayer 04 Leverkusen", 34, 19, 12, 3, 72, 43, 69),
    ("Eintracht Frankfurt", 34, 17, 9, 8, 68, 46, 60),
    ("Borussia Dortmund", 34, 17, 6, 11, 71, 51, 57),
    ("SC Freiburg", 34, 16, 7, 11, 49, 53, 55),
    ("1. FSV Mainz 05", 34, 14, 10, 10, 55, 43, 52),
    ("RB Leipzig", 34, 13, 12, 9, 53, 48, 51),
    ("SV Werder Bremen", 34, 14, 9, 11, 54, 57, 51),
    ("VfB Stuttgart", 34, 14, 8, 12, 64, 53, 50),
    ("Borussia Mönchengladbach", 34, 13, 6, 15, 55, 57, 45),
    ("VfL Wolfsburg", 34, 11, 10, 13, 56, 54, 43),
    ("FC Augsburg", 34, 11, 10, 13, 35, 51, 43),
    ("1. FC Union Berlin", 34, 10, 10, 14, 35, 51, 40),
    ("FC St. Pauli 1910", 34, 8, 8, 18, 28, 41, 32),
    ("TSG 1899 Hoffenheim", 34, 7, 11, 16, 46, 68, 32),
    ("1. FC Heidenheim 1846", 34, 8, 5, 21, 37, 64, 29),
    ("Holstein Kiel", 34, 6, 7, 21, 49, 80, 25),
    ("VfL Bochum 1848", 34, 6, 7, 21, 33, 67, 25),
]

# Serie A 2024-25. Ties, all on head-to-head points: Fiorentina over Lazio on 65 (2-1 and 2-1), Torino over
# Udinese on 44 (2-2 and 2-0), Cagliari over Parma on 36 (3-2 and 2-1).
SERIE_A_2024_25: list[Line] = [
    ("SSC Napoli", 38, 24, 10, 4, 59, 27, 82),
    ("FC Internazionale Milano", 38, 24, 9, 5, 79, 35, 81),
    ("Atalanta BC", 38, 22, 8, 8, 78, 37, 74),
    ("Juventus FC", 38, 18, 16, 4, 58, 35, 70),
    ("AS Roma", 38, 20, 9, 9, 56, 35, 69),
    ("ACF Fiorentina", 38, 19, 8, 11, 60, 41, 65),
    ("SS Lazio", 38, 18, 11, 9, 61, 49, 65),
    ("AC Milan", 38, 18, 9, 11, 61, 43, 63),
    ("Bologna FC 1909", 38, 16, 14, 8, 57, 47, 62),
    ("Como 1907", 38, 13, 10, 15, 49, 52, 49),
    ("Torino FC", 38, 10, 14, 14, 39, 45, 44),
    ("Udinese Calcio", 38, 12, 8, 18, 41, 56, 44),
    ("Genoa CFC", 38, 10, 13, 15, 37, 49, 43),
    ("Hellas Verona FC", 38, 10, 7, 21, 34, 66, 37),
    ("Cagliari Calcio", 38, 9, 9, 20, 40, 56, 36),
    ("Parma Calcio 1913", 38, 7, 15, 16, 44, 58, 36),
    ("US Lecce", 38, 8, 10, 20, 27, 58, 34),
    ("Empoli FC", 38, 6, 13, 19, 33, 59, 31),
    ("Venezia FC", 38, 5, 14, 19, 32, 56, 29),
    ("AC Monza", 38, 3, 9, 26, 28, 69, 18),
]

# Bundesliga 2023-24, Leverkusen's unbeaten title. Ties: Heidenheim, Bremen, Freiburg on 42 and Union over
# Bochum on 33, on goal difference.
BUNDESLIGA_2023_24: list[Line] = [
    ("Bayer 04 Leverkusen", 34, 28, 6, 0, 89, 24, 90),
    ("VfB Stuttgart", 34, 23, 4, 7, 78, 39, 73),
    ("FC Bayern München", 34, 23, 3, 8, 94, 45, 72),
    ("RB Leipzig", 34, 19, 8, 7, 77, 39, 65),
    ("Borussia Dortmund", 34, 18, 9, 7, 68, 43, 63),
    ("Eintracht Frankfurt", 34, 11, 14, 9, 51, 50, 47),
    ("TSG 1899 Hoffenheim", 34, 13, 7, 14, 66, 66, 46),
    ("1. FC Heidenheim 1846", 34, 10, 12, 12, 50, 55, 42),
    ("SV Werder Bremen", 34, 11, 9, 14, 48, 54, 42),
    ("SC Freiburg", 34, 11, 9, 14, 45, 58, 42),
    ("FC Augsburg", 34, 10, 9, 15, 50, 60, 39),
    ("VfL Wolfsburg", 34, 10, 7, 17, 41, 56, 37),
    ("1. FSV Mainz 05", 34, 7, 14, 13, 39, 51, 35),
    ("Borussia Mönchengladbach", 34, 7, 13, 14, 56, 67, 34),
    ("1. FC Union Berlin", 34, 9, 6, 19, 33, 58, 33),
    ("VfL Bochum 1848", 34, 7, 12, 15, 42, 74, 33),
    ("1. FC Köln", 34, 5, 12, 17, 28, 60, 27),
    ("SV Darmstadt 98", 34, 3, 8, 23, 30, 86, 17),
]

# Champions League 2024-25 league phase, all 36. 1-8 went straight to the round of 16, 9-24 to the
# knockout play-offs, 25-36 out. Ties: Barcelona, Arsenal, Inter on 19 by goal difference (+15, +13, +10);
# Leverkusen (+8) then Lille and Villa (+7 each) on goals scored, 17 to 13; on 15, Atalanta (+14), Dortmund
# (+10), then Real Madrid and Bayern, level on +8, 20 goals, 6 away goals and 5 wins, Real Madrid 11th on
# away wins (2 to 1), Milan 13th; Zvezda over Sturm Graz on goals scored (13 to 5).
UCL_LEAGUE_PHASE_2024_25: list[Line] = [
    ("Liverpool FC", 8, 7, 0, 1, 17, 5, 21),
    ("FC Barcelona", 8, 6, 1, 1, 28, 13, 19),
    ("Arsenal FC", 8, 6, 1, 1, 16, 3, 19),
    ("FC Internazionale Milano", 8, 6, 1, 1, 11, 1, 19),
    ("Club Atlético de Madrid", 8, 6, 0, 2, 20, 12, 18),
    ("Bayer 04 Leverkusen", 8, 5, 1, 2, 15, 7, 16),
    ("Lille OSC", 8, 5, 1, 2, 17, 10, 16),
    ("Aston Villa FC", 8, 5, 1, 2, 13, 6, 16),
    ("Atalanta BC", 8, 4, 3, 1, 20, 6, 15),
    ("Borussia Dortmund", 8, 5, 0, 3, 22, 12, 15),
    ("Real Madrid CF", 8, 5, 0, 3, 20, 12, 15),
    ("FC Bayern München", 8, 5, 0, 3, 20, 12, 15),
    ("AC Milan", 8, 5, 0, 3, 14, 11, 15),
    ("PSV", 8, 4, 2, 2, 16, 12, 14),
    ("Paris Saint-Germain FC", 8, 4, 1, 3, 14, 9, 13),
    ("Sport Lisboa e Benfica", 8, 4, 1, 3, 16, 12, 13),
    ("AS Monaco FC", 8, 4, 1, 3, 13, 13, 13),
    ("Stade Brestois 29", 8, 4, 1, 3, 10, 11, 13),
    ("Feyenoord Rotterdam", 8, 4, 1, 3, 18, 21, 13),
    ("Juventus FC", 8, 3, 3, 2, 9, 7, 12),
    ("Celtic FC", 8, 3, 3, 2, 13, 14, 12),
    ("Manchester City FC", 8, 3, 2, 3, 18, 14, 11),
    ("Sporting Clube de Portugal", 8, 3, 2, 3, 13, 12, 11),
    ("Club Brugge KV", 8, 3, 2, 3, 7, 11, 11),
    ("GNK Dinamo Zagreb", 8, 3, 2, 3, 12, 19, 11),
    ("VfB Stuttgart", 8, 3, 1, 4, 13, 17, 10),
    ("FK Shakhtar Donetsk", 8, 2, 1, 5, 8, 16, 7),
    ("Bologna FC 1909", 8, 1, 3, 4, 4, 9, 6),
    ("FK Crvena Zvezda", 8, 2, 0, 6, 13, 22, 6),
    ("SK Sturm Graz", 8, 2, 0, 6, 5, 14, 6),
    ("AC Sparta Praha", 8, 1, 1, 6, 7, 21, 4),
    ("RB Leipzig", 8, 1, 0, 7, 8, 15, 3),
    ("Girona FC", 8, 1, 0, 7, 5, 13, 3),
    ("FC Red Bull Salzburg", 8, 1, 0, 7, 5, 27, 3),
    ("ŠK Slovan Bratislava", 8, 0, 0, 8, 7, 27, 0),
    ("BSC Young Boys", 8, 0, 0, 8, 3, 24, 0),
]

OFFICIAL = [
    ("2024-25/es.1.json", LA_LIGA_2024_25),
    ("2024-25/en.1.json", PREMIER_LEAGUE_2024_25),
    ("2024-25/de.1.json", BUNDESLIGA_2024_25),
    ("2024-25/it.1.json", SERIE_A_2024_25),
    ("2023-24/de.1.json", BUNDESLIGA_2023_24),
    ("2024-25/uefa.cl.json", UCL_LEAGUE_PHASE_2024_25),
]


def final_table(league_results, relative: str):
    code = relative.rsplit("/", 1)[-1].removesuffix(".json")
    return compute_table(league_results(relative), rules=rule_set(KNOWN_COMPETITIONS[code].rules))


@pytest.mark.parametrize(("relative", "official"), OFFICIAL, ids=[relative for relative, _ in OFFICIAL])
def test_final_table_is_the_official_one(league_results, relative, official):
    table = final_table(league_results, relative)
    got = [(r.club, r.played, r.won, r.drawn, r.lost, r.goals_for, r.goals_against, r.points) for r in table]
    assert got == official
    assert [r.position for r in table] == list(range(1, len(official) + 1))


# How each tied group was broken, per the rule set; clubs not listed were alone on their points.
TIE_BREAKS = {
    "2024-25/es.1.json": {
        "Athletic Club": "head_to_head_points",
        "Villarreal CF": "head_to_head_points",
        "Rayo Vallecano de Madrid": "head_to_head_points",
        "CA Osasuna": "head_to_head_points",
        "Real Sociedad de Fútbol": "head_to_head_goal_difference",
        "Valencia CF": "head_to_head_goal_difference",
        "Getafe CF": "goal_difference",
        "RCD Espanyol de Barcelona": "goal_difference",
        "Deportivo Alavés": "head_to_head_points",
        "Girona FC": "head_to_head_goal_difference",
        "Sevilla FC": "head_to_head_goal_difference",
    },
    "2024-25/it.1.json": {
        "ACF Fiorentina": "head_to_head_points",
        "SS Lazio": "head_to_head_points",
        "Torino FC": "head_to_head_points",
        "Udinese Calcio": "head_to_head_points",
        "Cagliari Calcio": "head_to_head_points",
        "Parma Calcio 1913": "head_to_head_points",
    },
    "2024-25/uefa.cl.json": {
        "Lille OSC": "goals_for",
        "Aston Villa FC": "goals_for",
        "Real Madrid CF": "away_wins",
        "FC Bayern München": "away_wins",
        "FK Crvena Zvezda": "goals_for",
        "SK Sturm Graz": "goals_for",
    },
}


@pytest.mark.parametrize(("relative", "expected"), TIE_BREAKS.items(), ids=list(TIE_BREAKS))
def test_tied_clubs_say_what_separated_them(league_results, relative, expected):
    table = final_table(league_results, relative)
    assert {r.club: r.decided_by for r in table if r.club in expected} == expected
    assert all(r.decided_by == "points" for r in table if not r.tied_with)
