-- name: forces
-- Every force: force_id, name, full_name, region id, region name, country, kind.
SELECT f.force_id, f.name, f.full_name, f.region AS region_id, r.name AS region_name,
       f.country, f.kind
FROM forces f LEFT JOIN regions r ON r.region_id = f.region
ORDER BY f.force_id;

-- name: places
-- Every local authority district (as named in the ONS lookups) and the force that polices it.
SELECT name, force_id, lad_code FROM places ORDER BY name, lad_code;

-- name: regions
-- Every region: region_id, name, home_office_name, country.
SELECT region_id, name, home_office_name, country FROM regions ORDER BY region_id;

-- name: drugs
-- Every drug id with its label, kind (total | class_total | drug | unknown) and class.
SELECT drug, label, kind, drug_class, class_to_fye2014 FROM drugs;

-- name: coverage
-- The first and last financial year of the complete per-force tables, and the last year
-- with any published figure (national headlines or a force's published total).
SELECT (SELECT min(fye) FROM seizures) AS first_fye,
       (SELECT max(fye) FROM seizures) AS last_fye,
       greatest((SELECT max(fye) FROM national), (SELECT max(fye) FROM reported))
           AS last_reported_fye;

-- name: sources
-- The sources cited by a list of ids.
SELECT source, title, publisher, url, licence, edition
FROM sources WHERE list_contains($ids, source) ORDER BY source;

-- name: coverage-by-year
-- Per financial year: forces with a complete-table total, forces left blank, forces or
-- areas with a published total, national headline rows, and whether a rate is possible.
SELECT y.fye,
       (SELECT count(*) FROM seizures s WHERE s.fye = y.fye AND s.drug = 'all_drugs'
            AND s.seizures IS NOT NULL) AS table_forces,
       (SELECT count(*) FROM seizures s WHERE s.fye = y.fye AND s.drug = 'all_drugs'
            AND s.seizures IS NULL) AS blank_forces,
       (SELECT count(DISTINCT area_id) FROM reported r WHERE r.fye = y.fye
            AND r.measure = 'seizures' AND r.drug = 'all_drugs') AS published_totals,
       (SELECT count(*) FROM national n WHERE n.fye = y.fye) AS national_rows,
       (SELECT count(*) FROM fye_population p WHERE p.fye = y.fye
            AND p.area_id = 'england-and-wales') AS national_population
FROM (SELECT DISTINCT fye FROM national UNION SELECT DISTINCT fye FROM seizures
      UNION SELECT DISTINCT fye FROM reported) y
ORDER BY y.fye;

-- name: source-summary
-- How many rows of each table cite each kind of source (the id's first word).
SELECT split_part(s.source, '-', 1) AS kind, count(*) AS sources, min(s.licence) AS licence
FROM sources s GROUP BY 1 ORDER BY 1;
