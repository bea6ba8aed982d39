"""Questions in plain words -> the Command its slash command gives, or a refusal or a
question back. One table (phrasings, towns, slang, misspellings, typos, punctuation, emoji);
a property (any text: a Command, a question back or a refusal, nothing else); and the rule
that a place part below the fuzzy threshold never gets a confident answer."""

from __future__ import annotations

from dataclasses import fields, is_dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from bot.errors import BadYear, CoreError, NoData, UnknownName
from bot.lexicon import PLACE_SCORE, key
from bot.question import OutsideCoverage
from bot.reply import ChatContext

OUT = "England and Wales only"  # a plain refusal: outside the statistics' coverage
ASK = "a question back"  # choices to press (an ambiguous or unknown name)
NO = "sorry"  # an unknown name or words with nothing to offer
BAD_YEAR = "bad year"
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
    ("!!!", NO),
    ("🚔🚔", NO),
    ("the quick brown fox jumps over the lazy dog", NO),
    ("kent 2040", BAD_YEAR),
    ("kent 2016-18", BAD_YEAR),
    ("cocaine in kent 1999", BAD_YEAR),
]


@pytest.fixture(scope="module")
def parser(core):
    return core.parser


def outcome(parser, text: str) -> object:
    try:
        return canonical(parser.parse(text, ChatContext()))
    except OutsideCoverage:
        return OUT
    except UnknownName as exc:
        return ASK if exc.suggestions else NO
    except BadYear:
        return BAD_YEAR
    except NoData:
        return NO


def test_the_table_is_big_enough():
    refusals = [q for q, expected in QUESTIONS if not expected.startswith("/")]
    assert len(QUESTIONS) >= 150 and len(refusals) >= 20
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
        ("kent cocaine 2016-17 chart", "A chart shows every year"),
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


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_a_command_a_question_back_or_a_refusal(core, text):
    try:
        command = core.parser.parse(text, ChatContext())
    except CoreError:
        return
    assert command.name
