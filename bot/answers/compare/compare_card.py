"""Rendering of /compare: a phone-width table of the two sides, the difference in words,
what is missing and why; and the CSV behind it."""

from __future__ import annotations

from bot.answers.common import UNUSUAL_MARK, release_note
from bot.answers.compare import Comparison, Side
from bot.reading.names import ALL_DRUGS
from bot.reply import MAX_PAYLOAD, Button, Reply
from bot.results import Reported, Unusual
from bot.writing import fmt, messages
from bot.writing.render import footer, link, render, unusual_line
from bot.writing.tables import Table, to_table

LABEL_WIDTH = 9  # the row label column
VALUE_WIDTH = 11  # each side's column, right-aligned: 9 + 11 + 11 = 31 characters
DRUG_ROWS = 4
NO_VALUE = "–"
_COMPASS = {"West": "W", "North": "N", "South": "S", "East": "E", "Greater": "Gtr"}
# Column headings where the rules below would cut a name badly.
_HEADINGS = {
    "avon-and-somerset": "Avon & Som", "devon-and-cornwall": "Devon & C",
    "greater-manchester": "GMP", "metropolitan": "Met", "city-of-london": "City Ldn",
    "btp": "BTP", "border-force": "Border F.", "northamptonshire": "Northants",
    "gloucestershire": "Glos", "leicestershire": "Leics", "nottinghamshire": "Notts",
    "hertfordshire": "Herts", "cambridgeshire": "Cambs", "staffordshire": "Staffs",
    "lincolnshire": "Lincs", "bedfordshire": "Beds", "national": "E&W",
    "yorkshire-and-the-humber-region": "Yorks & H", "east-of-england-region": "E England",
}  # fmt: skip
_KIND_HEADINGS = {"force": "Force", "region": "Region", "national": "E&W"}


def heading(side: Side) -> str:
    """A column heading of at most VALUE_WIDTH - 1 characters."""
    ref = side.ref
    if ref.id in _HEADINGS:
        return _HEADINGS[ref.id]
    name = ref.name
    for suffix in (" Police", " Constabulary", " Police Service"):
        name = name.removesuffix(suffix)
    if len(name) >= VALUE_WIDTH:
        name = " ".join(_COMPASS.get(word, word) for word in name.split())
    if len(name) >= VALUE_WIDTH:
        name = name.replace("shire", "s")
    return name if len(name) < VALUE_WIDTH else name[: VALUE_WIDTH - 2] + "."


def sentence_name(side: Side) -> str:
    """How a sentence names the side: "West Mercia", "the West Midlands region"."""
    ref = side.ref
    if ref.kind == "national":
        return "England and Wales"
    if ref.kind == "region":
        return ref.name if ref.id == "wales" else f"{fmt.region_phrase(ref.name)} region"
    for suffix in (" Police", " Constabulary"):
        short = ref.name.removesuffix(suffix)
        if short != ref.name and not short.endswith(("s", "Transport")):
            return short
    return ref.name


def _possessive(side: Side) -> str:
    if side.ref.kind == "national":
        return "the England and Wales average"
    return f"{fmt.esc(sentence_name(side))}’s"


@render.register
def _comparison(card: Comparison) -> Reply:
    a, b = card.a, card.b
    year = fmt.fye(card.fye)
    lines = _preamble(card)
    lines.append(f"<b>{fmt.esc(_title(a))} vs {fmt.esc(_title(b))}, {year}</b>")
    has_table = a.basis != "none" or b.basis != "none"
    if has_table:
        lines.append(f"<pre>{fmt.esc(table_text(card))}</pre>")
    lines += [_difference(a, b)]
    lines += _unusual_lines(card) if has_table else []
    lines += [line for side in (a, b) for line in _side_notes(side, card)]
    if has_table:
        lines.append(_legend(card))
    if card.fye <= card.last_complete_fye:
        population = card.fye - 1 if a.rate is not None or b.rate is not None else None
        lines.append(footer(card.fye, population))
    else:
        lines.append(
            f"<i>Source: figures as published for {year} (pages above). Caveats: /sources</i>"
        )
    return messages.reply(
        "\n".join(line for line in lines if line),
        buttons=_buttons(card),
        csv_query=f"/compare {a.ref.token} vs {b.ref.token} {year}",
    )


def _title(side: Side) -> str:
    ref = side.ref
    if ref.kind == "region" and ref.id != "wales":
        return f"{ref.name} region"
    return "England and Wales" if ref.kind == "national" else ref.name


def _preamble(card: Comparison) -> list[str]:
    lines = []
    for side in (card.a, card.b):
        ref = side.ref
        if not ref.exact:
            lines.append(
                f"<i>Did you mean {fmt.esc(_title(side))}? Showing it for "
                f"“{fmt.esc(fmt.short(ref.typed))}”.</i>"
            )
        if ref.also_region:
            lines.append(
                f"<i>{fmt.esc(ref.also_region)} is read as the force; for the region, write "
                f"“{fmt.esc(ref.also_region)} region”.</i>"
            )
    if card.bare_year:
        lines.append(
            f"<i>{fmt.esc(card.bare_year)} read as the year ending March {card.fye} "
            f"({fmt.fye(card.fye)}).</i>"
        )
    return lines


def table_rows(card: Comparison) -> list[tuple[str, str, str]]:
    """(label, side A, side B) for every row of the table."""
    a, b = card.a, card.b
    left, right = heading(a), heading(b)
    if left == right:  # West Midlands, the force and the region
        left, right = (_KIND_HEADINGS[a.ref.kind], _KIND_HEADINGS[b.ref.kind])
    rows = [("", left, right)]
    rows.append(("Seizures", _count(a.seizures) + _mark(a), _count(b.seizures) + _mark(b)))
    rows.append(("Change", _change(a), _change(b)))
    rows.append(("Per mill.", _rate(a), _rate(b)))
    if a.rank or b.rank:
        rows.append(("Rank", _rank(a), _rank(b)))
    for drug, label in leading_drugs(a, b):
        rows.append((label, _share(a, drug), _share(b, drug)))
    if a.mix.drugs or b.mix.drugs:
        rows.append(("Unknown", _part(a, a.mix.unknown), _part(b, b.mix.unknown)))
        rows.append(("Class A", _part(a, a.mix.class_a), _part(b, b.mix.class_a)))
    return rows


def table_text(card: Comparison) -> str:
    return "\n".join(
        f"{label:<{LABEL_WIDTH}}{left:>{VALUE_WIDTH}}{right:>{VALUE_WIDTH}}".rstrip()
        for label, left, right in table_rows(card)
    )


def leading_drugs(a: Side, b: Side) -> list[tuple[str, str]]:
    """The drugs for the mix rows: each side's leading ones, at most DRUG_ROWS."""
    chosen: dict[str, str] = {}
    for first, second in zip(a.mix.drugs[:DRUG_ROWS], b.mix.drugs[:DRUG_ROWS], strict=False):
        for drug in (first, second):
            chosen.setdefault(drug.drug, _drug_label(drug.drug, drug.label))
    for drug in (*a.mix.drugs[:DRUG_ROWS], *b.mix.drugs[:DRUG_ROWS]):
        chosen.setdefault(drug.drug, _drug_label(drug.drug, drug.label))
    return list(chosen.items())[:DRUG_ROWS]


_DRUG_ROW_LABELS = {
    "amphetamines": "Amphets",
    "anabolic_steroids": "Steroids",
    "benzodiazepines": "Benzos",
    "crack": "Crack",
    "mephedrone": "Mephedr.",
}


def _drug_label(drug: str, label: str) -> str:
    """A drug's row label, at most LABEL_WIDTH - 1 characters."""
    label = _DRUG_ROW_LABELS.get(drug, label.replace("Other class ", "Other "))
    return label if len(label) < LABEL_WIDTH else label[: LABEL_WIDTH - 2] + "."


def _count(value: int | None) -> str:
    return fmt.count(value) if value is not None else NO_VALUE


def _change(side: Side) -> str:
    if side.seizures is None or not side.previous:
        return NO_VALUE
    return fmt.change_percent(side.seizures, side.previous)


def _rate(side: Side) -> str:
    return fmt.rate(side.rate) if side.rate is not None else NO_VALUE


def _rank(side: Side) -> str:
    return f"{side.rank.rank}/{side.rank.of}" if side.rank else NO_VALUE


def _share(side: Side, drug: str) -> str:
    found = next((d for d in side.mix.drugs if d.drug == drug), None)
    if not side.mix.drugs:
        return NO_VALUE
    return _part(side, found.seizures if found else None) + _mark(side, drug)


def _mark(side: Side, drug: str = ALL_DRUGS) -> str:
    """UNUSUAL_MARK after a cell whose figure looks out of line (table unusual)."""
    return UNUSUAL_MARK if any(flag.drug == drug for flag in side.unusual) else ""


def _shown_flags(card: Comparison) -> list[tuple[Side, Unusual]]:
    """The flags of the figures the table shows: totals, and the drugs of its rows."""
    drugs = {ALL_DRUGS, *(drug for drug, _ in leading_drugs(card.a, card.b))}
    return [(s, f) for s in (card.a, card.b) for f in s.unusual if f.drug in drugs]


def _unusual_lines(card: Comparison) -> list[str]:
    lines = []
    for side, flag in _shown_flags(card):
        drug = "" if flag.drug == ALL_DRUGS else f", {fmt.drug_label(flag.label)}"
        lead = f"{UNUSUAL_MARK} {fmt.esc(heading(side) + drug)}: "
        lines.append(unusual_line(flag, lead))
    return lines


def _part(side: Side, value: int | None) -> str:
    total = side.mix.total or side.seizures
    if value is None or not total:
        return NO_VALUE
    return fmt.percent(value, total)


def _difference(a: Side, b: Side) -> str:
    """The rates compared in words, or why they cannot be."""
    if a.rate is None or b.rate is None:
        return ""
    figures = f"({fmt.rate(a.rate)} against {fmt.rate(b.rate)} per million people)"
    subject = _possessive(a) + (" rate" if a.ref.kind != "national" else "")
    subject = subject[0].upper() + subject[1:]
    ratio = a.rate / b.rate
    change = round(abs(ratio - 1) * 100)
    if change == 0:
        return f"{subject} was about the same as {_possessive(b)} {figures}."
    if ratio >= 2:
        return f"<b>{subject} was {ratio:.1f} times {_possessive(b)}</b> {figures}."
    word = "higher" if a.rate > b.rate else "lower"
    return f"<b>{subject} was {change}% {word} than {_possessive(b)}</b> {figures}."


def published_from(item: Reported) -> str:
    """ "PA/RADAR local news (15 Dec 2020; shropshirestar.com)": who, when, and the page."""
    who = fmt.esc(item.source_type)
    if who.endswith(")"):
        return f"{who[:-1]}; {link(item)})"
    return f"{who} ({link(item)})"


def _side_notes(side: Side, card: Comparison) -> list[str]:
    name = fmt.esc(_title(side))
    year = fmt.fye(card.fye)
    if side.basis == "none":
        if card.fye > card.last_complete_fye:
            where = f"no complete Home Office table after {fmt.fye(card.last_complete_fye)}"
        elif side.ref.kind == "national":
            where = f"no national figures for {year} to take British Transport Police off"
        else:
            where = (
                "not in the Home Office force tables (they list the 39 English forces, "
                "British Transport Police and Border Force)"
            )
        more = f" What was published: /force {side.ref.token}." if side.ref.kind == "force" else ""
        return [f"{name}: {where}, and no total published for {year} is bundled.{more}"]
    lines = []
    if side.basis == "published" and side.published:
        what = "total as published"
        if side.ref.kind == "national":
            what = "all seizures (police and Border Force) as first published"
        rate = ""
        if side.published_rate:
            rate = f"; rate as reported, {published_from(side.published_rate)}"
        lines.append(
            f"{name}: {what}, {published_from(side.published)}{rate}; "
            "not from a complete Home Office table."
        )
    elif side.seizures is None:
        why = fmt.esc(side.why_no_rate) if side.why_no_rate else "missing data"
        return [f"{name}: no figure in the Home Office table for {year} ({why})."]
    if side.why_no_rate:
        lines.append(f"No rate for {name}: {fmt.esc(side.why_no_rate)}.")
    return lines


def _legend(card: Comparison) -> str:
    parts = [f"Change on {fmt.fye(card.fye - 1)}"]
    if card.a.rank or card.b.rank:
        parts.append("rank by rate (forces among forces, regions among regions)")
    if card.a.mix.drugs or card.b.mix.drugs:
        parts.append(
            "drugs as % of each side’s seizures, a seizure of several counting once per drug"
        )
    if "national" in (card.a.ref.kind, card.b.ref.kind) and card.fye <= card.last_complete_fye:
        edition = next((s.edition for s in (card.a, card.b) if s.edition), None)
        parts.append(
            "E&W: the 43 territorial forces, excluding British Transport Police and Border Force"
            + release_note(edition)
        )
    if NO_VALUE in table_text(card):
        parts.append(f"{NO_VALUE}: no figure")
    return f"<i>{fmt.esc('; '.join(parts))}.</i>"


def _buttons(card: Comparison) -> tuple[tuple[Button, ...], ...]:
    rows = [
        tuple(
            Button(f"Trend: {heading(side)}", f"/trend {side.ref.id}") for side in (card.a, card.b)
        )
    ]
    previous = f"/compare {card.a.ref.token} vs {card.b.ref.token} {fmt.fye(card.fye - 1)}"
    if card.fye - 1 >= card.first_fye and len(previous.encode()) <= MAX_PAYLOAD:
        rows.append((Button("Previous year", previous),))
    return tuple(rows)


COLUMNS = (
    "side", "kind", "id", "name", "year", "basis", "seizures", "previous_year_seizures",
    "change_percent", "rate_per_million", "rank", "ranked_of", "unknown_seizures",
    "class_a_seizures",
)  # fmt: skip


@to_table.register
def _comparison_table(card: Comparison) -> Table:
    drugs = [drug for drug, _ in leading_drugs(card.a, card.b)]
    rows = []
    for label, side in (("A", card.a), ("B", card.b)):
        by_drug = {d.drug: d.seizures for d in side.mix.drugs}
        change = (
            round(100 * (side.seizures - side.previous) / side.previous, 1)
            if side.seizures is not None and side.previous
            else None
        )
        rate = round(side.rate, 1) if side.rate is not None else None
        rank = (side.rank.rank, side.rank.of) if side.rank else (None, None)
        rows.append((
            label, side.ref.kind, side.ref.id, _title(side), fmt.fye(card.fye), side.basis,
            side.seizures, side.previous, change, rate, *rank, side.mix.unknown,
            side.mix.class_a, *(by_drug.get(d) for d in drugs),
        ))  # fmt: skip
    sources = tuple(dict.fromkeys(s for side in (card.a, card.b) for s in side.sources))
    a, b = card.a.ref.token, card.b.ref.token
    return Table(
        f"compare-{a}-{b}-{fmt.fye(card.fye)}",
        COLUMNS + tuple(f"{d}_seizures" for d in drugs),
        tuple(rows),
        sources,
    )
