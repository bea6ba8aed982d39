-- name: year-ranks-all
-- Every territorial force in one year with its seizures, rate and ranks (prepared in
-- force_rank): by rate among forces with a rate, nationally and in the region.
-- The only copy, every key at once (key_fye): the store runs it once
-- and keeps each key's rows; "year-ranks" is derived from it (loader.one_key).
SELECT r.fye AS key_fye, r.force_id, r.region, fy.seizures, fy.rate_per_million,
       r.national_rank, r.national_count, r.region_rank, r.region_count,
       count(*) OVER (PARTITION BY r.fye, r.region) AS region_forces
FROM force_rank r JOIN force_year fy USING (fye, force_id)
ORDER BY r.fye, fy.rate_per_million DESC NULLS LAST, r.force_id;

-- name: national-rate-all
-- The territorial-force seizures and the England and Wales rate for one year and drug;
-- edition: the release its police figure comes from where it is not the transcribed
-- table's (empty otherwise), edition_source its source.
-- The only copy, every key at once (key_drug, key_fye): the store runs it once
-- and keeps each key's rows; "national-rate" is derived from it (loader.one_key).
SELECT fye AS key_fye, drug AS key_drug, fye, drug, national_seizures, seizures, population,
       rate_per_million, edition, edition_source
FROM territorial_year ORDER BY fye, drug;

-- name: region-rate
-- A region's seizures and rate in one year.
SELECT fye, region_id, seizures, forces, forces_reporting, population, rate_per_million
FROM region_year WHERE region_id = $region_id AND fye = $fye;

-- name: area-population-all
-- The usable mid-year population of an area for a financial year (mid-year at its start).
-- The only copy, every key at once (key_area_id, key_fye): the store runs it once
-- and keeps each key's rows; "area-population" is derived from it (loader.one_key).
SELECT area_id AS key_area_id, fye AS key_fye, population, source
FROM fye_population ORDER BY area_id, fye;

-- name: national-reported-rate
-- The national average rate per million as published for one year (years after the tables).
SELECT n.value, n.unit, n.edition, s.url, n.note
FROM national n JOIN sources s USING (source)
WHERE n.fye = $fye AND n.measure = 'rate_per_million'
ORDER BY n.edition;

-- name: population-notes
-- Why each area's mid-year population is not used, where it is not.
SELECT area_id, max(note) AS note FROM population
WHERE basis = 'mid-year' AND NOT usable AND note LIKE 'unusable%'
GROUP BY area_id;

-- name: force-card-all
-- One force in one year of the complete tables, with everything the card compares it
-- with (table force_card, prepared when the database is built).
-- The only copy, every key at once (key_force_id, key_fye): the store runs it once
-- and keeps each key's rows; "force-card" is derived from it (loader.one_key).
SELECT force_id AS key_force_id, fye AS key_fye, * EXCLUDE (force_id) FROM force_card;

-- name: force-series-all
-- All years of one force's complete-table totals: fye, seizures, population, rate, and
-- the note of a figure flagged partial.
-- The only copy, every key at once (key_force_id): the store runs it once
-- and keeps each key's rows; "force-series" is derived from it (loader.one_key).
SELECT force_id AS key_force_id, fye, seizures, population, rate_per_million, source,
       population_source, partial_note
FROM force_year ORDER BY force_id, fye;

-- name: force-drugs-all
-- One force's seizures by drug in one year, with each drug's label, kind and class.
-- The only copy, every key at once (key_force_id, key_fye): the store runs it once
-- and keeps each key's rows; "force-drugs" is derived from it (loader.one_key).
SELECT s.force_id AS key_force_id, s.fye AS key_fye, s.drug, d.label, d.kind,
       CASE WHEN d.class_to_fye2014 <> '' AND s.fye <= 2014 THEN d.class_to_fye2014
            ELSE d.drug_class END AS drug_class,
       s.seizures, s.source
FROM seizures s JOIN drugs d USING (drug)
ORDER BY s.force_id, s.fye, s.seizures DESC NULLS LAST, s.drug;

-- name: area-reported-all
-- Published figures for one force or area, every year, as published, with their pages.
-- The only copy, every key at once (key_area_id): the store runs it once
-- and keeps each key's rows; "area-reported" is derived from it (loader.one_key).
SELECT r.area_id AS key_area_id, r.fye, r.measure, r.drug, r.value, r.unit, r.source_type,
       r.source, r.source_url, r.note
FROM reported r
ORDER BY r.area_id, r.fye, r.measure, r.drug, r.source;

-- name: unusual-all
-- Every figure the rules of table unusual flag (a few dozen): fye, force_id, drug, its
-- label, rule, seizures, before, after, part_drug, the part's label, part.
SELECT u.fye, u.force_id, u.drug, d.label, u.rule, u.seizures, u.before, u.after,
       u.part_drug, pd.label AS part_label, u.part
FROM unusual u
JOIN drugs d ON d.drug = u.drug
LEFT JOIN drugs pd ON pd.drug = u.part_drug
ORDER BY u.fye, u.force_id, u.drug, u.rule;
