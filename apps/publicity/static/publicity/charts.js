// Charts of the publicity statistics page, drawn with the vendored ECharts from
// the JSON block the page carries (no inline scripts: the CSP forbids them).
(function () {
  "use strict";
  function data() {
    var node = document.getElementById("publicity-chart-data");
    return node ? JSON.parse(node.textContent) : null;
  }

  function draw(el, option) {
    // SVG text uses the page's web font, or Chinese would have no glyphs.
    option.textStyle = { fontFamily: '"Noto Sans SC", sans-serif' };
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }

  var builders = {
    monthly: function (d) {
      return {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 32, bottom: 28 },
        xAxis: { type: "category", data: d.months },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: d.series.adoptions, type: "bar", data: d.adoptions, itemStyle: { color: "#8b1a1a" } },
          { name: d.series.dispatched, type: "bar", data: d.dispatched, itemStyle: { color: "#d9a5a5" } },
          { name: d.series.adoptions_last, type: "line", data: d.adoptions_last, itemStyle: { color: "#6c757d" } }
        ]
      };
    },
    departments: function (d) {
      return {
        tooltip: { trigger: "axis" },
        grid: { left: 40, right: 16, top: 16, bottom: 60 },
        xAxis: { type: "category", data: d.departments, axisLabel: { rotate: 30, interval: 0 } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data: d.department_adoptions, itemStyle: { color: "#8b1a1a" } }]
      };
    },
    levels: function (d) { return pie(d.levels); },
    media: function (d) { return pie(d.media); }
  };

  function pie(rows) {
    return {
      tooltip: { trigger: "item" },
      legend: { bottom: 0 },
      series: [{ type: "pie", radius: ["35%", "65%"], data: rows.filter(function (r) { return r.value > 0; }) }]
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var d = data();
    if (!d || typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var build = builders[el.getAttribute("data-chart")];
      if (build) { draw(el, build(d)); }
    });
  });
})();
