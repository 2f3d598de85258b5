// The statistics page's chart: received and registered cases by source.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var element = document.querySelector("[data-chart='sources']");
    var data = document.getElementById("supervision-source-chart");
    if (!element || !data || typeof echarts === "undefined") {
      return;
    }
    var chart = echarts.init(element);
    var figures = JSON.parse(data.textContent);
    // Canvas text does not inherit the page's CJK webfont: name it, or the
    // labels fall back to a system font that may lack Chinese glyphs.
    var font = window.getComputedStyle(document.body).fontFamily;
    chart.setOption({
      textStyle: { fontFamily: font },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 90 },
      xAxis: { type: "category", data: figures.sources, axisLabel: { rotate: 30 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: element.dataset.labelReceived, type: "bar", data: figures.received },
        { name: element.dataset.labelRegistered, type: "bar", data: figures.registered }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
