// name: mentions
// description: The sections of the plan whose text names a municipality (by id),
//   with the lines and the strings found, in the plan's order. Same rows as
//   rimograph.questions.mentions.mentions.
// parameters: id: str
// order: line, section
//
// Columns: section (id), title, page, line (the first), lines ("; "-joined), count,
// as_written.
MATCH (n {id: $id})-[m:MENTIONED_IN]->(s:Section)
RETURN s.id AS section, s.name AS title, m.page AS page, m.lineStart AS line,
       m.lines AS lines, m.mentions AS count, m.names AS as_written
ORDER BY line, section
