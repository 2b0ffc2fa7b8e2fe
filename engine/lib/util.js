// node:util: Node 20's util over a few Go bindings (host): cls (an
// object's internal kind: Promise, Proxy, or goja's class name),
// promiseState, maxStringLen and limit (format's size check, the same
// TARSUS_LIMIT error as every other built-in).
'use strict';

var types = require('util/types');
var customInspect = Symbol.for('nodejs.util.inspect.custom');
var customPromisify = Symbol.for('nodejs.util.promisify.custom');
var hasOwn = Object.prototype.hasOwnProperty;
var objToString = Object.prototype.toString;

function codeError(Ctor, code, msg) {
  var e = new Ctor(msg);
  e.code = code;
  return e;
}

function received(v) {
  if (v == null) return ' Received ' + v;
  if (typeof v === 'function') return ' Received function ' + (v.name || '');
  if (typeof v === 'object') {
    if (v.constructor && v.constructor.name) return ' Received an instance of ' + v.constructor.name;
    return ' Received ' + inspect(v, { depth: -1 });
  }
  var s = inspect(v, { colors: false });
  if (s.length > 28) s = s.slice(0, 25) + '...';
  return ' Received type ' + typeof v + ' (' + s + ')';
}

function invalidArgType(name, expected, v) {
  return codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" argument must be ' + expected + '.' + received(v));
}

// ---- inspect ------------------------------------------------------------

var inspectDefaultOptions = {
  showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false,
  maxArrayLength: 100, maxStringLength: 10000, breakLength: 128, compact: 3,
  sorted: false, getters: false, numericSeparator: false,
};

var keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
var meta = ['\\x00', '\\x01', '\\x02', '\\x03', '\\x04', '\\x05', '\\x06', '\\x07', '\\b', '\\t', '\\n', '\\x0B', '\\f', '\\r', '\\x0E', '\\x0F',
  '\\x10', '\\x11', '\\x12', '\\x13', '\\x14', '\\x15', '\\x16', '\\x17', '\\x18', '\\x19', '\\x1A', '\\x1B', '\\x1C', '\\x1D', '\\x1E', '\\x1F'];

function strEscape(str) {
  var quote = "'";
  if (str.indexOf("'") !== -1) {
    if (str.indexOf('"') === -1) quote = '"';
    else if (str.indexOf('`') === -1 && str.indexOf('${') === -1) quote = '`';
  }
  var out = []; // parts, joined once (goja copies a string on every +=)
  var last = 0;
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i);
    var rep = null;
    if (c < 32) rep = meta[c];
    else if (c === 0x7f) rep = '\\x7F';
    else if (c === 92) rep = '\\\\';
    else if (str[i] === quote) rep = '\\' + quote;
    else if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < str.length) {
        var d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { i++; continue; }
      }
      rep = '\\u' + c.toString(16).toUpperCase();
    }
    if (rep !== null) {
      out.push(str.slice(last, i), rep);
      last = i + 1;
    }
  }
  return quote + out.join('') + str.slice(last) + quote;
}

function getCtorName(obj) {
  var o = obj;
  while (o !== null && o !== undefined) {
    var d = Object.getOwnPropertyDescriptor(o, 'constructor');
    if (d && typeof d.value === 'function' && d.value.name !== '' && isInstanceof(obj, d.value)) return d.value.name;
    o = Object.getPrototypeOf(o);
  }
  return null;
}

function isInstanceof(o, C) {
  try { return o instanceof C; } catch (e) { return false; }
}

function getPrefix(ctor, tag, fallback, size) {
  if (ctor === null) {
    if (tag !== '' && fallback !== tag) return '[' + fallback + (size || '') + ': null prototype] [' + tag + '] ';
    return '[' + fallback + (size || '') + ': null prototype] ';
  }
  if (tag !== '' && ctor !== tag) return ctor + (size || '') + ' [' + tag + '] ';
  return ctor + (size || '') + ' ';
}

function formatNumber(n) {
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

function formatPrimitive(ctx, v) {
  switch (typeof v) {
    case 'string':
      var trailer = '';
      if (v.length > ctx.maxStringLength) {
        var rem = v.length - ctx.maxStringLength;
        v = v.slice(0, ctx.maxStringLength);
        trailer = '... ' + rem + ' more character' + (rem > 1 ? 's' : '');
      }
      if (ctx.compact !== true && v.length > 16 && v.length > ctx.breakLength - ctx.indentationLvl - 4) {
        var parts = v.split(/(?<=\n)/);
        if (parts.length > 1) {
          return parts.map(strEscape).join(' +\n' + ' '.repeat(ctx.indentationLvl + 2)) + trailer;
        }
      }
      return strEscape(v) + trailer;
    case 'number': return formatNumber(v);
    case 'bigint': return String(v) + 'n';
    case 'boolean': return String(v);
    case 'undefined': return 'undefined';
    case 'symbol': return v.toString();
  }
  return String(v);
}

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx, value);
  if (value === null) return 'null';
  if (ctx.customInspect) {
    var maybe;
    try { maybe = value[customInspect]; } catch (e) { maybe = undefined; }
    if (typeof maybe === 'function' && maybe !== inspect) {
      var depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      var opts = {};
      for (var k in ctx.userOptions) opts[k] = ctx.userOptions[k];
      opts.depth = depth;
      var ret = maybe.call(value, depth, opts, inspect);
      if (ret !== value) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.replace(/\n/g, '\n' + ' '.repeat(ctx.indentationLvl));
      }
    }
  }
  if (ctx.seen.indexOf(value) !== -1) {
    var index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map();
      ctx.circular.set(value, index);
    } else {
      index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
    }
    return '[Circular *' + index + ']';
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

function fnBase(value, ctorName, tag) {
  var src = '';
  try { src = Function.prototype.toString.call(value); } catch (e) { /* not a function's source */ }
  if (src.slice(0, 5) === 'class' && /^class\s*[{\s\w$]/.test(src)) {
    var b = '[class ' + (value.name || '(anonymous)');
    if (ctorName !== 'Function' && ctorName !== null) b += ' [' + ctorName + ']';
    if (tag !== '' && ctorName !== tag) b += ' [' + tag + ']';
    var sup = Object.getPrototypeOf(value);
    if (sup && sup.name) b += ' extends ' + sup.name;
    else if (sup === null) b += ' extends [null prototype]';
    return b + ']';
  }
  var type = 'Function';
  if (types.isGeneratorFunction(value)) type = 'Generator' + type;
  if (types.isAsyncFunction(value)) type = 'Async' + type;
  var base = '[' + type;
  if (ctorName === null) base += ' (null prototype)';
  base += value.name === '' || typeof value.name !== 'string' ? ' (anonymous)' : ': ' + value.name;
  base += ']';
  if (ctorName !== type && ctorName !== null) base += ' ' + ctorName;
  if (tag !== '' && ctorName !== tag) base += ' [' + tag + ']';
  return base;
}

function errBase(err, ctorName, tag, keys) {
  var name = err.name != null ? String(err.name) : 'Error';
  var stack;
  try { stack = err.stack; } catch (e) { stack = undefined; }
  stack = typeof stack === 'string' && stack ? stack.replace(/\n+$/, '') : Error.prototype.toString.call(err);
  if (ctorName === null || (name.slice(-5) === 'Error' && stack.slice(0, name.length) === name && ctorName !== name && ctorName.indexOf(name) === -1)) {
    var fallback = 'Error';
    if (ctorName === null) {
      var start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = start && start[1] || '';
      stack = '[' + fallback + ': null prototype]' + stack.slice(fallback.length);
    }
  }
  var i = keys.indexOf('message');
  if (i !== -1 && stack.indexOf(String(err.message)) !== -1) keys.splice(i, 1);
  i = keys.indexOf('name');
  if (i !== -1 && stack.indexOf(name) !== -1) keys.splice(i, 1);
  if (err.cause !== undefined && keys.indexOf('cause') === -1 && hasOwn.call(err, 'cause')) keys.push('cause');
  if (Array.isArray(err.errors) && keys.indexOf('errors') === -1 && hasOwn.call(err, 'errors')) keys.push('errors');
  if (!/\n\s+at /.test(stack)) stack = '[' + stack + ']';
  return stack;
}

function getKeys(value, showHidden) {
  var keys;
  var symbols = Object.getOwnPropertySymbols(value);
  if (showHidden) {
    keys = Object.getOwnPropertyNames(value);
    if (symbols.length !== 0) keys = keys.concat(symbols);
  } else {
    keys = Object.keys(value);
    for (var i = 0; i < symbols.length; i++) {
      if (Object.prototype.propertyIsEnumerable.call(value, symbols[i])) keys.push(symbols[i]);
    }
  }
  return keys;
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  var keys;
  var ctorName = getCtorName(value);
  var tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string' || (tag !== '' && (ctx.showHidden ? hasOwn : Object.prototype.propertyIsEnumerable).call(value, Symbol.toStringTag))) tag = '';
  var base = '';
  var formatter = formatObjectEntries;
  var braces;
  var noIterator = true;
  var extrasType = 0; // 0 object, 1 array
  var cls = host.cls(value);

  if (Array.isArray(value)) {
    var prefix = (ctorName !== 'Array' || tag !== '') ? getPrefix(ctorName, tag, 'Array', '(' + value.length + ')') : '';
    keys = getOwnNonIndexProperties(value, ctx.showHidden);
    braces = [prefix + '[', ']'];
    if (value.length === 0 && keys.length === 0) return braces[0] + ']';
    extrasType = 1;
    formatter = formatArray;
    noIterator = false;
  } else if (types.isSet(value)) {
    var size = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get.call(value);
    var p2 = getPrefix(ctorName, tag, 'Set', '(' + size + ')');
    keys = getKeys(value, ctx.showHidden);
    formatter = formatSet;
    if (size === 0 && keys.length === 0) return p2 + '{}';
    braces = [p2 + '{', '}'];
    noIterator = false;
  } else if (types.isMap(value)) {
    var msize = Object.getOwnPropertyDescriptor(Map.prototype, 'size').get.call(value);
    var p3 = getPrefix(ctorName, tag, 'Map', '(' + msize + ')');
    keys = getKeys(value, ctx.showHidden);
    formatter = formatMap;
    if (msize === 0 && keys.length === 0) return p3 + '{}';
    braces = [p3 + '{', '}'];
    noIterator = false;
  } else if (types.isTypedArray(value)) {
    keys = getOwnNonIndexProperties(value, ctx.showHidden);
    var fallbackName = types.isTypedArray(value) ? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get.call(value) : '';
    var len = value.length;
    if (fallbackName === 'Uint8Array' && ctorName === 'Buffer' && ctx.customInspect) {
      var max = Math.min(50, len);
      var hex = [];
      for (var bi = 0; bi < max; bi++) hex.push((value[bi] < 16 ? '0' : '') + value[bi].toString(16));
      var str = hex.join(' ');
      if (len > 50) str += ' ... ' + (len - 50) + ' more byte' + (len - 50 > 1 ? 's' : '');
      return '<Buffer' + (str ? ' ' + str : '') + '>';
    }
    var p4 = getPrefix(ctorName, tag, fallbackName, '(' + len + ')');
    braces = [p4 + '[', ']'];
    if (value.length === 0 && keys.length === 0 && !ctx.showHidden) return braces[0] + ']';
    formatter = formatTypedArray;
    extrasType = 1;
    noIterator = false;
  }
  if (noIterator) {
    keys = getKeys(value, ctx.showHidden);
    braces = ['{', '}'];
    if (ctorName === 'Object') {
      if (cls === 'Arguments') braces[0] = '[Arguments] [';
      else if (tag !== '') braces[0] = getPrefix(ctorName, tag, 'Object') + '{';
      if (cls === 'Arguments') { braces[1] = ']'; extrasType = 1; formatter = formatArray; }
      if (keys.length === 0 && cls !== 'Arguments') return braces[0] + '}';
      if (cls === 'Arguments' && value.length === 0 && keys.length === 0) return '[Arguments] []';
    } else if (typeof value === 'function') {
      base = fnBase(value, ctorName, tag);
      keys = keys.filter(function (k) { return k !== 'prototype'; });
      if (keys.length === 0) return base;
    } else if (types.isRegExp(value)) {
      base = RegExp.prototype.toString.call(value);
      var pre = getPrefix(ctorName, tag, 'RegExp');
      if (pre !== 'RegExp ') base = pre + base;
      if (keys.length === 0 || recurseTimes > ctx.depth && ctx.depth !== null) return base;
    } else if (types.isDate(value)) {
      var t = Date.prototype.getTime.call(value);
      base = t !== t ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
      var pre2 = getPrefix(ctorName, tag, 'Date');
      if (pre2 !== 'Date ') base = pre2 + base;
      if (keys.length === 0) return base;
    } else if (types.isNativeError(value) || value instanceof Error) {
      base = errBase(value, ctorName, tag, keys);
      if (keys.length === 0) return base;
    } else if (types.isAnyArrayBuffer(value)) {
      var bl = value.byteLength;
      var bytes = new Uint8Array(value, 0, Math.min(50, bl));
      var hx = [];
      for (var ai = 0; ai < bytes.length; ai++) hx.push((bytes[ai] < 16 ? '0' : '') + bytes[ai].toString(16));
      var contents = '<' + hx.join(' ') + (bl > 50 ? ' ... ' + (bl - 50) + ' more byte' + (bl - 50 > 1 ? 's' : '') : '') + '>';
      return getPrefix(ctorName, tag, 'ArrayBuffer') + '{ [Uint8Contents]: ' + contents + ', byteLength: ' + bl + ' }';
    } else if (types.isDataView(value)) {
      braces[0] = getPrefix(ctorName, tag, 'DataView') + '{';
      keys = ['byteLength', 'byteOffset', 'buffer'].concat(keys);
    } else if (types.isPromise(value)) {
      braces[0] = getPrefix(ctorName, tag, 'Promise') + '{';
      formatter = formatPromise;
    } else if (types.isWeakSet(value) || types.isWeakMap(value)) {
      braces[0] = getPrefix(ctorName, tag, types.isWeakSet(value) ? 'WeakSet' : 'WeakMap') + '{';
      formatter = function () { return ['<items unknown>']; };
    } else if (types.isBoxedPrimitive(value)) {
      var prim, typ;
      if (types.isNumberObject(value)) { prim = formatNumber(Number.prototype.valueOf.call(value)); typ = 'Number'; }
      else if (types.isStringObject(value)) {
        prim = strEscape(String.prototype.valueOf.call(value)); typ = 'String';
        keys = keys.filter(function (k) { return !/^\d+$/.test(k) && k !== 'length'; });
      } else if (types.isBooleanObject(value)) { prim = String(Boolean.prototype.valueOf.call(value)); typ = 'Boolean'; }
      else if (types.isBigIntObject(value)) { prim = BigInt.prototype.valueOf.call(value) + 'n'; typ = 'BigInt'; }
      else { prim = Symbol.prototype.toString.call(Symbol.prototype.valueOf.call(value)); typ = 'Symbol'; }
      base = '[' + typ;
      if (typ !== ctorName) base += ctorName === null ? ' (null prototype)' : ' (' + ctorName + ')';
      base += ': ' + prim + ']';
      if (tag !== '' && tag !== ctorName) base += ' [' + tag + ']';
      if (keys.length === 0) return base;
    } else {
      if (ctorName === null) braces[0] = getPrefix(ctorName, tag, 'Object') + '{';
      else braces[0] = getPrefix(ctorName, tag, 'Object') + '{';
      if (keys.length === 0) return braces[0] + '}';
    }
  }

  if (ctx.depth !== null && recurseTimes > ctx.depth) {
    var n = (getCtorName(value) || tag || 'Object');
    if (Array.isArray(value)) n = 'Array';
    return '[' + n + ']';
  }
  recurseTimes++;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  var output;
  try {
    output = formatter(ctx, value, recurseTimes);
    for (var ki = 0; ki < keys.length; ki++) output.push(formatProperty(ctx, value, recurseTimes, keys[ki], extrasType));
  } finally {
    ctx.seen.pop();
  }
  if (ctx.circular !== undefined) {
    var idx = ctx.circular.get(value);
    if (idx !== undefined) {
      var ref = '<ref *' + idx + '>';
      if (ctx.compact !== true) base = base === '' ? ref : ref + ' ' + base;
      else braces[0] = ref + ' ' + braces[0];
    }
  }
  if (ctx.sorted) {
    var cmp = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === 0) output.sort(cmp);
  }
  var res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  var newLength = ctx.indentationLvl + res.length;
  if (newLength > ctx.breakLength * 4) ctx.budget = (ctx.budget || 0) + newLength;
  return res;
}

// An array's or typed array's own properties that are not elements. Node
// asks V8 for them without listing the elements; listing an array's keys
// here costs a step per element (goja's Object.keys on a million-element
// array runs for seconds, in one native call), so one over 10000 elements
// is taken to have none. Keys list the elements first, in order: the
// others are found by a binary search.
var indexKey = /^(0|[1-9][0-9]*)$/;
function getOwnNonIndexProperties(value, showHidden) {
  var out = [];
  if (value.length > 10000) return out;
  var names = showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
  var lo = 0, hi = names.length;
  while (lo < hi) {
    var mid = (lo + hi) >>> 1;
    if (indexKey.test(names[mid]) && Number(names[mid]) < 4294967295) lo = mid + 1;
    else hi = mid;
  }
  for (var i = lo; i < names.length; i++) out.push(names[i]);
  var syms = Object.getOwnPropertySymbols(value);
  for (var j = 0; j < syms.length; j++) {
    if (showHidden || Object.prototype.propertyIsEnumerable.call(value, syms[j])) out.push(syms[j]);
  }
  return out;
}

function formatArray(ctx, value, recurseTimes) {
  var len = value.length;
  var max = Math.min(Math.max(0, ctx.maxArrayLength), len);
  var remaining = len - max;
  var output = [];
  for (var i = 0; i < max; i++) {
    if (!hasOwn.call(value, i)) return formatArrayHoles(ctx, value, recurseTimes, max, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, 3));
  }
  if (remaining > 0) output.push('... ' + remaining + ' more item' + (remaining > 1 ? 's' : ''));
  return output;
}

function formatArrayHoles(ctx, value, recurseTimes, max, output, i) {
  var len = value.length;
  var outputLen = output.length;
  while (i < len && outputLen < max) {
    if (!hasOwn.call(value, i)) {
      var emptyItems = 0;
      var j = i;
      while (j < len && !hasOwn.call(value, j)) { j++; emptyItems++; if ((emptyItems & 4095) === 0) host.poll(); }
      output.push('<' + emptyItems + ' empty item' + (emptyItems > 1 ? 's' : '') + '>');
      i = j;
    } else {
      output.push(formatProperty(ctx, value, recurseTimes, i, 3));
      i++;
    }
    outputLen++;
  }
  var remaining = len - i;
  if (remaining > 0 && i < len) output.push('... ' + remaining + ' more item' + (remaining > 1 ? 's' : ''));
  return output;
}

function formatTypedArray(ctx, value, recurseTimes) {
  var len = value.length;
  var max = Math.min(Math.max(0, ctx.maxArrayLength), len);
  var remaining = len - max;
  var output = new Array(max);
  var big = typeof value[0] === 'bigint';
  for (var i = 0; i < max; i++) output[i] = big ? value[i] + 'n' : formatNumber(value[i]);
  if (remaining > 0) output.push('... ' + remaining + ' more item' + (remaining > 1 ? 's' : ''));
  if (ctx.showHidden) {
    ctx.indentationLvl += 2;
    ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer'].forEach(function (k) {
      output.push('[' + k + ']: ' + formatValue(ctx, value[k], recurseTimes, true));
    });
    ctx.indentationLvl -= 2;
  }
  return output;
}

function formatSet(ctx, value, recurseTimes) {
  var output = [];
  ctx.indentationLvl += 2;
  Set.prototype.forEach.call(value, function (v) { output.push(formatValue(ctx, v, recurseTimes)); });
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(ctx, value, recurseTimes) {
  var output = [];
  ctx.indentationLvl += 2;
  Map.prototype.forEach.call(value, function (v, k) {
    output.push(formatValue(ctx, k, recurseTimes) + ' => ' + formatValue(ctx, v, recurseTimes));
  });
  ctx.indentationLvl -= 2;
  return output;
}

function formatPromise(ctx, value, recurseTimes) {
  var st = host.promiseState(value);
  if (st[0] === 'pending') return ['<pending>'];
  ctx.indentationLvl += 2;
  var s = formatValue(ctx, st[1], recurseTimes);
  ctx.indentationLvl -= 2;
  return [st[0] === 'rejected' ? '<rejected> ' + s : s];
}

function formatObjectEntries() { return []; }

function formatProperty(ctx, value, recurseTimes, key, type) {
  var name, str;
  var extra = ' ';
  var desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  if (desc.value !== undefined) {
    var diff = ctx.compact !== true || type !== 0 ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < str.length + ctx.indentationLvl) extra = '\n' + ' '.repeat(ctx.indentationLvl);
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
    if (ctx.getters) {
      try {
        var tmp = desc.get.call(value);
        ctx.indentationLvl += 2;
        if (tmp === null) str = '[Getter: null]';
        else if (typeof tmp === 'object') str = str.slice(0, -1) + '] ' + formatValue(ctx, tmp, recurseTimes);
        else str = str.slice(0, -1) + ': ' + formatPrimitive(ctx, tmp) + ']';
        ctx.indentationLvl -= 2;
      } catch (err) {
        str = '[' + str.slice(1, -1) + ': <Inspection threw (' + err.message + ')>]';
      }
    }
  } else if (desc.set !== undefined) {
    str = '[Setter]';
  } else {
    str = 'undefined';
  }
  if (type === 3) return str; // an array's element
  if (typeof key === 'symbol') {
    name = '[' + key.toString() + ']';
  } else if (key === '__proto__') {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    name = '[' + (keyStrRegExp.test(key) ? key : strEscape(key)) + ']';
  } else if (keyStrRegExp.test(key)) {
    name = key;
  } else {
    name = strEscape(String(key));
  }
  return name + ':' + extra + str;
}

function isBelowBreakLength(ctx, output, start, base) {
  var totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (var i = 0; i < output.length; i++) {
    totalLength += output[i].length;
    if (totalLength > ctx.breakLength) return false;
  }
  return base === '' || base.indexOf('\n') === -1;
}

function groupArrayElements(ctx, output, value) {
  var totalLength = 0;
  var maxLength = 0;
  var outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--;
  var separatorSpace = 2;
  var dataLen = new Array(outputLength);
  for (var i = 0; i < outputLength; i++) {
    var len = output[i].length;
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  var actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
    var averageBias = Math.sqrt(actualMax - totalLength / output.length);
    var biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    var columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15);
    if (columns <= 1) return output;
    var tmp = [];
    var maxLineLength = [];
    for (var c = 0; c < columns; c++) {
      var lineLength = 0;
      for (var j = c; j < output.length; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
      maxLineLength.push(lineLength + separatorSpace);
    }
    var padStart = true;
    if (value !== undefined) {
      for (var k = 0; k < output.length; k++) {
        if (typeof value[k] !== 'number' && typeof value[k] !== 'bigint') { padStart = false; break; }
      }
    }
    for (var r = 0; r < outputLength; r += columns) {
      var max = Math.min(r + columns, outputLength);
      var str = '';
      var m = r;
      for (; m < max - 1; m++) {
        var cell = output[m] + ', ';
        str += padStart ? cell.padStart(maxLineLength[m - r], ' ') : cell.padEnd(maxLineLength[m - r], ' ');
      }
      if (padStart) str += output[m].padStart(maxLineLength[m - r] - separatorSpace, ' ');
      else str += output[m];
      tmp.push(str);
    }
    if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
    output = tmp;
  }
  return output;
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      var entries = output.length;
      if (extrasType === 1 && entries > 6) output = groupArrayElements(ctx, output, value);
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        var start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          var joined = output.join(', ');
          if (joined.indexOf('\n') === -1) return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
        }
      }
    }
    var indentation = '\n' + ' '.repeat(ctx.indentationLvl);
    return (base ? base + ' ' : '') + braces[0] + indentation + '  ' + output.join(',' + indentation + '  ') + indentation + braces[1];
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return braces[0] + (base ? ' ' + base : '') + ' ' + output.join(', ') + ' ' + braces[1];
  }
  var ind = '\n' + ' '.repeat(ctx.indentationLvl);
  var ln = base === '' && braces[0].length === 1 ? ' ' : (base ? ' ' + base : '') + ind + '  ';
  return braces[0] + ln + output.join(',' + ind + '  ') + ' ' + braces[1];
}

function inspect(value, opts) {
  var ctx = {
    budget: 0, indentationLvl: 0, seen: [], currentDepth: 0, stylize: function (s) { return s; },
    showHidden: inspectDefaultOptions.showHidden, depth: inspectDefaultOptions.depth, colors: inspectDefaultOptions.colors,
    customInspect: inspectDefaultOptions.customInspect, showProxy: inspectDefaultOptions.showProxy,
    maxArrayLength: inspectDefaultOptions.maxArrayLength, maxStringLength: inspectDefaultOptions.maxStringLength,
    breakLength: inspectDefaultOptions.breakLength, compact: inspectDefaultOptions.compact,
    sorted: inspectDefaultOptions.sorted, getters: inspectDefaultOptions.getters,
    numericSeparator: inspectDefaultOptions.numericSeparator, userOptions: undefined,
  };
  if (arguments.length > 1) {
    if (arguments.length > 2) {
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    }
    if (typeof opts === 'boolean') {
      ctx.showHidden = opts;
    } else if (opts) {
      for (var k in opts) {
        if (hasOwn.call(inspectDefaultOptions, k) || k === 'stylize') ctx[k] = opts[k];
      }
      ctx.userOptions = opts;
    }
  }
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  if (ctx.depth === Infinity) ctx.depth = null;
  return formatValue(ctx, value, 0);
}
inspect.custom = customInspect;
Object.defineProperty(inspect, 'defaultOptions', {
  get: function () { return inspectDefaultOptions; },
  set: function (o) {
    if (o === null || typeof o !== 'object') throw invalidArgType('options', 'of type object', o);
    for (var k in o) inspectDefaultOptions[k] = o[k];
  },
});
inspect.colors = Object.assign(Object.create(null), {
  reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25], inverse: [7, 27],
  hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24], black: [30, 39], red: [31, 39], green: [32, 39],
  yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], white: [37, 39], bgBlack: [40, 49], bgRed: [41, 49],
  bgGreen: [42, 49], bgYellow: [43, 49], bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
  framed: [51, 54], overlined: [53, 55], gray: [90, 39], redBright: [91, 39], greenBright: [92, 39],
  yellowBright: [93, 39], blueBright: [94, 39], magentaBright: [95, 39], cyanBright: [96, 39], whiteBright: [97, 39],
});
inspect.styles = Object.assign(Object.create(null), {
  special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey', null: 'bold',
  string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline',
});

// ---- format -------------------------------------------------------------

function formatWithOptions(inspectOptions) {
  if (inspectOptions === null || typeof inspectOptions !== 'object') throw invalidArgType('inspectOptions', 'of type object', inspectOptions);
  var args = Array.prototype.slice.call(arguments, 1);
  return formatArgs(inspectOptions, args);
}

function format() {
  return formatArgs(undefined, Array.prototype.slice.call(arguments));
}

function withOpts(opts, extra) {
  var o = {};
  if (opts) for (var k in opts) o[k] = opts[k];
  for (var j in extra) o[j] = extra[j];
  return o;
}

function formatArgs(opts, args) {
  // The result is collected in parts and joined once: goja copies a
  // string on every +=, which made a long result cost its square. Its
  // length is checked (MaxStringLen) before each part is added.
  var max = host.maxStringLen;
  var first = args[0];
  var a = 0;
  var parts = [];
  var len = 0;
  var join = '';
  var add = function (x) {
    len += x.length;
    if (len > max) host.limit("util.format's result", len);
    parts.push(x);
  };
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    var tempStr;
    var lastPos = 0;
    for (var i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) === 37) {
        var next = first.charCodeAt(++i);
        if (a + 1 !== args.length) {
          switch (next) {
            case 115: { // 's'
              var arg = args[++a];
              if (typeof arg === 'number') tempStr = formatNumber(arg);
              else if (typeof arg === 'bigint') tempStr = arg + 'n';
              else if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) tempStr = String(arg);
              else tempStr = inspect(arg, withOpts(opts, { depth: 0, colors: false, compact: 3 }));
              break;
            }
            case 106: // 'j'
              tempStr = tryStringify(args[++a]);
              break;
            case 100: { // 'd'
              var n = args[++a];
              if (typeof n === 'bigint') tempStr = n + 'n';
              else if (typeof n === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(Number(n));
              break;
            }
            case 79: // 'O'
              tempStr = inspect(args[++a], opts);
              break;
            case 111: // 'o'
              tempStr = inspect(args[++a], withOpts(opts, { showHidden: true, showProxy: true, depth: 4 }));
              break;
            case 105: { // 'i'
              var ni = args[++a];
              if (typeof ni === 'bigint') tempStr = ni + 'n';
              else if (typeof ni === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(parseInt(ni));
              break;
            }
            case 102: { // 'f'
              var nf = args[++a];
              tempStr = typeof nf === 'symbol' ? 'NaN' : formatNumber(parseFloat(nf));
              break;
            }
            case 99: // 'c'
              a += 1;
              tempStr = '';
              break;
            case 37: // '%'
              add(first.slice(lastPos, i));
              lastPos = i + 1;
              continue;
            default:
              continue;
          }
          if (lastPos !== i - 1) add(first.slice(lastPos, i - 1));
          add(tempStr);
          lastPos = i + 1;
        } else if (next === 37) {
          add(first.slice(lastPos, i));
          lastPos = i + 1;
        }
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) add(first.slice(lastPos));
    }
  }
  while (a < args.length) {
    var value = args[a];
    if (join) add(join);
    add(typeof value !== 'string' ? inspect(value, opts) : value);
    join = ' ';
    a++;
  }
  return parts.join('');
}

function hasBuiltInToString(value) {
  var proto = value;
  while (proto !== null && typeof proto === 'object') {
    if (hasOwn.call(proto, 'toString')) break;
    proto = Object.getPrototypeOf(proto);
  }
  if (proto === null) return true;
  var c = proto.constructor;
  return typeof c === 'function' && (c === Object || c === Error || c === Date || c === Array || c === RegExp ||
    c === Function || c === Map || c === Set || c === Promise || c === Symbol || c === BigInt || c === Number ||
    c === String || c === Boolean || c === TypeError || c === RangeError || c === SyntaxError);
}

function tryStringify(arg) {
  try {
    return JSON.stringify(arg);
  } catch (err) {
    if (err && err.name === 'TypeError' && /circular|cyclic/i.test(err.message)) return '[Circular]';
    throw err;
  }
}

// ---- the rest -----------------------------------------------------------

function promisify(original) {
  if (typeof original !== 'function') throw invalidArgType('original', 'of type function', original);
  if (original[customPromisify]) {
    var fn = original[customPromisify];
    if (typeof fn !== 'function') throw invalidArgType('util.promisify.custom', 'of type function', fn);
    return Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  function fnP() {
    var self = this;
    var args = Array.prototype.slice.call(arguments);
    return new Promise(function (resolve, reject) {
      args.push(function (err, v) {
        if (err) return reject(err);
        resolve(v);
      });
      Reflect.apply(original, self, args);
    });
  }
  Object.setPrototypeOf(fnP, Object.getPrototypeOf(original));
  Object.defineProperty(fnP, customPromisify, { value: fnP, enumerable: false, writable: false, configurable: true });
  var descs = Object.getOwnPropertyDescriptors(original);
  Object.keys(descs).forEach(function (k) {
    if (k === 'length' || k === 'name' || k === 'prototype' || k === 'arguments' || k === 'caller') return;
    Object.defineProperty(fnP, k, descs[k]);
  });
  return fnP;
}
promisify.custom = customPromisify;

function callbackify(original) {
  if (typeof original !== 'function') throw invalidArgType('original', 'of type function', original);
  function callbackified() {
    var args = Array.prototype.slice.call(arguments);
    var cb = args.pop();
    if (typeof cb !== 'function') throw invalidArgType('last argument', 'of type function', cb);
    var self = this;
    Reflect.apply(original, this, args).then(function (ret) {
      process.nextTick(function () { cb.call(self, null, ret); });
    }, function (rej) {
      if (!rej) {
        var e = new Error('Promise was rejected with falsy value');
        e.code = 'ERR_FALSY_VALUE_REJECTION';
        e.reason = rej;
        rej = e;
      }
      process.nextTick(function () { cb.call(self, rej); });
    });
  }
  var descs = Object.getOwnPropertyDescriptors(original);
  if (typeof descs.length.value === 'number') descs.length.value++;
  if (typeof descs.name.value === 'string') descs.name.value += 'Callbackified';
  Object.defineProperties(callbackified, { length: descs.length, name: descs.name });
  return callbackified;
}

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'of type function', ctor);
  if (superCtor === undefined || superCtor === null) throw invalidArgType('superCtor', 'of type function', superCtor);
  if (superCtor.prototype === undefined) throw invalidArgType('superCtor.prototype', 'of type object', superCtor.prototype);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

var deprecationsWarned = {};
function deprecate(fn, msg, code) {
  if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
  if (process.noDeprecation === true) return fn;
  var warned = false;
  function deprecated() {
    if (!warned) {
      warned = true;
      if (code !== undefined) {
        if (!deprecationsWarned[code]) {
          process.emitWarning(msg, 'DeprecationWarning', code);
          deprecationsWarned[code] = true;
        }
      } else {
        process.emitWarning(msg, 'DeprecationWarning');
      }
    }
    if (new.target) return Reflect.construct(fn, arguments, new.target);
    return Reflect.apply(fn, this, arguments);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

function debuglog(set, cb) {
  var enabled;
  function test() {
    if (enabled === undefined) {
      var v = (process.env.NODE_DEBUG || '').replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*').replace(/,/g, '$|^');
      enabled = v !== '' && new RegExp('^' + v + '$', 'i').test(set);
    }
    return enabled;
  }
  var logger = function () {
    if (!test()) return;
    var msg = formatArgs(undefined, Array.prototype.slice.call(arguments));
    process.stderr.write(set.toUpperCase() + ' ' + process.pid + ': ' + msg + '\n');
  };
  Object.defineProperty(logger, 'enabled', { get: test, configurable: true, enumerable: true });
  if (typeof cb === 'function') cb(logger);
  return logger;
}

function isDeepStrictEqual(a, b) {
  return require('internal/deepequal').isDeepStrictEqual(a, b);
}

function stripVTControlCharacters(str) {
  if (typeof str !== 'string') throw invalidArgType('str', 'of type string', str);
  // eslint-disable-next-line no-control-regex
  return str.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, '');
}

function toUSVString(s) {
  return String(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, function (m, pre) {
    return (pre === undefined ? '' : pre) + '\ufffd';
  });
}

function styleText(format, text) {
  if (typeof text !== 'string') throw invalidArgType('text', 'of type string', text);
  var fmts = Array.isArray(format) ? format : [format];
  var left = '', right = '';
  for (var i = 0; i < fmts.length; i++) {
    var c = inspect.colors[fmts[i]];
    if (c === undefined) throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'format' must be one of: " + Object.keys(inspect.colors).join(', ') + '. Received ' + inspect(fmts[i]));
    left += '\u001b[' + c[0] + 'm';
    right = '\u001b[' + c[1] + 'm' + right;
  }
  return left + text + right;
}

function aborted(signal, resource) {
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) throw invalidArgType('signal', 'an instance of AbortSignal', signal);
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) throw invalidArgType('resource', 'an object', resource);
  if (signal.aborted) return Promise.resolve();
  return new Promise(function (resolve) { signal.addEventListener('abort', function () { resolve(); }, { once: true }); });
}

function notAvailable(name) {
  return function () {
    var e = new Error('util.' + name + ' is not available in Tarsus functions');
    e.code = 'ERR_NOT_AVAILABLE';
    throw e;
  };
}

module.exports = {
  format: format,
  formatWithOptions: formatWithOptions,
  inspect: inspect,
  promisify: promisify,
  callbackify: callbackify,
  inherits: inherits,
  deprecate: deprecate,
  debuglog: debuglog,
  debug: debuglog,
  isDeepStrictEqual: isDeepStrictEqual,
  stripVTControlCharacters: stripVTControlCharacters,
  toUSVString: toUSVString,
  styleText: styleText,
  aborted: aborted,
  types: types,
  getSystemErrorName: function (n) { return 'Unknown system error ' + n; },
  getSystemErrorMap: function () { return new Map(); },
  parseArgs: notAvailable('parseArgs'),
  log: function () {
    var d = new Date();
    var pad = function (n) { return n < 10 ? '0' + n : String(n); };
    var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    var ts = d.getDate() + ' ' + months[d.getMonth()] + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    console.log('%s - %s', ts, formatArgs(undefined, Array.prototype.slice.call(arguments)));
  },
  _extend: function (target, source) {
    if (source === null || typeof source !== 'object') return target;
    var keys = Object.keys(source);
    for (var i = 0; i < keys.length; i++) target[keys[i]] = source[keys[i]];
    return target;
  },
  isArray: Array.isArray,
  isBoolean: function (a) { return typeof a === 'boolean'; },
  isBuffer: function (a) { return Buffer.isBuffer(a); },
  isNull: function (a) { return a === null; },
  isNullOrUndefined: function (a) { return a === null || a === undefined; },
  isNumber: function (a) { return typeof a === 'number'; },
  isString: function (a) { return typeof a === 'string'; },
  isSymbol: function (a) { return typeof a === 'symbol'; },
  isUndefined: function (a) { return a === undefined; },
  isRegExp: types.isRegExp,
  isObject: function (a) { return a !== null && typeof a === 'object'; },
  isDate: types.isDate,
  isError: function (e) { return types.isNativeError(e) || e instanceof Error; },
  isFunction: function (a) { return typeof a === 'function'; },
  isPrimitive: function (a) { return a === null || (typeof a !== 'object' && typeof a !== 'function'); },
};
// Made on first read: each is a global that has its own cost.
['TextEncoder', 'TextDecoder'].forEach(function (name) {
  Object.defineProperty(module.exports, name, {
    get: function () { return globalThis[name]; }, enumerable: true, configurable: true,
  });
});
