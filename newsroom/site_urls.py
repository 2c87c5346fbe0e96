"""The public site. URL names carry no namespace: the models' get_absolute_url reverse them as they are."""

from django.urls import path

from newsroom.views import articles, clubs, competitions, home, live, matches, people, quotes
from newsroom.views.search import search

urlpatterns = [
    path("", home.home, name="home"),
    path("articles/<slug:slug>/", articles.article, name="article"),
    path("tags/<slug:slug>/", articles.tag, name="tag"),
    path("sections/<slug:slug>/", articles.section, name="section"),
    path("competitions/", competitions.competition_list, name="competitions"),
    # Competition codes hold dots (es.1), which the slug converter refuses; str stops at the next slash.
    path("competitions/<str:code>/", competitions.competition, name="competition"),
    path("competitions/<str:code>/<str:season>/", competitions.season, name="season"),
    path("matches/<int:pk>/", matches.match, name="match"),
    path("matches/<int:pk>/score/", live.score, name="match_score"),
    path("matches/<int:pk>/table/", live.table, name="match_table"),
    path("clubs/<slug:slug>/", clubs.club, name="club"),
    path("people/<slug:slug>/", people.person, name="person"),
    path("quotes/", quotes.quote_list, name="quotes"),
    path("quotes/<int:pk>/", quotes.quote, name="quote"),
    # For readers' searches, feed readers and search engines.
    path("search/", search, name="search"),
]
