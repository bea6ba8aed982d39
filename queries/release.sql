-- name: releases
-- Every release imported by `seizure-bot update`, oldest first: its source id, title,
-- publication date, page address, the years it carried and its files.
SELECT r.source, r.title, r.published, r.url, r.years, r.files, s.edition
FROM releases r LEFT JOIN sources s USING (source)
ORDER BY r.published, r.source;

-- name: blank-meaning
-- What a blank cell an imported release gave means, by the release's own shorthand: note
-- ("suppressed for confidentiality") and the release's edition; no row for other blanks.
SELECT f.note, s.edition
FROM flags f JOIN sources s USING (source)
WHERE f.fye = $fye AND f.force_id = $force_id AND f.flag = 'blank-' || $drug;

-- name: release-new-drugs
-- Drugs that only imported releases carry (a new column, "Nitrous oxide"): label and class.
SELECT d.label, d.drug_class
FROM drugs d
WHERE d.kind = 'drug'
  AND EXISTS (SELECT 1 FROM seizures s JOIN releases r USING (source) WHERE s.drug = d.drug)
  AND NOT EXISTS (SELECT 1 FROM seizures s WHERE s.drug = d.drug
                  AND s.source NOT IN (SELECT source FROM releases))
ORDER BY d.label;

-- name: force-revision-all
-- The latest revision of one force's all-drugs figure in one year: the earlier figure and
-- edition, and the edition that revised it (no row when the figure was never revised).
-- The only copy, every key at once (key_force_id, key_fye): the store runs it once
-- and keeps each key's rows; "force-revision" is derived from it (loader.one_key).
SELECT v.force_id AS key_force_id, v.fye AS key_fye, v.seizures AS earlier,
       old.edition AS earlier_edition, new.edition AS edition
FROM revisions v
LEFT JOIN sources old ON old.source = v.source
LEFT JOIN sources new ON new.source = v.superseded_by
LEFT JOIN releases r ON r.source = v.superseded_by
WHERE v.drug = 'all_drugs'
QUALIFY row_number() OVER (PARTITION BY v.force_id, v.fye
                           ORDER BY r.published DESC NULLS LAST, v.superseded_by DESC) = 1
ORDER BY v.force_id, v.fye;

-- name: year-releases
-- Per financial year, each imported release whose figures the year's table holds: its
-- edition, how many figures come from it, how many of them replaced a figure held before
-- (revised), and how many figures the year has in all.
SELECT s.fye, src.edition, count(*) AS figures,
       (SELECT count(*) FROM revisions v
        WHERE v.fye = s.fye AND v.superseded_by = s.source) AS revised,
       (SELECT count(*) FROM seizures y WHERE y.fye = s.fye) AS year_figures
FROM seizures s
JOIN releases r USING (source)
JOIN sources src USING (source)
GROUP BY s.fye, s.source, src.edition
ORDER BY s.fye, src.edition;
