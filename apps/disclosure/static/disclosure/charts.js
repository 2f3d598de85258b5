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
        // Canvas text needs the bundled CJK web font by name: the machines
        // this runs on may have no system font with Chinese glyphs.
        textStyle: { fontFamily: "\"Noto Sans SC\", sans-serif" },
        grid: { left: 48, right: 16, top: 16, bottom: 32 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.steps },
        yAxis: { type: "value", min: 0, max: 100, name: el.getAttribute("data-label") },
        series: [{ type: "bar", data: data.rates, itemStyle: { color: "#198754" } }]
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    // Draw once the web fonts are in, or the labels would be measured and
    // painted with a fallback font.
    if (document.fonts && document.fonts.ready) {
      document.fonts.load("12px \"Noto Sans SC\"", "按时率").then(draw, draw);
    } else {
      draw();
    }
  });

})();
