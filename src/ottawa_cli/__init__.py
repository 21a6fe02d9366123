"""ottawa: where a State stands under each bundled treaty on any date, why, and what the answer
rests on (the depositary's record, an official source, or a report)."""

__version__ = "0.1.0"
