// node:stream/consumers: read a stream (Node or Web) or an async iterable
// to its end.
'use strict';

function collect(stream) {
  return new Promise(function (resolve, reject) {
    var chunks = [];
    var it;
    try {
      var f = stream[Symbol.asyncIterator];
      if (typeof f !== 'function') throw new TypeError('The "stream" argument must be an async iterable');
      it = f.call(stream);
    } catch (e) {
      reject(e);
      return;
    }
    function step() {
      it.next().then(function (r) {
        if (r.done) { resolve(chunks); return; }
        chunks.push(r.value);
        step();
      }, reject);
    }
    step();
  });
}

function toBuffer(chunks) {
  var dec = [];
  for (var i = 0; i < chunks.length; i++) {
    var c = chunks[i];
    dec.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c.buffer ? c.buffer : c, c.byteOffset || 0, c.byteLength));
  }
  return Buffer.concat(dec);
}

function text(stream) {
  return collect(stream).then(function (chunks) {
    var s = '';
    var d = new TextDecoder();
    for (var i = 0; i < chunks.length; i++) s += typeof chunks[i] === 'string' ? chunks[i] : d.decode(chunks[i], { stream: true });
    return s + d.decode();
  });
}

module.exports = {
  arrayBuffer: function (s) { return collect(s).then(function (c) { var b = toBuffer(c); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); }); },
  buffer: function (s) { return collect(s).then(toBuffer); },
  text: text,
  json: function (s) { return text(s).then(JSON.parse); },
  blob: function (s) { return collect(s).then(function (c) { return new Blob(c); }); },
};
