// node:util/types. Brand checks (a built-in method that throws on the
// wrong kind of object) where JavaScript has them, host.cls (the object's
// internal kind, from Go) for promises and proxies, which it has not.
'use strict';

function brand(method) {
  return function (v) {
    if (v === null || typeof v !== 'object') return false;
    try {
      method.call(v);
      return true;
    } catch (e) {
      return false;
    }
  };
}

var taTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
function taKind(v) {
  if (v === null || typeof v !== 'object') return undefined;
  return taTag.call(v);
}
function isTA(name) {
  return function (v) { return taKind(v) === name; };
}
var tagOf = function (v) { return Object.prototype.toString.call(v); };

var isMap = brand(Object.getOwnPropertyDescriptor(Map.prototype, 'size').get);
var isSet = brand(Object.getOwnPropertyDescriptor(Set.prototype, 'size').get);
var isDate = brand(Date.prototype.getTime);
var isNumberObject = brand(Number.prototype.valueOf);
var isStringObject = brand(String.prototype.valueOf);
var isBooleanObject = brand(Boolean.prototype.valueOf);
var isBigIntObject = brand(BigInt.prototype.valueOf);
var isSymbolObject = brand(Symbol.prototype.valueOf);
var abLen = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
var isArrayBuffer = brand(abLen);
var dvLen = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get;
var isDataView = brand(dvLen);

function isNativeError(v) {
  return v !== null && typeof v === 'object' && host.cls(v) === 'Error';
}

function fnTag(v, tag) {
  return typeof v === 'function' && tagOf(v) === '[object ' + tag + ']';
}

module.exports = {
  isAnyArrayBuffer: isArrayBuffer,
  isArrayBuffer: isArrayBuffer,
  isSharedArrayBuffer: function () { return false; },
  isArrayBufferView: function (v) { return ArrayBuffer.isView(v); },
  isArgumentsObject: function (v) { return v !== null && typeof v === 'object' && host.cls(v) === 'Arguments'; },
  isAsyncFunction: function (v) { return fnTag(v, 'AsyncFunction') || fnTag(v, 'AsyncGeneratorFunction'); },
  isGeneratorFunction: function (v) { return fnTag(v, 'GeneratorFunction') || fnTag(v, 'AsyncGeneratorFunction'); },
  isGeneratorObject: function (v) { return v !== null && typeof v === 'object' && tagOf(v) === '[object Generator]'; },
  isBigInt64Array: isTA('BigInt64Array'),
  isBigUint64Array: isTA('BigUint64Array'),
  isBooleanObject: isBooleanObject,
  isBoxedPrimitive: function (v) {
    return isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isBigIntObject(v) || isSymbolObject(v);
  },
  isBigIntObject: isBigIntObject,
  isDataView: isDataView,
  isDate: isDate,
  isExternal: function () { return false; },
  isFloat32Array: isTA('Float32Array'),
  isFloat64Array: isTA('Float64Array'),
  isInt8Array: isTA('Int8Array'),
  isInt16Array: isTA('Int16Array'),
  isInt32Array: isTA('Int32Array'),
  isMap: isMap,
  isMapIterator: function (v) { return v !== null && typeof v === 'object' && tagOf(v) === '[object Map Iterator]'; },
  isModuleNamespaceObject: function (v) { return v !== null && typeof v === 'object' && tagOf(v) === '[object Module]' && Object.getPrototypeOf(v) === null; },
  isNativeError: isNativeError,
  isNumberObject: isNumberObject,
  isPromise: function (v) { return v !== null && typeof v === 'object' && host.cls(v) === 'Promise'; },
  isProxy: function (v) { return v !== null && (typeof v === 'object' || typeof v === 'function') && host.cls(v) === 'Proxy'; },
  isRegExp: function (v) { return v !== null && typeof v === 'object' && host.cls(v) === 'RegExp'; },
  isSet: isSet,
  isSetIterator: function (v) { return v !== null && typeof v === 'object' && tagOf(v) === '[object Set Iterator]'; },
  isStringObject: isStringObject,
  isSymbolObject: isSymbolObject,
  isTypedArray: function (v) { return taKind(v) !== undefined; },
  isUint8Array: isTA('Uint8Array'),
  isUint8ClampedArray: isTA('Uint8ClampedArray'),
  isUint16Array: isTA('Uint16Array'),
  isUint32Array: isTA('Uint32Array'),
  isWeakMap: brand(function () { return WeakMap.prototype.has.call(this, {}); }),
  isWeakSet: brand(function () { return WeakSet.prototype.has.call(this, {}); }),
  isKeyObject: function (v) { return v !== null && typeof v === 'object' && tagOf(v) === '[object KeyObject]'; },
  isCryptoKey: function (v) { return v !== null && typeof v === 'object' && tagOf(v) === '[object CryptoKey]'; },
};
