// name: need-facts
// description: Per municipality (the 42 of 2019-2024): the need figures of the environment
//   analysis measured there, each with its indicator's need signal and the plan's Limburg
//   figure of the same year, the actions and projects active there and the partners based
//   there. rimograph needs weighs these rows the same way on both backends. Same rows as
//   rimograph.questions.needs.need_facts.
// parameters:
// order: municipality
// sorted-lists: local_names, partner_names
//
// Columns: municipality (id), name, name_2025, nis_2025, figures (list of maps by indicator
// id: indicator, indicator_name, need_signal, value, unit, year, comparison, limburg),
// local_names, partner_names.
MATCH (m:Municipality)
RETURN m.id AS municipality, m.name AS name, m.name2025 AS name_2025, m.nis2025 AS nis_2025,
       COLLECT {
         MATCH (ind:Indicator)-[f:MEASURED_IN]->(m)
         OPTIONAL CALL {
           WITH ind, f
           MATCH (ind)-[l:MEASURED_IN]->(:Region {id: 'region:limburg'})
           WHERE l.population IS NULL AND f.year IS NOT NULL AND l.year = f.year
           RETURN l.value AS limburg
         }
         RETURN {indicator: ind.id, indicator_name: ind.name,
                 need_signal: coalesce(ind.needSignal, ''), value: f.value, unit: f.unit,
                 year: f.year, comparison: coalesce(f.comparison, ''), limburg: limburg}
         ORDER BY ind.id
       } AS figures,
       COLLECT {
         MATCH (entry)-[:ACTIVE_IN]->(place)-[:LOCATED_IN]->{0,1}(m)
         WHERE (entry:StrategicAction OR entry:Project)
           AND (place = m OR NOT place:Municipality)
         WITH DISTINCT entry
         RETURN entry.name
       } AS local_names,
       COLLECT { MATCH (p:Partner)-[:BASED_IN]->(m) RETURN p.name } AS partner_names
ORDER BY municipality
