// name: indicator-values
// description: The plan's figures of one need indicator, one per place (its latest figure,
//   the others in series), highest value first. Same rows as
//   rimograph.questions.nodes.indicator_values.
// parameters: id: str
// order: value desc, place_name, place
//
// Columns: place (id), place_name, place_type (Municipality or Region), year (null when the
// plan gives none), value, unit, approximate, population ('' = everyone), comparison,
// series, page.
MATCH (:Indicator {id: $id})-[f:MEASURED_IN]->(place)
RETURN place.id AS place, place.name AS place_name,
       CASE WHEN place:Municipality THEN 'Municipality' ELSE 'Region' END AS place_type,
       f.year AS year, f.value AS value, f.unit AS unit,
       coalesce(f.approximate, false) AS approximate, coalesce(f.population, '') AS population,
       coalesce(f.comparison, '') AS comparison, coalesce(f.series, '') AS series,
       coalesce(f.page, '') AS page
ORDER BY value DESC, place_name, place
