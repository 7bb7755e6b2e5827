"""The plan as data: its schema, the YAML loader with file:line:col errors, the bundled seed."""
