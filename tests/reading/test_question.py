"""Questions in plain words -> the Command its slash command gives, or a refusal or a
question back. One table (phrasings, towns, slang, misspellings, typos, punctuation, emoji);
a property (any text: a Command, a question back or a refusal, nothing else); and the rule
that a place part below the fuzzy threshold never gets a confident answer."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from bot.errors import BadYear, CoreError, NoData, UnknownName
from bot.reading import vocab
from bot.reading.lexicon import PLACE_SCORE, key
from bot.reading.question import OtherMeasure, OutsideCoverage, SmallTalk
from bot.reply import ChatContext

OUT = "England and Wales only"  # a plain refusal: outside the statistics' coverage
ASK = "a question back"  # choices to press (an ambiguous or unknown name)
NO = "sorry"  # an unknown name or words with nothing to offer
BAD_YEAR = "bad year"
MEASURE = "another measure"  # arrests, deaths, prices ...: named and refused, no figure
SMALL = "small talk"  # "thanks", "ok": no question, so no figures (never a card)
IGNORED = {"typed", "asked", "text", "token"}  # how a name or year was written


def canonical(value: object) -> object:
    """A Command with the words as typed left out: "kent" and "Kent" ask the same."""
    if is_dataclass(value):
        return (type(value).__name__,
                tuple(canonical(getattr(value, f.name)) for f in fields(value)
                      if f.name not in IGNORED))  # fmt: skip
    return value


QUESTIONS = [
    # the acceptance questions
    ("compare kent and essex", "/compare Kent vs Essex"),
    ("cocaine seizures in kent 2016-17", "/drug cocaine Kent 2016-17"),
    ("drug seizures in Leeds 2017-18", "/force West Yorkshire 2017-18"),
    ("which force has the highest rate of drug seizures", "/rank"),
    ("Police Scotland", OUT),
    ("drug seizures in Glasgow", OUT),
    # a force's figures
    ("kent", "/force Kent"),
    ("w mercia", "/force West Mercia"),
    ("W Mercia cocaine 2016-17", "/drug cocaine West Mercia 2016-17"),
    ("n yorks 2017/18", "/force North Yorkshire 2017-18"),
    ("Kent Police", "/force Kent"),
    ("kent police 2017/18", "/force Kent 2017-18"),
    ("how many drug seizures in kent in 2016-17?", "/force Kent 2016-17"),
    ("show me the figures for essex please", "/force Essex"),
    ("the met", "/force Metropolitan"),
    ("Met police drug seizures 18/19", "/force Metropolitan 2018-19"),
    ("GMP", "/force Greater Manchester"),
    ("greater manchester police 2015-2016", "/force Greater Manchester 2015-16"),
    ("west mercia 2019", "/force West Mercia 2019"),
    ("West Mercia FYE 2017", "/force West Mercia 2016-17"),
    ("west mercia FY17", "/force West Mercia 2016-17"),
    ("west mercia year ending march 2017", "/force West Mercia 2016-17"),
    ("west mercia year to March 2017", "/force West Mercia 2016-17"),
    ("west mercia 16-17", "/force West Mercia 2016-17"),
    ("devon & cornwall", "/force Devon and Cornwall"),
    ("avon and somerset constabulary", "/force Avon and Somerset"),
    ("dyfed-powys", "/force Dyfed-Powys"),
    ("thames valley police figures", "/force Thames Valley"),
    ("north yorkshire", "/force North Yorkshire"),
    ("British Transport Police", "/force BTP"),
    ("border force", "/force Border Force"),
    ("kent's drug seizures", "/force Kent"),
    ("KENT!!!", "/force Kent"),
    ("kent 🚔", "/force Kent"),
    ("👮 essex 2017-18 👮", "/force Essex 2017-18"),
    ("kent...", "/force Kent"),
    ("  surrey  ", "/force Surrey"),
    ("what were the figures for sussex?", "/force Sussex"),
    ("tell me about lancashire", "/force Lancashire"),
    ("notts", "/force Nottinghamshire"),
    ("herts 2012/13", "/force Hertfordshire 2012-13"),
    # towns: local authority names
    ("Leeds", "/force West Yorkshire"),
    ("leeds 2018", "/force West Yorkshire 2018"),
    ("Cardiff", "/force South Wales"),
    ("Brighton and Hove", "/force Sussex"),
    ("brighton & hove 2017-18", "/force Sussex 2017-18"),
    ("Worcester drug seizures", "/force West Mercia"),
    ("drug seizures in Birmingham", "/force West Midlands"),
    ("Manchester", "/force Greater Manchester"),
    ("liverpool 2015-16", "/force Merseyside 2015-16"),
    ("Sheffield", "/force South Yorkshire"),
    ("Bristol", "/force Avon and Somerset"),
    ("hull", "/force Humberside"),
    ("Westminster", "/force Metropolitan"),
    ("Swansea", "/force South Wales"),
    ("Wrexham", "/force North Wales"),
    ("Newport", "/force Gwent"),
    ("Milton Keynes", "/force Thames Valley"),
    ("Southampton", "/force Hampshire"),
    ("Isle of Wight", "/force Hampshire"),
    ("Plymouth", "/force Devon and Cornwall"),
    ("Norwich", "/force Norfolk"),
    ("Stoke", "/force Staffordshire"),
    ("Rugby", "/force Warwickshire"),
    ("Middlesbrough", "/force Cleveland"),
    ("Gateshead", "/force Northumbria"),
    ("Carlisle", "/force Cumbria"),
    ("Reading", "/force Thames Valley"),
    ("Kingston upon Hull", "/force Humberside"),
    ("Newcastle upon Tyne", "/force Northumbria"),
    ("South Bucks", "/force Thames Valley"),
    ("cocaine in Leeds", "/drug cocaine West Yorkshire"),
    ("heroin in Bristol 2016-17", "/drug heroin Avon and Somerset 2016-17"),
    # one drug
    ("cocaine in kent", "/drug cocaine Kent"),
    ("kent cocaine", "/drug cocaine Kent"),
    ("cocaine kent 2016/17", "/drug cocaine Kent 2016-17"),
    ("crack cocaine in essex", "/drug crack Essex"),
    ("weed in kent", "/drug cannabis Kent"),
    ("skunk seizures west mercia", "/drug cannabis West Mercia"),
    ("coke seized by the met", "/drug cocaine Metropolitan"),
    ("MDMA in sussex 2018-19", "/drug ecstasy Sussex 2018-19"),
    ("smack in merseyside", "/drug heroin Merseyside"),
    ("ketamine in surrey", "/drug ketamine Surrey"),
    ("class a drugs in kent", "/drug class_a Kent"),
    ("class b in essex 2014-15", "/drug class_b Essex 2014-15"),
    ("spice in kent", "/force Kent"),
    ("cocaine", "/drug cocaine"),
    ("how much cannabis was seized", "/drug cannabis"),
    ("heroin 2015-16", "/drug heroin 2015-16"),
    ("cocaine seizures nationally", "/drug cocaine national"),
    ("cocaine in england and wales 2017-18", "/drug cocaine national 2017-18"),
    ("ecstasy nationally", "/drug ecstasy national"),
    ("amphetamines in kent", "/drug amphetamines Kent"),
    ("speed in kent", "/drug amphetamines Kent"),
    # compare
    ("kent vs essex", "/compare Kent vs Essex"),
    ("kent v essex 2016-17", "/compare Kent vs Essex 2016-17"),
    ("kent versus essex", "/compare Kent vs Essex"),
    ("compare kent with essex", "/compare Kent vs Essex"),
    ("kent compared with essex", "/compare Kent vs Essex"),
    ("kent compared to sussex in 2017-18", "/compare Kent vs Sussex 2017-18"),
    ("kent against the national average", "/compare Kent vs national"),
    ("is kent above the national rate?", "/compare Kent vs national"),
    ("is essex below the national average", "/compare Essex vs national"),
    ("compare kent and national", "/compare Kent vs national"),
    ("leeds and sheffield", "/compare West Yorkshire vs South Yorkshire"),
    ("compare cardiff and bristol", "/compare South Wales vs Avon and Somerset"),
    ("kent and essex", "/compare Kent vs Essex"),
    ("compare kent and the south east region", "/compare Kent vs South East region"),
    ("compare west midlands and west mercia", "/compare West Midlands vs West Mercia"),
    # national
    ("national drug seizures 2017-18", "/national 2017-18"),
    ("england and wales", "/national"),
    ("national figures", "/national"),
    ("drug seizures across the country 2015/16", "/national 2015-16"),
    ("drug seizures", "/national"),
    ("how many drug seizures were there in 2016-17", "/national 2016-17"),
    ("nationally 2018-19", "/national 2018-19"),
    # rank
    ("league table", "/rank"),
    ("which force has the most seizures", "/rank by count"),
    ("which forces have the lowest rate", "/rank"),
    ("top 10 forces", "/rank"),
    ("rank forces for cocaine", "/rank cocaine"),
    ("highest rate of cocaine seizures 2016-17", "/rank cocaine 2016-17"),
    ("league table for the north west", "/rank North West"),
    ("rank the west midlands region", "/rank West Midlands region"),
    ("which force in yorkshire has the highest rate", "/rank Yorkshire"),
    ("worst force for heroin", "/rank heroin"),
    # trend
    ("chart of cocaine seizures nationally", "/trend national cocaine"),
    ("trend for kent", "/trend Kent"),
    ("graph of kent over time", "/trend Kent"),
    ("kent cocaine chart", "/trend Kent cocaine"),
    ("chart for leeds", "/trend West Yorkshire"),
    ("national trend", "/trend national"),
    ("chart", "/trend national"),
    ("trend for the north east region", "/trend North East region"),
    ("heroin over time in merseyside", "/trend Merseyside heroin"),
    # story, csv, sources, help
    ("write a story about kent", "/story Kent"),
    ("paragraph on essex 2017-18", "/story Essex 2017-18"),
    ("write up leeds", "/story West Yorkshire"),
    ("download the data for kent", "/csv /force Kent"),
    ("spreadsheet of cocaine in kent", "/csv /drug cocaine Kent"),
    ("csv for the league table", "/csv /rank"),
    ("where does the data come from", "/sources"),
    ("sources", "/sources"),
    ("what can you do", "/help"),
    ("help", "/help"),
    ("hello", "/start"),
    # regions
    ("north west region", "/region North West"),
    ("the south east region 2016-17", "/region South East 2016-17"),
    ("wales", ASK),
    ("yorkshire", ASK),
    ("regional figures for the east midlands", "/region East Midlands"),
    # misspellings of places, answered with what was read
    ("kentt", "/force Kent"),
    ("essexx cocaine", "/drug cocaine Essex"),
    ("Sufolk", "/force Suffolk"),
    ("glocestershire 2016-17", "/force Gloucestershire 2016-17"),
    ("northumbira", "/force Northumbria"),
    ("birmingam", "/force West Midlands"),
    ("manchestr", "/force Greater Manchester"),
    ("liverpol", "/force Merseyside"),
    # typos in intent and drug words
    ("compair kent and essex", "/compare Kent vs Essex"),
    ("comapre kent and essex", "/compare Kent vs Essex"),
    ("higest rate of drug seizures", "/rank"),
    ("cocain in kent", "/drug cocaine Kent"),
    ("heroine in kent", "/drug heroin Kent"),
    ("canabis in essex", "/drug cannabis Essex"),
    ("extacy in sussex", "/drug ecstasy Sussex"),
    ("nationaly", "/national"),
    ("grapgh for kent", "/trend Kent"),
    ("downlaod kent", "/csv /force Kent"),
    ("siezures in kent", "/force Kent"),
    # latest
    ("kent last year", "/force Kent"),
    ("latest figures for essex", "/force Essex"),
    ("cocaine in kent this year", "/drug cocaine Kent"),
    # slash commands with extra words go through the same parser
    ("/force cocaine kent", "/drug cocaine Kent"),
    ("/force Leeds", "/force West Yorkshire"),
    ("/force kent 2016-17", "/force Kent 2016-17"),
    ("/drug cocaine Leeds", "/drug cocaine West Yorkshire"),
    ("/compare Leeds vs Sheffield", "/compare West Yorkshire vs South Yorkshire"),
    # refusals: outside England and Wales
    ("Scotland", OUT),
    ("drug seizures in scotland 2017-18", OUT),
    ("Edinburgh", OUT),
    ("cocaine in Aberdeen", OUT),
    ("Dundee", OUT),
    ("Inverness 2016-17", OUT),
    ("Northern Ireland", OUT),
    ("PSNI", OUT),
    ("Belfast", OUT),
    ("heroin in Derry", OUT),
    ("compare kent and glasgow", OUT),
    ("police service of northern ireland", OUT),
    ("Dublin", OUT),
    ("isle of man", OUT),
    ("glasgw", OUT),
    # questions back: ambiguous names
    ("Richmond", ASK),
    ("london", ASK),
    ("west midlands", ASK),
    ("west", ASK),
    ("newcastle", ASK),
    ("cocaine in richmond", ASK),
    ("london 2016-17", ASK),
    ("kingston", ASK),
    # refusals: unknown places, words and years
    ("bognor", NO),
    ("drug seizures in atlantis", NO),
    ("xyzzy", NO),
    ("!!!", SMALL),
    ("🚔🚔", SMALL),
    ("the quick brown fox jumps over the lazy dog", NO),
    ("kent 2040", BAD_YEAR),
    ("kent 2016-18", BAD_YEAR),
    ("cocaine in kent 1999", BAD_YEAR),
    # second round: other measures, named and refused, never answered as seizures
    ("how many arrests for drug possession in Essex", MEASURE),
    ("stop and search numbers for Merseyside", MEASURE),
    ("how many burglaries in kent", MEASURE),
    ("knife crime figures for the met", MEASURE),
    ("how many people died from drug overdoses in Sheffield", MEASURE),
    ("drug deaths in kent 2017-18", MEASURE),
    ("cocaine prices in london", MEASURE),
    ("purity of heroin in leeds", MEASURE),
    ("how many people use cannabis in wales", MEASURE),
    ("drug treatment figures for bristol", MEASURE),
    ("how many county lines are there in essex", MEASURE),
    ("county lines in kent", MEASURE),
    ("convictions for drug dealing in surrey", MEASURE),
    ("cautions for cannabis possession in sussex", MEASURE),
    ("how many people were charged with supply in norfolk", MEASURE),
    ("drug offences in cumbria 2016-17", MEASURE),
    ("how many drug users in manchester", MEASURE),
    ("street value of cocaine seized in kent", MEASURE),
    ("stop and search in london", MEASURE),
    ("murders in birmingham", MEASURE),
    ("prevalence of drug use in england and wales", MEASURE),
    ("robbery figures for sussex", MEASURE),
    ("sentences for drug trafficking", MEASURE),
    ("arrests and seizures in kent", MEASURE),
    ("drug crime in leeds last year", MEASURE),
    ("arrests in scotland", OUT),
    ("/force arrests in kent", MEASURE),
    ("/drug cocaine kent deaths", MEASURE),
    ("looking into knife crime in kent", MEASURE),
    ("hi, doing a piece on county lines in essex", MEASURE),
    ("looking into knife crime, what are the seizures in kent", "/force Kent"),
    ("how many people were stopped for drugs in london", MEASURE),
    ("cash seizures in essex", MEASURE),
    ("how many guns were seized", MEASURE),
    ("drug seizures in prisons", MEASURE),
    ("compare seizures and arrests in kent", MEASURE),
    ("story about county lines", MEASURE),
    ("value of drugs seized in kent", MEASURE),
    # second round: greetings, thanks and newsroom context are filler
    (
        "hi there, doing a piece on county lines, what are the crack seizures in Essex for "
        "2018-19 thanks",
        "/drug crack Essex 2018-19",
    ),
    ("Hi bot! Just wondering how Kent compares to Sussex, cheers", "/compare Kent vs Sussex"),
    ("quick one - cocaine in kent pls", "/drug cocaine Kent"),
    ("for a story: heroin seizures in merseyside 2016-17, ta", "/drug heroin Merseyside 2016-17"),
    ("cheers, can you tell me the figures for Norfolk", "/force Norfolk"),
    ("hey, what about devon n cornwall?", "/force Devon and Cornwall"),
    ("writing about knife crime, how many drug seizures in the met", "/force Metropolitan"),
    ("morning! cannabis in essex please", "/drug cannabis Essex"),
    ("hello, kent vs essex 2017-18 thanks", "/compare Kent vs Essex 2017-18"),
    ("hi, can you help with heroin in cumbria", "/drug heroin Cumbria"),
    ("hi bot", "/start"),
    ("what happened to heroin seizures after 2015", "/trend national heroin"),
    ("who seizes the most heroin", "/rank heroin by count"),
    ("did kent seize more cocaine than sussex", "/compare Kent vs Sussex"),
    ("are seizures going up in essex", "/trend Essex"),
    ("drug seizures in bournemouth and poole", "/force Dorset"),
    ("largest seizures of heroin by force", "/rank heroin"),
    ("seizures by police only in 2016-17", "/national 2016-17"),
    # second round: bodies and totals
    ("how many drug seizures did police and border force make in 2014-15", "/national 2014-15"),
    ("drug seizures by all agencies 2016-17", "/national 2016-17"),
    ("total drug seizures in total 2015-16", "/national 2015-16"),
    ("how many seizures did police make in 2017-18", "/national 2017-18"),
    ("border force seizures 2016-17", "/force Border Force 2016-17"),
    ("border force and police seizures", "/national"),
    ("how many seizures in england and wales in total", "/national"),
    ("england cocaine", "/drug cocaine national"),
    ("drug seizures in the uk 2017-18", "/national 2017-18"),
    ("kent vs england", "/compare Kent vs national"),
    ("kent uk", "/force Kent"),
    # second round: league tables by count or by rate
    ("which force seized the most cocaine", "/rank cocaine by count"),
    ("which force has the highest rate of cocaine seizures", "/rank cocaine"),
    ("biggest number of seizures", "/rank by count"),
    ("rank heroin by count", "/rank heroin by count"),
    ("which force seized the fewest drugs", "/rank by count"),
    ("highest rate of heroin seizures in the north west", "/rank heroin North West"),
    ("which force had the most seizures in 2016-17", "/rank 2016-17 by count"),
    ("/rank cocaine by count", "/rank cocaine by count"),
    ("/rank by rate", "/rank"),
    ("how many seizures did each force make", "/rank by count"),
    ("league table of forces by seizures per head", "/rank by rate"),
    ("highest number of cocaine seizures by force", "/rank cocaine by count"),
    ("most seizures in the south east", "/rank South East by count"),
    # second round: years and places
    ("Drug seizures Norfolk FY18/19", "/force Norfolk 2018-19"),
    ("kent FY 2017-18", "/force Kent 2017-18"),
    ("fy19 essex", "/force Essex 2018-19"),
    ("2018-19FY surrey", "/force Surrey 2018-19"),
    ("Norfolk FY 17/18", "/force Norfolk 2017-18"),
    ("drug seizures in Hereford 2017-18", "/force West Mercia 2017-18"),
    ("Brighton", "/force Sussex"),
    ("Bournemouth 2016-17", "/force Dorset 2016-17"),
    ("torquay", "/force Devon and Cornwall"),
    ("bath", "/force Avon and Somerset"),
    ("telford 2017-18", "/force West Mercia 2017-18"),
    ("king's lynn", "/force Norfolk"),
    ("drug seizures in Margate", "/force Kent"),
    ("huddersfield cocaine", "/drug cocaine West Yorkshire"),
    ("devon n cornwall 2017-18", "/force Devon and Cornwall 2017-18"),
    ("avon n somerset", "/force Avon and Somerset"),
    ("devon & cornwall FY18/19", "/force Devon and Cornwall 2018-19"),
    ("drug seizures across yorkshire and the humber", "/region Yorkshire and The Humber"),
    ("what's the latest national figure", "/national 2024-25"),
    ("latest figures for kent", "/force Kent"),
    ("@bot cocaine in kent", "/drug cocaine Kent"),
    ("@SeizureBot compare kent and essex", "/compare Kent vs Essex"),
    # second round: questions back, each button an answer
    ("cocaine in kingston", ASK),
    ("newcastle 2017-18", ASK),
    ("wales 2016-17", ASK),
    ("heroin in yorkshire", ASK),
    ("london cocaine 2016-17", ASK),
    ("richmond heroin", ASK),
    ("drug seizures in the west", ASK),
    ("compare yorkshire and humberside", ASK),
    # /why: what drove a force's change (issue 20)
    ("why did seizures rise in kent", "/why Kent"),
    ("what drove the fall in essex", "/why Essex"),
    ("why did seizures fall in suffolk in 2018-19", "/why Suffolk 2018-19"),
    ("what's behind the rise in kent 2017-18", "/why Kent 2017-18"),
    ("explain the change in the met", "/why Metropolitan"),
    ("what caused the drop in essex 2016-17", "/why Essex 2016-17"),
    ("why did cocaine seizures rise in kent", "/why Kent"),
    ("why did seizures rise in leeds", "/why West Yorkshire"),
    ("what drove the increase in border force seizures", "/why Border Force"),
    ("/why leeds", "/why West Yorkshire"),
    ("download why kent rose", "/csv /why Kent"),
    ("why did seizures rise in the south east region", "/region South East"),
    ("why did seizures fall nationally", "/national"),
    ("did seizures rise in kent", "/trend Kent"),
    ("why did seizures rise in wales", ASK),
    ("why did drug arrests rise in kent", MEASURE),
    # Small talk asks nothing: no card, no "did you mean" (issue 16: "great, thanks" was read
    # as Great Yarmouth, "thanks" as the England and Wales card).
    ("thanks", SMALL),
    ("thanks!", SMALL),
    ("ok", SMALL),
    ("great, thanks", SMALL),
    ("lol", SMALL),
    ("👍", SMALL),
    ("cheers mate", SMALL),
    ("brilliant, that's really helpful", SMALL),
    ("thanks! what about essex?", "/force Essex"),
    ("hiya, thanks", "/start"),
]


@pytest.fixture(scope="module")
def parser(core):
    return core.parser


def outcome(parser, text: str) -> object:
    try:
        return canonical(parser.parse(text, ChatContext()))
    except OutsideCoverage:
        return OUT
    except OtherMeasure:
        return MEASURE
    except SmallTalk:
        return SMALL
    except UnknownName as exc:
        return ASK if exc.suggestions else NO
    except BadYear:
        return BAD_YEAR
    except NoData:
        return NO


def test_the_table_is_big_enough():
    refusals = [q for q, expected in QUESTIONS if not expected.startswith("/")]
    assert len(QUESTIONS) >= 270 and len(refusals) >= 65
    assert len({q for q, _ in QUESTIONS}) == len(QUESTIONS)


@pytest.mark.parametrize(("question", "expected"), QUESTIONS)
def test_question(parser, question, expected):
    wanted = outcome(parser, expected) if expected.startswith("/") else expected
    assert outcome(parser, question) == wanted


@pytest.mark.parametrize(
    ("question", "note"),
    [
        ("drug seizures in Leeds 2017-18", "Leeds is policed by West Yorkshire Police."),
        ("kentt", "I read “kentt” as Kent Police."),
        ("compair kent and essex", "I read “compair” as “compare”."),
        ("kent last year", "as 2018-19, the newest year of the complete force tables"),
        ("kent zorblax", "I did not understand “zorblax”, so this answers /force kent"),
        ("spice in kent", "I did not understand “spice”, so this answers /force kent"),
        ("drug seizures in Hereford 2017-18", "Hereford is policed by West Mercia Police."),
        ("what's the latest national figure", "as 2024-25, the newest year with a published"),
        ("how many seizures did police make in 2017-18", "“Police” alone"),
        ("which force seized the most cocaine", "ranked by number of seizures"),
        ("which force has the highest rate of cocaine seizures", "ranked by rate"),
        ("doing a piece on county lines, cocaine in kent", "“county lines” as the subject"),
        ("england cocaine", "not England alone: this is England and Wales"),
        ("kent cocaine 2016-17 chart", "A chart shows every year"),
        ("why did cocaine seizures rise in kent", "for one drug ask /drug"),
        ("why did seizures rise in the south east region", "/why explains one force's change"),
    ],
)
def test_the_reply_says_what_it_read(core, question, note):
    assert note in core.answer(question).text


def test_ambiguous_places_offer_each_reading_as_a_button(core):
    reply = core.answer("london")
    payloads = {b.payload for row in reply.buttons for b in row}
    assert payloads == {"/force metropolitan", "/force city-of-london", "/region london-region"}
    reply = core.answer("Richmond 2016-17")
    assert {b.payload for row in reply.buttons for b in row} == {
        "/force metropolitan 2016-17", "/force north-yorkshire 2016-17"
    }  # fmt: skip
    for answered in ("london", "Richmond"):
        for row in core.answer(answered).buttons:
            assert core.answer(row[0].payload).kind == "answer"


@pytest.mark.parametrize("question", [q for q, e in QUESTIONS if e in (ASK, MEASURE)])
def test_every_button_of_a_question_back_gives_an_answer(core, question):
    """Never another question: each choice (or a refusal's seizures card) is a whole
    question the core answers."""
    for row in core.answer(question).buttons:
        for button in row:
            assert core.answer(button.payload).kind == "answer", button.payload


@pytest.mark.parametrize(
    ("question", "measure", "statistic", "button"),
    [
        ("how many arrests for drug possession in Essex", "arrests",
         "Police powers and procedures: stop and search and arrests", "/force essex"),
        ("stop and search numbers for Merseyside", "stop and search",
         "Police powers and procedures: stop and search", "/force merseyside"),
        ("how many burglaries in kent", "burglaries", "Crime in England and Wales",
         "/force kent"),
        ("knife crime figures for the met", "knife crime", "Crime in England and Wales",
         "/force metropolitan"),
        ("how many people died from drug overdoses in Sheffield", "overdoses",
         "Deaths related to drug poisoning", "/force south-yorkshire"),
    ],
)  # fmt: skip
def test_another_measure_is_named_and_refused_in_one_line(core, question, measure, statistic,
                                                          button):  # fmt: skip
    reply = core.answer(question)
    assert "\n" not in reply.text and measure in reply.text and statistic in reply.text
    assert not any(ch.isdigit() for ch in reply.text)  # no figure at all
    assert [b.payload for row in reply.buttons for b in row] == [button]
    assert core.answer(button).kind == "answer"


@pytest.mark.parametrize(
    "question",
    ["compare london heroin", "please compare richmond", "figures essex london yorkshire",
     "which force region border force drug dealers", "/rank cocaine border force arrests",
     "cocaine in richmond region convictions"],
)  # fmt: skip
def test_no_button_ever_asks_back(core, question):
    """When no reading of a place answers, the reply says why in words, with no buttons;
    a refusal's seizures card is one that answers."""
    reply = core.answer(question)
    for row in reply.buttons:
        for button in row:
            assert core.answer(button.payload).kind == "answer", button.payload
    if reply.kind == "usage":
        assert not reply.buttons


def test_outside_coverage_is_plain(core):
    reply = core.answer("Police Scotland")
    assert reply.text == (
        "These statistics cover England and Wales only, so there are no figures here for Scotland."
    )


@pytest.mark.parametrize("span", ["kxnt", "leedz sheffild", "wst mrca", "bognor regis", "essax"])
def test_no_confident_answer_below_the_place_threshold(parser, span):
    """A place part that scores below the threshold against every place name is never
    answered as a place: a question back or a sorry."""
    best = max(fuzz.ratio(span, name) for name in parser.lexicon._fuzzy_places)
    if best >= PLACE_SCORE:
        pytest.skip(f"{span!r} is close enough to a name ({best:.0f})")
    assert outcome(parser, f"drug seizures in {span}") in {ASK, NO}
    assert key(span)  # the span was read as words


def _measure_forms() -> list[str]:
    return sorted({form for forms, _ in vocab.MEASURES.values() for form in forms})


_YEAR_TEXT = re.compile(r"\b\d{4}-\d{2}\b|\b\d{4}\b|\b\d{2}/\d{2}\b")
_PIECES = ["kent", "the met", "leeds", "cocaine", "heroin", "in", "for", "how many", "what are",
           "compare", "essex", "and", "vs", "which force", "the most", "national", "chart of",
           "2016-17", "last year", "please", "thanks", "hi", "figures", "seizures", "drug",
           "west mercia", "london", "scotland", "by count", "story", "download",
           "latest"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=4),
    st.sampled_from(_measure_forms()),
    st.lists(st.sampled_from(_PIECES), max_size=4),
)
def test_no_reply_to_a_measure_question_carries_a_seizure_figure(core, before, measure, after):
    """A question with a measure word in it (not after newsroom context such as "doing a
    piece on") never gets a figure: only years may be numbers in the reply."""
    question = " ".join([*before, measure, *after])
    reply = core.answer(question)
    assert not re.search(r"\d", _YEAR_TEXT.sub("", reply.text)), (question, reply.text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_a_command_a_question_back_or_a_refusal(core, text):
    try:
        command = core.parser.parse(text, ChatContext())
    except CoreError:
        return
    assert command.name
