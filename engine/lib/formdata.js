// internal/formdata: FormData, and the multipart/form-data and
// application/x-www-form-urlencoded forms of it that fetch's Request and
// Response use (exports.serialize, exports.parse).
'use strict';
var blob = require('internal/blob');
var kEntries = Symbol('entries');

function checkFD(f) {
  if (f === null || typeof f !== 'object' || !(kEntries in f)) throw new TypeError('Value of "this" must be of type FormData');
}

// entryValue converts a value as the spec's "create an entry" does.
function entryValue(value, filename, nargs) {
  if (blob.isBlob(value)) {
    var File = blob.File;
    if (filename !== undefined) return new File([value], String(filename), { type: value.type, lastModified: value instanceof File ? value.lastModified : undefined });
    if (value instanceof File) return value;
    return new File([value], 'blob', { type: value.type });
  }
  if (nargs > 2) throw new TypeError('Failed to execute \'append\' on \'FormData\': parameter 2 is not of type \'Blob\'.');
  return String(value);
}

class FormData {
  constructor(form) {
    if (form !== undefined) throw new TypeError('FormData: a form element is not supported in Tarsus (there is no DOM)');
    this[kEntries] = [];
  }
  append(name, value, filename) {
    checkFD(this);
    if (arguments.length < 2) throw new TypeError('2 arguments required, but only ' + arguments.length + ' present.');
    this[kEntries].push([String(name), entryValue(value, filename, arguments.length)]);
  }
  set(name, value, filename) {
    checkFD(this);
    if (arguments.length < 2) throw new TypeError('2 arguments required, but only ' + arguments.length + ' present.');
    name = String(name);
    var v = entryValue(value, filename, arguments.length), list = this[kEntries], found = false;
    for (var i = 0; i < list.length; i++) {
      if (list[i][0] !== name) continue;
      if (!found) { list[i] = [name, v]; found = true; } else { list.splice(i, 1); i--; }
    }
    if (!found) list.push([name, v]);
  }
  get(name) {
    checkFD(this);
    name = String(name);
    var list = this[kEntries];
    for (var i = 0; i < list.length; i++) if (list[i][0] === name) return list[i][1];
    return null;
  }
  getAll(name) {
    checkFD(this);
    name = String(name);
    return this[kEntries].filter(function (e) { return e[0] === name; }).map(function (e) { return e[1]; });
  }
  has(name) { checkFD(this); name = String(name); return this[kEntries].some(function (e) { return e[0] === name; }); }
  delete(name) { checkFD(this); name = String(name); this[kEntries] = this[kEntries].filter(function (e) { return e[0] !== name; }); }
  forEach(cb, thisArg) {
    checkFD(this);
    if (typeof cb !== 'function') throw new TypeError('The "callback" argument must be of type function');
    for (var i = 0; i < this[kEntries].length; i++) { var e = this[kEntries][i]; cb.call(thisArg, e[1], e[0], this); }
  }
  *entries() { checkFD(this); for (var i = 0; i < this[kEntries].length; i++) { var e = this[kEntries][i]; yield [e[0], e[1]]; } }
  *keys() { checkFD(this); for (var i = 0; i < this[kEntries].length; i++) yield this[kEntries][i][0]; }
  *values() { checkFD(this); for (var i = 0; i < this[kEntries].length; i++) yield this[kEntries][i][1]; }
  [Symbol.iterator]() { return this.entries(); }
}
Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });

function escapeName(s, isFilename) {
  s = s.replace(/\r\n|\r|\n/g, isFilename ? '\n' : '\r\n');
  return s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
}

// serialize(formData) is its multipart/form-data body:
// {contentType: 'multipart/form-data; boundary=…', body: Blob}.
function serialize(fd) {
  checkFD(fd);
  var rnd = new Uint8Array(12);
  crypto.getRandomValues(rnd);
  var boundary = '----formdata-tarsus-' + Array.prototype.map.call(rnd, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  var parts = [];
  fd[kEntries].forEach(function (e) {
    var head = '--' + boundary + '\r\nContent-Disposition: form-data; name="' + escapeName(e[0], false) + '"';
    if (typeof e[1] === 'string') {
      parts.push(head + '\r\n\r\n' + e[1].replace(/\r\n|\r|\n/g, '\r\n') + '\r\n');
    } else {
      parts.push(head + '; filename="' + escapeName(e[1].name, true) + '"\r\nContent-Type: ' + (e[1].type || 'application/octet-stream') + '\r\n\r\n', e[1], '\r\n');
    }
  });
  parts.push('--' + boundary + '--\r\n');
  return { contentType: 'multipart/form-data; boundary=' + boundary, body: new blob.Blob(parts) };
}

// parse(bytes, contentType) reads a multipart/form-data or
// application/x-www-form-urlencoded body into a FormData (Go's
// mime/multipart does the multipart parsing, within the body's size).
function parse(bytes, contentType) {
  var ct = String(contentType || '');
  var mt = ct.split(';')[0].trim().toLowerCase();
  var fd = new FormData();
  if (mt === 'application/x-www-form-urlencoded') {
    var params = new URLSearchParams(new TextDecoder().decode(bytes));
    params.forEach(function (v, k) { fd.append(k, v); });
    return fd;
  }
  if (mt !== 'multipart/form-data') throw new TypeError('Could not parse content as FormData.');
  var parts = host.parseMultipart(bytes, ct);
  for (var i = 0; i < parts.length; i++) {
    var p = parts[i];
    if (p.filename === undefined) fd.append(p.name, new TextDecoder().decode(p.data));
    else fd.append(p.name, new blob.File([p.data], p.filename, { type: p.type }));
  }
  return fd;
}

exports.FormData = FormData;
exports.serialize = serialize;
exports.parse = parse;
