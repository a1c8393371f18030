// name: partners-spanning-themes
// description: Partners that work across at least min_themes themes. A partner spans a theme
//   when it partners in an action or project whose strategic action (a project takes its
//   parent action's) certainly contributes to an operational goal of that theme; the overview
//   table's "possibly" marks do not count. Generic partners (kind generic or role) only with
//   include_generic. Same rows as rimograph.questions.partners_spanning_themes.
// parameters: min_themes: int = 2, include_generic: bool = false
// order: themes desc, entries desc, name, partner
// sorted-lists: entry_names
//
// Columns: partner (id), name, kind, themes (count), theme_names (by theme id), entries
// (count), entry_names (sorted). Needs Neo4j 5.6+ (COLLECT subqueries).
MATCH (p:Partner)
WHERE p.graphVersion = $version AND ($include_generic OR NOT p.generic)
WITH p,
     COLLECT {
       MATCH (entry)-[:PARTNERS_WITH]->(p)
       OPTIONAL MATCH (entry:Project)-[:PART_OF]->(parent)
       WITH DISTINCT coalesce(parent, entry) AS action
       MATCH (action)-[c:CONTRIBUTES_TO]->()-[:HAS_THEME]->(theme)
       WHERE c.certainty = 'certain'
       WITH DISTINCT theme
       RETURN theme ORDER BY theme.id
     } AS themeNodes,
     COLLECT {
       MATCH (entry)-[:PARTNERS_WITH]->(p)
       RETURN entry.name ORDER BY entry.name
     } AS entryNames
WHERE size(themeNodes) >= $min_themes
RETURN p.id AS partner, p.name AS name, p.kind AS kind,
       size(themeNodes) AS themes, [t IN themeNodes | t.name] AS theme_names,
       size(entryNames) AS entries, entryNames AS entry_names
ORDER BY themes DESC, entries DESC, name, partner
