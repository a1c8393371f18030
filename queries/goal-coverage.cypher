// name: goal-coverage
// description: For each operational goal, the strategic actions contributing to it, certain
//   and possible contributions counted apart; least-covered goals first. Internal goals (SD
//   Interne organisatie) only with include_internal. Same rows as
//   rimograph.questions.goal_coverage.
// parameters: include_internal: bool = false
// order: certain, possible, name, goal
// sorted-lists: certain_actions, possible_actions
//
// Columns: goal (id), name, strategic_goal (name), theme (name or ""), certain, possible
// (counts), certain_actions, possible_actions (sorted names).
MATCH (goal:OperationalGoal)
WHERE $include_internal OR goal.scope <> 'internal'
WITH goal,
     COLLECT {
       MATCH (action)-[c:CONTRIBUTES_TO]->(goal) WHERE c.certainty = 'certain'
       RETURN action.name ORDER BY action.name
     } AS certainActions,
     COLLECT {
       MATCH (action)-[c:CONTRIBUTES_TO]->(goal) WHERE c.certainty = 'possible'
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
