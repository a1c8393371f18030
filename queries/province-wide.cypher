// name: province-wide
// description: Actions and projects whose scope is the province or Flanders rather than
//   named towns, by name. Same rows as rimograph.questions.province_wide.
// parameters:
// order: name, entry
//
// Columns: entry (id), name, type (StrategicAction or Project), scope.
MATCH (entry)
WHERE (entry:StrategicAction OR entry:Project) AND entry.scope <> 'local'
  AND entry.graphVersion = $version
RETURN entry.id AS entry, entry.name AS name,
       CASE WHEN entry:Project THEN 'Project' ELSE 'StrategicAction' END AS type,
       entry.scope AS scope
ORDER BY name, entry
