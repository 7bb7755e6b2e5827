"""Renderers: plain data in, a rich renderable, text or bytes out. Only this package knows rich."""
