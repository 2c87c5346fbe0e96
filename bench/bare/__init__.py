"""A bare Django project, the baseline of bench.site: Django's `startproject` settings, one view returning "ok".

It needs no database and none of Pressbox: its ratio to a page is what Django itself costs, served the same way.
"""
