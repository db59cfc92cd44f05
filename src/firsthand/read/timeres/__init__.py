"""Resolving time-grammar matches to TIMEX3 values: `resolver.py` holds one text's anchor and
discourse state and the table of rule → handler; the handlers are grouped by family
(`absolute.py`, `periods.py`, `named.py`, `relative.py`, `durations.py`, `sets.py`) over the
calendar arithmetic of `values.py` and the clause tense of `tense.py`."""
