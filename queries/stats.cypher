// name: stats
// description: Node and relationship counts by label and type (rimograph's labels only).
//   Same rows as rimograph.questions.stats.
// parameters:
// order: kind desc, type
//
// Columns: kind (node or edge), type, count.
CALL () {
  MATCH (n:StrategicGoal|Theme|OperationalGoal|StrategicAction|Project|Partner|Municipality|
           Neighbourhood|TargetGroup|Indicator|Region|Section|Priority|SectorGoal)
  WHERE n.graphVersion = $version
  RETURN 'node' AS kind, labels(n)[0] AS type, count(*) AS count
  UNION ALL
  MATCH (a)-[r]->(b)
  WHERE a:StrategicGoal|Theme|OperationalGoal|StrategicAction|Project|Partner|Municipality|
          Neighbourhood|TargetGroup|Indicator|Region|Section|Priority|SectorGoal
    AND b:StrategicGoal|Theme|OperationalGoal|StrategicAction|Project|Partner|Municipality|
          Neighbourhood|TargetGroup|Indicator|Region|Section|Priority|SectorGoal
    AND a.graphVersion = $version
  RETURN 'edge' AS kind, type(r) AS type, count(*) AS count
}
RETURN kind, type, count
ORDER BY kind DESC, type
