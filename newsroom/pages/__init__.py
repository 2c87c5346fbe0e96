"""Page read models: what a composite public page shows, assembled from QuerySet reads, `matches.tables` and
the pure football rules, in a fixed number of queries. Views call these and render; these never render,
and import nothing from views or template tags."""
