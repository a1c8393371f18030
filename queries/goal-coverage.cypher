// name: goal-coverage
// description: For each operational goal, the strategic actions contributing to it, certain
//   and possible contributions counted apart; least-covered goals first. Internal goals (SD
//   Interne organisatie) only with include_internal. With municipalities (ids), only the
//   actions active there count: the action or one of its projects is ACTIVE_IN one of them,
//   directly or through a neighbourhood. Same rows as
//   rimograph.questions.coverage.goal_coverage.
// parameters: include_internal: bool = false, municipalities: list = none
// order: certain, possible, name, goal
// sorted-lists: certain_actions, possible_actions
//
// Columns: goal (id), name, strategic_goal (name), theme (name or ""), certain, possible
// (counts), certain_actions, possible_actions (sorted names).
MATCH (goal:OperationalGoal)
WHERE goal.graphVersion = $version AND ($include_internal OR goal.scope <> 'internal')
WITH goal,
     COLLECT {
       MATCH (action)-[c:CONTRIBUTES_TO]->(goal) WHERE c.certainty = 'certain'
         AND (size(coalesce($municipalities, [])) = 0 OR EXISTS {
           MATCH (action)<-[:PART_OF]-{0,1}(entry)-[:ACTIVE_IN]->(place)-[:LOCATED_IN]->{0,1}(m)
           WHERE m.id IN $municipalities AND (place = m OR NOT place:Municipality)
         })
       RETURN action.name ORDER BY action.name
     } AS certainActions,
     COLLECT {
       MATCH (action)-[c:CONTRIBUTES_TO]->(goal) WHERE c.certainty = 'possible'
         AND (size(coalesce($municipalities, [])) = 0 OR EXISTS {
           MATCH (action)<-[:PART_OF]-{0,1}(entry)-[:ACTIVE_IN]->(place)-[:LOCATED_IN]->{0,1}(m)
           WHERE m.id IN $municipalities AND (place = m OR NOT place:Municipality)
         })
       RETURN action.name ORDER BY action.name
     } AS possibleActions
RETURN goal.id AS goal, goal.name AS name,
       head(COLLECT { MATCH (goal)-[:PART_OF]->(sd) RETURN sd.name ORDER BY sd.id })
         AS strategic_goal,
       coalesce(head(COLLECT { MATCH (goal)-[:HAS_THEME]->(t) RETURN t.name ORDER BY t.id }), '')
         AS theme,
       size(certainActions) AS certain, size(possibleActions) AS possible,
       certainActions AS certain_actions, possibleActions AS possible_actions
ORDER BY certain, possible, name, goal
