-- name: force-series
-- All years of one force's complete-table totals: fye, seizures, population, rate, and
-- the note of a figure flagged partial.
SELECT fye, seizures, population, rate_per_million, source, population_source, partial_note
FROM force_year WHERE force_id = $force_id ORDER BY fye;

-- name: force-drugs
-- One force's seizures by drug in one year, with each drug's label, kind and class.
SELECT s.drug, d.label, d.kind,
       CASE WHEN d.class_to_fye2014 <> '' AND s.fye <= 2014 THEN d.class_to_fye2014
            ELSE d.drug_class END AS drug_class,
       s.seizures, s.source
FROM seizures s JOIN drugs d USING (drug)
WHERE s.force_id = $force_id AND s.fye = $fye
ORDER BY s.seizures DESC NULLS LAST, s.drug;

-- name: year-ranks
-- Every territorial force in one year with its seizures, rate and ranks (prepared in
-- force_rank): by rate among forces with a rate, nationally and in the region.
SELECT r.force_id, r.region, fy.seizures, fy.rate_per_million,
       r.national_rank, r.national_count, r.region_rank, r.region_count,
       count(*) OVER (PARTITION BY r.region) AS region_forces
FROM force_rank r JOIN force_year fy USING (fye, force_id)
WHERE r.fye = $fye
ORDER BY fy.rate_per_million DESC NULLS LAST, r.force_id;

-- name: year-ranks-all
-- year-ranks for every year at once, in the same order (to prepare answers at start-up).
SELECT r.fye AS key_fye, r.force_id, r.region, fy.seizures, fy.rate_per_million,
       r.national_rank, r.national_count, r.region_rank, r.region_count,
       count(*) OVER (PARTITION BY r.fye, r.region) AS region_forces
FROM force_rank r JOIN force_year fy USING (fye, force_id)
ORDER BY r.fye, fy.rate_per_million DESC NULLS LAST, r.force_id;

-- name: national-rate
-- The territorial-force seizures and the England and Wales rate for one year and drug;
-- edition: the release its police figure comes from where it is not the transcribed
-- table's (empty otherwise), edition_source its source.
SELECT fye, drug, national_seizures, seizures, population, rate_per_million, edition,
       edition_source
FROM territorial_year WHERE fye = $fye AND drug = $drug;

-- name: national-rate-all
-- national-rate for every year and drug at once (to prepare answers at start-up).
SELECT fye AS key_fye, drug AS key_drug, fye, drug, national_seizures, seizures, population,
       rate_per_million, edition, edition_source
FROM territorial_year ORDER BY fye, drug;

-- name: region-rate
-- A region's seizures and rate in one year.
SELECT fye, region_id, seizures, forces, forces_reporting, population, rate_per_million
FROM region_year WHERE region_id = $region_id AND fye = $fye;

-- name: area-reported
-- Published figures for one force or area, every year, as published, with their pages.
SELECT r.fye, r.measure, r.drug, r.value, r.unit, r.source_type, r.source, r.source_url,
       r.note
FROM reported r
WHERE r.area_id = $area_id
ORDER BY r.fye, r.measure, r.drug, r.source;

-- name: area-population
-- The usable mid-year population of an area for a financial year (mid-year at its start).
SELECT population, source FROM fye_population WHERE area_id = $area_id AND fye = $fye;

-- name: area-population-all
-- area-population for every area and year at once.
SELECT area_id AS key_area_id, fye AS key_fye, population, source
FROM fye_population ORDER BY area_id, fye;

-- name: national-reported-rate
-- The national average rate per million as published for one year (years after the tables).
SELECT n.value, n.unit, n.edition, s.url, n.note
FROM national n JOIN sources s USING (source)
WHERE n.fye = $fye AND n.measure = 'rate_per_million'
ORDER BY n.edition;

-- name: force-card
-- One force in one year of the complete tables, with everything the card compares it
-- with (table force_card, prepared when the database is built).
SELECT * EXCLUDE (force_id) FROM force_card WHERE force_id = $force_id AND fye = $fye;

-- name: population-notes
-- Why each area's mid-year population is not used, where it is not.
SELECT area_id, max(note) AS note FROM population
WHERE basis = 'mid-year' AND NOT usable AND note LIKE 'unusable%'
GROUP BY area_id;

-- name: force-card-all
-- force-card for every force and year at once (to prepare answers at start-up).
SELECT force_id AS key_force_id, fye AS key_fye, * EXCLUDE (force_id) FROM force_card;

-- name: force-series-all
-- force-series for every force at once.
SELECT force_id AS key_force_id, fye, seizures, population, rate_per_million, source,
       population_source, partial_note
FROM force_year ORDER BY force_id, fye;

-- name: force-drugs-all
-- force-drugs for every force and year at once, in the same order.
SELECT s.force_id AS key_force_id, s.fye AS key_fye, s.drug, d.label, d.kind,
       CASE WHEN d.class_to_fye2014 <> '' AND s.fye <= 2014 THEN d.class_to_fye2014
            ELSE d.drug_class END AS drug_class,
       s.seizures, s.source
FROM seizures s JOIN drugs d USING (drug)
ORDER BY s.force_id, s.fye, s.seizures DESC NULLS LAST, s.drug;

-- name: area-reported-all
-- area-reported for every force and area at once, in the same order.
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
