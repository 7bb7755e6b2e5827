"""What services hand to renderers: plain dataclasses and small pure helpers, below both layers.

Nothing here imports services, render, cli or store: the store's read rows live here too, so a
renderer draws them without knowing where they came from.
"""
