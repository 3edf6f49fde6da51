/* actorgraph HTML view: builds the vis-network from the JSON data block, then wires the
   search box, the label/relation filters, the time slider and the details panel.
   Article text only ever reaches the page through textContent, never as HTML. */
(function () {
  "use strict";
  const marks = { start: performance.now() };
  const data = JSON.parse(document.getElementById("ag-data").textContent);
  marks.parsed = performance.now();
  const N = data.nodes, E = data.edges, LABELS = data.labels, TYPES = data.relations;
  const DATES = data.dates, ARTICLES = data.articles, DIFF = data.diff_colors;
  const $ = (id) => document.getElementById(id);
  const api = (window.actorgraph = { data: data, drawn: false });

  // node row: [id, name, label, value, x, y, firstDate, diff, aliases, details]
  // edge row: [source, target, type, short label, firstDate, lastDate, weight, diff, note, evidence]
  const adjacency = N.map(() => []);
  E.forEach((e, j) => { adjacency[e[0]].push(j); if (e[1] !== e[0]) adjacency[e[1]].push(j); });
  // Actors without any relation are not drawn: scattered or in a grid they only add overlapping
  // labels. They are listed, on request, under the legend (see the "loners" section).
  const linked = [], loners = [];
  N.forEach((n, i) => (adjacency[i].length ? linked : loners).push(i));

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  // ---- network ---------------------------------------------------------------------------
  const groups = {};
  LABELS.forEach((l, i) => {
    groups["g" + i] = {
      shape: l.shape,
      color: { background: l.color, border: l.color,
               highlight: { background: l.color, border: "#222" },
               hover: { background: l.color, border: "#222" } },
    };
  });
  const large = data.layout === "fixed";

  // Per-item options are kept minimal: vis-network parses and clones every item's options,
  // which dominates the start-up time of a 50,000-edge view.
  // Labels are drawn by the page (see drawLabels), not by vis-network.
  function nodeItem(n, i) {
    const item = { id: i, group: "g" + n[2], value: n[3] };
    if (n[4] !== null) { item.x = n[4]; item.y = n[5]; }
    const diff = n[7];
    if (diff && DIFF[diff]) {
      const c = DIFF[diff], fill = LABELS[n[2]].color;
      item.borderWidth = 4;
      item.color = { background: fill, border: c, highlight: { background: fill, border: c },
                     hover: { background: fill, border: c } };
      item.shadow = { enabled: true, color: c, size: 16, x: 0, y: 0 };
      if (diff === "removed") { item.opacity = 0.45; item.shapeProperties = { borderDashes: [4, 3] }; }
    }
    return item;
  }

  const parallel = new Map();  // unordered node pair -> edges drawn so far between them
  function edgeItem(e, j) {
    const type = TYPES[e[2]];
    const item = { id: j, from: e[0], to: e[1], color: type.color };
    if (type.symmetric) item.arrows = "";
    if (e[6] > 1) item.width = Math.min(6, 1 + Math.log2(e[6]));
    if (data.edge_labels) item.label = e[3];
    if (!large) {  // several relations between the same two actors: fan them out
      const key = Math.min(e[0], e[1]) + ":" + Math.max(e[0], e[1]);
      const k = parallel.get(key) || 0;
      parallel.set(key, k + 1);
      if (k > 0) item.smooth = { enabled: true, type: e[0] < e[1] ? "curvedCW" : "curvedCCW", roundness: 0.25 * k };
    }
    const diff = e[7];
    if (diff && DIFF[diff]) {
      item.shadow = { enabled: true, color: DIFF[diff], size: 10, x: 0, y: 0 };
      if (diff === "removed") item.dashes = [6, 4];
    }
    return item;
  }

  const nodes = new vis.DataSet(linked.map((i) => nodeItem(N[i], i)));
  const edges = new vis.DataSet(E.map(edgeItem));
  marks.datasets = performance.now();
  const nodeOn = new Uint8Array(N.length);
  linked.forEach((i) => { nodeOn[i] = 1; });
  const edgeOn = new Uint8Array(E.length).fill(1);

  const options = {
    groups: groups,
    nodes: {
      borderWidth: 1,
      scaling: { min: 10, max: 40 },
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.6 } },
      smooth: large ? false : { type: "continuous", roundness: 0.3 },
      selectionWidth: 2,
      hoverWidth: 1.5,
      font: { size: 11, color: "#333333", strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal" },
      // a line's label only once zoomed in enough to read it (>= 10 px); the details panel says it anyway
      scaling: { label: { drawThreshold: 11 } },
    },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
                   keyboard: false, multiselect: false },
    layout: { improvedLayout: !large && N.length <= 150, randomSeed: 7 },
    physics: large ? false : {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -80, springLength: 110, springConstant: 0.06, avoidOverlap: 0.4 },
      stabilization: { iterations: 400, updateInterval: 50, fit: true },
    },
  };

  const container = $("ag-network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  marks.network = performance.now();
  Object.assign(api, { marks: marks, network: network, nodes: nodes, edges: edges });
  network.once("afterDrawing", () => {
    api.firstDrawMs = performance.now();
    setTimeout(() => { api.drawn = true; }, 0);
  });
  // vis-network fits the view itself once the data is in
  if (!large) network.once("stabilizationIterationsDone", () => { network.setOptions({ physics: false }); });

  // ---- labels ------------------------------------------------------------------------------
  // vis-network sizes labels in network units, so the fitted view of a 100-actor graph shows
  // them at about 6 px. The page draws them itself after every frame at a fixed size on screen
  // (LABEL_PX, bigger for the most central actors), the selected or pointed-at actor first,
  // then by rank (the size value), and leaves out any label that would overlap one already
  // drawn: zooming in makes room for more. api.labels holds the last frame's boxes.
  const LABEL_PX = 12, TOP_LABEL_PX = 14, TOP_LABELS = 10, LABEL_FONT = "system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif";
  const ranked = linked.slice().sort((a, b) => (N[b][3] - N[a][3]) || (N[a][1] < N[b][1] ? -1 : 1));
  const labelPx = new Uint8Array(N.length).fill(LABEL_PX);
  // the most central tenth (at most TOP_LABELS) stand out
  ranked.slice(0, Math.max(1, Math.min(TOP_LABELS, Math.round(linked.length / 10)))).forEach((i) => { labelPx[i] = TOP_LABEL_PX; });
  const textWidth = new Float32Array(N.length).fill(-1);  // at 100 px, measured once
  let pointed = null;
  function drawLabels(ctx) {
    const bodyNodes = network.body.nodes;
    const origin = network.canvasToDOM({ x: 0, y: 0 }), unit = network.canvasToDOM({ x: 1, y: 0 });
    const scale = unit.x - origin.x;
    const width = container.clientWidth, height = container.clientHeight;
    const ratio = (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1;
    const cell = 48, grid = new Map(), boxes = [];
    const selected = network.getSelectedNodes();
    const order = (pointed !== null ? [pointed] : []).concat(selected, ranked);
    const seen = new Uint8Array(N.length);
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
    ctx.strokeStyle = "#ffffff"; ctx.lineWidth = 3; ctx.fillStyle = "#222222";
    for (let k = 0; k < order.length && boxes.length < 400; k++) {
      const i = order[k];
      if (seen[i] || !nodeOn[i]) continue;
      seen[i] = 1;
      const node = bodyNodes[i];
      if (!node || node.options.hidden) continue;
      const x = origin.x + node.x * scale, y = origin.y + node.y * scale;
      if (x < -200 || x > width + 200 || y < -50 || y > height + 50) continue;
      const px = labelPx[i], bold = px > LABEL_PX || k < order.length - ranked.length;
      if (textWidth[i] < 0) { ctx.font = "100px " + LABEL_FONT; textWidth[i] = ctx.measureText(N[i][1]).width; }
      const w = textWidth[i] * px / 100 * (bold ? 1.08 : 1) + 4, h = px * 1.25;
      const top = y + (node.options.size || 10) * scale + 2;
      if (x < 0 || x > width || top > height || top + h < 0) continue;
      const left = Math.min(Math.max(x - w / 2, 1), width - w - 1);  // an actor at the edge: label kept inside
      const c0 = Math.floor(left / cell), c1 = Math.floor((left + w) / cell);
      const r0 = Math.floor(top / cell), r1 = Math.floor((top + h) / cell);
      let clash = false;
      for (let cx = c0; cx <= c1 && !clash; cx++) for (let cy = r0; cy <= r1 && !clash; cy++) {
        const near = grid.get(cx + ":" + cy);
        if (near) clash = near.some((b) => left < b[0] + b[2] && b[0] < left + w && top < b[1] + b[3] && b[1] < top + h);
      }
      if (clash) continue;
      const box = [left, top, w, h, i, px];
      for (let cx = c0; cx <= c1; cx++) for (let cy = r0; cy <= r1; cy++) {
        const key = cx + ":" + cy;
        if (!grid.has(key)) grid.set(key, []);
        grid.get(key).push(box);
      }
      boxes.push(box);
      ctx.font = (bold ? "600 " : "") + px + "px " + LABEL_FONT;
      ctx.strokeText(N[i][1], left + w / 2, top + 1);
      ctx.fillText(N[i][1], left + w / 2, top + 1);
    }
    ctx.restore();
    api.labels = boxes;
  }
  network.on("afterDrawing", drawLabels);

  // ---- legend doubling as filters -----------------------------------------------------
  const labelOk = LABELS.map(() => true);
  const typeOk = TYPES.map(() => true);

  function swatch(label) {
    const s = el("span", null, "ag-swatch");
    s.style.background = label.color;
    const clip = {
      dot: "circle(50%)", square: "none", box: "none",
      diamond: "polygon(50% 0, 100% 50%, 50% 100%, 0 50%)",
      triangle: "polygon(50% 0, 100% 100%, 0 100%)",
      triangleDown: "polygon(0 0, 100% 0, 50% 100%)",
      star: "polygon(50% 0,61% 35%,98% 35%,68% 57%,79% 91%,50% 70%,21% 91%,32% 57%,2% 35%,39% 35%)",
      hexagon: "polygon(25% 0,75% 0,100% 50%,75% 100%,25% 100%,0 50%)",
    }[label.shape];
    if (clip && clip !== "none") s.style.clipPath = clip;
    return s;
  }

  function checkRow(box, content, count, title, onChange) {
    const row = el("label", null, "ag-check");
    if (title) row.title = title;
    row.appendChild(box);
    content.forEach((c) => row.appendChild(c));
    row.appendChild(el("span", count.toLocaleString(), "ag-count"));
    box.addEventListener("change", onChange);
    return row;
  }

  LABELS.forEach((label, i) => {
    if (!label.count) return;
    const box = el("input"); box.type = "checkbox"; box.checked = true; box.dataset.label = label.name;
    $("ag-labels").appendChild(checkRow(box, [swatch(label), el("span", label.name)], label.count,
      label.description, () => { labelOk[i] = box.checked; apply(); }));
  });
  $("ag-size-note").textContent = "Bigger shapes: " + (data.size_by === "betweenness centrality"
    ? "actors that more often link others (betweenness centrality)." : "actors with more relations.");

  const families = [];
  TYPES.forEach((t) => { if (t.count && families.indexOf(t.family) < 0) families.push(t.family); });
  families.forEach((family) => {
    $("ag-types").appendChild(el("div", family, "ag-family"));
    TYPES.forEach((t, i) => {
      if (!t.count || t.family !== family) return;
      const box = el("input"); box.type = "checkbox"; box.checked = true; box.dataset.type = t.name;
      const line = el("span", null, "ag-line"); line.style.borderTopColor = t.color;
      $("ag-types").appendChild(checkRow(box, [line, el("span", t.short + (t.symmetric ? "" : " \u2192"))],
        t.count, t.meaning, () => { typeOk[i] = box.checked; apply(); }));
    });
  });

  const diffCounts = {};
  N.concat(E).forEach((row) => { const d = row[7]; if (d) diffCounts[d] = (diffCounts[d] || 0) + 1; });
  // In the header, so a diff view explains its marks without scrolling.
  if (Object.keys(diffCounts).length) {
    $("ag-diff-legend").hidden = false;
    $("ag-diff-legend").appendChild(el("strong", "Changes:"));
  }
  Object.keys(diffCounts).forEach((d) => {
    const row = el("span", null, "ag-check");
    const mark = el("span", null, "ag-swatch"); mark.style.background = "transparent";
    mark.style.border = "3px solid " + (DIFF[d] || "#000"); mark.style.borderRadius = "50%";
    row.appendChild(mark); row.appendChild(el("span", d, "ag-diff")); row.appendChild(el("span", diffCounts[d], "ag-count"));
    $("ag-diff-legend").appendChild(row);
  });

  // ---- time slider ---------------------------------------------------------------------
  const time = $("ag-time");
  time.max = String(DATES.length);
  time.value = String(DATES.length);
  if (!DATES.length) {
    $("ag-time-section").replaceChildren(el("div", "Time", "ag-heading"), el("p", "No relation carries a date.", "ag-hint"));
  }
  function timeLabel() {
    if (!DATES.length) return;
    const v = Number(time.value);
    $("ag-time-label").textContent = v >= DATES.length
      ? "all dates" + (DATES.length ? " (to " + DATES[DATES.length - 1] + ")" : "")
      : "up to " + DATES[v];
  }
  let playing = null;
  function stopPlay() { if (playing) { clearInterval(playing); playing = null; $("ag-play").textContent = "\u25B6 Play"; } }
  if (DATES.length) {
    time.addEventListener("input", () => { stopPlay(); apply(); });
    $("ag-undated").addEventListener("change", apply);
    $("ag-play").addEventListener("click", () => {
      if (playing) { stopPlay(); return; }
      time.value = "0"; apply();
      $("ag-play").textContent = "\u275A\u275A Pause";
      playing = setInterval(() => {
        time.value = String(Number(time.value) + 1); apply();
        if (Number(time.value) >= DATES.length) stopPlay();
      }, 900);
    });
  }
  $("ag-isolated").addEventListener("change", apply);

  // ---- actors without a relation -------------------------------------------------------
  // A tidy list under the legend, hidden until asked for; it follows the label ticks.
  if (loners.length) {
    loners.sort((a, b) => (N[a][2] - N[b][2]) || (N[a][1] < N[b][1] ? -1 : 1));
    $("ag-loners-count").textContent = loners.length.toLocaleString();
    $("ag-loners-toggle").addEventListener("change", listLoners);
  } else {
    $("ag-loners-section").hidden = true;
  }
  function listLoners() {
    const list = $("ag-loners");
    const open = loners.length > 0 && $("ag-loners-toggle").checked;
    list.hidden = !open;
    if (!open) { list.replaceChildren(); return; }
    const items = [];
    loners.forEach((i) => {
      if (!labelOk[N[i][2]]) return;
      const li = el("li", null, "ag-loner");
      li.dataset.row = String(i);
      li.appendChild(swatch(LABELS[N[i][2]]));
      li.appendChild(link(N[i][1], () => pin("node", i)));
      items.push(li);
    });
    list.replaceChildren(...items);
  }

  // ---- filtering ---------------------------------------------------------------------
  function apply() {
    const cutoff = DATES.length ? Number(time.value) : 0;
    const allTime = cutoff >= DATES.length;
    const undated = !DATES.length || $("ag-undated").checked;
    const hideIsolated = $("ag-isolated").checked;
    const base = new Uint8Array(N.length);
    N.forEach((n, i) => { base[i] = labelOk[n[2]] && (allTime || n[6] <= cutoff) ? 1 : 0; });
    const shown = new Uint32Array(N.length);
    const edgeChanges = [];
    let edgeCount = 0, nodeCount = 0;
    E.forEach((e, j) => {
      const when = e[4] < 0 ? undated : (allTime || e[4] <= cutoff);
      const on = typeOk[e[2]] && when && base[e[0]] && base[e[1]] ? 1 : 0;
      if (on !== edgeOn[j]) { edgeOn[j] = on; edgeChanges.push({ id: j, hidden: !on }); }
      if (on) { shown[e[0]]++; shown[e[1]]++; edgeCount++; }
    });
    const nodeChanges = [];
    linked.forEach((i) => {
      const on = base[i] && (!hideIsolated || shown[i] > 0) ? 1 : 0;
      if (on !== nodeOn[i]) { nodeOn[i] = on; nodeChanges.push({ id: i, hidden: !on }); }
      nodeCount += on;
    });
    setHidden(nodeChanges, edgeChanges);
    timeLabel();
    listLoners();
    $("ag-status").textContent = nodeCount === linked.length && edgeCount === E.length ? ""
      : "Showing " + nodeCount.toLocaleString() + " of " + linked.length.toLocaleString() + " related actors, "
        + edgeCount.toLocaleString() + " of " + E.length.toLocaleString() + " relations.";
    api.shown = { nodes: nodeCount, edges: edgeCount };
  }

  // Hiding through the data sets makes vis-network re-parse every changed item and recompute
  // the whole network once per call: seconds on 50,000 edges. The vis-network shipped with
  // pyvis (9.1.x) draws exactly the items whose options.hidden is false, so flip that flag and
  // rebuild its list of visible items once; with any other version, go through the data sets.
  const fastHide = typeof network._updateVisibleIndices === "function" && network.body && network.body.nodes;
  function setHidden(nodeChanges, edgeChanges) {
    if (!fastHide) { nodes.update(nodeChanges); edges.update(edgeChanges); return; }
    const body = network.body;
    nodeChanges.forEach((c) => { if (body.nodes[c.id]) body.nodes[c.id].options.hidden = c.hidden; });
    edgeChanges.forEach((c) => { if (body.edges[c.id]) body.edges[c.id].options.hidden = c.hidden; });
    network._updateVisibleIndices();
    network.redraw();
  }

  function reset() {
    stopPlay();
    labelOk.fill(true); typeOk.fill(true);
    document.querySelectorAll("#ag-controls input[type=checkbox]").forEach((b) => {
      if (b.id !== "ag-isolated" && b.id !== "ag-loners-toggle") b.checked = true;
    });
    time.value = String(DATES.length);
    apply();
  }
  $("ag-reset").addEventListener("click", reset);
  $("ag-fit").addEventListener("click", () => network.fit({ animation: { duration: 400 } }));

  // ---- details panel -----------------------------------------------------------------
  const body = $("ag-details-body");
  let pinned = null;

  function link(text, onClick) {
    const a = el("span", text, "ag-link");
    a.tabIndex = 0;
    a.addEventListener("click", onClick);
    a.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onClick(); });
    return a;
  }
  function badge(text, color) { const b = el("span", text, "ag-badge"); b.style.background = color; return b; }
  function para(label, value) {
    const p = el("p"); p.appendChild(el("strong", label + ": ")); p.appendChild(document.createTextNode(value)); return p;
  }
  // q: [article index, quote, date, date source ("text", "article" or ""), why]
  const DATE_FROM = { text: "date from the text", article: "the article's date" };
  function articleRef(q) {
    const a = ARTICLES[q[0]];
    const when = q[2] ? q[2] + (DATE_FROM[q[3]] ? ", " + DATE_FROM[q[3]] : "") : "undated";
    return (a ? a.title : "unknown article") + " (" + (a && a.outlet ? a.outlet + ", " : "") + when + ")";
  }
  function whyText(why) {
    if (!why) return "";
    if (why === "rule") return "found by a rule";
    const colon = why.indexOf(":");
    const kind = { rule: "rule", llm: "model" }[why.slice(0, colon)];
    return kind ? "found by " + kind + ": " + why.slice(colon + 1) : "found by " + why;
  }

  function showNode(i) {
    const n = N[i], label = LABELS[n[2]], info = n[9];
    $("ag-details-empty").hidden = true;
    body.replaceChildren();
    body.appendChild(el("h2", n[1]));
    const tags = el("p"); tags.appendChild(badge(label.name, label.color));
    if (n[7]) { tags.appendChild(document.createTextNode(" ")); tags.appendChild(badge(n[7], DIFF[n[7]] || "#000")); }
    body.appendChild(tags);
    if (n[8].length) body.appendChild(para("Also called", n[8].join("; ")));
    const roles = [];
    if (info.role) roles.push(String(info.role));
    adjacency[i].forEach((j) => {
      const e = E[j];
      if (e[0] !== i) return;
      const t = TYPES[e[2]].name;
      if (t === "HOLDS_ROLE") roles.push((e[8] || "role") + " (" + N[e[1]][1] + ")");
      if (t === "LEADS") roles.push((e[8] || "head") + " (" + N[e[1]][1] + ")");
    });
    if (roles.length) body.appendChild(para("Roles", roles.join("; ")));
    if (info.country) body.appendChild(para("Country", String(info.country)));
    if (info.description) body.appendChild(para("About", String(info.description)));
    const stats = [];
    stats.push(adjacency[i].length + " relation" + (adjacency[i].length === 1 ? "" : "s"));
    if (typeof info.betweenness === "number") stats.push("betweenness " + info.betweenness.toFixed(3));
    if (info.community !== undefined) stats.push("community " + info.community);
    body.appendChild(para("Position", stats.join(", ")));

    const byType = new Map();
    adjacency[i].forEach((j) => { const t = E[j][2]; if (!byType.has(t)) byType.set(t, []); byType.get(t).push(j); });
    if (byType.size) body.appendChild(el("h3", "Relations"));
    let listed = 0;
    byType.forEach((list, t) => {
      const type = TYPES[t];
      const out = list.filter((j) => E[j][0] === i).length;
      const head = el("div", null, "ag-check");
      const line = el("span", null, "ag-line"); line.style.borderTopColor = type.color;
      head.appendChild(line);
      head.appendChild(el("span", type.short + ": " + (type.symmetric ? list.length
        : out + " from, " + (list.length - out) + " to this actor")));
      body.appendChild(head);
      const ul = el("ul", null, "ag-list");
      list.forEach((j) => {
        if (listed++ >= 200) return;
        const e = E[j], other = e[0] === i ? e[1] : e[0];
        const li = el("li");
        const arrow = type.symmetric ? "" : (e[0] === i ? "\u2192 " : "\u2190 ");
        li.appendChild(document.createTextNode(arrow));
        li.appendChild(link(N[other][1], () => pin("edge", j)));
        li.appendChild(el("span", " (" + e[6] + " quote" + (e[6] === 1 ? "" : "s") + ")", "ag-hint"));
        ul.appendChild(li);
      });
      body.appendChild(ul);
    });
    if (listed > 200) body.appendChild(el("p", "\u2026 and " + (listed - 200) + " more", "ag-hint"));
  }

  function showEdge(j) {
    const e = E[j], type = TYPES[e[2]];
    $("ag-details-empty").hidden = true;
    body.replaceChildren();
    const h = el("h2");
    h.appendChild(link(N[e[0]][1], () => pin("node", e[0])));
    const verb = el("span", " " + type.short + (type.symmetric ? " " : " \u2192 "));
    verb.style.borderBottom = "3px solid " + type.color;
    h.appendChild(verb);
    h.appendChild(link(N[e[1]][1], () => pin("node", e[1])));
    body.appendChild(h);
    if (e[7]) body.appendChild(el("p")).appendChild(badge(e[7], DIFF[e[7]] || "#000"));
    if (type.meaning) body.appendChild(el("p", type.meaning, "ag-hint"));
    if (e[8]) body.appendChild(para(type.name === "HOLDS_ROLE" || type.name === "LEADS" ? "Role" : "Detail", e[8]));
    const evidence = e[9];
    const seen = evidence.map((q) => q[2]).filter(Boolean).sort();
    const first = seen[0], last = seen[seen.length - 1];
    if (first) body.appendChild(para("Seen", first === last ? first : first + " to " + last));
    if (!e[6]) { body.appendChild(el("p", "No quote is recorded with this relation in this view.", "ag-hint")); return; }
    body.appendChild(el("h3", "Why: " + e[6] + " quote" + (e[6] === 1 ? "" : "s") + " from the articles"
      + (evidence.length < e[6] ? " (first " + evidence.length + " shown)" : "")));
    evidence.forEach((q) => {
      body.appendChild(el("div", "\u201C" + q[1] + "\u201D", "ag-quote"));
      const source = el("div", "\u2014 " + articleRef(q), "ag-source");
      if (q[4]) source.appendChild(el("span", " \u00B7 " + whyText(q[4]), "ag-why"));
      body.appendChild(source);
    });
  }

  function clearDetails() { body.replaceChildren(); $("ag-details-empty").hidden = false; }
  function show(kind, i) { if (kind === "node") showNode(i); else showEdge(i); }
  function restore() { if (pinned) show(pinned.kind, pinned.i); else clearDetails(); }
  function pin(kind, i) {
    pinned = { kind: kind, i: i };
    if (kind === "node" && nodeOn[i]) network.selectNodes([i]);
    if (kind === "edge" && edgeOn[i]) network.selectEdges([i]);
    show(kind, i);
  }

  network.on("click", (p) => {
    if (p.nodes.length) pin("node", p.nodes[0]);
    else if (p.edges.length) pin("edge", p.edges[0]);
    else { pinned = null; clearDetails(); }
  });
  network.on("hoverNode", (p) => { pointed = p.node; showNode(p.node); });
  network.on("hoverEdge", (p) => showEdge(p.edge));
  network.on("blurNode", () => { pointed = null; restore(); });
  network.on("blurEdge", restore);

  // ---- search --------------------------------------------------------------------------
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const names = N.map((n) => fold(n[1]));
  const keys = N.map((n, i) => names[i] + "\u0001" + n[8].map(fold).join("\u0001"));
  const search = $("ag-search"), results = $("ag-results");
  let matches = [];

  function find(query) {
    const q = fold(query.trim());
    if (!q) return [];
    const found = [];
    for (let i = 0; i < N.length; i++) if (keys[i].indexOf(q) >= 0) found.push(i);
    found.sort((a, b) => (names[b].startsWith(q) - names[a].startsWith(q)) || (N[b][3] - N[a][3]));
    return found.slice(0, 12);
  }

  function focusNode(i) {
    search.value = N[i][1];
    results.replaceChildren();
    if (!adjacency[i].length) {  // not drawn: open the list of actors without a relation at it
      if (!labelOk[N[i][2]]) reset();
      $("ag-loners-toggle").checked = true;
      listLoners();
      const item = document.querySelector('#ag-loners li[data-row="' + i + '"]');
      if (item) { item.classList.add("ag-active"); item.scrollIntoView({ block: "nearest" }); }
      pin("node", i);
      return;
    }
    if (!nodeOn[i]) reset();  // an actor hidden by the filters: show everything again
    pin("node", i);
    network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 500 } });
  }

  search.addEventListener("input", () => {
    matches = find(search.value);
    results.replaceChildren();
    matches.forEach((i, k) => {
      const li = el("li", N[i][1] + " \u00B7 " + LABELS[N[i][2]].name);
      if (k === 0) li.className = "ag-active";
      li.addEventListener("click", () => focusNode(i));
      results.appendChild(li);
    });
    if (search.value.trim() && !matches.length) results.appendChild(el("li", "No actor matches", "ag-hint"));
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && matches.length) { ev.preventDefault(); focusNode(matches[0]); }
    if (ev.key === "Escape") { search.value = ""; results.replaceChildren(); }
  });

  Object.assign(api, { apply: apply, reset: reset, find: find, focusNode: focusNode, showNode: showNode,
                       showEdge: showEdge, pin: pin, loners: loners });
  timeLabel();
  api.shown = { nodes: linked.length, edges: E.length };
  marks.ready = performance.now();
})();
