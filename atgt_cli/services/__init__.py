"""The rules: each service takes a Store (or files) and returns plain data."""
