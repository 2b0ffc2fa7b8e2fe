// internal/domexception: DOMException, as Node 20 and browsers have it
// (name, message and the legacy code as prototype getters; an Error).
// The engine's own DOM errors (atob, crypto.getRandomValues) are made from
// this class too (runtime.go: domError).
'use strict';
var kName = Symbol('name'), kMessage = Symbol('message');
var codes = {
  IndexSizeError: 1, DOMStringSizeError: 2, HierarchyRequestError: 3, WrongDocumentError: 4,
  InvalidCharacterError: 5, NoDataAllowedError: 6, NoModificationAllowedError: 7, NotFoundError: 8,
  NotSupportedError: 9, InUseAttributeError: 10, InvalidStateError: 11, SyntaxError: 12,
  InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15, ValidationError: 16,
  TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
  QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25
};
class DOMException extends Error {
  constructor(message, options) {
    super();
    var name = 'Error';
    if (options !== null && typeof options === 'object') {
      if ('name' in options) name = String(options.name);
      if ('cause' in options) Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
    } else if (options !== undefined) {
      name = String(options);
    }
    this[kMessage] = message === undefined ? '' : String(message);
    this[kName] = name;
  }
  get name() { check(this); return this[kName]; }
  get message() { check(this); return this[kMessage]; }
  get code() { check(this); return codes[this[kName]] || 0; }
}
function check(o) {
  if (o === null || typeof o !== 'object' || !(kName in o)) throw new TypeError('Value of "this" must be of type DOMException');
}
Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });
var legacy = ['INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR',
  'INVALID_CHARACTER_ERR', 'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR',
  'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR', 'INVALID_STATE_ERR', 'SYNTAX_ERR', 'INVALID_MODIFICATION_ERR',
  'NAMESPACE_ERR', 'INVALID_ACCESS_ERR', 'VALIDATION_ERR', 'TYPE_MISMATCH_ERR', 'SECURITY_ERR',
  'NETWORK_ERR', 'ABORT_ERR', 'URL_MISMATCH_ERR', 'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR',
  'INVALID_NODE_TYPE_ERR', 'DATA_CLONE_ERR'];
legacy.forEach(function (k, i) {
  var d = { value: i + 1, enumerable: true };
  Object.defineProperty(DOMException, k, d);
  Object.defineProperty(DOMException.prototype, k, d);
});
exports.DOMException = DOMException;
