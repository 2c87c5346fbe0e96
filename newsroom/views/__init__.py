"""The public site's views, one module per area. Each view parses its input, calls a read, renders."""
