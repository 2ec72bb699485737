"""Temporal expressions in news text, resolved against the publication date.

:func:`find_dates` finds dates ("Tuesday", "Aug. 7", "last week", "in April", "a year ago",
"the third quarter"), times ("Monday evening", "10:35 a.m."), durations ("two years") and
frequencies ("daily") in a text and gives each a TimeML-style value: "on Tuesday" in an article
published on Wednesday 20 August 2025 is ``2025-08-19``.

How relative expressions are placed, as general rules (the same for every outlet and set):

- News reports the recent past: a weekday, a month or a date without a year is the most
  recent one not after the publication date, unless the verb governing it is in the future
  ("will meet on Tuesday", "is scheduled to close Monday") or is a present-tense schedule
  ("the two leaders meet Monday", "the envoy is due in Kyiv on Monday", "the funeral is
  Saturday"), an infinitive after a verb of intention ("agreeing to meet again on
  Saturday"), or follows a verb that moves an event ("postponed the vote until Monday"):
  then it is the coming one. The weekday of the publication day itself is the publication
  day unless "last" or "next" says otherwise (:func:`resolve_weekday`); a weekday with its
  week ("Monday last week") is that week's day. The tense comes from :func:`tense_at`.
- A date that sets a narrative's scene ("On Aug. 6, the council ...", "The council on Aug. 6
  ordered ...") one to two weeks before publication moves the reference time: the bare
  weekdays after it are those of its week ("met Monday", "arrived Tuesday"), until another
  scene-setting date replaces it. What was said keeps to the news's own week ("the minister
  said on Tuesday"): a story dates its attributions in the publication week.
- A date written without a year that falls within the next ``NEAR_FUTURE_DAYS`` is taken
  ahead whatever the tense: such dates are deadlines and schedules ("declared a dividend
  payable Dec. 15"), except right after a past verb and "on" ("was signed on Oct. 30"). A
  weekday written beside it ("Monday, Oct. 26") picks the year.
- "the next day", "that year", "a year earlier", "the previous Friday" hang on the last date
  the text mentioned (or on the publication date when it mentioned none); "last week",
  "tomorrow", "two days ago" hang on the publication date.
- Without a publication date, relative expressions keep TimeML's unknown digits
  ("XXXX-WXX-2" for a Tuesday) and are marked ``anchored=False``.

The vocabulary (month and weekday names, number words, holidays, tense cues...) lives in
``extract/data/temporal.toml``. The modules, in the order a text goes through them:
:mod:`.vocabulary` (the data file), :mod:`.grammar` and :mod:`.handlers` (the regular
expressions and what each match reads), :mod:`.scan` (where rules run, which overlapping
match wins), :mod:`.tense` (the governing verb's tense), :mod:`.calendar_math`,
:mod:`.context`, :mod:`.resolve` and :mod:`.relative` (TimeML values), :mod:`.ranges`
("from Monday to Wednesday"), :mod:`.find` (:func:`find_dates`).
"""

from storyline.extract.dates.calendar_math import parse_published, resolve_weekday
from storyline.extract.dates.expression import TimeExpression
from storyline.extract.dates.find import find_dates
from storyline.extract.dates.tense import tense_at

__all__ = ["TimeExpression", "find_dates", "parse_published", "resolve_weekday", "tense_at"]
