"""dealscope: grounded venture-financing rounds from Chinese and English news, offline."""

__version__ = "0.1.0"
