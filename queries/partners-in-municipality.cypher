// name: partners-in-municipality
// description: The partners of a municipality (or of the municipalities merged into a 2025
//   one): the partners of the local actions and projects active there (directly or through a
//   neighbourhood; province-wide work not counted), and the partners based there, told apart
//   by based_here. Generic partners only with include_generic. Same rows as
//   rimograph.questions.entries.partners_in_municipality.
// parameters: municipalities: list, include_generic: bool = false
// order: entries desc, name, partner
// sorted-lists: entry_names
//
// Columns: partner (id), name, kind, based_here (bool), entries (count of local entries
// partnering with it), entry_names (sorted).
CALL {
  MATCH (e)-[:ACTIVE_IN]->(place)-[:LOCATED_IN]->{0,1}(m:Municipality)
  WHERE (e:StrategicAction OR e:Project) AND m.id IN $municipalities
    AND (place = m OR NOT place:Municipality) AND m.graphVersion = $version
  MATCH (e)-[:PARTNERS_WITH]->(p:Partner)
  RETURN p
  UNION
  MATCH (p:Partner)-[:BASED_IN]->(m:Municipality)
  WHERE m.id IN $municipalities AND m.graphVersion = $version
  RETURN p
}
WITH DISTINCT p
WHERE $include_generic OR NOT p.generic
WITH p,
     COLLECT {
       MATCH (e)-[:PARTNERS_WITH]->(p)
       WHERE (e:StrategicAction OR e:Project) AND EXISTS {
         MATCH (e)-[:ACTIVE_IN]->(place)-[:LOCATED_IN]->{0,1}(m:Municipality)
         WHERE m.id IN $municipalities AND (place = m OR NOT place:Municipality)
       }
       RETURN e.name
     } AS entryNames
RETURN p.id AS partner, p.name AS name, p.kind AS kind,
       EXISTS { MATCH (p)-[:BASED_IN]->(m) WHERE m.id IN $municipalities } AS based_here,
       size(entryNames) AS entries, entryNames AS entry_names
ORDER BY entries DESC, name, partner
