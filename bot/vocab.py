"""The words of plain questions, as data: intents, filler, places outside coverage.

bot.question reads a question with these tables; adding a phrasing is a one-line change
here with a test row beside it in tests/test_question.py. Keys are lower case words with
punctuation removed (``&`` is written ``and``). Names of forces, regions, drugs and local
authorities come from data/ and bot.names, not from here.
"""

from __future__ import annotations

# Phrase -> the command it asks for.
INTENTS: dict[str, tuple[str, ...]] = {
    "compare": ("compare", "compared", "compared with", "compared to", "comparison", "vs", "v",
                "versus", "against", "difference between", "above", "below", "higher than",
                "lower than", "more than", "less than", "side by side"),
    "national": ("national", "nationally", "nationwide", "england and wales", "e and w",
                 "the country", "across the country", "countrywide", "national average",
                 "national rate", "all forces", "every force", "all police forces", "nation",
                 "national figures", "overall"),
    "rank": ("rank", "ranking", "rankings", "ranked", "league table", "league", "top", "bottom",
             "highest", "lowest", "most", "least", "fewest", "which force", "which forces",
             "which police force", "best", "worst", "biggest", "smallest", "table"),
    "trend": ("trend", "trends", "chart", "graph", "plot", "over time", "over the years",
              "history", "time series", "change over time", "since"),
    "story": ("story", "write", "write up", "paragraph", "article", "copy", "news story"),
    "csv": ("csv", "download", "spreadsheet", "data file", "excel", "raw data", "export"),
    "sources": ("sources", "source", "where does the data come from", "where is the data from",
                "where do the figures come from", "methodology", "caveats", "coverage"),
    "help": ("help", "what can you do", "how do i use this", "commands", "what do you do",
             "how does this work"),
    "start": ("hello", "hi", "hey", "start", "good morning", "good afternoon"),
    "region": ("region", "regions", "regional", "by region"),
}  # fmt: skip

# Phrases that mean "the latest year with figures".
LATEST = ("latest", "last year", "this year", "most recent", "the latest year", "current",
          "recent", "now", "currently", "newest", "latest figures", "latest year")  # fmt: skip

# Words that carry no meaning for the answer. Anything else is claimed or reported back.
_FILLER_WORDS = """
a an the in of for on at to from by with and or please pls plz police force forces
constabulary figures figure numbers number stats statistics statistic data seizures seizure
seized seize seizing drug drugs how many much what whats which was were is are be been
there their it its this that these those me us i we you can could would will show tell
give get find see about do does did any all total totals count counts rate rates per
million capita people person population year years yr yrs fy financial ending area areas
local county city town borough district council so far ok okay thanks thank cheers just
like quick want need know look up recorded record records level levels amount amounts
quantity quantities made happened happen over during between has have had
"""
FILLER = frozenset(_FILLER_WORDS.split())  # noqa: SIM905 (a paragraph of words reads best)

# Street names the names table does not carry, and common misspellings.
EXTRA_DRUG_FORMS: dict[str, tuple[str, ...]] = {
    "cocaine": ("cocain", "powder"),
    "cannabis": ("canabis", "cannibis", "cannabiss"),
    "ecstasy": ("extacy", "ecstacy", "exstacy"),
    "heroin": ("heroine", "herion"),
    "amphetamines": ("amfetamine", "amfetamines"),
    "ketamine": ("ketamin",),
}
# Drug aliases too short or too common to be read as a drug inside a sentence
# ("a", "all", "total", "e"); they still work in /drug and /rank.
NOT_A_DRUG_IN_QUESTIONS = frozenset({
    "a", "b", "c", "e", "es", "g", "h", "k", "all", "total", "drugs", "any drug", "everything",
    "base", "gear", "brown", "junk", "snow", "blow", "rock", "rocks", "drone", "gina", "grass",
    "pot", "tabs", "pills", "resin", "all drugs",
})  # fmt: skip

# Places outside England and Wales: a plain "England and Wales only", never a fuzzy match.
OUTSIDE: dict[str, tuple[str, ...]] = {
    "Scotland": ("scotland", "scottish", "police scotland", "glasgow", "edinburgh", "aberdeen",
                 "dundee", "inverness", "perth", "stirling", "fife", "lothian", "strathclyde",
                 "highlands", "lanarkshire", "ayrshire", "falkirk", "paisley", "scot"),
    "Northern Ireland": ("northern ireland", "ni", "psni", "police service of northern ireland",
                         "belfast", "derry", "londonderry", "armagh", "newry", "lisburn", "omagh",
                         "ulster"),
    "Ireland": ("ireland", "dublin", "republic of ireland", "garda"),
    "the Isle of Man": ("isle of man", "douglas"),
    "the Channel Islands": ("jersey", "guernsey", "channel islands"),
}  # fmt: skip

# Short forms of local authority names that name two of them: always a question back.
PLACE_AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "richmond": ("Richmond upon Thames", "Richmondshire"),
    "newcastle": ("Newcastle upon Tyne", "Newcastle-under-Lyme"),
    "kingston": ("Kingston upon Thames", "Kingston upon Hull, City of"),
}
# Everyday short forms of local authority names (only where one authority is meant).
PLACE_ALIASES: dict[str, tuple[str, ...]] = {
    "Kingston upon Hull, City of": ("hull",),
    "Bristol, City of": ("bristol",),
    "Herefordshire, County of": ("herefordshire",),
    "County Durham": ("durham county",),
    "Stoke-on-Trent": ("stoke",),
    "Southend-on-Sea": ("southend",),
}
# Force-or-region names and London: which commands each choice becomes.
BOTH_FORCE_AND_REGION = ("force", "region")
