// Charts of the disclosure statistics page, fed from a json_script block.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("disclosure-chart-data");
    if (!source || typeof echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    document.querySelectorAll(".disclosure-chart[data-chart='steps']").forEach(function (el) {
      var chart = echarts.init(el);
      chart.setOption({
        grid: { left: 48, right: 16, top: 16, bottom: 32 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.steps },
        yAxis: { type: "value", min: 0, max: 100, name: el.getAttribute("data-label") },
        series: [{ type: "bar", data: data.rates, itemStyle: { color: "#198754" } }]
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
