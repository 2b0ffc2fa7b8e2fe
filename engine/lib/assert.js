// node:assert and node:assert/strict, written for the engine after Node
// 20's messages (AssertionError's diff is Node 20's line diff).
'use strict';

var util = require('util');
var inspect = util.inspect;
var deep = require('internal/deepequal');

var kReadableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};
var kMaxShortLength = 12;

function inspectValue(val) {
  return inspect(val, {
    compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity,
    showHidden: false, showProxy: false, sorted: true, getters: true,
  });
}

function isObj(v) { return (typeof v === 'object' && v !== null) || typeof v === 'function'; }

// createErrDiff is Node 20's line diff of the two values' inspections:
// trailing identical lines are folded, runs of identical lines in the
// middle are cut to their ends, and diverging lines are grouped as
// "+ actual" then "- expected".
function createErrDiff(actual, expected, operator, custom) {
  var other = '', res = '', end = '', skipped = false;
  var actualInspected = inspectValue(actual);
  var actualLines = actualInspected.split('\n');
  var expectedLines = inspectValue(expected).split('\n');
  var i = 0;
  var indicator = '';
  if (operator === 'strictEqual' && ((typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) ||
    (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  var head = custom !== undefined ? custom : kReadableOperator[operator];
  if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
    var c = actualLines[0].length + expectedLines[0].length;
    if (typeof actual === 'string') c -= 2;
    if (typeof expected === 'string') c -= 2;
    if (c <= kMaxShortLength) {
      if ((typeof actual !== 'object' || actual === null) && (typeof expected !== 'object' || expected === null) && (actual !== 0 || expected !== 0)) {
        return head + '\n\n' + actualLines[0] + ' !== ' + expectedLines[0] + '\n';
      }
    } else if (operator !== 'strictEqualObject') {
      var inputLength = actualLines[0].length + expectedLines[0].length;
      if (inputLength < 80) {
        while (actualLines[0][i] === expectedLines[0][i]) i++;
        if (i > 2) {
          indicator = '\n  ' + ' '.repeat(i) + '^';
          i = 0;
        }
      }
    }
  }
  var a = actualLines[actualLines.length - 1];
  var b = expectedLines[expectedLines.length - 1];
  while (a === b) {
    if (i++ < 3) end = '\n  ' + a + end;
    else other = a;
    actualLines.pop();
    expectedLines.pop();
    if (actualLines.length === 0 || expectedLines.length === 0) break;
    a = actualLines[actualLines.length - 1];
    b = expectedLines[expectedLines.length - 1];
  }
  var maxLines = Math.max(actualLines.length, expectedLines.length);
  if (maxLines === 0) {
    var aLines = actualInspected.split('\n');
    if (aLines.length > 50) {
      aLines[46] = '...';
      while (aLines.length > 47) aLines.pop();
    }
    return (custom !== undefined ? custom : kReadableOperator.notIdentical) + '\n\n' + aLines.join('\n') + '\n';
  }
  if (i >= 5) {
    end = '\n...' + end;
    skipped = true;
  }
  if (other !== '') {
    end = '\n  ' + other + end;
    other = '';
  }
  var printedLines = 0;
  var identical = 0;
  var msg = head + '\n+ actual - expected';
  var skippedMsg = ' ... Lines skipped';
  var lines = actualLines;
  var plusMinus = '+';
  var maxLength = expectedLines.length;
  if (actualLines.length < maxLines) {
    lines = expectedLines;
    plusMinus = '-';
    maxLength = actualLines.length;
  }
  var flushIdentical = function (src, at) {
    if (identical > 2) {
      if (identical > 3) {
        if (identical > 4) {
          if (identical === 5) {
            res += '\n  ' + src[at - 3];
            printedLines++;
          } else {
            res += '\n...';
            skipped = true;
          }
        }
        res += '\n  ' + src[at - 2];
        printedLines++;
      }
      res += '\n  ' + src[at - 1];
      printedLines++;
    }
    identical = 0;
  };
  for (i = 0; i < maxLines; i++) {
    if (maxLength < i + 1) {
      flushIdentical(lines, i);
      if (lines === actualLines) res += '\n' + plusMinus + ' ' + lines[i];
      else other += '\n' + plusMinus + ' ' + lines[i];
      printedLines++;
    } else {
      var expectedLine = expectedLines[i];
      var actualLine = actualLines[i];
      var diverging = actualLine !== expectedLine && (actualLine.slice(-1) !== ',' || actualLine.slice(0, -1) !== expectedLine);
      if (diverging && expectedLine.slice(-1) === ',' && expectedLine.slice(0, -1) === actualLine) {
        diverging = false;
        actualLine += ',';
      }
      if (diverging) {
        flushIdentical(actualLines, i);
        res += '\n+ ' + actualLine;
        other += '\n- ' + expectedLine;
        printedLines += 2;
      } else {
        res += other;
        other = '';
        identical++;
        if (identical <= 2) {
          res += '\n  ' + actualLine;
          printedLines++;
        }
      }
    }
    if (printedLines > 50 && i < maxLines - 2) {
      return msg + skippedMsg + '\n' + res + '\n...' + other + '\n...';
    }
  }
  return msg + (skipped ? skippedMsg : '') + '\n' + res + other + end + indicator;
}

function AssertionError(options) {
  if (options === null || typeof options !== 'object') {
    var te = new TypeError('The "options" argument must be of type object.');
    te.code = 'ERR_INVALID_ARG_TYPE';
    throw te;
  }
  var message = options.message;
  var operator = options.operator;
  var actual = options.actual;
  var expected = options.expected;
  var text;
  if (message != null) {
    if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
      text = createErrDiff(actual, expected, operator, String(message));
    } else {
      text = String(message);
    }
  } else if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
    text = createErrDiff(actual, expected, operator);
  } else if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    var base = kReadableOperator[operator];
    var res = inspectValue(actual).split('\n');
    if (operator === 'notStrictEqual' && isObj(actual)) base = kReadableOperator.notStrictEqualObject;
    if (res.length > 50) {
      res[46] = '...';
      while (res.length > 47) res.pop();
    }
    if (res.length === 1) text = base + (res[0].length > 5 ? '\n\n' : ' ') + res[0];
    else text = base + '\n\n' + res.join('\n') + '\n';
  } else {
    var r = inspectValue(actual);
    var other = inspectValue(expected);
    var known = kReadableOperator[operator];
    if (operator === 'notDeepEqual' && r === other) {
      r = known + '\n\n' + r;
      if (r.length > 1024) r = r.slice(0, 1021) + '...';
      text = r;
    } else {
      if (r.length > 512) r = r.slice(0, 509) + '...';
      if (other.length > 512) other = other.slice(0, 509) + '...';
      if (operator === 'deepEqual') {
        r = known + '\n\n' + r + '\n\nshould loosely deep-equal\n\n';
      } else {
        var newOp = kReadableOperator[operator + 'Unequal'];
        if (newOp) r = newOp + '\n\n' + r + '\n\nshould not loosely deep-equal\n\n';
        else other = ' ' + operator + ' ' + other;
      }
      text = r + other;
    }
  }
  var self = Reflect.construct(Error, [text], new.target || AssertionError);
  self.generatedMessage = message == null;
  self.code = 'ERR_ASSERTION';
  self.actual = actual;
  self.expected = expected;
  self.operator = operator;
  Object.defineProperty(self, 'name', { value: 'AssertionError', enumerable: false, writable: true, configurable: true });
  return self;
}
Object.setPrototypeOf(AssertionError.prototype, Error.prototype);
Object.setPrototypeOf(AssertionError, Error);
AssertionError.prototype.toString = function () { return this.name + ' [' + this.code + ']: ' + this.message; };

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

function innerOk(fn, argLen, value, message) {
  if (!value) {
    var generated = false;
    if (argLen === 0) {
      generated = true;
      message = 'No value argument passed to `assert.ok()`';
    } else if (message == null) {
      generated = true;
      message = inspect(value) + ' == true';
    } else if (message instanceof Error) {
      throw message;
    }
    var err = new AssertionError({ actual: value, expected: true, message: message, operator: '==', stackStartFn: fn });
    err.generatedMessage = generated;
    throw err;
  }
}

function ok() { innerOk(ok, arguments.length, arguments[0], arguments[1]); }
var assert = function assert() { innerOk(assert, arguments.length, arguments[0], arguments[1]); };

function missingArgs() {
  var e = new TypeError('The "actual" and "expected" arguments must be specified');
  e.code = 'ERR_MISSING_ARGS';
  return e;
}

function fail(actual, expected, message, operator) {
  var argsLen = arguments.length;
  var internalMessage = false;
  if (actual == null && argsLen <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argsLen === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (argsLen === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  var errArgs = { actual: actual, expected: expected, operator: operator === undefined ? 'fail' : operator, message: message };
  var err = new AssertionError(errArgs);
  if (internalMessage) err.generatedMessage = true;
  throw err;
}

function cmp(name, test, operator) {
  return function (actual, expected, message) {
    if (arguments.length < 2) throw missingArgs();
    if (!test(actual, expected)) innerFail({ actual: actual, expected: expected, message: message, operator: operator || name });
  };
}

/* eslint-disable eqeqeq */
var equal = cmp('equal', function (a, b) { return a == b || (a !== a && b !== b); }, '==');
var notEqual = cmp('notEqual', function (a, b) { return !(a == b || (a !== a && b !== b)); }, '!=');
/* eslint-enable eqeqeq */
var strictEqual = cmp('strictEqual', Object.is);
var notStrictEqual = cmp('notStrictEqual', function (a, b) { return !Object.is(a, b); });
var deepEqual = cmp('deepEqual', deep.isDeepEqual);
var notDeepEqual = cmp('notDeepEqual', function (a, b) { return !deep.isDeepEqual(a, b); });
var deepStrictEqual = cmp('deepStrictEqual', deep.isDeepStrictEqual);
var notDeepStrictEqual = cmp('notDeepStrictEqual', function (a, b) { return !deep.isDeepStrictEqual(a, b); });

var NO_EXCEPTION = {};

function getActual(fn) {
  if (typeof fn !== 'function') {
    var e = new TypeError('The "fn" argument must be of type function.' + received(fn));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

function received(v) {
  if (v == null) return ' Received ' + v;
  if (typeof v === 'function') return ' Received function ' + v.name;
  if (typeof v === 'object') return ' Received an instance of ' + (v.constructor && v.constructor.name || 'Object');
  var s = inspect(v);
  if (s.length > 28) s = s.slice(0, 25) + '...';
  return ' Received type ' + typeof v + ' (' + s + ')';
}

function checkIsPromise(obj) {
  return util.types.isPromise(obj) || (obj !== null && typeof obj === 'object' && typeof obj.then === 'function' && typeof obj.catch === 'function');
}

function waitForActual(promiseFn) {
  return Promise.resolve().then(function () {
    var resultPromise;
    if (typeof promiseFn === 'function') {
      resultPromise = promiseFn();
      if (!checkIsPromise(resultPromise)) {
        var e = new TypeError('Expected instance of Promise to be returned from the "promiseFn" function but got ' + (resultPromise === null ? 'null' : resultPromise === undefined ? 'undefined' : 'type ' + typeof resultPromise) + '.');
        e.code = 'ERR_INVALID_RETURN_VALUE';
        throw e;
      }
    } else if (checkIsPromise(promiseFn)) {
      resultPromise = promiseFn;
    } else {
      var te = new TypeError('The "promiseFn" argument must be of type function or an instance of Promise.' + received(promiseFn));
      te.code = 'ERR_INVALID_ARG_TYPE';
      throw te;
    }
    return resultPromise.then(function () { return NO_EXCEPTION; }, function (e) { return e; });
  });
}

function Comparison(obj, keys, actual) {
  for (var i = 0; i < keys.length; i++) {
    var k = keys[i];
    if (k in obj) {
      if (actual !== undefined && typeof actual[k] === 'string' && util.types.isRegExp(obj[k]) && RegExp.prototype.exec.call(obj[k], actual[k]) !== null) {
        this[k] = actual[k];
      } else {
        this[k] = obj[k];
      }
    }
  }
}

function compareExceptionKey(actual, expected, key, message, keys, fn) {
  if (!(key in actual) || !deep.isDeepStrictEqual(actual[key], expected[key])) {
    if (!message) {
      var a = new Comparison(actual, keys);
      var b = new Comparison(expected, keys, actual);
      var err = new AssertionError({ actual: a, expected: b, operator: 'deepStrictEqual', stackStartFn: fn });
      err.actual = actual;
      err.expected = expected;
      err.operator = fn.name;
      throw err;
    }
    innerFail({ actual: actual, expected: expected, message: message, operator: fn.name, stackStartFn: fn });
  }
}

function expectedException(actual, expected, message, fn) {
  var generatedMessage = false;
  var throwError = false;
  if (typeof expected !== 'function') {
    if (util.types.isRegExp(expected)) {
      var str = String(actual);
      if (RegExp.prototype.exec.call(expected, str) !== null) return;
      if (!message) {
        generatedMessage = true;
        message = 'The input did not match the regular expression ' + inspect(expected) + '. Input:\n\n' + inspect(str) + '\n';
      }
      throwError = true;
    } else if (typeof actual !== 'object' || actual === null) {
      var err = new AssertionError({ actual: actual, expected: expected, message: message, operator: 'deepStrictEqual', stackStartFn: fn });
      err.operator = fn.name;
      throw err;
    } else {
      var keys = Object.keys(expected);
      if (expected instanceof Error) keys.push('name', 'message');
      else if (keys.length === 0) {
        var ie = new TypeError("The argument 'error' may not be an empty object. Received {}");
        ie.code = 'ERR_INVALID_ARG_VALUE';
        throw ie;
      }
      for (var i = 0; i < keys.length; i++) {
        var key = keys[i];
        if (typeof actual[key] === 'string' && util.types.isRegExp(expected[key]) && RegExp.prototype.exec.call(expected[key], actual[key]) !== null) continue;
        compareExceptionKey(actual, expected, key, message, keys, fn);
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (Error.isPrototypeOf(expected) || expected === Error) {
    if (!message) {
      generatedMessage = true;
      message = 'The error is expected to be an instance of "' + expected.name + '". Received ';
      if (actual instanceof Error) message += '"' + actual.name + '"';
      else message += '"' + inspect(actual, { depth: -1 }) + '"';
      if (actual && actual.message !== undefined) message += '\n\nError message:\n\n' + actual.message;
    }
    throwError = true;
  } else {
    var res = Reflect.apply(expected, {}, [actual]);
    if (res !== true) {
      if (!message) {
        generatedMessage = true;
        var name = expected.name ? '"' + expected.name + '" ' : '';
        message = 'The ' + name + 'validation function is expected to return "true". Received ' + inspect(res);
        if (actual instanceof Error) message += '\n\nCaught error:\n\n' + actual;
      }
      throwError = true;
    }
  }
  if (throwError) {
    var e2 = new AssertionError({ actual: actual, expected: expected, message: message, operator: fn.name, stackStartFn: fn });
    e2.generatedMessage = generatedMessage;
    throw e2;
  }
}

function expectsError(fn, actual, error, message) {
  if (typeof error === 'string') {
    if (arguments.length === 4) {
      var e = new TypeError('The "error" argument must be of type function or an instance of Error, RegExp, or Object.' + received(error));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) {
        var ae = new TypeError('The "error/message" argument is ambiguous. The error message "' + actual.message + '" is identical to the message.');
        ae.code = 'ERR_AMBIGUOUS_ARGUMENT';
        throw ae;
      }
    } else if (actual === error) {
      var ae2 = new TypeError('The "error/message" argument is ambiguous. The error "' + actual + '" is identical to the message.');
      ae2.code = 'ERR_AMBIGUOUS_ARGUMENT';
      throw ae2;
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    var te = new TypeError('The "error" argument must be of type function or an instance of Error, RegExp, or Object.' + received(error));
    te.code = 'ERR_INVALID_ARG_TYPE';
    throw te;
  }
  if (actual === NO_EXCEPTION) {
    var details = '';
    if (error && error.name) details += ' (' + error.name + ')';
    details += message ? ': ' + message : '.';
    var fnType = fn === rejects ? 'rejection' : 'exception';
    innerFail({ actual: undefined, expected: error, operator: fn.name, message: 'Missing expected ' + fnType + details, stackStartFn: fn });
  }
  if (!error) return;
  expectedException(actual, error, message, fn);
}

function hasMatchingError(actual, expected) {
  if (typeof expected !== 'function') {
    if (util.types.isRegExp(expected)) return RegExp.prototype.exec.call(expected, String(actual)) !== null;
    var e = new TypeError('The "expected" argument must be of type function or an instance of RegExp.' + received(expected));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Error.isPrototypeOf(expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(fn, actual, error, message) {
  if (actual === NO_EXCEPTION) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    var details = message ? ': ' + message : '.';
    var fnType = fn === doesNotReject ? 'rejection' : 'exception';
    innerFail({ actual: actual, expected: error, operator: fn.name,
      message: 'Got unwanted ' + fnType + details + '\nActual message: "' + (actual && actual.message) + '"', stackStartFn: fn });
  }
  throw actual;
}

function throws(promiseFn) {
  expectsError.apply(undefined, [throws, getActual(promiseFn)].concat(Array.prototype.slice.call(arguments, 1)));
}
function rejects(promiseFn) {
  var args = Array.prototype.slice.call(arguments, 1);
  return waitForActual(promiseFn).then(function (actual) { expectsError.apply(undefined, [rejects, actual].concat(args)); });
}
function doesNotThrow(fn) {
  expectsNoError.apply(undefined, [doesNotThrow, getActual(fn)].concat(Array.prototype.slice.call(arguments, 1)));
}
function doesNotReject(fn) {
  var args = Array.prototype.slice.call(arguments, 1);
  return waitForActual(fn).then(function (actual) { expectsNoError.apply(undefined, [doesNotReject, actual].concat(args)); });
}

function ifError(err) {
  if (err !== null && err !== undefined) {
    var message = 'ifError got unwanted exception: ';
    if (typeof err === 'object' && typeof err.message === 'string') {
      if (err.message.length === 0 && err.constructor) message += err.constructor.name;
      else message += err.message;
    } else {
      message += inspect(err);
    }
    var newErr = new AssertionError({ actual: err, expected: null, operator: 'ifError', message: message, stackStartFn: ifError });
    newErr.origStack = err.stack;
    throw newErr;
  }
}

function internalMatch(string, regexp, message, fn) {
  if (!util.types.isRegExp(regexp)) {
    var e = new TypeError('The "regexp" argument must be an instance of RegExp.' + received(regexp));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  var match = fn === match_;
  if (typeof string !== 'string' || (RegExp.prototype.exec.call(regexp, string) !== null) !== match) {
    if (message instanceof Error) throw message;
    var generatedMessage = !message;
    message = message || (typeof string !== 'string' ?
      'The "string" argument must be of type string. Received type ' + typeof string + ' (' + inspect(string) + ')' :
      (match ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ') +
      inspect(regexp) + '. Input:\n\n' + inspect(string) + '\n');
    var err = new AssertionError({ actual: string, expected: regexp, message: message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}
function match_(string, regexp, message) { internalMatch(string, regexp, message, match_); }
Object.defineProperty(match_, 'name', { value: 'match' });
function doesNotMatch(string, regexp, message) { internalMatch(string, regexp, message, doesNotMatch); }

function CallTracker() {
  var e = new Error('assert.CallTracker is not available in Tarsus functions');
  e.code = 'ERR_NOT_AVAILABLE';
  throw e;
}

function setup(a, strictMode) {
  a.fail = fail;
  a.ok = ok;
  a.equal = strictMode ? strictEqual : equal;
  a.notEqual = strictMode ? notStrictEqual : notEqual;
  a.deepEqual = strictMode ? deepStrictEqual : deepEqual;
  a.notDeepEqual = strictMode ? notDeepStrictEqual : notDeepEqual;
  a.deepStrictEqual = deepStrictEqual;
  a.notDeepStrictEqual = notDeepStrictEqual;
  a.strictEqual = strictEqual;
  a.notStrictEqual = notStrictEqual;
  a.throws = throws;
  a.rejects = rejects;
  a.doesNotThrow = doesNotThrow;
  a.doesNotReject = doesNotReject;
  a.ifError = ifError;
  a.match = match_;
  a.doesNotMatch = doesNotMatch;
  a.AssertionError = AssertionError;
  a.CallTracker = CallTracker;
}
setup(assert, false);

// Each deepStrictEqual name of the strict object is the strict comparison.
var strict = function strict() { innerOk(strict, arguments.length, arguments[0], arguments[1]); };
setup(strict, true);
assert.strict = strict;
strict.strict = strict;

// Names as Node's (cmp made anonymous closures).
[['equal', equal], ['notEqual', notEqual], ['strictEqual', strictEqual], ['notStrictEqual', notStrictEqual],
  ['deepEqual', deepEqual], ['notDeepEqual', notDeepEqual], ['deepStrictEqual', deepStrictEqual],
  ['notDeepStrictEqual', notDeepStrictEqual]].forEach(function (p) {
  Object.defineProperty(p[1], 'name', { value: p[0] });
});
module.exports = assert;
