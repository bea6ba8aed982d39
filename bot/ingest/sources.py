"""The registry of sources: every row written to data/ names one of these ids."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlparse

OGL = "Open Government Licence v3.0"
BDD_COMMIT = "bac3b5287480fab50e53968aeb10a8bcc54021fa"
BDD_POP_COMMIT = "6732e9db6b4c295da64691a83bb4e8b1249031ce"
BDD_BASE = f"https://github.com/LeonardoCastro/BritishDrugDynamics/blob/{BDD_COMMIT}/data"
BDD_EDITION = "Home Office data tables as transcribed by BritishDrugDynamics (last change Aug 2020)"


@dataclass(frozen=True)
class Source:
    source: str
    title: str
    publisher: str
    url: str
    licence: str
    edition: str


@dataclass
class SourceRegistry:
    """Collects the sources a build uses; ``add`` returns the id to put in each row."""

    items: dict[str, Source] = field(default_factory=dict)

    def add(self, source: Source) -> str:
        known = self.items.get(source.source)
        if known is not None and known != source:
            raise ValueError(f"two different sources share the id {source.source}")
        self.items[source.source] = source
        return source.source

    def add_page(self, url: str) -> str:
        """A published web page, identified by its address.

        One page can quote several editions; each row that cites it names its own edition.
        """
        host = urlparse(url).netloc.removeprefix("www.").removeprefix("m.")
        digest = hashlib.sha1(url.encode()).hexdigest()[:8]
        return self.add(
            Source(
                source=f"page-{host.split('.')[0]}-{digest}",
                title=f"Figures as published on {host}",
                publisher=host,
                url=url,
                licence="facts quoted from a published page (no text copied)",
                edition="named on each row that cites it",
            )
        )

    def rows(self) -> list[dict[str, str]]:
        return [vars(s) for s in sorted(self.items.values(), key=lambda s: s.source)]


def fye_label(fye: int) -> str:
    """2019 -> "2018-19"."""
    return f"{fye - 1}-{fye % 100:02d}"


def bdd_table(kind: str, fye: int, filename: str) -> Source:
    """A per-force table (kind: seizures | quantities) for one financial year."""
    return Source(
        source=f"bdd-{kind}-fye{fye}",
        title=f"Seizures of drugs in England and Wales, {fye_label(fye)}: {kind} by police force "
        "and drug",
        publisher="Home Office (transcribed by LeonardoCastro/BritishDrugDynamics)",
        url=f"{BDD_BASE}/police_data/{kind}/local_resolution/{kind}/{filename}",
        licence=OGL,
        edition=BDD_EDITION,
    )


BDD_NATIONAL_SEIZURES = Source(
    source="bdd-national-seizures",
    title="Seizures of drugs in England and Wales: national seizures by drug, 2008-09 to 2018-19",
    publisher="Home Office (transcribed by LeonardoCastro/BritishDrugDynamics)",
    url=f"{BDD_BASE}/police_data/seizures/national_resolution/seizures_EW.csv",
    licence=OGL,
    edition=BDD_EDITION,
)

BDD_NATIONAL_QUANTITIES = Source(
    source="bdd-national-quantities",
    title="Seizures of drugs in England and Wales: national quantities by drug, 2008-09 to 2018-19",
    publisher="Home Office (transcribed by LeonardoCastro/BritishDrugDynamics)",
    url=f"{BDD_BASE}/police_data/quantities/national_resolution/quantities_EW.csv",
    licence=OGL,
    edition=BDD_EDITION,
)

BDD_POPULATION = Source(
    source="bdd-population",
    title="ONS mid-year population estimates by English police force area and region, 2009-2019",
    publisher="Office for National Statistics (aggregated by LeonardoCastro/BritishDrugDynamics)",
    url=f"https://github.com/LeonardoCastro/BritishDrugDynamics/tree/{BDD_POP_COMMIT}/data/demographic",
    licence=OGL,
    edition="2011-Census-based mid-year estimates, as published 2020-2021",
)

ONS_POPULATION = Source(
    source="ons-population",
    title="ONS mid-year population: England, Wales, England and Wales, Welsh police force areas",
    publisher="Office for National Statistics / StatsWales (POPU1009)",
    url="https://statswales.gov.wales/Catalogue/Population-and-Migration/Population/Estimates",
    licence=OGL,
    edition="2011-Census-based mid-year estimates (not the November 2023 rebased series)",
)

CENSUS_2011 = Source(
    source="census-2011-pfa",
    title="Census 2011 usual resident population by police force area (KS201)",
    publisher="Office for National Statistics (via Resistance-Lab/resistancelab_data)",
    url="https://github.com/Resistance-Lab/resistancelab_data/blob/"
    "625e720132cc8e912caf091b3b6ebc716fa939a8/analysis/0002-demographics-by-police-force-area/"
    "force-demographics.csv",
    licence=OGL,
    edition="Census 2011",
)

WORKFORCE_REGIONS = Source(
    source="ho-workforce-sep19",
    title="Police workforce, England and Wales, 30 September 2019: Table 1 (force to region)",
    publisher="Home Office (via Resistance-Lab/resistancelab_data)",
    url="https://github.com/Resistance-Lab/resistancelab_data/blob/"
    "625e720132cc8e912caf091b3b6ebc716fa939a8/source_data/police-population/"
    "police-workforce-sep19-tables.ods",
    licence=OGL,
    edition="30 September 2019",
)

LESSCRIME_BORDER_FORCE = Source(
    source="ho-fye2018-summary-table-1",
    title="Seizures of drugs in England and Wales, year ending March 2018: Summary_Table_1 "
    "(Border Force seizures by drug, 2006-07 to 2017-18)",
    publisher="Home Office (extracted by mpjashby/lesscrime.info)",
    url="https://assets.publishing.service.gov.uk/government/uploads/system/uploads/"
    "attachment_data/file/754678/seizures-drugs-mar2018-hosb2618-tables.ods",
    licence=OGL,
    edition="FYE2018 data tables (Nov 2018)",
)

DEMOGRAPHR = "https://github.com/humaniverse/demographr/tree/main/data"


def ons_districts(mid_year: int, ons_file: str, published: str) -> Source:
    """ONS mid-year estimates by local authority district, summed to force areas."""
    return Source(
        source=f"ons-mye{mid_year}-districts",
        title=f"ONS mid-{mid_year} population estimates by local authority district (MYE2 "
        "Persons, all ages), summed to police force areas, regions and nations with the ONS "
        "district to police force area lookup",
        publisher="Office for National Statistics (as packaged by humaniverse/demographr)",
        url=f"{DEMOGRAPHR}/population{mid_year % 100}_ltla{mid_year % 100}.rda",
        licence=OGL,
        edition=f"{ons_file} ({published}), 2011-Census-based series",
    )


ONS_DISTRICTS = {
    2019: ons_districts(2019, "ukmidyearestimates20192019ladcodes.xls", "June 2020"),
    2020: ons_districts(2020, "ukpopestimatesmid2020on2020geography.xls", "June 2021"),
}
