// check_clients.js - our graphology JSON, GraphML and GEXF read by graphology's own readers.
// Usage: NODE_PATH=tests/node/node_modules node tests/check_clients.js GRAPH.graphology.json GRAPH.graphml GRAPH.gexf
// Prints "PASS what" / "FAIL what: why" lines (tests/lib.sh counts them).
const fs = require('fs');
const {MultiDirectedGraph} = require('graphology');
const graphml = require('graphology-graphml');
const gexf = require('graphology-gexf');

function report(ok, what, why) { console.log(ok ? `PASS ${what}` : `FAIL ${what}: ${why}`); }
function check(what, fn) {
  try { const why = fn(); report(!why, what, why); } catch (e) { report(false, what, String(e)); }
}

const [json, gml, gx] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(json, 'utf8'));
let g;
check('graphology import() reads the JSON', () => {
  g = new MultiDirectedGraph();
  g.import(data);
  return g.order === data.nodes.length && g.size === data.edges.length ? '' : `order ${g.order}, size ${g.size}`;
});
check('Graph.from() gives the same graph', () => {
  const h = MultiDirectedGraph.from(data);
  return h.order === g.order && h.size === g.size && h.type === 'directed' && h.multi ? '' : `${h.order} ${h.size}`;
});
check('every node has label, x, y, size, color and no sigma type', () => {
  const bad = g.filterNodes((n, a) => !(typeof a.label === 'string' && Number.isFinite(a.x) && Number.isFinite(a.y) &&
    a.size > 0 && /^#[0-9a-f]{6}$/.test(a.color) && !('type' in a) && 'actor_type' in a && 'pagerank' in a));
  return bad.length ? `bad nodes ${bad.slice(0, 3)}` : '';
});
check('every edge has label, color and the accusation attributes', () => {
  const bad = g.filterEdges((e, a) => !(typeof a.label === 'string' && /^#[0-9a-f]{6}$/.test(a.color) &&
    ['action', 'date', 'doc', 'sentence', 'charge', 'mentions', 'sentence_indexes', 'sentences', 'negated'].every(k => k in a)));
  return bad.length ? `bad edges ${bad.slice(0, 3)}` : '';
});
check('graphology-graphml reads the GraphML with every attribute on every edge', () => {
  const h = graphml.parse(MultiDirectedGraph, fs.readFileSync(gml, 'utf8'));
  if (h.order !== g.order || h.size !== g.size) return `order ${h.order}, size ${h.size}`;
  const keys = Object.keys(h.getEdgeAttributes(h.edges()[0] || ''));
  const bad = h.filterEdges((e, a) => Object.keys(a).length !== keys.length);
  return bad.length ? `edges without every attribute: ${bad.slice(0, 3)}` : '';
});
check('graphology-gexf reads the GEXF with colours and sizes', () => {
  const h = gexf.parse(MultiDirectedGraph, fs.readFileSync(gx, 'utf8'));
  if (h.order !== g.order || h.size !== g.size) return `order ${h.order}, size ${h.size}`;
  const bad = h.filterNodes((n, a) => !(a.color && a.size > 0 && 'pagerank' in a));
  return bad.length ? `nodes without colour, size or pagerank: ${bad.slice(0, 3)}` : '';
});
