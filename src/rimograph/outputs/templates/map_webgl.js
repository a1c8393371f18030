// The renderer for large maps: sigma.js on WebGL (with graphology for the graph), fast enough
// for 100,000 nodes where vis-network's 2D canvas takes minutes. Above data.edges_on_select
// edges it draws a node's edges only while the node is highlighted (every edge at once would
// be a grey blur that takes tens of seconds to draw in software). Tooltips are a plain
// element; the names are map.js's label layer, on a canvas over sigma's.
function makeRenderer(container, hooks) {
  const FADED = "#e3e6e9", EDGE = "#9aa4ad", POSSIBLE = "#d08c40";
  const graph = new graphology.MultiDirectedGraph();
  // sigma's y axis points up; the positions from Python point down
  // no label for sigma: the names are the label layer's (sigma would draw them again on hover)
  data.nodes.forEach(n => graph.addNode(n.id, { x: n.x, y: -n.y, size: n.size, color: n.color }));
  const edgesOf = data.edges_on_select ? data.nodes.map(() => []) : null;
  const addEdge = i => {
    const [from, to, , dashed] = data.edges[i];
    graph.addEdgeWithKey(i, data.nodes[from].id, data.nodes[to].id, { color: dashed ? POSSIBLE : EDGE, size: 1 });
  };
  if (edgesOf) data.edges.forEach(([from, to], i) => { edgesOf[from].push(i); edgesOf[to].push(i); });
  else data.edges.forEach((_, i) => addEdge(i));
  const renderer = new Sigma(graph, container, {
    renderLabels: false, zIndex: true, hideEdgesOnMove: !edgesOf, stagePadding: 0,
    nodeReducer: (node, attrs) => {
      if (hidden.has(node)) return Object.assign({}, attrs, { hidden: true });
      if (near !== null && !near.has(node)) return Object.assign({}, attrs, { color: FADED, zIndex: 0 });
      return near === null ? attrs : Object.assign({}, attrs, { zIndex: 1 });
    },
    edgeReducer: (edge, attrs) => {
      if (near === null) return attrs;
      const [from, to] = graph.extremities(edge);
      return from === selected || to === selected ? Object.assign({}, attrs, { zIndex: 1 })
        : Object.assign({}, attrs, { hidden: true });
    },
  });
  // the first view shows the frame Python placed the nodes and names in, as map_vis.js does
  renderer.setCustomBBox({ x: [0, FRAME[0]], y: [-FRAME[1], 0] });  // applied by refresh() below
  const camera = renderer.getCamera();

  // the label layer: a 2D canvas over sigma's, redrawn after each of its frames
  const layer = el("canvas");
  layer.style.cssText = "position:absolute;inset:0;pointer-events:none;z-index:1";
  container.appendChild(layer);
  const ctx = layer.getContext("2d");
  renderer.on("afterRender", () => {
    const ratio = window.devicePixelRatio || 1;
    const width = container.clientWidth, height = container.clientHeight;
    if (layer.width !== width * ratio || layer.height !== height * ratio) {
      layer.width = width * ratio; layer.height = height * ratio;
      layer.style.width = width + "px"; layer.style.height = height + "px";
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    hooks.drawLabels(ctx, 1 / camera.ratio, n => {
      const p = renderer.graphToViewport({ x: n.x, y: -n.y });
      return { x: p.x, y: p.y, r: renderer.scaleSize(n.size) };
    });
  });

  // tooltips: the node's lines as text, never as HTML
  const tip = el("div", undefined, "tooltip");
  container.appendChild(tip);
  renderer.on("enterNode", ({ node, event }) => {
    tip.textContent = data.nodes[position.get(node)].tooltip.join("\n");
    tip.style.left = (event.x + 12) + "px"; tip.style.top = (event.y + 12) + "px"; tip.style.display = "block";
  });
  renderer.on("leaveNode", () => { tip.style.display = "none"; });
  renderer.on("clickNode", ({ node }) => hooks.click(node));
  renderer.refresh();  // in the frame, with the label layer

  return {
    home(animate) {
      const state = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
      if (animate) camera.animate(state, { duration: 300 }); else camera.setState(state);
    },
    filtered() { renderer.refresh(); },
    highlighted() {
      if (edgesOf) {  // only the highlighted node's edges
        graph.clearEdges();
        if (selected !== null) edgesOf[position.get(selected)].forEach(addEdge);
      }
      renderer.refresh();
      if (near === null) { this.home(true); return; }
      // zoom in on the node and its neighbours, never out of the first view
      let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
      near.forEach(n => {
        if (hidden.has(n)) return;
        const p = renderer.getNodeDisplayData(n);
        x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y);
      });
      // their extent on screen now, and the zoom that makes it fill the view with a margin
      const a = renderer.framedGraphToViewport({ x: x0, y: y0 }), b = renderer.framedGraphToViewport({ x: x1, y: y1 });
      const fill = Math.min(container.clientWidth / (Math.abs(b.x - a.x) || 1), container.clientHeight / (Math.abs(b.y - a.y) || 1));
      const ratio = Math.min(1, Math.max(1 / 40, 1.3 * camera.ratio / fill));
      camera.animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio: ratio }, { duration: 300 });
    },
    resize() { renderer.resize(true); renderer.refresh(); this.home(false); },
    drawn(done) { requestAnimationFrame(() => requestAnimationFrame(done)); },
  };
}
