// name: entries
// description: Every strategic action with its projects, with scope, timing, sector and
//   transversal flags, whether the partner list is open-ended, the number of partners, and
//   the themes, municipalities and target groups; filtered by theme, goal, municipalities,
//   year and target groups (each optional, all must hold). Same rows as
//   rimograph.questions.entries.entry_list.
// parameters: theme: str = none, goal: str = none, municipalities: list = none, year: int = none, target_groups: list = none
// order: action, type desc, name, entry
//
// Columns: entry (id), name, type, action (parent action's name), sector, transversal, scope,
// start, end, partners_open_ended, partners (count), themes, municipalities, target_groups
// (names, by id), page. A year filter keeps the entries running on a day of that year: a
// missing start counts as 2021, a missing or open end as 2025 (the plan's period).
MATCH (e) WHERE (e:StrategicAction OR e:Project) AND e.graphVersion = $version
OPTIONAL MATCH (e:Project)-[:PART_OF]->(parent:StrategicAction)
WITH e, coalesce(parent, e) AS action
WITH e, action,
     COLLECT {
       MATCH (action)-[c:CONTRIBUTES_TO]->()-[:HAS_THEME]->(t) WHERE c.certainty = 'certain'
       WITH DISTINCT t RETURN t ORDER BY t.id
     } AS themeNodes,
     COLLECT {
       MATCH (e)-[:ACTIVE_IN]->(place)-[:LOCATED_IN]->{0,1}(m:Municipality)
       WHERE place = m OR NOT place:Municipality
       WITH DISTINCT m RETURN m ORDER BY m.id
     } AS towns,
     COLLECT { MATCH (e)-[:TARGETS]->(g) RETURN g ORDER BY g.id } AS groups
WHERE ($theme IS NULL OR any(t IN themeNodes WHERE t.id = $theme))
  AND ($goal IS NULL
       OR EXISTS { MATCH (action)-[:CONTRIBUTES_TO]->(g:OperationalGoal) WHERE g.id = $goal })
  AND (size(coalesce($municipalities, [])) = 0
       OR any(m IN towns WHERE m.id IN $municipalities))
  AND (size(coalesce($target_groups, [])) = 0
       OR any(g IN groups WHERE g.id IN $target_groups))
  AND ($year IS NULL
       OR (coalesce(toInteger(left(e.start, 4)), 2021) <= $year
           AND $year <= coalesce(toInteger(left(e.end, 4)), 2025)))
RETURN e.id AS entry, e.name AS name,
       CASE WHEN e:Project THEN 'Project' ELSE 'StrategicAction' END AS type,
       action.name AS action, coalesce(action.sector, false) AS sector,
       coalesce(action.transversal, false) AS transversal, e.scope AS scope,
       coalesce(e.start, '') AS start, coalesce(e.end, '') AS end,
       coalesce(e.partnersOpenEnded, false) AS partners_open_ended,
       COUNT { (e)-[:PARTNERS_WITH]->() } AS partners,
       [t IN themeNodes | t.name] AS themes, [m IN towns | m.name] AS municipalities,
       [g IN groups | g.name] AS target_groups, coalesce(e.page, '') AS page
ORDER BY action, type DESC, name, entry
