// node:os: harmless constants (packages read EOL, platform() and the like
// at load time); nothing about the host is revealed.
'use strict';
var names = require('internal/unavailable_names')('.os') || {};
function notAvailable(name) {
  return function () {
    var e = new Error('os.' + name + '() is not available in Tarsus functions');
    e.code = 'ERR_NOT_AVAILABLE';
    throw e;
  };
}
module.exports = {
  EOL: '\n',
  devNull: '/dev/null',
  constants: names.constants || { signals: {}, errno: {}, priority: {} },
  arch: function () { return process.arch; },
  platform: function () { return 'linux'; },
  type: function () { return 'Linux'; },
  release: function () { return ''; },
  version: function () { return ''; },
  machine: function () { return process.arch === 'x64' ? 'x86_64' : process.arch; },
  endianness: function () { return 'LE'; },
  hostname: function () { return 'localhost'; },
  homedir: function () { return '/'; },
  tmpdir: function () { return '/tmp'; },
  uptime: function () { return process.uptime(); },
  loadavg: function () { return [0, 0, 0]; },
  totalmem: function () { return 0; },
  freemem: function () { return 0; },
  availableParallelism: function () { return 1; },
  cpus: function () { return []; },
  networkInterfaces: function () { return {}; },
  userInfo: function () { return { uid: -1, gid: -1, username: 'tarsus', homedir: '/', shell: null }; },
  getPriority: function () { return 0; },
  setPriority: notAvailable('setPriority'),
};
