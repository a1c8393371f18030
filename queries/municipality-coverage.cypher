// name: municipality-coverage
// description: For each municipality (the 42 of 2019-2024), the actions and projects active
//   there, directly or through one of its neighbourhoods; uncovered municipalities first,
//   then by name. Same rows as rimograph.questions.municipality_coverage.
// parameters:
// order: entries > 0, name, municipality
// sorted-lists: entry_names
//
// Columns: municipality (id), nis, name, name_2025, entries (count), entry_names (sorted).
// The path goes ACTIVE_IN to the municipality itself (0 LOCATED_IN hops) or ACTIVE_IN to a
// place that is not a municipality and LOCATED_IN the municipality (1 hop). Neo4j 5.9+.
MATCH (m:Municipality) WHERE m.graphVersion = $version
WITH m,
     COLLECT {
       MATCH (entry)-[:ACTIVE_IN]->(place)-[:LOCATED_IN]->{0,1}(m)
       WHERE (entry:StrategicAction OR entry:Project)
         AND (place = m OR NOT place:Municipality)
       WITH DISTINCT entry
       RETURN entry.name ORDER BY entry.name
     } AS entryNames
RETURN m.id AS municipality, m.nis AS nis, m.name AS name, m.name2025 AS name_2025,
       size(entryNames) AS entries, entryNames AS entry_names
ORDER BY entries > 0, name, municipality
