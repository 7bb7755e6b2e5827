"""atgt: make Kế hoạch 16-KH/ĐUSCT (traffic order and safety) checkable."""

__version__ = "0.1.0"
