// Department rankings as bar charts, one per comparable group (no inline script: CSP).
(function () {
  "use strict";
  var source = document.getElementById("ranking-chart-data");
  if (!source || typeof echarts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  document.querySelectorAll("[data-ranking-chart]").forEach(function (element) {
    var group = data[element.getAttribute("data-ranking-chart")];
    if (!group) {
      return;
    }
    var chart = echarts.init(element);
    chart.setOption({
      grid: { left: 110, right: 30, top: 10, bottom: 25 },
      xAxis: { type: "value" },
      yAxis: { type: "category", inverse: true, data: group.names },
      series: [{ type: "bar", data: group.values, itemStyle: { color: "#8b1a1a" },
                 label: { show: true, position: "right" } }],
      tooltip: { trigger: "axis" }
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
