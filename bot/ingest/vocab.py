"""Fixed vocabularies: forces, regions and drugs, with the names the sources use for them.

Names and ids only; no figure lives here. Force ids are the data.police.uk ids, with ``btp``
and ``border-force`` for the two non-territorial bodies.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.ingest.clean import name_key


@dataclass(frozen=True)
class Force:
    force_id: str
    name: str  # as the Home Office tables write it
    full_name: str
    kind: str  # territorial | transport | border


FORCES: tuple[Force, ...] = (
    Force("avon-and-somerset", "Avon & Somerset", "Avon and Somerset Constabulary", "territorial"),
    Force("bedfordshire", "Bedfordshire", "Bedfordshire Police", "territorial"),
    Force("cambridgeshire", "Cambridgeshire", "Cambridgeshire Constabulary", "territorial"),
    Force("cheshire", "Cheshire", "Cheshire Constabulary", "territorial"),
    Force("city-of-london", "London, City of", "City of London Police", "territorial"),
    Force("cleveland", "Cleveland", "Cleveland Police", "territorial"),
    Force("cumbria", "Cumbria", "Cumbria Constabulary", "territorial"),
    Force("derbyshire", "Derbyshire", "Derbyshire Constabulary", "territorial"),
    Force("devon-and-cornwall", "Devon & Cornwall", "Devon and Cornwall Police", "territorial"),
    Force("dorset", "Dorset", "Dorset Police", "territorial"),
    Force("durham", "Durham", "Durham Constabulary", "territorial"),
    Force("dyfed-powys", "Dyfed-Powys", "Dyfed-Powys Police", "territorial"),
    Force("essex", "Essex", "Essex Police", "territorial"),
    Force("gloucestershire", "Gloucestershire", "Gloucestershire Constabulary", "territorial"),
    Force("greater-manchester", "Greater Manchester", "Greater Manchester Police", "territorial"),
    Force("gwent", "Gwent", "Gwent Police", "territorial"),
    Force("hampshire", "Hampshire", "Hampshire Constabulary", "territorial"),
    Force("hertfordshire", "Hertfordshire", "Hertfordshire Constabulary", "territorial"),
    Force("humberside", "Humberside", "Humberside Police", "territorial"),
    Force("kent", "Kent", "Kent Police", "territorial"),
    Force("lancashire", "Lancashire", "Lancashire Constabulary", "territorial"),
    Force("leicestershire", "Leicestershire", "Leicestershire Police", "territorial"),
    Force("lincolnshire", "Lincolnshire", "Lincolnshire Police", "territorial"),
    Force("merseyside", "Merseyside", "Merseyside Police", "territorial"),
    Force("metropolitan", "Metropolitan Police", "Metropolitan Police Service", "territorial"),
    Force("norfolk", "Norfolk", "Norfolk Constabulary", "territorial"),
    Force("north-wales", "North Wales", "North Wales Police", "territorial"),
    Force("north-yorkshire", "North Yorkshire", "North Yorkshire Police", "territorial"),
    Force("northamptonshire", "Northamptonshire", "Northamptonshire Police", "territorial"),
    Force("northumbria", "Northumbria", "Northumbria Police", "territorial"),
    Force("nottinghamshire", "Nottinghamshire", "Nottinghamshire Police", "territorial"),
    Force("south-wales", "South Wales", "South Wales Police", "territorial"),
    Force("south-yorkshire", "South Yorkshire", "South Yorkshire Police", "territorial"),
    Force("staffordshire", "Staffordshire", "Staffordshire Police", "territorial"),
    Force("suffolk", "Suffolk", "Suffolk Constabulary", "territorial"),
    Force("surrey", "Surrey", "Surrey Police", "territorial"),
    Force("sussex", "Sussex", "Sussex Police", "territorial"),
    Force("thames-valley", "Thames Valley", "Thames Valley Police", "territorial"),
    Force("warwickshire", "Warwickshire", "Warwickshire Police", "territorial"),
    Force("west-mercia", "West Mercia", "West Mercia Police", "territorial"),
    Force("west-midlands", "West Midlands", "West Midlands Police", "territorial"),
    Force("west-yorkshire", "West Yorkshire", "West Yorkshire Police", "territorial"),
    Force("wiltshire", "Wiltshire", "Wiltshire Police", "territorial"),
    Force("btp", "British Transport Police", "British Transport Police", "transport"),
    Force("border-force", "Border Force", "Border Force", "border"),
)

FORCE_BY_KEY = {name_key(f.name): f for f in FORCES} | {name_key(f.full_name): f for f in FORCES}


def force_for(label: str) -> Force | None:
    """The force a source label names, or None when it names none (a region, a total)."""
    return FORCE_BY_KEY.get(name_key(label))


@dataclass(frozen=True)
class Region:
    region_id: str
    name: str  # ONS name
    home_office_name: str
    country: str


# Region ids end in "-region" so that none can be taken for a force id ("west-midlands").
REGIONS: tuple[Region, ...] = (
    Region("north-east-region", "North East", "North East", "England"),
    Region("north-west-region", "North West", "North West", "England"),
    Region(
        "yorkshire-and-the-humber-region",
        "Yorkshire and The Humber",
        "Yorkshire and the Humber",
        "England",
    ),
    Region("east-midlands-region", "East Midlands", "East Midlands", "England"),
    Region("west-midlands-region", "West Midlands", "West Midlands", "England"),
    Region("east-of-england-region", "East of England", "Eastern", "England"),
    Region("london-region", "London", "London", "England"),
    Region("south-east-region", "South East", "South East", "England"),
    Region("south-west-region", "South West", "South West", "England"),
    Region("wales", "Wales", "Wales", "Wales"),
)

REGION_BY_KEY = {name_key(r.name): r for r in REGIONS} | {
    name_key(r.home_office_name): r for r in REGIONS
}


def region_for(label: str) -> Region | None:
    return REGION_BY_KEY.get(name_key(label))


@dataclass(frozen=True)
class Drug:
    drug: str
    label: str
    kind: str  # total | class_total | drug | unknown
    drug_class: str  # A | B | C, or "" for totals and unknown
    class_to_fye2014: str = ""  # only where the class changed (ketamine: C until 2013-14)


DRUGS: tuple[Drug, ...] = (
    Drug("all_drugs", "All drugs", "total", ""),
    Drug("cocaine", "Cocaine", "drug", "A"),
    Drug("crack", "Crack cocaine", "drug", "A"),
    Drug("ecstasy", "Ecstasy", "drug", "A"),
    Drug("heroin", "Heroin", "drug", "A"),
    Drug("lsd", "LSD", "drug", "A"),
    Drug("methadone", "Methadone", "drug", "A"),
    Drug("morphine", "Morphine", "drug", "A"),
    Drug("other_class_a", "Other class A", "drug", "A"),
    Drug("class_a", "Class A", "class_total", "A"),
    Drug("cannabis", "Cannabis", "drug", "B"),
    Drug("herbal_cannabis", "Herbal cannabis", "drug", "B"),
    Drug("cannabis_resin", "Cannabis resin", "drug", "B"),
    Drug("cannabis_plants", "Cannabis plants", "drug", "B"),
    Drug("amphetamines", "Amphetamines", "drug", "B"),
    Drug("barbiturates", "Barbiturates", "drug", "B"),
    Drug("ketamine", "Ketamine", "drug", "B", class_to_fye2014="C"),
    Drug("mephedrone", "Mephedrone", "drug", "B"),
    Drug("other_class_b", "Other class B", "drug", "B"),
    Drug("class_b", "Class B", "class_total", "B"),
    Drug("anabolic_steroids", "Anabolic steroids", "drug", "C"),
    Drug("benzodiazepines", "Benzodiazepines", "drug", "C"),
    Drug("ghb", "GHB", "drug", "C"),
    Drug("temazepam", "Temazepam", "drug", "C"),
    Drug("other_class_c", "Other class C", "drug", "C"),
    Drug("class_c", "Class C", "class_total", "C"),
    Drug("unknown", "Unknown", "unknown", ""),
)

DRUG_IDS = {d.drug for d in DRUGS}

# Every header spelling seen in the sources, by name_key, including the defects that
# CROSS_CHECKS.md lists ("Anabolic0steroids").
_DRUG_ALIASES = {
    "all drugs": "all_drugs",
    "total": "all_drugs",
    "all class a": "class_a",
    "total class a": "class_a",
    "all class b": "class_b",
    "total class b": "class_b",
    "all class c": "class_c",
    "total class c": "class_c",
    "all cannabis": "cannabis",
    "total cannabis": "cannabis",
    "cannabis": "cannabis",
    "crack": "crack",
    "crack cocaine": "crack",
    "powder cocaine": "cocaine",
    "anabolic steroids": "anabolic_steroids",
    "anabolic0steroids": "anabolic_steroids",
    "mephedrone non injection": "mephedrone",
    "mephedrone": "mephedrone",
    "amphetamine": "amphetamines",
}


def drug_for(label: str) -> str | None:
    """The drug id a column header names, or None."""
    key = name_key(label)
    if key in _DRUG_ALIASES:
        return _DRUG_ALIASES[key]
    candidate = key.replace(" ", "_")
    return candidate if candidate in DRUG_IDS else None


def drug_class(drug: str, fye: int) -> str:
    """The class of a drug in a year.

    Ketamine became class B in June 2014; the force tables count it under class B from
    2014-15 (see bdd.SEIZURE_HEADER_OVERRIDES for the evidence).
    """
    entry = next(d for d in DRUGS if d.drug == drug)
    if entry.class_to_fye2014 and fye <= 2014:
        return entry.class_to_fye2014
    return entry.drug_class


# The ONS region of each territorial force, as grouped in the Home Office police workforce
# tables. Ingest checks this against the bundled lookup and refuses to build if they differ.
_REGION_MEMBERS = {
    "north-east-region": "cleveland durham northumbria",
    "north-west-region": "cheshire cumbria greater-manchester lancashire merseyside",
    "yorkshire-and-the-humber-region": "humberside north-yorkshire south-yorkshire west-yorkshire",
    "east-midlands-region": "derbyshire leicestershire lincolnshire northamptonshire "
    "nottinghamshire",
    "west-midlands-region": "staffordshire warwickshire west-mercia west-midlands",
    "east-of-england-region": "bedfordshire cambridgeshire essex hertfordshire norfolk suffolk",
    "london-region": "city-of-london metropolitan",
    "south-east-region": "hampshire kent surrey sussex thames-valley",
    "south-west-region": "avon-and-somerset devon-and-cornwall dorset gloucestershire wiltshire",
    "wales": "dyfed-powys gwent north-wales south-wales",
}
REGION_OF = {
    force_id: region_id
    for region_id, members in _REGION_MEMBERS.items()
    for force_id in members.split()
}
