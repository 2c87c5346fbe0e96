"""The public site. URL names carry no namespace: the models' get_absolute_url reverse them as they are."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from newsroom import feeds, sitemaps
from newsroom.page_cache import public_page
from newsroom.views import articles, clubs, competitions, home, live, matches, moves, people, previews, quotes
from newsroom.views.search import search

urlpatterns = [
    path("", home.home, name="home"),
    path("articles/<slug:slug>/", articles.article, name="article"),
    path("previews/<str:token>/", previews.preview_link, name="preview_link"),
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
    path("clubs/<slug:slug>/seasons/", clubs.club_seasons, name="club_seasons"),
    path("people/<slug:slug>/", people.person, name="person"),
    path("moves/", moves.moves, name="moves"),
    path("quotes/", quotes.quote_list, name="quotes"),
    path("quotes/export.csv", quotes.export_csv, name="quotes_export_csv"),
    path("quotes/export.json", quotes.export_json, name="quotes_export_json"),
    path("quotes/<int:pk>/", quotes.quote, name="quote"),
    # For readers' searches, feed readers and search engines.
    path("search/", search, name="search"),
    path("feeds/latest.rss", public_page()(feeds.LatestArticlesFeed()), name="feed_latest_rss"),
    path("feeds/latest.atom", public_page()(feeds.LatestArticlesAtomFeed()), name="feed_latest_atom"),
    path("competitions/<str:code>/feed.rss", public_page()(feeds.CompetitionFeed()), name="feed_competition_rss"),
    path(
        "competitions/<str:code>/feed.atom", public_page()(feeds.CompetitionAtomFeed()), name="feed_competition_atom"
    ),
    path("clubs/<slug:slug>/feed.rss", public_page()(feeds.ClubFeed()), name="feed_club_rss"),
    path("clubs/<slug:slug>/feed.atom", public_page()(feeds.ClubAtomFeed()), name="feed_club_atom"),
    path("robots.txt", public_page()(sitemaps.robots_txt), name="robots_txt"),
    path("favicon.ico", home.favicon, name="favicon"),
    path("news-sitemap.xml", public_page()(sitemaps.news_sitemap), name="news_sitemap"),
    path(
        "sitemap.xml",
        public_page()(sitemap_views.index),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page()(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
]
