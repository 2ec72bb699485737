"""The limits of the attribution finder, in tokens.

Calibration: set once on PolNeAR's training split (never on dev); they are general reading
rules, not fitted to any file.
"""

#: Longest subject of a cue, in tokens ("Officials close to the talks" is 5, "A later report
#: by the Financial Times" 7); longer runs are nearly always a clause, not a subject
#: (checked on polnear/train).
MAX_SUBJECT_TOKENS = 12


#: Longest source after "according to" or an inverted cue ("said Smith, the mayor").
MAX_SOURCE_AFTER_TOKENS = 12


#: How far after a cue (tokens) its content may open with "that", ":" or a quote mark:
#: "said in a statement on Tuesday that" is 7.
OPENER_LOOKAHEAD = 10


#: Longest listener after a cue of telling ("told CNN's State of the Union").
MAX_LISTENER_TOKENS = 6


#: Longest personal name, in tokens, once titles are taken off ("Martin Luther King Jr").
MAX_NAME_TOKENS = 4


#: Longest apposition between a name and its cue ("Steve Witkoff, Trump's special envoy,").
MAX_APPOSITION_TOKENS = 10


#: Longest aside between dashes or brackets skipped between a subject and its cue.
MAX_PARENTHETICAL_TOKENS = 25


#: Longest relative clause between a name and its cue ("Petrilli, who thinks ..., called").
MAX_RELATIVE_TOKENS = 30


#: Longest dateline before a wire story's first sentence ("ORLANDO, Fla. (Reuters) -" is 8).
MAX_DATELINE_TOKENS = 12


#: Longest source and setting between a cue and the rest of the quotation it interrupts
#: ("“A,” said Sen. Harry Reid (D-Nev.) on Tuesday, “B”" is 11).
MAX_INTERRUPTION_TOKENS = 12


#: Longest determiner phrase taken as the subject a sentence opens with when it has no noun
#: for people ("The government", "The email", "The Louisville crowd" are 1 and 2 words after
#: the determiner); longer runs are usually the subject and its verb phrase.
MAX_DETERMINER_PHRASE_TOKENS = 2


#: A trailing cue needs at least this many tokens of content before it.
MIN_CONTENT_TOKENS = 2


#: A sentence that ends in a cue and at most this many tokens of setting ("said in a
#: statement on Tuesday.") attributes the quotation after it: the longest settings seen in
#: polnear/train ("told reporters at a campaign stop in Iowa on Monday") are about 10.
MAX_SETTING_TOKENS = 10
#: Longest title of a show or publication quoted in the setting of a statement ("on NBC's
#: “Meet the Press,”", "“This Week With George Stephanopoulos”" is 5).
MAX_TITLE_TOKENS = 8
#: Fewest words of a quotation attributed without any cue (see ``Quotations._uncued_quotes``):
#: on polnear/train, uncued quotations of 1-3 words were someone's words less than 40% of the
#: time (scare quotes, names, slogans), longer ones about half the time.
MIN_UNCUED_QUOTE_TOKENS = 3
