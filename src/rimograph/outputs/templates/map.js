// The map page's shared part: the panel (filters, legend), search, highlight and the label
// layer. A renderer draws nodes and edges at the positions computed in Python
// (rimograph.outputs.maps): map_vis.js (vis-network on a 2D canvas) for maps up to a few
// thousand nodes, map_webgl.js (sigma.js on WebGL) for larger ones; both define
// makeRenderer(container, hooks). Names are drawn here, at fixed screen sizes, where Python
// found room for them (placement.py).
const data = JSON.parse(document.getElementById("rimograph-data").textContent);
const L = data.labels;
const FRAME = data.frame;
const LINE_HEIGHT = 1.2, GAP = 2;
const FONT = '"DejaVu Sans", Arial, sans-serif';
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
const shownTypes = new Set(data.legend.map(t => t.type));
// the same folding as rimograph.core.model.normalise: accents, case, quotes, punctuation
const normalise = text => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
  .replace(/['\u2019\u2018`\u00b4]/g, "").replace(/[^\p{L}\p{N}\s]/gu, " ").split(/\s+/).filter(Boolean).join(" ");
// colours and shapes are the legend's for each type (a municipality may carry an indicator's shade)
const typeStyle = new Map(data.legend.map(t => [t.type, t]));
data.nodes.forEach(n => { n.color = n.shade || typeStyle.get(n.type).color; n.shape = typeStyle.get(n.type).shape; });
const position = new Map(data.nodes.map((n, i) => [n.id, i]));
// neighbours of every node, edge direction ignored; edges arrive as [from, to, type, dashed, note?]
const adjacent = data.nodes.map(() => []);
data.edges.forEach(([from, to]) => { adjacent[from].push(to); adjacent[to].push(from); });
// an edge's fifth element, where it has one, points into data.notes: a partner list's group,
// the kind of link between two entries
const edgeTitle = (type, dashed, note) => (data.relations[data.edge_types[type]] || data.edge_types[type]) + (dashed ? " (" + L.possible + ")" : "")
  + (note === undefined ? "" : " (" + data.notes[note] + ")");

const hidden = new Set();  // ids the panel's filters hide
let near = null;           // ids of the highlighted node and its neighbours, or null
let selected = null;       // the highlighted node's id, or null
let boxes = [];

// ---- the label layer: names over the drawing, at fixed screen sizes --------------------------
// scale: the zoom (1 = the first view); toScreen(n): its marker's centre and radius in CSS px
function drawLabels(ctx, scale, toScreen) {
  ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
  boxes = [];
  data.nodes.forEach(n => {
    const lit = near !== null && near.has(n.id);
    if (hidden.has(n.id) || (!lit && (n.level === null || (n.level > 1 && scale < n.level)))) return;
    const size = n.font * Math.min(1, scale);
    const p = toScreen(n);
    const top = p.y + p.r + GAP * Math.min(1, scale);
    ctx.font = (n.bold ? "bold " : "") + size + "px " + FONT;
    ctx.globalAlpha = near === null || lit ? 1 : 0.15;
    let width = 0;
    n.text.forEach((line, i) => {
      const y = top + i * size * LINE_HEIGHT;
      ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff"; ctx.strokeText(line, p.x, y);
      ctx.fillStyle = "#1d232a"; ctx.fillText(line, p.x, y);
      width = Math.max(width, ctx.measureText(line).width);
    });
    boxes.push({ id: n.id, size: size, faded: ctx.globalAlpha < 1, x0: p.x - width / 2, x1: p.x + width / 2,
                 y0: top, y1: top + n.text.length * size * LINE_HEIGHT });
  });
  ctx.globalAlpha = 1;
}
// for tests and scripts: the label boxes of the last drawing, in CSS pixels of the canvas
window.rimographLabels = () => boxes.map(b => Object.assign({}, b));
window.rimographVisible = () => data.nodes.map(n => n.id).filter(id => !hidden.has(id));
window.rimographRenderer = () => data.renderer;

const container = document.getElementById("network");
const view = makeRenderer(container, { drawLabels: drawLabels, click: id => highlight(id) });

// ---- panel: filters are the command line's selections (computed in Python) ---------------
const selections = {};
["theme", "municipality", "year"].forEach(kind => {
  const select = document.getElementById(kind);
  selections[kind] = new Map();
  select.appendChild(new Option(L.all, ""));
  data.selections[kind].forEach(choice => {
    select.appendChild(new Option(choice.label, choice.value));
    selections[kind].set(choice.value, new Set(choice.nodes.map(i => data.nodes[i].id)));
  });
  select.addEventListener("change", apply);
});

const legend = document.getElementById("legend");
const printLegend = document.getElementById("print-legend");
const swatch = color => { const s = el("span", undefined, "swatch"); s.style.background = color; return s; };
data.legend.forEach(t => {
  const label = el("label");
  const box = el("input"); box.type = "checkbox"; box.checked = true;
  box.addEventListener("change", () => { box.checked ? shownTypes.add(t.type) : shownTypes.delete(t.type); apply(); });
  label.append(box, swatch(t.color), document.createTextNode(t.label));
  legend.appendChild(label);
  const item = el("span", undefined, "item"); item.append(swatch(t.color), document.createTextNode(t.label));
  printLegend.appendChild(item);
});
if (data.indicator) {  // municipalities coloured by one need figure of the plan
  const box = document.getElementById("indicator-legend");
  const item = el("div", undefined, "item");
  const none = data.indicator.none ? [[data.indicator.none.color, data.indicator.none.label]] : [];
  const rows = [[null, data.indicator.title], ...data.indicator.steps.map(s => [s.color, s.label]),
                ...none, [null, data.indicator.reading]];
  const entry = (tag, color, text) => {
    const e = el(tag, undefined, tag === "span" ? "item" : undefined);
    if (color) e.appendChild(swatch(color));
    e.appendChild(document.createTextNode(text));
    return e;
  };
  rows.forEach(([color, text]) => { box.appendChild(entry("div", color, text)); item.appendChild(entry("span", color, text)); });
  printLegend.appendChild(item);
}
const edgeLegend = document.getElementById("edge-legend");
[["", L.certain], ["dashed", L.possible]].forEach(([cls, text]) => {
  const row = el("div"); row.append(el("span", undefined, "edge-sample " + cls), document.createTextNode(text));
  edgeLegend.appendChild(row);
  const item = el("span", undefined, "item"); item.append(el("span", undefined, "edge-sample " + cls), document.createTextNode(text));
  printLegend.appendChild(item);
});
if (data.edges_on_select) edgeLegend.appendChild(el("div", L.edges_on_select));

function apply() {
  const generic = document.getElementById("generic").checked;
  const active = Object.keys(selections).map(kind => document.getElementById(kind).value
    ? selections[kind].get(document.getElementById(kind).value) : null).filter(Boolean);
  let count = 0, changed = false;
  data.nodes.forEach(n => {
    const visible = shownTypes.has(n.type) && (generic || !n.generic) && active.every(set => set.has(n.id));
    if (visible) count++;
    if (visible === hidden.has(n.id)) {  // a change: redraw (a large map takes a while)
      changed = true;
      if (visible) hidden.delete(n.id); else hidden.add(n.id);
    }
  });
  if (changed) view.filtered();
  document.getElementById("status").textContent = count + " / " + data.nodes.length + " " + L.nodes + " " + L.shown;
}

// ---- highlight: the node and its neighbours; everything else fades, names and edges too ----
const back = document.getElementById("back");
function highlight(id) {
  selected = id;
  near = id === null ? null : new Set([id, ...adjacent[position.get(id)].map(i => data.nodes[i].id)]);
  back.style.display = near === null ? "none" : "block";
  view.highlighted();
}
back.addEventListener("click", () => highlight(null));
document.addEventListener("keydown", event => { if (event.key === "Escape") highlight(null); });

// ---- search: accents folded; the plan's spellings, aliases and 2025 names --------------------
const result = document.getElementById("search-result");
window.rimographSearch = text => {
  const query = normalise(text);
  return query ? data.nodes.filter(n => n.keys.some(k => k.includes(query))).map(n => n.id) : [];
};
document.getElementById("search").addEventListener("input", event => {
  result.textContent = "";
  if (!event.target.value.trim()) return;
  const hits = window.rimographSearch(event.target.value).slice(0, 8);
  if (!hits.length) { result.textContent = L.no_match; return; }
  hits.forEach(id => {
    const link = el("button", data.nodes[position.get(id)].tooltip[0]); link.type = "button";
    link.addEventListener("click", () => highlight(id));
    result.appendChild(link);
  });
});
document.getElementById("reset").addEventListener("click", () => {
  ["theme", "municipality", "year"].forEach(id => { document.getElementById(id).value = ""; });
  document.getElementById("generic").checked = true;
  legend.querySelectorAll("input").forEach(box => { box.checked = true; });
  data.legend.forEach(t => shownTypes.add(t.type));
  apply(); highlight(null);
});
if (!data.nodes.some(n => n.generic)) {  // nothing to toggle: generic partners left out
  document.getElementById("generic").parentElement.style.display = "none";
}
// printing: a fixed drawing area that fits an A4 landscape page with the title and legend
window.addEventListener("beforeprint", () => view.resize("1040px", "560px"));
window.addEventListener("afterprint", () => view.resize("100%", "100%"));
apply();
view.home(false);
view.drawn(() => { document.body.dataset.ready = "true"; });
