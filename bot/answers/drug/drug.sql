-- name: drug-national-breakdown
-- The national (police and Border Force) seizures of every drug in one year: drug, label,
-- kind (total | class_total | drug | unknown), class and seizures, largest first.
SELECT n.drug, d.label, d.kind,
       CASE WHEN d.class_to_fye2014 <> '' AND n.fye <= 2014 THEN d.class_to_fye2014
            ELSE d.drug_class END AS drug_class,
       n.seizures, n.source
FROM national_total n JOIN drugs d USING (drug)
WHERE n.fye = $fye
ORDER BY n.seizures DESC NULLS LAST, n.drug;

-- name: drug-national-published
-- National figures as published for one year and a list of drugs (years after the
-- complete tables), in the fields of a published figure: fye, authority, measure, drug,
-- value, unit, publisher (the edition) and page address.
SELECT n.fye, n.authority, n.measure, n.drug, n.value, n.unit, n.edition AS publisher, s.url
FROM national n JOIN sources s USING (source)
WHERE n.fye = $fye AND list_contains($drugs, n.drug) AND n.value IS NOT NULL
  AND n.source <> 'bdd-national-seizures' AND n.source <> 'bdd-national-quantities'
ORDER BY list_position($drugs, n.drug), n.authority, n.measure, n.edition;

-- name: drug-area-published
-- Every figure published for one force or area (as in reported.csv), in the fields of a
-- published figure: fye, authority (the area), measure, drug, value, unit, publisher, url.
SELECT fye, area_id AS authority, measure, coalesce(drug, '') AS drug, value, unit,
       source_type AS publisher, source_url AS url
FROM reported
WHERE area_id = $area_id AND value IS NOT NULL
ORDER BY fye, measure, drug, source;

-- name: drug-force-series-all
-- Every year of one force's seizures of one drug in the complete tables: fye, seizures
-- (null when blank), the force's seizures of all drugs that year, the usable population
-- (null when none), partial_note (why the year's figures are incomplete, if flagged) and
-- the sources.
-- The only copy, every key at once (key_drug, key_force_id): the store runs it once
-- and keeps each key's rows; "drug-force-series" is derived from it (loader.one_key).
SELECT s.force_id AS key_force_id, s.drug AS key_drug, s.fye, s.seizures,
       t.seizures AS all_seizures, s.population, s.partial_note, s.source, s.population_source
FROM force_drug_year s
LEFT JOIN seizures t ON t.fye = s.fye AND t.force_id = s.force_id AND t.drug = 'all_drugs'
ORDER BY s.force_id, s.drug, s.fye;

-- name: drug-national-series-all
-- Every year of the national (police and Border Force) seizures of one drug: fye,
-- seizures, all_seizures (all drugs), the 43 territorial forces' seizures of the drug and
-- of all drugs, Border Force's, the England and Wales population and the territorial rate
-- per million; the edition and source of the national table. The territorial forces'
-- seizures of all drugs are the year's one England and Wales count (territorial_year:
-- the count every reply for the year uses), territorial_edition the release it comes from
-- where that is not the transcribed table.
-- The only copy, every key at once (key_drug): the store runs it once
-- and keeps each key's rows; "drug-national-series" is derived from it (loader.one_key).
SELECT n.drug AS key_drug, n.fye, n.seizures, a.seizures AS all_seizures,
       t.seizures AS territorial_seizures, ta.seizures AS territorial_all_seizures,
       ta.edition AS territorial_edition, t.border_force_seizures, t.population, t.rate_per_million, n.source, n.edition
FROM national_total n
LEFT JOIN national_total a ON a.fye = n.fye AND a.drug = 'all_drugs'
LEFT JOIN territorial_year t ON t.fye = n.fye AND t.drug = n.drug
LEFT JOIN territorial_year ta ON ta.fye = n.fye AND ta.drug = 'all_drugs'
ORDER BY n.drug, n.fye;

-- name: drug-force-quantities-all
-- One force's quantities seized of every drug in one year: drug, label, quantity, unit (kg,
-- plants, thousand plants, thousand doses) and source. The answer picks the drugs it needs.
-- The only copy, every key at once (key_force_id, key_fye): the store runs it once
-- and keeps each key's rows; "drug-force-quantities" is derived from it (loader.one_key).
SELECT q.force_id AS key_force_id, q.fye AS key_fye, q.drug, d.label, q.quantity, q.unit,
       q.source
FROM quantities q JOIN drugs d USING (drug)
WHERE q.quantity IS NOT NULL
ORDER BY q.force_id, q.fye, q.drug, q.unit;

-- name: drug-national-quantities-all
-- National quantities seized of every drug in one year, from the same transcribed national
-- tables as national_total: drug, label, quantity, unit and source.
-- The only copy, every key at once (key_fye): the store runs it once
-- and keeps each key's rows; "drug-national-quantities" is derived from it (loader.one_key).
SELECT n.fye AS key_fye, n.drug, d.label, n.value AS quantity, n.unit, n.source
FROM national n JOIN drugs d USING (drug)
WHERE n.authority = 'all' AND n.measure = 'quantity' AND n.source = 'bdd-national-quantities'
  AND n.value IS NOT NULL
ORDER BY n.fye, n.drug, n.unit;
