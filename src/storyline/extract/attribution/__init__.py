"""Attribution: cue words, and the subject and content each cue introduces.

:class:`Finder` (:mod:`.finder`) reads one text in one pass over its tokens; its steps are
split by what they look for:

- :mod:`.lexicon` — the word lists of ``data/speech_verbs.toml`` (cue forms and grammar words);
- :mod:`.limits` — the calibrated token limits every step uses;
- :mod:`.record` — the :class:`Attribution` record and the state the steps share;
- :mod:`.finder` — cue matching and the main pass (where a change to what counts as a cue,
  or to how one cue is read, belongs);
- :mod:`.subjects` — who: the subject before a cue, the source after it, the listener;
- :mod:`.content` — what: the content a cue introduces or trails;
- :mod:`.quotations` — direct quotations attributed without a leading cue word;
- :mod:`.clauses` — the sentence's own subject, inherited by participles, after the pass.

Resolving subjects to speakers is :mod:`storyline.extract.speakers`' job.
"""

from storyline.extract.attribution.finder import Finder
from storyline.extract.attribution.lexicon import (
    CueForm,
    Lexicon,
    lexicon,
    reported_speech_subset,
    speech_cue_forms,
)
from storyline.extract.attribution.limits import MAX_NAME_TOKENS
from storyline.extract.attribution.quotations import UNCUED
from storyline.extract.attribution.record import Attribution

__all__ = [
    "MAX_NAME_TOKENS",
    "UNCUED",
    "Attribution",
    "CueForm",
    "Finder",
    "Lexicon",
    "lexicon",
    "reported_speech_subset",
    "speech_cue_forms",
]
