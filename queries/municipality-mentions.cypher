// name: municipality-mentions
// description: Every municipality (2019-2024) by whether the plan names it and works there:
//   never-mentioned, mentioned-without-action (named, no local action or project),
//   with-action; with the sections naming it. Same rows as
//   rimograph.questions.mentions.municipality_mentions.
// parameters:
// order: entries > 0, sections > 0, name, municipality
//
// Columns: municipality (id), name, name_2025, status, sections (count), section_titles (in
// the plan's order), entries (local actions and projects).
MATCH (m:Municipality)
WITH m,
     COLLECT { MATCH (m)-[r:MENTIONED_IN]->(s:Section) RETURN s.name ORDER BY r.lineStart }
       AS titles,
     COUNT {
       MATCH (entry)-[:ACTIVE_IN]->(place)-[:LOCATED_IN]->{0,1}(m)
       WHERE (entry:StrategicAction OR entry:Project) AND (place = m OR NOT place:Municipality)
       WITH DISTINCT entry RETURN entry
     } AS local
WITH m, titles, local,
     CASE WHEN local > 0 THEN 'with-action'
          WHEN size(titles) > 0 THEN 'mentioned-without-action'
          ELSE 'never-mentioned' END AS status
RETURN m.id AS municipality, m.name AS name, m.name2025 AS name_2025, status,
       size(titles) AS sections, titles AS section_titles, local AS entries
ORDER BY entries > 0, sections > 0, name, municipality
