// internal/deepequal: Node 20's deep comparison (util.isDeepStrictEqual,
// assert.deepEqual and deepStrictEqual), written for the engine.
'use strict';

var types = require('util/types');
var hasOwn = Object.prototype.hasOwnProperty;
var propIsEnum = Object.prototype.propertyIsEnumerable;

var kStrict = true;
var kLoose = false;

function isEqualBoxed(a, b) {
  if (types.isNumberObject(a)) return types.isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  if (types.isStringObject(a)) return types.isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  if (types.isBooleanObject(a)) return types.isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  if (types.isBigIntObject(a)) return types.isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  if (types.isSymbolObject(a)) return types.isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
  return false;
}

function innerDeepEqual(val1, val2, strict, memos) {
  if (val1 === val2) {
    if (val1 !== 0) return true;
    return strict ? Object.is(val1, val2) : true;
  }
  if (strict) {
    if (typeof val1 !== 'object') return typeof val1 === 'number' && val1 !== val1 && val2 !== val2;
    if (typeof val2 !== 'object' || val1 === null || val2 === null) return false;
    if (Object.getPrototypeOf(val1) !== Object.getPrototypeOf(val2)) return false;
  } else {
    if (val1 === null || typeof val1 !== 'object') {
      if (val2 === null || typeof val2 !== 'object') {
        // eslint-disable-next-line eqeqeq
        return val1 == val2 || (val1 !== val1 && val2 !== val2);
      }
      return false;
    }
    if (val2 === null || typeof val2 !== 'object') return false;
  }
  var tag1 = Object.prototype.toString.call(val1);
  var tag2 = Object.prototype.toString.call(val2);
  if (tag1 !== tag2) return false;

  if (Array.isArray(val1)) {
    if (!Array.isArray(val2) || val1.length !== val2.length) return false;
    var k1 = keysNoIndex(val1, strict);
    var k2 = keysNoIndex(val2, strict);
    if (k1.length !== k2.length) return false;
    return keyCheck(val1, val2, strict, memos, 1, k1);
  } else if (tag1 === '[object Object]' && !types.isMap(val1) && !types.isSet(val1) && !types.isDate(val1) && !types.isRegExp(val1) &&
    !types.isBoxedPrimitive(val1) && !types.isNativeError(val1) && !ArrayBuffer.isView(val1) && !types.isAnyArrayBuffer(val1)) {
    if (types.isMap(val2) || types.isSet(val2)) return false;
    return keyCheck(val1, val2, strict, memos, 0);
  }
  if (types.isDate(val1)) {
    if (!types.isDate(val2) || Date.prototype.getTime.call(val1) !== Date.prototype.getTime.call(val2)) return false;
  } else if (types.isRegExp(val1)) {
    if (!types.isRegExp(val2) || val1.source !== val2.source || val1.flags !== val2.flags || val1.lastIndex !== val2.lastIndex) return false;
  } else if (types.isNativeError(val1) || val1 instanceof Error) {
    if ((!types.isNativeError(val2) && !(val2 instanceof Error)) || val1.message !== val2.message || val1.name !== val2.name) return false;
    if (strict && ('cause' in val1 !== 'cause' in val2 || !innerDeepEqual(val1.cause, val2.cause, strict, memos))) return false;
    if (strict && ('errors' in val1 !== 'errors' in val2 || !innerDeepEqual(val1.errors, val2.errors, strict, memos))) return false;
  } else if (ArrayBuffer.isView(val1)) {
    if (!ArrayBuffer.isView(val2)) return false;
    if (types.isTypedArray(val1) !== types.isTypedArray(val2)) return false;
    if (!strict && (types.isFloat32Array(val1) || types.isFloat64Array(val1))) {
      if (val1.length !== val2.length) return false;
      for (var i = 0; i < val1.length; i++) if (val1[i] !== val2[i]) return false;
    } else {
      if (val1.byteLength !== val2.byteLength || !host.bytesEqual(u8(val1), u8(val2))) return false;
    }
    var kk1 = keysNoIndex(val1, strict);
    var kk2 = keysNoIndex(val2, strict);
    if (kk1.length !== kk2.length) return false;
    return keyCheck(val1, val2, strict, memos, 0, kk1);
  } else if (types.isSet(val1)) {
    if (!types.isSet(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, 2);
  } else if (types.isMap(val1)) {
    if (!types.isMap(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, 3);
  } else if (types.isAnyArrayBuffer(val1)) {
    if (!types.isAnyArrayBuffer(val2) || val1.byteLength !== val2.byteLength) return false;
    if (!host.bytesEqual(val1, val2)) return false;
  } else if (types.isBoxedPrimitive(val1)) {
    if (!isEqualBoxed(val1, val2)) return false;
  } else if (Array.isArray(val2) || ArrayBuffer.isView(val2) || types.isSet(val2) || types.isMap(val2) ||
    types.isDate(val2) || types.isRegExp(val2) || types.isAnyArrayBuffer(val2) || types.isBoxedPrimitive(val2) ||
    types.isNativeError(val2) || val2 instanceof Error) {
    return false;
  }
  return keyCheck(val1, val2, strict, memos, 0);
}

function u8(v) { return new Uint8Array(v.buffer, v.byteOffset, v.byteLength); }

// keysNoIndex: o's enumerable keys that are not element indices. Keys
// list the indices first, in order: a binary search finds where they end.
var indexKey = /^(0|[1-9][0-9]*)$/;
function keysNoIndex(o, strict) {
  // A typed array's keys would be listed in one native step: one over
  // 10000 elements is taken to have no other keys (as util.inspect does).
  if (!Array.isArray(o) && o.length > 10000) return [];
  var all = Object.keys(o);
  var lo = 0, hi = all.length;
  while (lo < hi) {
    var mid = (lo + hi) >>> 1;
    if (indexKey.test(all[mid]) && Number(all[mid]) < 4294967295) lo = mid + 1;
    else hi = mid;
  }
  var keys = all.slice(lo);
  if (strict) {
    var syms = Object.getOwnPropertySymbols(o);
    for (var i = 0; i < syms.length; i++) if (propIsEnum.call(o, syms[i])) keys.push(syms[i]);
  }
  return keys;
}

// iterationType: 0 object, 1 array, 2 set, 3 map.
function keyCheck(val1, val2, strict, memos, iterationType, aKeys) {
  if (aKeys === undefined) {
    aKeys = Object.keys(val1);
    var bKeys = Object.keys(val2);
    if (aKeys.length !== bKeys.length) return false;
    for (var i = 0; i < aKeys.length; i++) if (!propIsEnum.call(val2, aKeys[i])) return false;
    if (strict) {
      var s1 = Object.getOwnPropertySymbols(val1);
      var count = 0;
      for (var j = 0; j < s1.length; j++) {
        if (propIsEnum.call(val1, s1[j])) {
          if (!propIsEnum.call(val2, s1[j])) return false;
          aKeys.push(s1[j]);
          count++;
        } else if (propIsEnum.call(val2, s1[j])) {
          return false;
        }
      }
      var s2 = Object.getOwnPropertySymbols(val2);
      if (s1.length !== s2.length) {
        var c2 = 0;
        for (var q = 0; q < s2.length; q++) if (propIsEnum.call(val2, s2[q])) c2++;
        if (count !== c2) return false;
      }
    }
  } else {
    for (var a = 0; a < aKeys.length; a++) if (!propIsEnum.call(val2, aKeys[a])) return false;
  }
  if (aKeys.length === 0 && (iterationType === 0 || (iterationType === 1 && val1.length === 0) || val1.size === 0)) return true;
  if (memos === undefined) {
    memos = { val1: new Map(), val2: new Map(), position: 0 };
  } else {
    var m1 = memos.val1.get(val1);
    if (m1 !== undefined) {
      var m2 = memos.val2.get(val2);
      if (m2 !== undefined) return m1 === m2;
    }
    memos.position++;
  }
  memos.val1.set(val1, memos.position);
  memos.val2.set(val2, memos.position);
  var res = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
  memos.val1.delete(val1);
  memos.val2.delete(val2);
  return res;
}

function setHasEqualElement(set, val1, strict, memo) {
  var found = false;
  set.forEach(function (val2) {
    if (!found && innerDeepEqual(val1, val2, strict, memo)) {
      set.delete(val2);
      found = true;
    }
  });
  return found;
}

function findLooseMatchingPrimitives(prim) {
  switch (typeof prim) {
    case 'undefined': return null;
    case 'object': return undefined;
    case 'symbol': return false;
    case 'string': prim = +prim; // falls through
    case 'number': if (prim !== prim) return false;
  }
  return true;
}

function setMightHaveLoosePrim(a, b, prim) {
  var altValue = findLooseMatchingPrimitives(prim);
  if (altValue != null) return altValue;
  return b.has(altValue) && !a.has(altValue);
}

function mapMightHaveLoosePrim(a, b, prim, item, memo) {
  var altValue = findLooseMatchingPrimitives(prim);
  if (altValue != null) return altValue;
  var curB = b.get(altValue);
  if ((curB === undefined && !b.has(altValue)) || !innerDeepEqual(item, curB, false, memo)) return false;
  return !a.has(altValue) && innerDeepEqual(item, curB, false, memo);
}

function setEquiv(a, b, strict, memo) {
  var set = null;
  var ok = true;
  a.forEach(function (val) {
    if (!ok) return;
    if (typeof val === 'object' && val !== null) {
      if (set === null) set = new Set();
      set.add(val);
    } else if (!b.has(val)) {
      if (strict) { ok = false; return; }
      if (!setMightHaveLoosePrim(a, b, val)) { ok = false; return; }
      if (set === null) set = new Set();
      set.add(val);
    }
  });
  if (!ok) return false;
  if (set !== null) {
    b.forEach(function (val) {
      if (!ok) return;
      if (typeof val === 'object' && val !== null) {
        if (!setHasEqualElement(set, val, strict, memo)) ok = false;
      } else if (!strict && !a.has(val) && !setHasEqualElement(set, val, strict, memo)) {
        ok = false;
      }
    });
    return ok && set.size === 0;
  }
  return true;
}

function mapHasEqualEntry(set, map, key1, item1, strict, memo) {
  var found = false;
  set.forEach(function (key2) {
    if (!found && innerDeepEqual(key1, key2, strict, memo) && innerDeepEqual(item1, map.get(key2), strict, memo)) {
      set.delete(key2);
      found = true;
    }
  });
  return found;
}

function mapEquiv(a, b, strict, memo) {
  var set = null;
  var ok = true;
  a.forEach(function (item1, key) {
    if (!ok) return;
    if (typeof key === 'object' && key !== null) {
      if (set === null) set = new Set();
      set.add(key);
    } else {
      var item2 = b.get(key);
      if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, strict, memo)) {
        if (strict) { ok = false; return; }
        if (!mapMightHaveLoosePrim(a, b, key, item1, memo)) { ok = false; return; }
        if (set === null) set = new Set();
        set.add(key);
      }
    }
  });
  if (!ok) return false;
  if (set !== null) {
    b.forEach(function (item, key) {
      if (!ok) return;
      if (typeof key === 'object' && key !== null) {
        if (!mapHasEqualEntry(set, a, key, item, strict, memo)) ok = false;
      } else if (!strict && (!a.has(key) || !innerDeepEqual(a.get(key), item, false, memo)) &&
        !mapHasEqualEntry(set, a, key, item, false, memo)) {
        ok = false;
      }
    });
    return ok && set.size === 0;
  }
  return true;
}

function objEquiv(a, b, strict, keys, memos, iterationType) {
  var i;
  if (iterationType === 2) {
    if (!setEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === 3) {
    if (!mapEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === 1) {
    for (i = 0; i < a.length; i++) {
      if (hasOwn.call(a, i)) {
        if (!hasOwn.call(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) return false;
      } else if (hasOwn.call(b, i)) {
        return false;
      } else {
        var keysA = Object.keys(a);
        for (; i < keysA.length; i++) {
          var key = keysA[i];
          if (!hasOwn.call(b, key) || !innerDeepEqual(a[key], b[key], strict, memos)) return false;
        }
        if (keysA.length !== Object.keys(b).length) return false;
        return true;
      }
    }
  }
  for (i = 0; i < keys.length; i++) {
    var k = keys[i];
    if (!innerDeepEqual(a[k], b[k], strict, memos)) return false;
  }
  return true;
}

module.exports = {
  isDeepEqual: function (a, b) { return innerDeepEqual(a, b, kLoose); },
  isDeepStrictEqual: function (a, b) { return innerDeepEqual(a, b, kStrict); },
};
