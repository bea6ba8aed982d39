-- Derived tables the named queries read. Built once, when the database file is made from data/.
-- Population convention: a financial year uses the ONS mid-year estimate at its start
-- (fye 2019, i.e. 2018-19, uses mid-2018), and only rows marked usable.

-- name: table-fye-population
-- area_id, fye, population: the usable mid-year population for each financial year.
CREATE TABLE fye_population AS
SELECT area_id, mid_year + 1 AS fye, population, source
FROM population
WHERE basis = 'mid-year' AND usable;

-- name: table-force-drug-year
-- One row per force, year and drug of the complete tables: seizures (null when blank), the
-- complete figure (null also when flags.csv marks the year's figures partial), the usable
-- population and the rate per million people from the complete figure. Every per-force
-- query reads this, so the population convention and the partial flag live in one place.
CREATE TABLE force_drug_year AS
SELECT s.fye, f.force_id, f.kind, f.region, s.drug, s.seizures, s.source,
       CASE WHEN fl.note IS NULL THEN s.seizures END AS complete,
       fl.note AS partial_note,
       p.population, p.source AS population_source,
       CASE WHEN fl.note IS NULL THEN s.seizures END * 1e6 / p.population AS rate_per_million
FROM seizures s
JOIN forces f USING (force_id)
LEFT JOIN fye_population p ON p.area_id = s.force_id AND p.fye = s.fye
LEFT JOIN flags fl ON fl.fye = s.fye AND fl.force_id = s.force_id AND fl.flag = 'partial';

-- name: table-force-year
-- force_drug_year for all drugs: a partial figure keeps its count but gets no rate, so it
-- is never ranked.
CREATE TABLE force_year AS
SELECT * EXCLUDE (drug) FROM force_drug_year WHERE drug = 'all_drugs';

-- name: table-national-total
-- The national (police and Border Force) total of one edition per year: the
-- transcription's series, which the per-force tables add up to.
CREATE TABLE national_total AS
SELECT fye, drug, CAST(value AS BIGINT) AS seizures, source, edition
FROM national
WHERE authority = 'all' AND measure = 'seizures' AND source = 'bdd-national-seizures';

-- name: table-national-release
-- Each release's all-drug seizures for each year it gave figures for: total (police and
-- Border Force), police (including BTP) and Border Force, as published or, where it gave
-- two of the three, the third as their difference. given: how many it published (three
-- must add up; a release giving two values for one of them is passed over). source cites
-- its police figure, or its total.
CREATE TABLE national_release AS
WITH published AS (
    SELECT fye, authority, CAST(value AS BIGINT) AS value, source,
           CAST(regexp_extract(edition, 'FYE([0-9]+)', 1) AS INTEGER) AS release_fye
    FROM national
    WHERE measure = 'seizures' AND drug = 'all_drugs' AND value IS NOT NULL
      AND authority IN ('all', 'police', 'border-force') AND regexp_matches(edition, 'FYE[0-9]+')
),
one AS (
    SELECT fye, release_fye, authority, min(value) AS value, min(source) AS source
    FROM published GROUP BY fye, release_fye, authority HAVING count(DISTINCT value) = 1
),
release AS (
    SELECT fye, release_fye, count(*) AS given,
           max(value) FILTER (WHERE authority = 'all') AS total,
           max(value) FILTER (WHERE authority = 'police') AS police,
           max(value) FILTER (WHERE authority = 'border-force') AS border_force,
           coalesce(max(source) FILTER (WHERE authority = 'police'),
                    max(source) FILTER (WHERE authority = 'all')) AS source
    FROM one GROUP BY fye, release_fye
)
SELECT fye, release_fye, 'FYE' || release_fye || ' release' AS edition, given,
       coalesce(total, police + border_force) AS total,
       coalesce(police, total - border_force) AS police,
       coalesce(border_force, total - police) AS border_force, source
FROM release
WHERE given < 3 OR total = police + border_force;

-- name: table-national-split
-- The police / Border Force / total split of all-drug seizures from ONE release per year:
-- the earliest release that gave at least two of the three (national_release). Its Border
-- Force figure is the one the per-force tables carry (tests/answers/test_editions.py), so the
-- England and Wales rate and the forces' rates stand on one edition. transcribed: its
-- total is the transcribed national table's too (the same edition, so no note is needed).
CREATE TABLE national_split AS
SELECT r.fye, r.release_fye, r.edition, r.total, r.police, r.border_force, r.source,
       r.total = t.seizures AS transcribed
FROM national_release r
LEFT JOIN national_total t ON t.fye = r.fye AND t.drug = 'all_drugs'
WHERE r.given >= 2
QUALIFY row_number() OVER (PARTITION BY r.fye ORDER BY r.release_fye) = 1;

-- name: table-territorial-year
-- Seizures by the 43 territorial forces, per year and drug, with the England and Wales
-- rate per million: the national average the Home Office and PA use (2018-19: 2,432).
-- All drugs: the police figure of the year's national_split (one release) less British
-- Transport Police; without a split, and for single drugs, the transcribed national total
-- less Border Force less BTP. edition names the release where its figures are not the
-- transcribed table's (edition_source cites it), so a reply can say which it used.
-- table_seizures: always the transcribed total less Border Force less BTP, the count the
-- single drugs' (transcribed) counts are shares of. previous_seizures: the year before as
-- the same release gave its police figure (less that year's BTP), else that year's own.
CREATE TABLE territorial_year AS
WITH base AS (
    SELECT n.fye, n.drug, n.seizures AS national_seizures,
           bf.seizures AS border_force_seizures, btp.seizures AS btp_seizures,
           CASE WHEN n.drug = 'all_drugs' AND s.fye IS NOT NULL THEN s.police
                ELSE n.seizures - bf.seizures END AS police_seizures,
           CASE WHEN n.drug = 'all_drugs' THEN s.edition END AS split_edition,
           CASE WHEN n.drug = 'all_drugs' THEN s.total END AS split_total,
           CASE WHEN n.drug = 'all_drugs' THEN s.border_force END AS split_border_force,
           CASE WHEN n.drug = 'all_drugs' AND NOT s.transcribed THEN s.edition END AS edition,
           CASE WHEN n.drug = 'all_drugs' THEN s.source END AS edition_source,
           CASE WHEN n.drug = 'all_drugs' THEN s.release_fye END AS release_fye
    FROM national_total n
    LEFT JOIN national_split s ON s.fye = n.fye
    LEFT JOIN seizures bf
           ON bf.fye = n.fye AND bf.drug = n.drug AND bf.force_id = 'border-force'
    LEFT JOIN seizures btp ON btp.fye = n.fye AND btp.drug = n.drug AND btp.force_id = 'btp'
),
year AS (
    SELECT b.*, b.police_seizures - b.btp_seizures AS seizures,
           b.national_seizures - b.border_force_seizures - b.btp_seizures AS table_seizures
    FROM base b
)
SELECT y.* EXCLUDE (release_fye),
       coalesce(r.police - before.btp_seizures, before.seizures) AS previous_seizures,
       p.population, y.seizures * 1e6 / p.population AS rate_per_million
FROM year y
LEFT JOIN year before ON before.fye = y.fye - 1 AND before.drug = y.drug
LEFT JOIN national_release r ON r.fye = y.fye - 1 AND r.release_fye = y.release_fye
LEFT JOIN fye_population p ON p.area_id = 'england-and-wales' AND p.fye = y.fye;

-- name: table-region-year
-- Each region's seizures of all drugs (sum of its forces, only when every force reported
-- a complete figure)
-- and its rate where the region's population is usable.
CREATE TABLE region_year AS
SELECT fy.fye, fy.region AS region_id,
       CASE WHEN count(fy.complete) = count(*) THEN sum(fy.complete) END AS seizures,
       count(*) AS forces, count(fy.complete) AS forces_reporting,
       p.population,
       CASE WHEN count(fy.complete) = count(*)
            THEN sum(fy.complete) * 1e6 / p.population END AS rate_per_million
FROM force_year fy
LEFT JOIN fye_population p ON p.area_id = fy.region AND p.fye = fy.fye
WHERE fy.kind = 'territorial'
GROUP BY fy.fye, fy.region, p.population;

-- name: table-force-rank
-- Each territorial force's ranks in each year, prepared once: by rate per million among
-- forces with a rate (nationally and in its region), and by count within its region.
CREATE TABLE force_rank AS
SELECT fye, force_id, region,
       CASE WHEN rate_per_million IS NOT NULL THEN
           rank() OVER (PARTITION BY fye, rate_per_million IS NULL
                        ORDER BY rate_per_million DESC) END AS national_rank,
       count(rate_per_million) OVER (PARTITION BY fye) AS national_count,
       CASE WHEN rate_per_million IS NOT NULL THEN
           rank() OVER (PARTITION BY fye, region, rate_per_million IS NULL
                        ORDER BY rate_per_million DESC) END AS region_rank,
       count(rate_per_million) OVER (PARTITION BY fye, region) AS region_count,
       CASE WHEN complete IS NOT NULL THEN
           rank() OVER (PARTITION BY fye, region, complete IS NULL
                        ORDER BY complete DESC) END AS region_count_rank,
       count(complete) OVER (PARTITION BY fye, region) AS region_count_of
FROM force_year
WHERE kind = 'territorial';

-- name: table-force-card
-- One row per force and year of the complete tables with what its card compares it with:
-- its rate, the England and Wales and region rates, and its prepared ranks.
CREATE TABLE force_card AS
SELECT fy.force_id, fy.fye, fy.seizures, fy.population, fy.rate_per_million, fy.source,
       fy.population_source, fy.partial_note,
       r.national_rank, r.national_count, r.region_rank, r.region_count,
       r.region_count_rank, r.region_count_of,
       t.rate_per_million AS national_rate, t.edition AS national_edition,
       t.edition_source AS national_edition_source, ry.rate_per_million AS region_rate
FROM force_year fy
LEFT JOIN force_rank r ON r.fye = fy.fye AND r.force_id = fy.force_id
LEFT JOIN territorial_year t ON t.fye = fy.fye AND t.drug = 'all_drugs'
LEFT JOIN region_year ry ON ry.fye = fy.fye AND ry.region_id = fy.region;

-- name: table-unusual
-- Published figures out of line, found by rule (never from a list), one row per force,
-- year, drug and rule (bot/bundled/README.md, "Unusual figures", lists every flag):
--   spike        a one-off: the figure is more than three times both neighbours or under a
--                third of both, at least 50 seizures from the nearer, and the neighbours
--                agree (they differ by at most half the figure's distance from the nearer):
--                before and after; for the tables' first year, all drugs and class totals
--                only, the two years after (after, part). A level shift (the neighbours
--                disagree) is not flagged, nor the newest year (the year that would show
--                it one-off is not out yet).
--   below_part   an all-drugs total below one of its own parts (the largest such part).
--   above_parts  an all-drugs total above its classes and unknown, or a class total above
--                its drugs, by more than rounding (over 5 seizures and over 2%): part is
--                the sum of the parts. (Parts may add up to more: a seizure of several
--                drugs counts once in a total and once per drug.)
--   unknown_rise a note, not a warning: a change in all drugs of at least 100, three
--                quarters or more of it in unknown drugs (the same way): before the year
--                before's total, after this year's unknown drugs, part their change.
-- Incomplete (partial) and blank figures are never compared.
CREATE TABLE unusual AS
WITH c AS (
    SELECT fye, force_id, drug, complete AS n FROM force_drug_year WHERE complete IS NOT NULL
),
first AS (SELECT min(fye) AS fye FROM c),
trio AS (  -- a figure and the two it is compared with (a, b): either side, or both after
    SELECT c.fye, c.force_id, c.drug, c.n, p.n AS a, nx.n AS b, p.n AS before,
           nx.n AS after, CAST(NULL AS BIGINT) AS part
    FROM c
    JOIN c p ON p.force_id = c.force_id AND p.drug = c.drug AND p.fye = c.fye - 1
    JOIN c nx ON nx.force_id = c.force_id AND nx.drug = c.drug AND nx.fye = c.fye + 1
    UNION ALL
    SELECT c.fye, c.force_id, c.drug, c.n, n1.n, n2.n, NULL, n1.n, n2.n
    FROM c
    JOIN first e ON e.fye = c.fye AND c.drug IN ('all_drugs', 'class_a', 'class_b', 'class_c')
    JOIN c n1 ON n1.force_id = c.force_id AND n1.drug = c.drug AND n1.fye = c.fye + 1
    JOIN c n2 ON n2.force_id = c.force_id AND n2.drug = c.drug AND n2.fye = c.fye + 2
),
class_of AS (  -- each force's drug in each year with its class that year (no forms)
    SELECT c.*, CASE WHEN d.class_to_fye2014 <> '' AND c.fye <= 2014
                     THEN d.class_to_fye2014 ELSE d.drug_class END AS drug_class
    FROM c JOIN drugs d USING (drug)
    WHERE d.kind = 'drug' AND d.drug NOT IN ('herbal_cannabis', 'cannabis_resin', 'cannabis_plants')
),
parts AS (  -- each total and the sum of its parts, where every part has a figure
    SELECT fye, force_id, 'class_' || lower(drug_class) AS drug, sum(n) AS part
    FROM class_of GROUP BY fye, force_id, drug_class
    UNION ALL
    SELECT fye, force_id, 'all_drugs', CASE WHEN count(*) = 4 THEN sum(n) END
    FROM c WHERE drug IN ('class_a', 'class_b', 'class_c', 'unknown')
    GROUP BY fye, force_id
)
SELECT t.fye, t.force_id, t.drug, 'spike' AS rule, t.n AS seizures, t.before, t.after,
       CAST(NULL AS VARCHAR) AS part_drug, t.part
FROM trio t
WHERE least(abs(t.n - t.a), abs(t.n - t.b)) >= 50
  AND (t.n > 3 * greatest(t.a, t.b) OR 3 * t.n < least(t.a, t.b))
  AND abs(t.a - t.b) <= 0.5 * least(abs(t.n - t.a), abs(t.n - t.b))
UNION ALL
SELECT * FROM (
    SELECT t.fye, t.force_id, t.drug, 'below_part', t.n, NULL, NULL, p.drug, p.n
    FROM c t JOIN c p ON p.fye = t.fye AND p.force_id = t.force_id AND p.drug <> t.drug
    WHERE t.drug = 'all_drugs' AND p.n > t.n
    QUALIFY row_number() OVER (PARTITION BY t.fye, t.force_id ORDER BY p.n DESC, p.drug) = 1
)
UNION ALL
SELECT t.fye, t.force_id, t.drug, 'above_parts', t.n, NULL, NULL, NULL, p.part
FROM c t JOIN parts p USING (fye, force_id, drug)
WHERE t.n - p.part > 5 AND t.n - p.part > 0.02 * t.n
UNION ALL
SELECT t.fye, t.force_id, t.drug, 'unknown_rise', t.n, p.n, u.n, 'unknown', u.n - up.n
FROM c t
JOIN c p ON p.force_id = t.force_id AND p.drug = t.drug AND p.fye = t.fye - 1
JOIN c u ON u.force_id = t.force_id AND u.fye = t.fye AND u.drug = 'unknown'
JOIN c up ON up.force_id = t.force_id AND up.fye = t.fye - 1 AND up.drug = 'unknown'
WHERE t.drug = 'all_drugs' AND abs(t.n - p.n) >= 100
  AND sign(u.n - up.n) = sign(t.n - p.n) AND abs(u.n - up.n) >= 0.75 * abs(t.n - p.n);
