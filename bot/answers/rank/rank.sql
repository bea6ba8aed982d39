-- name: rank-forces-all
-- Every territorial force in the complete table for one year and drug: force_id, name,
-- full_name, region_id, seizures (null when blank), the usable population (mid-year at the
-- start of the financial year), the rate per million, ranks by rate nationally and within the
-- region (null where there is no rate), and ranks by count of seizures the same two ways
-- (null where there is no figure). A figure flagged partial counts as not reported. Ordered
-- by rate, then count, then name.
-- The only copy, every key at once (key_drug, key_fye): the store runs it once
-- and keeps each key's rows; "rank-forces" is derived from it (loader.one_key).
WITH rows AS (
    SELECT d.fye AS key_fye, d.drug AS key_drug, d.force_id, f.name, f.full_name,
           d.region AS region_id, d.complete AS seizures, d.source, d.partial_note,
           d.population, d.population_source, d.rate_per_million
    FROM force_drug_year d
    JOIN forces f USING (force_id)
    WHERE d.kind = 'territorial'
)
SELECT *,
       CASE WHEN rate_per_million IS NOT NULL THEN
           rank() OVER (PARTITION BY key_fye, key_drug, rate_per_million IS NULL
                        ORDER BY rate_per_million DESC) END AS national_rank,
       CASE WHEN rate_per_million IS NOT NULL THEN
           rank() OVER (PARTITION BY key_fye, key_drug, region_id, rate_per_million IS NULL
                        ORDER BY rate_per_million DESC) END AS region_rank,
       CASE WHEN seizures IS NOT NULL THEN
           rank() OVER (PARTITION BY key_fye, key_drug, seizures IS NULL
                        ORDER BY seizures DESC) END AS count_rank,
       CASE WHEN seizures IS NOT NULL THEN
           rank() OVER (PARTITION BY key_fye, key_drug, region_id, seizures IS NULL
                        ORDER BY seizures DESC) END AS region_count_rank
FROM rows
ORDER BY key_fye, key_drug, rate_per_million DESC NULLS LAST, seizures DESC NULLS LAST, name;

-- name: rank-region-total
-- One region's seizures of one drug in one year: forces in the table, forces reporting a
-- complete figure, the sum (only when every force did), the region's usable population
-- and its rate.
SELECT count(*) AS forces, count(s.complete) AS forces_reporting,
       CASE WHEN count(s.complete) = count(*) THEN sum(s.complete) END AS seizures,
       p.population,
       CASE WHEN count(s.complete) = count(*)
            THEN sum(s.complete) * 1e6 / p.population END AS rate_per_million
FROM force_drug_year s
LEFT JOIN fye_population p ON p.area_id = $region_id AND p.fye = $fye
WHERE s.fye = $fye AND s.drug = $drug AND s.region = $region_id AND s.kind = 'territorial'
GROUP BY p.population;

-- name: rank-drug-years
-- The years whose complete force tables have a column for one drug: fye.
SELECT DISTINCT fye FROM seizures WHERE drug = $drug ORDER BY fye;
