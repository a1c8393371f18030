// The renderer for maps up to a few thousand nodes: vis-network on a 2D canvas (physics off,
// positions fixed), its own tooltips; the names are map.js's label layer.
function makeRenderer(container, hooks) {
  // links to goals, themes and target groups cross the whole map: drawn faintly
  const HUB_RELATIONS = new Set(["CONTRIBUTES_TO", "HAS_THEME", "TARGETS"]);
  const tooltip = lines => { const div = el("div"); div.textContent = lines.join("\n"); return div; };
  const nodes = new vis.DataSet(data.nodes.map(n => ({
    id: n.id, x: n.x, y: n.y, shape: n.shape, size: n.size, color: n.color, title: tooltip(n.tooltip),
  })));
  const edgeColor = (e, opacity) => ({ color: e.dashed ? "#d08c40" : "#9aa4ad", opacity: opacity });
  // the partner and place layer (most of the edges, short: partners lie beside their actions)
  // lighter than the plan's own structure (projects, related entries)
  const LAYER_RELATIONS = new Set(["PARTNERS_WITH", "ACTIVE_IN", "LOCATED_IN", "BASED_IN"]);
  const edgeOpacity = e => (HUB_RELATIONS.has(e.relation) ? 0.25 : LAYER_RELATIONS.has(e.relation) ? 0.5 : 0.8);
  const edgeList = data.edges.map(([from, to, type, dashed, note]) => ({
    from: data.nodes[from].id, to: data.nodes[to].id, relation: data.edge_types[type], dashed: dashed === 1,
    title: edgeTitle(type, dashed, note) }));
  const edges = new vis.DataSet(edgeList.map((e, i) => ({
    id: i, from: e.from, to: e.to, dashes: e.dashed, arrows: { to: { enabled: true, scaleFactor: 0.5 } },
    color: edgeColor(e, edgeOpacity(e)), title: tooltip([e.title]), width: e.relation === "CONTRIBUTES_TO" ? 2 : 1,
  })));
  const network = new vis.Network(container, { nodes, edges }, {
    physics: false, interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: true },
    nodes: { borderWidth: 1, font: { size: 0 } }, edges: { smooth: false } });
  network.on("afterDrawing", ctx => {
    const scale = network.getScale();
    const ratio = ctx.canvas.width / ctx.canvas.clientWidth;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    hooks.drawLabels(ctx, scale, n => {
      const p = network.canvasToDOM({ x: n.x, y: n.y });
      return { x: p.x, y: p.y, r: n.size * scale };
    });
    ctx.restore();
  });
  network.on("click", params => { if (params.nodes.length) hooks.click(params.nodes[0]); });

  let homeScale = 1;
  function home(animate) {
    const scale = homeScale = Math.min(container.clientWidth / FRAME[0], container.clientHeight / FRAME[1]);
    network.moveTo({ position: { x: FRAME[0] / 2, y: FRAME[1] / 2 }, scale: scale,
                     animation: animate ? { duration: 300 } : false });
  }
  return {
    home: home,
    filtered() { nodes.update(data.nodes.map(n => ({ id: n.id, hidden: hidden.has(n.id) }))); },
    highlighted() {
      nodes.update(data.nodes.map(n => ({ id: n.id, opacity: near === null || near.has(n.id) ? 1 : 0.15 })));
      edges.update(edgeList.map((e, i) => ({ id: i, color: edgeColor(e, near === null ? edgeOpacity(e)
        : (e.from === selected || e.to === selected ? 0.9 : 0.05)) })));
      if (near === null) { network.unselectAll(); home(true); return; }
      network.selectNodes([selected]);
      network.fit({ nodes: [...near].filter(n => !hidden.has(n)), animation: false });  // centres on it
      // zoom in on it, never out of the first view (the names keep their size)
      const scale = Math.max(homeScale, Math.min(network.getScale() * 0.8, 3 * homeScale));
      network.moveTo({ scale: scale, animation: { duration: 300 } });
    },
    resize(width, height) { network.setSize(width, height); network.redraw(); home(false); },
    drawn(done) { network.once("afterDrawing", done); },
  };
}
