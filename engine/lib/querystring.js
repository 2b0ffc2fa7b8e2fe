// node:querystring, written for the engine after Node 20's behaviour.
'use strict';

function unescapeBuffer(s, decodeSpaces) {
  s = String(s);
  var out = new Uint8Array(s.length);
  var n = 0;
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c === 43 && decodeSpaces) { out[n++] = 32; continue; }
    if (c === 37 && i + 2 < s.length + 0 && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      out[n++] = parseInt(s.substr(i + 1, 2), 16);
      i += 2;
      continue;
    }
    out[n++] = c & 0xff;
  }
  return Buffer.from(out.buffer, 0, n);
}

function isHex(c) {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function qsUnescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return unescapeBuffer(s, decodeSpaces).toString();
  }
}

function qsEscape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  try {
    return encodeURIComponent(str);
  } catch (e) {
    var err = new URIError('URI malformed');
    err.code = 'ERR_INVALID_URI';
    throw err;
  }
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && isFinite(v)) return '' + v;
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeStringified(v, encode) {
  if (typeof v === 'string') return v.length ? encode(v) : '';
  if (typeof v === 'number' && isFinite(v)) return Math.abs(v) < 1e21 ? '' + v : encode('' + v);
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  var encode = module.exports.escape;
  if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
  var convert = encode === qsEscape ? encodeStringified : function (v, enc) { return enc(stringifyPrimitive(v)); };
  if (obj !== null && typeof obj === 'object') {
    var keys = Object.keys(obj);
    var len = keys.length;
    var fields = '';
    for (var i = 0; i < len; ++i) {
      var k = keys[i];
      var v = obj[k];
      var ks = convert(k, encode);
      ks += eq;
      if (Array.isArray(v)) {
        var vlen = v.length;
        if (vlen === 0) continue;
        if (fields) fields += sep;
        for (var j = 0; j < vlen; ++j) {
          if (j) fields += sep;
          fields += ks;
          fields += convert(v[j], encode);
        }
      } else {
        if (fields) fields += sep;
        fields += ks;
        fields += convert(v, encode);
      }
    }
    return fields;
  }
  return '';
}

function addKeyVal(obj, key, value, keyEncoded, valEncoded, decode) {
  if (key.length > 0 && keyEncoded) key = decodeStr(key, decode);
  if (value.length > 0 && valEncoded) value = decodeStr(value, decode);
  if (obj[key] === undefined) {
    obj[key] = value;
  } else {
    var cur = obj[key];
    if (cur.pop) cur[cur.length] = value;
    else obj[key] = [cur, value];
  }
}

function decodeStr(s, decoder) {
  try {
    return decoder(s);
  } catch (e) {
    return qsUnescape(s, true);
  }
}

function ParsedQueryString() {}
ParsedQueryString.prototype = Object.create(null);

function parse(qs, sep, eq, options) {
  var obj = new ParsedQueryString();
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  sep = sep ? String(sep) : '&';
  eq = eq ? String(eq) : '=';
  var maxKeys = 1000;
  if (options && typeof options.maxKeys === 'number') maxKeys = options.maxKeys;
  var pairs = maxKeys > 0 ? maxKeys : Infinity;
  // The module's unescape, which a program may replace (as in Node).
  var decode = module.exports.unescape;
  if (options && typeof options.decodeURIComponent === 'function') decode = options.decodeURIComponent;
  var customDecode = decode !== qsUnescape;
  var parts = qs.split(sep);
  var count = 0;
  for (var i = 0; i < parts.length && count < pairs; i++) {
    var part = parts[i];
    if (part.length === 0 && !(i === parts.length - 1 && false)) {
      continue;
    }
    var idx = part.indexOf(eq);
    var key, value;
    if (idx >= 0) {
      key = part.slice(0, idx);
      value = part.slice(idx + eq.length);
    } else {
      key = part;
      value = '';
    }
    var keyEnc = customDecode || key.indexOf('%') !== -1 || key.indexOf('+') !== -1;
    var valEnc = customDecode || value.indexOf('%') !== -1 || value.indexOf('+') !== -1;
    if (!customDecode) {
      key = key.replace(/\+/g, ' ');
      value = value.replace(/\+/g, ' ');
    }
    addKeyVal(obj, key, value, keyEnc, valEnc, decode);
    count++;
  }
  return obj;
}

module.exports = {
  unescapeBuffer: unescapeBuffer,
  unescape: qsUnescape,
  escape: qsEscape,
  stringify: stringify,
  encode: stringify,
  parse: parse,
  decode: parse,
};
