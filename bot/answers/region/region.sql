-- name: region-card-forces
-- The territorial forces of one region with their complete-table figures for one year and
-- the year before: force_id, name, full_name, in_table (the force has a row that year),
-- seizures (null when blank), population, rate per million, previous_seizures, sources.
SELECT f.force_id, f.name, f.full_name,
       cur.fye IS NOT NULL AS in_table,
       cur.seizures, cur.population, cur.rate_per_million,
       CASE WHEN prev.partial_note IS NULL THEN prev.seizures END AS previous_seizures,
       cur.partial_note,
       cur.source, cur.population_source
FROM forces f
LEFT JOIN force_year cur ON cur.force_id = f.force_id AND cur.fye = $fye
LEFT JOIN force_year prev ON prev.force_id = f.force_id AND prev.fye = $fye - 1
WHERE f.region = $region_id AND f.kind = 'territorial'
ORDER BY cur.seizures DESC NULLS LAST, f.name;

-- name: region-card-forces-all
-- region-card-forces for every region and every year of the complete tables at once, in
-- the same order (to prepare answers at start-up).
SELECT f.region AS key_region_id, y.fye AS key_fye, f.force_id, f.name, f.full_name,
       cur.fye IS NOT NULL AS in_table,
       cur.seizures, cur.population, cur.rate_per_million,
       CASE WHEN prev.partial_note IS NULL THEN prev.seizures END AS previous_seizures,
       cur.partial_note,
       cur.source, cur.population_source
FROM forces f
CROSS JOIN (SELECT DISTINCT fye FROM force_year) y
LEFT JOIN force_year cur ON cur.force_id = f.force_id AND cur.fye = y.fye
LEFT JOIN force_year prev ON prev.force_id = f.force_id AND prev.fye = y.fye - 1
WHERE f.kind = 'territorial' AND f.region IS NOT NULL
ORDER BY f.region, y.fye, cur.seizures DESC NULLS LAST, f.name;

-- name: region-card-series-all
-- Every year of one region's totals from the complete tables: fye, seizures (null unless
-- every force reported), forces, forces_reporting, population (usable only), its source,
-- and the rate per million.
-- The only copy, every key at once (key_region_id): the store runs it once
-- and keeps each key's rows; "region-card-series" is derived from it (loader.one_key).
SELECT r.region_id AS key_region_id, r.fye, r.seizures, r.forces, r.forces_reporting,
       r.population, p.source AS population_source, r.rate_per_million
FROM region_year r
LEFT JOIN fye_population p ON p.area_id = r.region_id AND p.fye = r.fye
ORDER BY r.region_id, r.fye;
