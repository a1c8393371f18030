"use strict";
// The map page: vis-network draws nodes and edges at the positions computed in Python
// (rimograph.outputs.maps); this script draws the names (its own label layer, at fixed screen
// sizes, where Python found room: see placement.py), the panel, search and highlight.
(function () {
  const data = JSON.parse(document.getElementById("rimograph-data").textContent);
  const L = data.labels;
  const FRAME = data.frame;
  const LINE_HEIGHT = 1.2, GAP = 2;
  const FONT = '"DejaVu Sans", Arial, sans-serif';
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  const shownTypes = new Set(data.legend.map(t => t.type));
  // links to goals, themes and target groups cross the whole map: drawn faintly
  const HUB_RELATIONS = new Set(["CONTRIBUTES_TO", "HAS_THEME", "TARGETS"]);
  // the same folding as rimograph.core.model.normalise: accents, case, quotes, punctuation
  const normalise = text => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/['\u2019\u2018`\u00b4]/g, "").replace(/[^\p{L}\p{N}\s]/gu, " ").split(/\s+/).filter(Boolean).join(" ");

  function tooltip(lines) { const div = el("div"); div.textContent = lines.join("\n"); return div; }

  // edges arrive as [from, to, type, dashed] positions (compact for large maps); colours and
  // shapes are the legend's for each type
  const style = new Map(data.legend.map(t => [t.type, t]));
  data.nodes.forEach(n => { n.color = n.shade || style.get(n.type).color; n.shape = style.get(n.type).shape; });
  data.edges = data.edges.map(([from, to, type, dashed]) => ({
    from: data.nodes[from].id, to: data.nodes[to].id, relation: data.edge_types[type], dashed: dashed === 1 }));
  const container = document.getElementById("network");
  const nodes = new vis.DataSet(data.nodes.map(n => ({
    id: n.id, x: n.x, y: n.y, shape: n.shape, size: n.size, color: n.color, title: tooltip(n.tooltip),
  })));
  const edgeColor = (e, opacity) => ({ color: e.dashed ? "#d08c40" : "#9aa4ad", opacity: opacity });
  const edgeOpacity = e => (HUB_RELATIONS.has(e.relation) ? 0.25 : 0.8);
  const edgeTitle = e => (data.relations[e.relation] || e.relation) + (e.dashed ? " (" + L.possible + ")" : "");
  const edges = new vis.DataSet(data.edges.map((e, i) => ({
    id: i, from: e.from, to: e.to, dashes: e.dashed, arrows: { to: { enabled: true, scaleFactor: 0.5 } },
    color: edgeColor(e, edgeOpacity(e)), title: tooltip([edgeTitle(e)]), width: e.relation === "CONTRIBUTES_TO" ? 2 : 1,
  })));
  // positions are fixed (computed in Python): no physics; names are drawn by the label layer
  const network = new vis.Network(container, { nodes, edges }, {
    physics: false, interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: true },
    nodes: { borderWidth: 1, font: { size: 0 } }, edges: { smooth: false } });

  // ---- the label layer: names drawn over the network, at fixed screen sizes -----------------
  const hidden = new Set();
  let near = null;  // highlighted nodes (a Set) or null
  let boxes = [];
  network.on("afterDrawing", ctx => {
    const scale = network.getScale();
    const ratio = ctx.canvas.width / ctx.canvas.clientWidth;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
    boxes = [];
    data.nodes.forEach(n => {
      const lit = near !== null && near.has(n.id);
      if (hidden.has(n.id) || (!lit && (n.level === null || (n.level > 1 && scale < n.level)))) return;
      const size = n.font * Math.min(1, scale);
      const p = network.canvasToDOM({ x: n.x, y: n.y });
      const top = p.y + n.size * scale + GAP * Math.min(1, scale);
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
    ctx.restore();
  });
  // for tests and scripts: the label boxes of the last drawing, in CSS pixels of the canvas
  window.rimographLabels = () => boxes.map(b => Object.assign({}, b));
  window.rimographVisible = () => data.nodes.map(n => n.id).filter(id => !hidden.has(id));

  let homeScale = 1;
  function home(animate) {
    const scale = homeScale = Math.min(container.clientWidth / FRAME[0], container.clientHeight / FRAME[1]);
    network.moveTo({ position: { x: FRAME[0] / 2, y: FRAME[1] / 2 }, scale: scale,
                     animation: animate ? { duration: 300 } : false });
  }

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
  data.legend.forEach(t => {
    const label = el("label");
    const box = el("input"); box.type = "checkbox"; box.checked = true;
    box.addEventListener("change", () => { box.checked ? shownTypes.add(t.type) : shownTypes.delete(t.type); apply(); });
    const swatch = () => { const s = el("span", undefined, "swatch"); s.style.background = t.color; return s; };
    label.append(box, swatch(), document.createTextNode(t.label));
    legend.appendChild(label);
    const item = el("span", undefined, "item"); item.append(swatch(), document.createTextNode(t.label));
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
      if (color) { const s = el("span", undefined, "swatch"); s.style.background = color; e.appendChild(s); }
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

  function apply() {
    const generic = document.getElementById("generic").checked;
    const active = Object.keys(selections).map(kind => document.getElementById(kind).value
      ? selections[kind].get(document.getElementById(kind).value) : null).filter(Boolean);
    const updates = [];
    let count = 0;
    hidden.clear();
    data.nodes.forEach(n => {
      const visible = shownTypes.has(n.type) && (generic || !n.generic) && active.every(set => set.has(n.id));
      if (visible) count++; else hidden.add(n.id);
      updates.push({ id: n.id, hidden: !visible });
    });
    nodes.update(updates);
    document.getElementById("status").textContent = count + " / " + data.nodes.length + " " + L.nodes + " " + L.shown;
  }

  // ---- highlight: the node and its neighbours; everything else fades, names and edges too ----
  const back = document.getElementById("back");
  function highlight(id) {
    near = id === null ? null : new Set([id, ...network.getConnectedNodes(id)]);
    nodes.update(data.nodes.map(n => ({ id: n.id, opacity: near === null || near.has(n.id) ? 1 : 0.15 })));
    edges.update(data.edges.map((e, i) => ({ id: i, color: edgeColor(e, near === null ? edgeOpacity(e)
      : (e.from === id || e.to === id ? 0.9 : 0.05)) })));
    back.style.display = near === null ? "none" : "block";
    if (near === null) { network.unselectAll(); home(true); return; }
    network.selectNodes([id]);
    const framed = [...near].filter(n => !hidden.has(n));
    network.fit({ nodes: framed, animation: false });  // centres on the selection
    // zoom in on it, never out of the first view (the names keep their size)
    const scale = Math.max(homeScale, Math.min(network.getScale() * 0.8, 3 * homeScale));
    network.moveTo({ scale: scale, animation: { duration: 300 } });
  }
  network.on("click", params => { if (params.nodes.length) highlight(params.nodes[0]); });
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
      const n = data.nodes.find(m => m.id === id);
      const link = el("button", n.tooltip[0]); link.type = "button";
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
  window.addEventListener("beforeprint", () => { network.setSize("1040px", "560px"); network.redraw(); home(false); });
  window.addEventListener("afterprint", () => { network.setSize("100%", "100%"); network.redraw(); home(false); });
  apply();
  home(false);
  network.once("afterDrawing", () => { document.body.dataset.ready = "true"; });
})();
