// node:timers: the global timers, as a module.
'use strict';
module.exports = {
  setTimeout: setTimeout, clearTimeout: clearTimeout,
  setInterval: setInterval, clearInterval: clearInterval,
  setImmediate: setImmediate, clearImmediate: clearImmediate,
};
