-- name: national-card-series
-- The national seizures of all drugs (police and Border Force) for every year of the
-- transcribed Home Office national table: fye, seizures, source.
SELECT fye, seizures, source FROM national_total WHERE drug = 'all_drugs' ORDER BY fye;

-- name: national-card-totals
-- Every published national total of all drugs (police and Border Force), every year and
-- edition, as national-card-published gives them: fye, authority, measure, drug, value,
-- unit, edition, edition_fye (the release it belongs to), source, address, note, label.
SELECT n.fye, n.authority, n.measure, n.drug, d.label, n.value, n.unit, n.edition,
       TRY_CAST(NULLIF(regexp_extract(n.edition, 'FYE([0-9]+)', 1), '') AS INTEGER)
           AS edition_fye,
       n.source, s.url, n.note
FROM national n JOIN sources s ON s.source = n.source LEFT JOIN drugs d ON d.drug = n.drug
WHERE n.authority = 'all' AND n.measure = 'seizures' AND n.drug = 'all_drugs'
      AND n.value IS NOT NULL
ORDER BY n.fye, edition_fye NULLS LAST, n.source;

-- name: national-card-years
-- The first and last financial year with any national figure bundled.
SELECT min(fye) AS first_fye, max(fye) AS last_fye FROM national;

-- name: national-card-population-until
-- The last mid-year with a usable England and Wales population (rates stop after it).
SELECT max(mid_year) AS mid_year FROM population
WHERE area_id = 'england-and-wales' AND basis = 'mid-year' AND usable;

-- name: national-card-year-all
-- One year of the transcribed national table, one row per drug: the national seizures,
-- Border Force and British Transport Police seizures (force tables), the 43 territorial
-- forces' seizures and rate per million, each drug's label and kind, and the sources. For
-- all drugs also the police / Border Force / total split of one release (split_*, its
-- edition and source; empty where no release published one) that the territorial count
-- is built on, and edition: that release where it is not the transcribed table's;
-- table_seizures and previous_seizures as in territorial_year.
-- The only copy, every key at once (key_fye): the store runs it once
-- and keeps each key's rows; "national-card-year" is derived from it (loader.one_key).
SELECT t.fye AS key_fye, t.drug, d.label, d.kind, t.national_seizures,
       t.border_force_seizures, t.btp_seizures, t.seizures AS territorial_seizures,
       t.population, t.rate_per_million,
       t.police_seizures, t.split_total, t.split_border_force, t.split_edition, t.edition,
       t.edition_source, t.table_seizures, t.previous_seizures,
       n.source AS national_source, bf.source AS border_force_source,
       p.source AS population_source
FROM territorial_year t
JOIN national_total n ON n.fye = t.fye AND n.drug = t.drug
JOIN drugs d ON d.drug = t.drug
LEFT JOIN seizures bf
       ON bf.fye = t.fye AND bf.drug = t.drug AND bf.force_id = 'border-force'
LEFT JOIN fye_population p ON p.area_id = 'england-and-wales' AND p.fye = t.fye
ORDER BY t.fye, t.national_seizures DESC NULLS LAST, t.drug;

-- name: national-card-published-all
-- Every national figure bundled for one year (authority all, police, border-force,
-- territorial; any measure), with its edition, the release the edition belongs to
-- (edition_fye: 2020 for "FYE2020 release"; empty for the transcribed tables), the note,
-- the source's address and the drug's label.
-- The only copy, every key at once (key_fye): the store runs it once
-- and keeps each key's rows; "national-card-published" is derived from it (loader.one_key).
SELECT n.fye AS key_fye, n.fye, n.authority, n.measure, n.drug, d.label, n.value, n.unit,
       n.edition,
       TRY_CAST(NULLIF(regexp_extract(n.edition, 'FYE([0-9]+)', 1), '') AS INTEGER)
           AS edition_fye,
       n.source, s.url, n.note
FROM national n JOIN sources s ON s.source = n.source LEFT JOIN drugs d ON d.drug = n.drug
WHERE n.value IS NOT NULL
ORDER BY n.fye, n.authority, n.measure, n.drug, edition_fye NULLS LAST, n.source;
