"""The words of plain questions, as data: filler, places outside coverage, other measures,
bodies, towns. The words that ask for a command are in its declaration (bot.commands).

bot.reading.question reads a question with these tables; adding a phrasing is a one-line change
here with a test row beside it in tests/reading/test_question.py. Keys are lower case words with
punctuation removed (``&`` is written ``and``). Names of forces, regions, drugs and local
authorities come from data/ and bot.reading.names, not from here.
"""

from __future__ import annotations

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
quantity quantities made happened happen over during between has have had make makes
ta thx ty bot hiya wondering wonder curious mate folks team hoping hope interested
our my your latest regarding re across throughout within inside morning afternoon evening
only alone head who more than
"""
FILLER = frozenset(_FILLER_WORDS.split())  # noqa: SIM905 (a paragraph of words reads best)

# Greetings, sign-offs and newsroom context: filler that never stops an answer. A measure
# (MEASURES) right after one of the CONTEXT phrases is the subject of the piece, not what
# is asked for ("doing a piece on county lines, what are the crack seizures in Essex").
CONTEXT = ("doing a piece on", "doing a piece about", "writing a piece on", "writing a piece about",
           "working on a piece on", "working on a piece about", "working on a story on",
           "working on a story about", "for a story on", "for a story about", "for a piece on",
           "for a piece about", "for an article on", "for an article about", "doing a story on",
           "doing a story about", "writing about", "researching", "looking into", "piece on",
           "piece about", "a feature on", "a feature about", "background on")  # fmt: skip
SIGN_OFFS = ("for a story", "for a piece", "for an article", "doing a piece", "quick one",
             "quick question", "just wondering", "i was wondering", "wondering if",
             "many thanks", "thanks a lot", "thank you", "thanks in advance", "much appreciated",
             "if you can", "if possible", "when you get a chance", "could you", "can you tell me",
             "i need", "i would like", "id like", "any chance", "for my story", "for our story",
             "on deadline")  # fmt: skip

# Other measures these statistics do not count: name -> (its words, the official statistic
# that does count it, or "" where none does). Never answered as seizures (bot.reading.question).
MEASURES: dict[str, tuple[tuple[str, ...], str]] = {
    "arrests": (("arrest", "arrests", "arrested", "arresting", "detained", "detentions"),
                "Police powers and procedures: stop and search and arrests"),
    "stop and search": (("stop and search", "stop and searches", "stop searches", "stop search",
                         "stop and searched", "searches", "searched", "stop and account",
                         "stops", "stopped", "stopped and searched"),
                        "Police powers and procedures: stop and search"),
    "charges": (("charge", "charges", "charged", "prosecutions", "prosecuted", "prosecution"),
                "Criminal justice statistics (Ministry of Justice)"),
    "cautions": (("caution", "cautions", "cautioned", "warnings", "cannabis warnings"),
                 "Criminal justice statistics (Ministry of Justice)"),
    "convictions": (("conviction", "convictions", "convicted", "sentences", "sentence",
                     "sentenced", "sentencing", "jailed", "imprisoned"),
                    "Criminal justice statistics (Ministry of Justice)"),
    "offences": (("crime", "crimes", "offence", "offences", "offenses", "offense",
                  "drug offences", "drug crime", "drug crimes", "possession", "possession offences",
                  "supply", "supply offences", "supplying", "dealing", "drug dealing", "dealers",
                  "drug dealers", "dealing offences", "trafficking", "trafficking offences",
                  "burglary", "burglaries", "robbery", "robberies", "theft", "thefts",
                  "knife crime", "knife crimes", "stabbings", "shootings", "gun crime",
                  "violence", "violent crime", "murders", "murder", "homicides", "assaults",
                  "antisocial behaviour", "anti social behaviour"),
                 "Crime in England and Wales (ONS; police recorded crime)"),
    "deaths": (("death", "deaths", "died", "die", "dying", "dead", "overdose", "overdoses",
                "overdosed", "drug deaths", "drug related deaths", "drug poisoning",
                "drug poisonings", "fatalities", "fatal"),
               "Deaths related to drug poisoning in England and Wales (ONS)"),
    "drug use": (("drug use", "use", "used", "users", "user", "usage", "prevalence",
                  "addicts", "addiction", "addicted", "misuse", "taking drugs", "take drugs"),
                 "Drug misuse in England and Wales (ONS, Crime Survey for England and Wales)"),
    "prices": (("price", "prices", "street price", "street prices", "street value", "cost",
                "costs", "value", "worth"), ""),
    "purity": (("purity", "pure", "potency", "strength"), ""),
    "treatment": (("treatment", "treated", "rehab", "rehabilitation", "in treatment"),
                  "Adult substance misuse treatment statistics (OHID)"),
    "county lines": (("county lines", "county line", "cuckooing"), ""),
    "drug finds in prisons": (("prison", "prisons", "in prison", "in prisons", "prisoners", "jails",
                          "prison finds"), "HM Prison and Probation Service Annual Digest"),
    "cash and assets": (("cash", "money", "assets", "proceeds of crime", "confiscation",
                         "confiscations"), "Asset recovery statistics (Home Office)"),
    "weapons": (("guns", "gun", "firearms", "firearm", "weapons", "weapon", "knives", "knife"),
                ""),
}  # fmt: skip

# How a league table is ordered, when the question says: by rate wins over by count.
RANK_BY: dict[str, tuple[str, ...]] = {
    "rate": ("rate", "rates", "per million", "per capita", "per head", "per person",
             "per population", "by rate", "relative to population"),
    "count": ("most", "the most", "fewest", "how many", "biggest number", "highest number",
              "largest number", "greatest number", "number of seizures", "by count",
              "by number", "most seizures", "total seizures", "in total", "count",
              "seized the most", "lowest number", "smallest number", "least", "the least"),
}  # fmt: skip

# Who made the seizures: the national total (police and Border Force), or the police alone.
# Only a question with no place reads these; "kent police" is Kent.
BODIES: dict[str, tuple[str, ...]] = {
    "all": ("police and border force", "police and the border force",
            "border force and police", "border force and the police", "all agencies",
            "every agency", "in total", "altogether", "combined", "all told",
            "the police and border force", "police forces and border force"),
    "police": ("police", "the police", "police forces", "by police", "by the police"),
}  # fmt: skip

# Towns inside one local authority, which one force polices: answered directly with "Hereford
# is policed by West Mercia Police". Town -> the local authority (data/places.csv).
TOWNS: dict[str, str] = {
    "Hereford": "Herefordshire, County of",
    "Brighton": "Brighton and Hove",
    "Hove": "Brighton and Hove",
    "Bournemouth": "Bournemouth, Christchurch and Poole",
    "Poole": "Bournemouth, Christchurch and Poole",
    "Christchurch": "Bournemouth, Christchurch and Poole",
    "Margate": "Thanet",
    "Ramsgate": "Thanet",
    "Torquay": "Torbay",
    "Paignton": "Torbay",
    "Blackburn": "Blackburn with Darwen",
    "Stockton": "Stockton-on-Tees",
    "Southend on Sea": "Southend-on-Sea",
    "Kidderminster": "Wyre Forest",
    "Grimsby": "North East Lincolnshire",
    "Scunthorpe": "North Lincolnshire",
    "Huddersfield": "Kirklees",
    "Dewsbury": "Kirklees",
    "Halifax": "Calderdale",
    "Weston super Mare": "North Somerset",
    "Aylesbury": "Buckinghamshire",
    "High Wycombe": "Buckinghamshire",
    "Llandudno": "Conwy",
    "Aberystwyth": "Ceredigion",
    "Telford": "Telford and Wrekin",
    "Bath": "Bath and North East Somerset",
    "Windsor": "Windsor and Maidenhead",
    "Maidenhead": "Windsor and Maidenhead",
    "Truro": "Cornwall",
    "Penzance": "Cornwall",
    "Newquay": "Cornwall",
    "Dorchester": "Dorset",
    "Weymouth": "Dorset",
    "Yeovil": "South Somerset",
    "Taunton": "Somerset West and Taunton",
    "Kings Lynn": "King's Lynn and West Norfolk",
    "King's Lynn": "King's Lynn and West Norfolk",
    "Shrewsbury": "Shropshire",
    "Chester": "Cheshire West and Chester",
    "Salisbury": "Wiltshire",
    "Durham": "County Durham",
}

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

# Areas that are not England and Wales but hold it: answered as England and Wales, and the
# reply's first line says so ("england" was read as Fenland).
WIDER: dict[str, tuple[str, ...]] = {
    "the United Kingdom": ("uk", "the uk", "united kingdom", "the united kingdom", "britain",
                           "great britain", "british"),
    "England alone": ("england", "english", "england only"),
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

# Small talk: a message every word of which is on this list ("thanks!", "ok", "great,
# thanks", "lol") asks nothing, so it gets no figures (bot.reading.question.small_talk).
PLEASANTRIES = frozenset((
    "thanks", "thank", "thx", "ty", "ta", "cheers", "you", "very", "much", "so", "many", "lots",
    "ok", "okay", "k", "kk", "great", "good", "nice", "cool", "lol", "lmao", "haha", "hah",
    "ha", "brilliant", "perfect", "awesome", "amazing", "excellent", "lovely", "super", "yes",
    "yeah", "yep", "yup", "no", "nope", "nah", "sure", "got", "it", "that's", "thats", "this",
    "is", "was", "helpful", "wow", "love", "hi", "hello", "hey", "bye", "morning", "evening",
    "night", "all", "right", "alright", "fine", "fab", "fantastic", "splendid", "superb",
    "legend", "star", "top", "mate", "guys", "bot", "noted", "understood", "oh", "ah",
    "indeed", "really", "true",
))  # fmt: skip
