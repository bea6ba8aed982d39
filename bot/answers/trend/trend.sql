-- name: trend-region-series
-- Every year of one region's seizures of one drug in the complete tables: fye, seizures
-- (null unless every force in the region gave a complete figure: a blank or a figure
-- flagged partial leaves the region without one), forces, forces_reporting, the usable
-- population (null when none) and the sources.
SELECT s.fye,
       CASE WHEN count(s.complete) = count(*) THEN sum(s.complete) END AS seizures,
       count(*) AS forces, count(s.complete) AS forces_reporting, p.population,
       min(s.source) AS source, min(p.source) AS population_source
FROM force_drug_year s
LEFT JOIN fye_population p ON p.area_id = s.region AND p.fye = s.fye
WHERE s.region = $region_id AND s.kind = 'territorial' AND s.drug = $drug
GROUP BY s.fye, p.population
ORDER BY s.fye;

-- name: trend-national-published
-- National seizures (police and Border Force) of one drug as published in the yearly
-- releases, for years after $after: fye, value, edition, note and page address; one row
-- per edition (a revised figure comes in the next year's release).
SELECT n.fye, n.value, n.edition, n.note, s.url
FROM national n JOIN sources s USING (source)
WHERE n.authority = 'all' AND n.measure = 'seizures' AND n.drug = $drug AND n.fye > $after
  AND n.source <> 'bdd-national-seizures' AND n.value IS NOT NULL
ORDER BY n.fye, n.edition;
