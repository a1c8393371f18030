// Opens one rimograph export with graphology (what Gephi Lite and sigma.js use) and prints
// what it read as JSON: order (nodes), size (edges), counts by node "type" and by edge
// "relation", multi/type of the graph, and the attributes of one node.
//
//   node tests/js/open.js graphml|gexf|graphology|d3 FILE [NODE]
//
// d3 reads the node-link JSON as d3-force does: nodes[], links[] with source/target ids.
const fs = require('fs');
const {MultiDirectedGraph} = require('graphology');

const [format, file, probe] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');

function counts(items) {
  const out = {};
  for (const item of items) out[item] = (out[item] || 0) + 1;
  return Object.fromEntries(Object.entries(out).sort());
}

let result;
if (format === 'd3') {
  const data = JSON.parse(text);
  const ids = new Set(data.nodes.map(n => n.id));
  const links = data.links || [];
  result = {
    order: data.nodes.length,
    size: links.filter(l => ids.has(l.source) && ids.has(l.target)).length,
    nodeTypes: counts(data.nodes.map(n => n.type)),
    relations: counts(links.map(l => l.type)),
  };
} else {
  let graph;
  if (format === 'graphml') graph = require('graphology-graphml').parse(MultiDirectedGraph, text);
  else if (format === 'gexf') graph = require('graphology-gexf').parse(MultiDirectedGraph, text);
  else if (format === 'graphology') graph = MultiDirectedGraph.from(JSON.parse(text));
  else throw new Error('unknown format ' + format);
  const relations = [];
  graph.forEachEdge((edge, attrs) => relations.push(attrs.relation));
  result = {
    order: graph.order,
    size: graph.size,
    type: graph.type,
    multi: graph.multi,
    nodeTypes: counts(graph.mapNodes((node, attrs) => attrs.type ?? attrs.nodeType)),
    relations: counts(relations),
    node: probe && graph.hasNode(probe) ? graph.getNodeAttributes(probe) : null,
  };
}
process.stdout.write(JSON.stringify(result) + '\n');
