"""/drug's figures as a /csv table: one drug's card, the breakdown by drug, published figures."""

from __future__ import annotations

from bot.answers.drug import NATIONAL, DrugBreakdown, DrugCard, DrugPublished
from bot.reading.names import ALL_DRUGS
from bot.writing import fmt
from bot.writing.tables import Table, to_table


@to_table.register
def _card_table(card: DrugCard) -> Table:
    year = fmt.fye(card.fye)
    area, drug = card.area_id, card.drug.id
    rows: list[tuple[object, ...]] = [
        (area, year, "seizures", drug, card.seizures, "seizures"),
        (area, year, "seizures", ALL_DRUGS, card.all_seizures, "seizures"),
    ]
    if card.previous:
        rows.append(
            (area, fmt.fye(card.previous.fye), "seizures", drug, card.previous.seizures, "seizures")
        )
    if card.rate is not None:
        rows.append((area, year, "rate_per_million", drug, round(card.rate, 1), "per million"))
    if card.border_force is not None:
        rows.append(("border-force", year, "seizures", drug, card.border_force, "seizures"))
    other = card.comparison
    if other:
        rows.append(("territorial-forces", year, "seizures", drug, other.seizures, "seizures"))
        rows.append(
            ("territorial-forces", year, "seizures", ALL_DRUGS, other.all_seizures, "seizures")
        )
        if other.rate is not None:
            rows.append(
                (
                    "territorial-forces",
                    year,
                    "rate_per_million",
                    drug,
                    round(other.rate, 1),
                    "per million",
                )
            )
    rows += [(area, year, "quantity", q.drug, q.quantity, q.unit) for q in card.quantities]
    return Table(f"{drug}-{area}-{year}", COLUMNS, tuple(rows), card.sources)


@to_table.register
def _breakdown_table(card: DrugBreakdown) -> Table:
    year = fmt.fye(card.fye)
    items = [*card.drugs, *card.forms, *card.classes]
    rows: list[tuple[object, ...]] = [
        (card.area_id, year, "seizures", d.drug, d.seizures, "seizures") for d in items
    ]
    if card.unknown is not None:
        rows.append((card.area_id, year, "seizures", "unknown", card.unknown, "seizures"))
    rows.append((card.area_id, year, "seizures", ALL_DRUGS, card.total, "seizures"))
    return Table(f"drugs-{card.area_id}-{year}", COLUMNS, tuple(rows), card.sources)


@to_table.register
def _published_table(card: DrugPublished) -> Table:
    area = "england-and-wales" if card.area_id == NATIONAL else card.area_id
    rows = tuple(
        (
            area,
            fmt.fye(f.fye),
            f.measure if f.authority in (card.area_id, "all") else f"{f.measure} ({f.authority})",
            f.drug,
            int(f.value) if float(f.value).is_integer() else f.value,
            f.unit,
            f.url,
        )
        for f in card.figures
    )
    urls = tuple(dict.fromkeys(f.url for f in card.figures))
    year = f"-{fmt.fye(card.asked_fye)}" if card.asked_fye else ""
    drug = card.drug.id if card.drug else "drugs"
    return Table(f"{drug}-{area}{year}-published", (*COLUMNS, "source_url"), rows, urls)


COLUMNS = ("area", "year", "measure", "drug", "value", "unit")
