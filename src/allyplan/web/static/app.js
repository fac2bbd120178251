// Charts (Plotly, served by the application) and the progress of a running plan or sweep. No inline scripts: the pages'
// Content-Security-Policy allows only files from this site.
document.querySelectorAll("script.chart-data").forEach(function (el) {
  var spec = JSON.parse(el.textContent);
  var div = document.getElementById("chart-" + spec.id);
  var layout = Object.assign({title: spec.title, template: "plotly_white", margin: {l: 50, r: 10, t: 40, b: 40}},
                             spec.layout || {});
  Plotly.newPlot(div, spec.data, layout, {displaylogo: false, responsive: true}).then(function () {
    div.setAttribute("data-rendered", "1");
  });
});
var job = document.getElementById("job-progress");
if (job) {
  var poll = function () {
    fetch((job.dataset.api || "/api/v1/plans/") + job.dataset.job, {credentials: "same-origin"}).then(function (r) { return r.json(); })
      .then(function (j) {
        var p = j.progress || {};
        var text = j.state + (p.stage ? " — " + p.stage : "");
        if (p.total) { text += " (" + p.done + " of " + p.total + " samples" + (p.rate ? ", " + p.rate.toFixed(1) +
                                  "/s" : "") + (p.eta !== undefined && p.eta !== null ? ", " + Math.round(p.eta) +
                                  " s left" : "") + ")"; }
        if (p.gap !== undefined && p.gap !== null) { text += " (gap " + (100 * p.gap).toFixed(2) + "%, " +
                                                             (p.seconds || 0).toFixed(1) + " s)"; }
        document.getElementById("job-state").textContent = text;
        if (j.fraction !== undefined && j.fraction !== null) { job.querySelector("progress").value = j.fraction; }
        if (j.state === "queued" || j.state === "running") { setTimeout(poll, 400); } else { location.reload(); }
      }).catch(function () { setTimeout(poll, 1000); });
  };
  poll();
}
