// Department rankings as bar charts, one per comparable group (no inline script: CSP).
(function () {
  "use strict";
  var source = document.getElementById("ranking-chart-data");
  if (!source || typeof echarts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  // Canvas text needs the page's CJK web font, so draw once it has loaded.
  var font = '"Noto Sans SC", system-ui, sans-serif';

  function draw() {
    document.querySelectorAll("[data-ranking-chart]").forEach(function (element) {
      var group = data[element.getAttribute("data-ranking-chart")];
      if (!group) {
        return;
      }
      var chart = echarts.init(element);
      chart.setOption({
        textStyle: { fontFamily: font },
        grid: { left: 110, right: 40, top: 10, bottom: 25 },
        xAxis: { type: "value" },
        yAxis: { type: "category", inverse: true, data: group.names },
        series: [{
          type: "bar",
          data: group.values,
          itemStyle: { color: "#8b1a1a" },
          label: { show: true, position: "right" }
        }],
        tooltip: { trigger: "axis" }
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  var ready = document.fonts && document.fonts.load
    ? document.fonts.load('12px "Noto Sans SC"', "部门")
    : Promise.resolve();
  ready.then(draw, draw);
})();
