-- name: compare-region-ranks
-- Every region in one year with its seizures, rate per million, rank by rate among the
-- regions with a rate, and how many regions have one.
SELECT region_id, seizures, rate_per_million,
       CASE WHEN rate_per_million IS NOT NULL THEN
           rank() OVER (PARTITION BY rate_per_million IS NULL
                        ORDER BY rate_per_million DESC) END AS rank,
       count(rate_per_million) OVER () AS ranked
FROM region_year
WHERE fye = $fye
ORDER BY rate_per_million DESC NULLS LAST, region_id;

-- name: compare-region-drugs
-- A region's seizures by drug in one year: the sum over its territorial forces, empty
-- unless every force has a figure for that drug; with each drug's label and kind.
SELECT s.drug, d.label, d.kind,
       CASE WHEN count(s.seizures) = count(*) THEN sum(s.seizures) END AS seizures
FROM seizures s
JOIN forces f ON f.force_id = s.force_id
JOIN drugs d ON d.drug = s.drug
WHERE f.region = $region_id AND f.kind = 'territorial' AND s.fye = $fye
GROUP BY s.drug, d.label, d.kind
ORDER BY seizures DESC NULLS LAST, s.drug;

-- name: compare-region-sources
-- The sources behind a region's figures in one year: its forces' table and population.
SELECT DISTINCT source FROM force_year
WHERE region = $region_id AND kind = 'territorial' AND fye = $fye
UNION
SELECT DISTINCT source FROM fye_population WHERE area_id = $region_id AND fye = $fye;
