// Country-pair page: events per month stacked by quad, with the
// cooperation-conflict balance as a line on a second axis.
(function () {
  var el = document.getElementById("chart");
  var src = document.getElementById("chart-data");
  if (!el || !src || !window.Plotly) return;
  var data = JSON.parse(src.textContent);
  var colours = {
    "verbal_cooperation": "#86efac", "material_cooperation": "#16a34a",
    "verbal_conflict": "#fca5a5", "material_conflict": "#b91c1c"
  };
  var traces = Object.keys(data.quads).sort().map(function (q) {
    return {type: "bar", name: q.replace(/_/g, " ").toLowerCase(), x: data.months, y: data.quads[q],
            marker: {color: colours[q.toLowerCase().replace(/[^a-z0-9]+/g, "_")] || "#94a3b8"}};
  });
  traces.push({type: "scatter", mode: "lines+markers", name: "balance", x: data.months,
               y: data.balance, yaxis: "y2", line: {color: "#1f2937", width: 2}});
  Plotly.newPlot(el, traces, {
    title: {text: data.title, font: {size: 15}}, barmode: "stack",
    margin: {l: 50, r: 60, t: 50, b: 50},
    xaxis: {type: "category", title: {text: "month"}},
    yaxis: {title: {text: "events"}, rangemode: "tozero"},
    yaxis2: {title: {text: "coop − conflict"}, overlaying: "y", side: "right", range: [-1.1, 1.1],
             tickvals: [-1, -0.5, 0, 0.5, 1], zeroline: false, showgrid: false},
    legend: {orientation: "h", y: -0.25}
  }, {displaylogo: false, responsive: true});
})();
