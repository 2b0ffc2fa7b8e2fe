// node:perf_hooks: performance (the global's when there is one), and the
// observers as inert stand-ins (nothing is ever observed).
'use strict';
var performance = globalThis.performance;
if (!performance) {
  var origin = Date.now() - process.uptime() * 1000;
  var marks = [];
  performance = {
    timeOrigin: origin,
    now: function () { return process.uptime() * 1000; },
    mark: function (name) { var m = { name: name, entryType: 'mark', startTime: this.now(), duration: 0 }; if (marks.length < 1000) marks.push(m); return m; },
    measure: function (name, start, end) {
      var find = function (n) { for (var i = marks.length - 1; i >= 0; i--) if (marks[i].name === n) return marks[i].startTime; return undefined; };
      var s = start === undefined ? 0 : find(start), e = end === undefined ? this.now() : find(end);
      return { name: name, entryType: 'measure', startTime: s, duration: e - s };
    },
    getEntries: function () { return marks.slice(); },
    getEntriesByName: function (n) { return marks.filter(function (m) { return m.name === n; }); },
    getEntriesByType: function (t) { return t === 'mark' ? marks.slice() : []; },
    clearMarks: function () { marks = []; },
    clearMeasures: function () {},
    toJSON: function () { return { timeOrigin: origin }; },
  };
}
function PerformanceObserver(cb) { this._cb = cb; }
PerformanceObserver.prototype.observe = function () {};
PerformanceObserver.prototype.disconnect = function () {};
PerformanceObserver.supportedEntryTypes = ['mark', 'measure'];
module.exports = {
  performance: performance,
  PerformanceObserver: PerformanceObserver,
  constants: { NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8, NODE_PERFORMANCE_GC_WEAKCB: 16 },
  monitorEventLoopDelay: function () {
    var e = new Error('perf_hooks.monitorEventLoopDelay() is not available in Tarsus functions');
    e.code = 'ERR_NOT_AVAILABLE';
    throw e;
  },
  createHistogram: function () {
    var e = new Error('perf_hooks.createHistogram() is not available in Tarsus functions');
    e.code = 'ERR_NOT_AVAILABLE';
    throw e;
  },
};
