// name: node-neighbourhood
// description: Every relationship of the node with this id, outgoing and incoming, with the
//   node at the other end. Same rows as rimograph.questions.neighbours.
// parameters: id: str
// order: relation, direction, other_type, other_name, other
//
// Columns: direction (out/in), relation (type), other (id), other_name, other_type (label),
// certainty, basis, detail (group, else kind, else body), page ("" where the relationship has
// none). Neo4j 5.23+ (CALL (node)).
// The id is matched without a label (ids are unique across labels: <type>:<slug>), which
// scans the nodes: fine for a plan; give the label for a big graph.
MATCH (node) WHERE node.id = $id AND node.graphVersion = $version
CALL (node) {
  MATCH (node)-[r]->(other)
  RETURN 'out' AS direction, r, other
  UNION ALL
  MATCH (node)<-[r]-(other)
  RETURN 'in' AS direction, r, other
}
RETURN direction, type(r) AS relation, other.id AS other, other.name AS other_name,
       labels(other)[0] AS other_type, coalesce(r.certainty, '') AS certainty,
       coalesce(r.basis, '') AS basis, coalesce(r.group, r.kind, r.body, '') AS detail,
       coalesce(r.page, '') AS page
ORDER BY relation, direction, other_type, other_name, other
