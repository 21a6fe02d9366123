"""ottawa: where a State stands under the Mine Ban Convention, on any date, and why."""

__version__ = "0.1.0"
