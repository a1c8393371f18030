// name: target-group-entries
// description: The actions and projects for a target group: those that TARGET it or one of
//   its narrower groups (BROADER, any depth), with the group they target (via) and whether
//   that is a narrower group. Same rows as rimograph.questions.nodes.target_group_entries.
// parameters: id: str
// order: name, via, entry
//
// Columns: entry (id), name, type, via (target group name), narrower (bool), page (of the
// TARGETS fact).
MATCH (top:TargetGroup {id: $id})
MATCH (group:TargetGroup)-[:BROADER]->{0,}(top)
WITH DISTINCT top, group
MATCH (entry)-[t:TARGETS]->(group)
RETURN entry.id AS entry, entry.name AS name,
       CASE WHEN entry:Project THEN 'Project' ELSE 'StrategicAction' END AS type,
       group.name AS via, group <> top AS narrower, coalesce(t.page, '') AS page
ORDER BY name, via, entry
